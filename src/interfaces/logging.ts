import type { InterfaceModule } from './types.js';

export const logging: InterfaceModule = {
  id: 'logging',
  title: 'Logging',
  summary: 'Write structured log lines to the host (imports wasi:logging/logging)',
  direction: 'import',
  imports: ['wasi:logging/logging@0.1.0-draft'],
  exports: [],
  packages: ['wasi:logging@0.1.0-draft'],
  python: () => ({
    fromImports: [{ iface: 'wasi:logging/logging@0.1.0-draft', names: ['Level', 'log'] }],
    steps: ['log(Level.INFO, COMPONENT_NAME, f"handling {key} ({len(body)} bytes)")'],
  }),
  wadm: () => ({}),
  readme: () => ({
    title: 'Logging (`wasi:logging/logging`)',
    body: `Every request or message is logged at \`INFO\` with the component name as context. The wasmCloud host
provides this interface itself: no provider or link is needed. The lines appear in the output of \`wash up\`.`,
  }),
};
