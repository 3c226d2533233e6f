import { python } from '../../escape.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';
import { witText } from '../../wit.js';
import { WIT_CRATES } from '../../versions.js';

const { wasmcloudRuntime } = WIT_CRATES;

export const logging = defineInterface({
  id: 'logging',
  title: 'Logging',
  summary: 'Write structured log lines to the host (imports wasi:logging/logging)',
  direction: 'import',
  imports: ['wasi:logging/logging'],
  exports: [],
  packages: ['wasi:logging'],
  wit: {
    'wasi:logging': {
      texts: [
        witText('wasi:logging@0.1.0-draft', [], { crate: wasmcloudRuntime, dir: 'wit/deps/logging', files: ['logging', 'world'] }, [
          'wit/wasi-logging',
          'wasmcloud2/wit/deps/wasi-logging-0.1.0-draft',
        ]),
      ],
      serves: { 2: 'wasi:logging@0.1.0-draft', 1: 'wasi:logging@0.1.0-draft' },
    },
  },
  settings: [],
  python: (ctx) => ({
    sdk: [
      {
        name: 'log',
        source: 'sdk/log.py',
        imports: [{ iface: 'wasi:logging/logging' }],
        host: 'records: (level, context, message) of each record logged',
      },
    ],
    stdlib: ['logging'],
    // A logger named after the component: wasi:logging's context.
    constants: [['logger', `logging.getLogger(${python(ctx.names.component)})`]],
    steps: [pythonBlock('logging', 'step.py')],
    tests: pythonBlocks('logging', 'test_capabilities.py'),
  }),
  // The host provides it itself: no backend, no provider, no configuration.
  needs: () => ({ binds: { namespace: 'wasi', package: 'logging', interfaces: ['logging'] } }),
  readme: (_ctx, host) => ({
    title: 'Logging (`wasi:logging/logging`)',
    body: `Python's standard \`logging\` reaches \`wasi:logging\`: \`logging.getLogger(__name__).warning("disk almost full")\` is a line
at \`warn\` with the logger's name as its context (\`wasmcloud_sdk\` installs the handler when the component is built,
\`INFO\` and up), so there is no API to learn. \`demo()\` logs every request or message at \`INFO\` with the component's
name as the logger's, and so as the context; in tests, \`hosts.log.records\` holds the lines. The wasmCloud host
provides this interface itself${host.providers ? ': no provider or link is needed. The lines appear in the output of `wash up`.' : '. The lines appear in the output of `wash dev`.'}`,
  }),
  tryIt: () => [{ request: { path: '/logged' }, note: 'wash dev prints: handling /logged (0 bytes)' }],
});
