import { markdownCode, python } from '../../escape.js';
import { oneOf, storeName } from '../checks.js';
import { DEV_NATS_URL, SAFE_NAME, SAFE_NAME_TEST } from '../common/index.js';
import { prose } from '../prose.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface, type Backend, type DevSetting } from '../types.js';
import { witText } from '../../wit.js';
import { WIT_CRATES } from '../../versions.js';

const { wasmcloudRuntime } = WIT_CRATES;

/** Its wasmCloud 1.x provider, as wasmCloud's examples and wash's defaults reference it. */
const KEYVALUE_NATS = 'ghcr.io/wasmcloud/keyvalue-nats:0.3.1';

/** Its wasmCloud 1.x provider, as wasmCloud's examples and wash's defaults reference it. */
const KEYVALUE_REDIS = 'ghcr.io/wasmcloud/keyvalue-redis:0.28.2';

const REDIS_URL = 'redis://127.0.0.1:6379';
const BACKENDS = ['nats', 'redis'] as const;

export const keyvalue = defineInterface({
  id: 'keyvalue',
  title: 'Key-value store',
  summary: 'Read, write and atomically count keys (imports wasi:keyvalue/store and atomics)',
  direction: 'import',
  imports: ['wasi:keyvalue/store', 'wasi:keyvalue/atomics'],
  exports: [],
  packages: ['wasi:keyvalue'],
  wit: {
    'wasi:keyvalue': {
      texts: [
        witText(
          'wasi:keyvalue@0.2.0-draft',
          [],
          { crate: wasmcloudRuntime, dir: 'wit/deps/keyvalue', files: ['store', 'atomic', 'batch', 'watch', 'world'] },
          ['wit/wasi-keyvalue', 'wasmcloud2/wit/deps/wasi-keyvalue-0.2.0-draft'],
        ),
      ],
      serves: { 2: 'wasi:keyvalue@0.2.0-draft', 1: 'wasi:keyvalue@0.2.0-draft' },
    },
  },
  settings: [
    {
      key: 'keyvalueBackend',
      flag: 'keyvalue-backend',
      placeholder: 'nats|redis',
      help: 'keyvalue: backend (2: listed first in wash dev config; 1: provider)',
      default: () => 'nats',
      check: oneOf(BACKENDS, 'a backend'),
      prompt: {
        message: 'Key-value provider',
        choices: [
          { name: 'NATS JetStream (keyvalue-nats)', value: 'nats' },
          { name: 'Redis (keyvalue-redis)', value: 'redis' },
        ],
        when: 'pick-backend',
      },
    },
    {
      key: 'keyvalueBucket',
      flag: 'keyvalue-bucket',
      placeholder: 'NAME',
      help: 'keyvalue: bucket the counter lives in',
      default: (component) => component,
      check: storeName,
    },
  ],
  python: (ctx) => ({
    sdk: [
      {
        name: 'keyvalue',
        source: 'sdk/keyvalue.py',
        imports: [
          { iface: 'wasi:keyvalue/store', alias: 'keyvalue_store' },
          { iface: 'wasi:keyvalue/atomics', alias: 'atomics' },
        ],
        host: 'buckets: bucket → key → bytes',
      },
    ],
    uses: ['keyvalue'],
    constants: [['KEYVALUE_BUCKET', python(ctx.settings.keyvalueBucket)]],
    stdlib: ['re'],
    helpers: [SAFE_NAME],
    steps: [pythonBlock('keyvalue', 'step.py')],
    tests: [...pythonBlocks('keyvalue', 'test_capabilities.py'), SAFE_NAME_TEST],
  }),
  needs: (ctx) => {
    const bucket = ctx.settings.keyvalueBucket;
    const backends: Record<(typeof BACKENDS)[number], Backend & { dev: DevSetting }> = {
      nats: {
        id: 'nats',
        provider: { image: KEYVALUE_NATS, name: 'kvnats', link: { name: 'kv-bucket', properties: { bucket } } },
        dev: { label: 'NATS JetStream (a server run with -js)', key: 'wasi_keyvalue_nats_url', value: DEV_NATS_URL },
      },
      redis: {
        id: 'redis',
        provider: { image: KEYVALUE_REDIS, name: 'kvredis', link: { name: 'redis-url', properties: { url: REDIS_URL } } },
        dev: { label: 'Redis (a running Redis server)', key: 'wasi_keyvalue_redis_url', value: REDIS_URL },
      },
    };
    const chosen = backends[ctx.settings.keyvalueBackend as (typeof BACKENDS)[number]];
    const other = backends[chosen.id === 'nats' ? 'redis' : 'nats'];
    return {
      binds: { namespace: 'wasi', package: 'keyvalue', interfaces: ['store', 'atomics'], config: { bucket } },
      backends: [chosen, other],
      dev: {
        backends: {
          summary: 'Keyvalue backend: in memory (default); the data is lost when `wash dev` exits.',
          settings: [
            { ...chosen.dev, label: `${chosen.dev.label}, first since --keyvalue-backend is ${chosen.id}` },
            other.dev,
            { label: 'Files on disk', key: 'wasi_keyvalue_path', value: `/tmp/${ctx.names.component}-keyvalue` },
          ],
        },
      },
    };
  },
  readme: (ctx, host) => {
    const nats = ctx.settings.keyvalueBackend === 'nats';
    const where = host.providers
      ? prose('keyvalue', nats ? 'host-wadm-nats' : 'host-wadm-redis')
      : prose('keyvalue', 'host-wash-dev', { chosen: nats ? 'NATS JetStream' : 'Redis', backend: ctx.settings.keyvalueBackend });
    return {
      title: 'Key-value store (`wasi:keyvalue/store`, `wasi:keyvalue/atomics`)',
      body: prose('keyvalue', 'about', { bucket: markdownCode(ctx.settings.keyvalueBucket), host: where }),
      ...(host.providers && !nats
        ? { prerequisites: ['A Redis server on `127.0.0.1:6379` for the `kvredis` provider: start it (`redis-server`) before deploying'] }
        : {}),
    };
  },
  tryIt: () => [{ request: { path: '/hello' }, note: 'again: count: 2' }],
});
