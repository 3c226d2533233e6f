import { markdownCode } from '../../escape.js';
import { freeText } from '../checks.js';
import { prose } from '../prose.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';
import { witText } from '../../wit.js';
import { WIT_CRATES } from '../../versions.js';

const { wasmcloudRuntime, wasmtimeWasiConfig } = WIT_CRATES;

export const config = defineInterface({
  id: 'config',
  title: 'Runtime config',
  summary: 'Read configuration values at runtime (imports wasi:config/store)',
  direction: 'import',
  imports: ['wasi:config/store'],
  exports: [],
  packages: ['wasi:config'],
  wit: {
    'wasi:config': {
      texts: [
        witText('wasi:config@0.2.0-draft', [], { crate: wasmcloudRuntime, dir: 'wit/deps/config', files: ['store', 'world'] }, ['wit/wasi-config']),
        witText('wasi:config@0.2.0-rc.1', [], { crate: wasmtimeWasiConfig, dir: 'wit/deps/config', files: ['store', 'world'] }, [
          'wasmcloud2/wit/deps/wasi-config-0.2.0-rc.1',
        ]),
      ],
      serves: { 2: 'wasi:config@0.2.0-rc.1', 1: 'wasi:config@0.2.0-draft' },
    },
  },
  settings: [
    {
      key: 'greeting',
      flag: 'greeting',
      placeholder: 'TEXT',
      help: 'config: the `greeting` value the host serves',
      default: () => 'Hello',
      check: freeText,
    },
  ],
  python: () => ({
    sdk: [{ name: 'config', source: 'sdk/config.py', imports: [{ iface: 'wasi:config/store', alias: 'config_store' }], host: 'values: key → value' }],
    uses: ['config'],
    constants: [['DEFAULT_GREETING', '"Hello"']],
    steps: [pythonBlock('config', 'step.py')],
    tests: pythonBlocks('config', 'test_capabilities.py'),
  }),
  needs: (ctx) => ({
    binds: { namespace: 'wasi', package: 'config', interfaces: ['store'] },
    values: { greeting: ctx.settings.greeting },
  }),
  readme: (ctx, host) => ({
    title: 'Runtime config (`wasi:config/store`)',
    body: prose('config', 'about', {
      greeting: markdownCode(ctx.settings.greeting),
      host: host.providers ? prose('config', 'host-wadm', { component: ctx.names.component }) : prose('config', 'host-wash-dev'),
    }),
  }),
  tryIt: () => [{ request: { path: '/' }, note: 'greeting: the value in workload.config' }],
});
