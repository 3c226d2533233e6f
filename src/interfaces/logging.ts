import type { InterfaceModule } from './types.js';

export const logging: InterfaceModule = {
  id: 'logging',
  title: 'Logging',
  summary: 'Write structured log lines to the host (imports wasi:logging/logging)',
  direction: 'import',
  imports: ['wasi:logging/logging'],
  exports: [],
  packages: ['wasi:logging'],
  python: () => ({
    fromImports: [{ iface: 'wasi:logging/logging', names: ['Level', 'log'] }],
    steps: ['log(Level.INFO, COMPONENT_NAME, f"handling {key} ({len(body)} bytes)")'],
    tests: {
      state: ['logs: list[tuple[capabilities.Level, str, str]] = field(default_factory=list)'],
      methods: [
        `def log(self, level: capabilities.Level, context: str, message: str) -> None:
    self.logs.append((level, context, message))`,
      ],
      patches: ['monkeypatch.setattr(capabilities, "log", fake.log)'],
      tests: [
        `def test_each_request_or_message_is_logged_at_info(host: FakeHost) -> None:
    capabilities.use_capabilities("/a", b"four")
    assert host.logs == [(capabilities.Level.INFO, capabilities.COMPONENT_NAME, "handling /a (4 bytes)")]`,
      ],
    },
  }),
  host: () => ({ hostInterfaces: [{ namespace: 'wasi', package: 'logging', interfaces: ['logging'] }] }),
  wadm: () => ({}),
  readme: (ctx) => ({
    title: 'Logging (`wasi:logging/logging`)',
    body: `Every request or message is logged at \`INFO\` with the component name as context. The wasmCloud host
provides this interface itself${ctx.major === 2 ? '. The lines appear in the output of `wash dev`.' : ': no provider or link is needed. The lines appear in the output of `wash up`.'}`,
  }),
};
