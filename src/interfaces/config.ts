import { markdownCode } from '../escape.js';
import type { InterfaceModule } from './types.js';

export const config: InterfaceModule = {
  id: 'config',
  title: 'Runtime config',
  summary: 'Read configuration values at runtime (imports wasi:config/store)',
  direction: 'import',
  imports: ['wasi:config/store'],
  exports: [],
  packages: ['wasi:config'],
  python: (ctx) => ({
    moduleImports: [{ iface: 'wasi:config/store', alias: 'config_store' }],
    constants: [['DEFAULT_GREETING', '"Hello"']],
    code: `def configured_greeting() -> str:
    """The \`greeting\` config value, or DEFAULT_GREETING when the host has none."""
    try:
        return config_store.get("greeting") or DEFAULT_GREETING
    except Err:
        return DEFAULT_GREETING`,
    steps: ['lines.append(f"greeting: {configured_greeting()}")'],
    tests: {
      modules: ['config_store'],
      state: ['config: dict[str, str] = field(default_factory=dict)', 'config_fails: bool = False'],
      methods: [
        `def config_get(self, key: str) -> str | None:
    if self.config_fails:
        raise Err("upstream")
    return self.config.get(key)`,
      ],
      patches: ['monkeypatch.setattr(config_store, "get", fake.config_get)'],
      tests: [
        `def test_the_greeting_comes_from_the_host(host: FakeHost) -> None:
    host.config["greeting"] = "hola"
    assert capabilities.configured_greeting() == "hola"


def test_the_greeting_falls_back_when_the_host_has_none_or_fails(host: FakeHost) -> None:
    assert capabilities.configured_greeting() == capabilities.DEFAULT_GREETING
    host.config_fails = True
    assert capabilities.configured_greeting() == capabilities.DEFAULT_GREETING`,
      ],
    },
  }),
  host: (ctx) => ({ hostInterfaces: [{ namespace: 'wasi', package: 'config', interfaces: ['store'], config: { greeting: ctx.settings.greeting } }] }),
  wadm: (ctx) => ({
    config: { name: `${ctx.names.component}-config`, properties: { greeting: ctx.settings.greeting } },
  }),
  readme: (ctx) => ({
    title: 'Runtime config (`wasi:config/store`)',
    body: `\`configured_greeting\` reads the key \`greeting\` from the component's configuration, ${markdownCode(ctx.settings.greeting)} as
generated, and falls back to \`DEFAULT_GREETING\` when the host has no value. ${
      ctx.major === 2
        ? `\`wash dev\` serves it from \`workload.config\` in \`.wash/config.yaml\`; deployed, it comes from the \`config\` of the
\`wasi:config\` host interface in \`manifests/workloaddeployment.yaml\`. Change it there: no rebuild is needed.`
        : `\`wadm.yaml\` sets it under the component's \`properties.config\`; change it there and redeploy, or put a named
config with \`wash config put ${ctx.names.component}-config greeting=hola\`.`
    }`,
  }),
};
