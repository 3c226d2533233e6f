import { markdownCode, python } from '../escape.js';
import { FAKE_RESOURCE, SAFE_NAME, SAFE_NAME_TEST } from './python.js';
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
    tests: {
      modules: ['keyvalue_store', 'atomics'],
      fakes: [
        FAKE_RESOURCE,
        `class FakeBucket(FakeResource):
    """A bucket as store.open returns it."""

    def __init__(self, name: str) -> None:
        self.name = name`,
      ],
      state: ['counters: dict[tuple[str, str], int] = field(default_factory=dict)', 'keyvalue_fails: bool = False'],
      methods: [
        `def open_bucket(self, name: str) -> FakeBucket:
    if self.keyvalue_fails:
        raise Err("no such bucket")
    return FakeBucket(name)`,
        `def increment(self, bucket: FakeBucket, key: str, delta: int) -> int:
    self.counters[(bucket.name, key)] = self.counters.get((bucket.name, key), 0) + delta
    return self.counters[(bucket.name, key)]`,
      ],
      patches: ['monkeypatch.setattr(keyvalue_store, "open", fake.open_bucket)', 'monkeypatch.setattr(atomics, "increment", fake.increment)'],
      tests: [
        `def test_the_counter_counts_each_key_from_one(host: FakeHost) -> None:
    assert [capabilities.increment_counter("/a") for _ in range(3)] == [1, 2, 3]
    assert capabilities.increment_counter("/b") == 1
    assert set(host.counters) == {(capabilities.KEYVALUE_BUCKET, "count-a"), (capabilities.KEYVALUE_BUCKET, "count-b")}


def test_a_keyvalue_failure_is_a_line_not_a_crash(host: FakeHost) -> None:
    host.keyvalue_fails = True
    assert "keyvalue error: no such bucket" in capabilities.use_capabilities("/a", b"")`,
        SAFE_NAME_TEST,
      ],
    },
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
