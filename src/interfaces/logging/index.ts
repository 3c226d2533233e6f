import { python } from '../../escape.js';
import { prose } from '../prose.js';
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
    body: prose('logging', 'about', { host: prose('logging', host.providers ? 'host-wadm' : 'host-wash-dev') }),
  }),
  tryIt: () => [{ request: { path: '/logged' }, note: 'wash dev prints: handling /logged (0 bytes)' }],
});
