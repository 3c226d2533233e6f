import { markdownCode, python } from '../escape.js';
import type { InterfaceModule, LinkSpec } from './types.js';

export const keyvalue: InterfaceModule = {
  id: 'keyvalue',
  title: 'Key-value store',
  summary: 'Read, write and atomically count keys (imports wasi:keyvalue/store and atomics)',
  direction: 'import',
  imports: ['wasi:keyvalue/store@0.2.0-draft', 'wasi:keyvalue/atomics@0.2.0-draft'],
  exports: [],
  packages: ['wasi:keyvalue@0.2.0-draft'],
  python: (ctx) => ({
    moduleImports: [
      { iface: 'wasi:keyvalue/store@0.2.0-draft', alias: 'keyvalue_store' },
      { iface: 'wasi:keyvalue/atomics@0.2.0-draft', alias: 'atomics' },
    ],
    constants: [['KEYVALUE_BUCKET', python(ctx.settings.keyvalueBucket)]],
    code: `def increment_counter(key: str) -> int:
    """Count how often \`key\` was seen and return the new count."""
    with keyvalue_store.open(KEYVALUE_BUCKET) as bucket:
        return atomics.increment(bucket, f"count:{key}", 1)`,
    steps: ['lines.append(f"count: {increment_counter(key)}")'],
  }),
  wadm: (ctx) => {
    const nats = ctx.settings.keyvalueBackend === 'nats';
    const name = nats ? 'kvnats' : 'kvredis';
    const link: LinkSpec = {
      target: name,
      namespace: 'wasi',
      package: 'keyvalue',
      interfaces: ['store', 'atomics'],
      targetConfig: nats
        ? { name: 'kv-bucket', properties: { bucket: ctx.settings.keyvalueBucket } }
        : { name: 'redis-url', properties: { url: 'redis://127.0.0.1:6379' } },
    };
    return {
      providers: [{ name, provider: nats ? 'keyvalue-nats' : 'keyvalue-redis', links: [] }],
      componentLinks: [link],
    };
  },
  readme: (ctx) => ({
    title: 'Key-value store (`wasi:keyvalue/store`, `wasi:keyvalue/atomics`)',
    body: `\`increment_counter\` opens the bucket ${markdownCode(ctx.settings.keyvalueBucket)} and atomically increments a
counter per path (or subject), so repeated requests report \`count: 1\`, \`count: 2\`, ... The
${ctx.settings.keyvalueBackend === 'nats' ? '`kvnats` provider stores it in NATS JetStream' : '`kvredis` provider stores it in Redis at `redis://127.0.0.1:6379`'}
(\`create-wasmcloud-python --keyvalue-backend ${ctx.settings.keyvalueBackend === 'nats' ? 'redis' : 'nats'}\` generates the ${ctx.settings.keyvalueBackend === 'nats' ? 'Redis' : 'NATS'} variant).`,
  }),
};
