import { markdownCode, python } from '../escape.js';
import { SAFE_NAME } from './python.js';
import type { InterfaceModule, LinkSpec } from './types.js';

export const keyvalue: InterfaceModule = {
  id: 'keyvalue',
  title: 'Key-value store',
  summary: 'Read, write and atomically count keys (imports wasi:keyvalue/store and atomics)',
  direction: 'import',
  imports: ['wasi:keyvalue/store', 'wasi:keyvalue/atomics'],
  exports: [],
  packages: ['wasi:keyvalue'],
  python: (ctx) => ({
    moduleImports: [
      { iface: 'wasi:keyvalue/store', alias: 'keyvalue_store' },
      { iface: 'wasi:keyvalue/atomics', alias: 'atomics' },
    ],
    constants: [['KEYVALUE_BUCKET', python(ctx.settings.keyvalueBucket)]],
    stdlib: ['re'],
    helpers: [SAFE_NAME],
    code: `def increment_counter(key: str) -> int:
    """Count how often \`key\` was seen and return the new count."""
    with keyvalue_store.open(KEYVALUE_BUCKET) as bucket:
        return atomics.increment(bucket, f"count-{safe_name(key)}", 1)`,
    steps: [
      `try:
    lines.append(f"count: {increment_counter(key)}")
except Err as error:
    lines.append(f"keyvalue error: {error.value}")`,
    ],
  }),
  host: (ctx) => ({
    hostInterfaces: [{ namespace: 'wasi', package: 'keyvalue', interfaces: ['store', 'atomics'], config: { bucket: ctx.settings.keyvalueBucket } }],
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
  readme: (ctx) => {
    const nats = ctx.settings.keyvalueBackend === 'nats';
    const where =
      ctx.major === 2
        ? `\`wash dev\` keeps it in memory; \`.wash/config.yaml\` has the filesystem, NATS and Redis backends ready to
uncomment (${nats ? 'NATS JetStream' : 'Redis'} first, as chosen with \`--keyvalue-backend\`). A deployed host uses the backend it was started with.`
        : `The ${nats ? '`kvnats` provider stores it in NATS JetStream' : '`kvredis` provider stores it in Redis at `redis://127.0.0.1:6379`'}
(\`create-wasmcloud-python --wasmcloud 1 --keyvalue-backend ${nats ? 'redis' : 'nats'}\` generates the ${nats ? 'Redis' : 'NATS'} variant).`;
    return {
      title: 'Key-value store (`wasi:keyvalue/store`, `wasi:keyvalue/atomics`)',
      body: `\`increment_counter\` opens the bucket ${markdownCode(ctx.settings.keyvalueBucket)} and atomically increments a
counter per path (or subject), so repeated requests report \`count: 1\`, \`count: 2\`, ... ${where}`,
    };
  },
};
