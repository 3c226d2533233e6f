import { markdownCode, python } from '../escape.js';
import type { InterfaceModule } from './types.js';

export const config: InterfaceModule = {
  id: 'config',
  title: 'Runtime config',
  summary: 'Read configuration values at runtime (imports wasi:config/store)',
  direction: 'import',
  imports: ['wasi:config/store@0.2.0-draft'],
  exports: [],
  packages: ['wasi:config@0.2.0-draft'],
  python: (ctx) => ({
    moduleImports: [{ iface: 'wasi:config/store@0.2.0-draft', alias: 'config_store' }],
    constants: [['DEFAULT_GREETING', python(ctx.settings.greeting)]],
    code: `def configured_greeting() -> str:
    """The \`greeting\` config value, or DEFAULT_GREETING when it is not set."""
    try:
        return config_store.get("greeting") or DEFAULT_GREETING
    except Err:
        return DEFAULT_GREETING`,
    steps: ['lines.append(f"greeting: {configured_greeting()}")'],
  }),
  wadm: (ctx) => ({
    config: { name: `${ctx.names.component}-config`, properties: { greeting: ctx.settings.greeting } },
  }),
  readme: (ctx) => ({
    title: 'Runtime config (`wasi:config/store`)',
    body: `\`configured_greeting\` reads the key \`greeting\` from the component's configuration and falls back to
${markdownCode(ctx.settings.greeting)}. \`wadm.yaml\` sets it under the component's \`properties.config\`; change it there
and redeploy, or put a named config with \`wash config put ${ctx.names.component}-config greeting=hola\`.`,
  }),
};
