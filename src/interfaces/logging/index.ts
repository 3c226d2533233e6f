import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';

export const logging = defineInterface({
  id: 'logging',
  title: 'Logging',
  summary: 'Write structured log lines to the host (imports wasi:logging/logging)',
  direction: 'import',
  imports: ['wasi:logging/logging'],
  exports: [],
  packages: ['wasi:logging'],
  settings: [],
  python: () => ({
    fromImports: [{ iface: 'wasi:logging/logging', names: ['Level', 'log'] }],
    steps: [pythonBlock('logging', 'step.py')],
    tests: {
      state: ['logs: list[tuple[capabilities.Level, str, str]] = field(default_factory=list)'],
      methods: pythonBlocks('logging', 'host.py'),
      patches: ['monkeypatch.setattr(capabilities, "log", fake.log)'],
      tests: pythonBlocks('logging', 'test_capabilities.py'),
    },
  }),
  // The host provides it itself: no backend, no provider, no configuration.
  needs: () => ({ binds: { namespace: 'wasi', package: 'logging', interfaces: ['logging'] } }),
  readme: (_ctx, host) => ({
    title: 'Logging (`wasi:logging/logging`)',
    body: `Every request or message is logged at \`INFO\` with the component name as context. The wasmCloud host
provides this interface itself${host.providers ? ': no provider or link is needed. The lines appear in the output of `wash up`.' : '. The lines appear in the output of `wash dev`.'}`,
  }),
  tryIt: () => [{ request: { path: '/logged' }, note: 'wash dev prints: handling /logged (0 bytes)' }],
});
