import { markdownCode, python } from '../../escape.js';
import { matching, storeName } from '../checks.js';
import { SAFE_NAME, SAFE_NAME_TEST } from '../common/index.js';
import { prose } from '../prose.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';
import { witText } from '../../wit.js';
import { WIT_CRATES } from '../../versions.js';

const { wasmcloudRuntime, washRuntime } = WIT_CRATES;

/** Its wasmCloud 1.x provider, as wasmCloud's examples and wash's defaults reference it. */
const BLOBSTORE_FS = 'ghcr.io/wasmcloud/blobstore-fs:0.10.1';

export const blobstore = defineInterface({
  id: 'blobstore',
  title: 'Blob store',
  summary: 'Store and read objects in containers (imports wasi:blobstore/blobstore)',
  direction: 'import',
  imports: ['wasi:blobstore/blobstore'],
  exports: [],
  packages: ['wasi:blobstore'],
  wit: {
    'wasi:blobstore': {
      // One package id, two texts: 1.x's runtime refers to wasi:io@0.2.6, the 2.x host's to wasi:io@0.2.1.
      texts: [
        witText(
          'wasi:blobstore@0.2.0-draft+io-0.2.6',
          ['wasi:io@0.2.6'],
          { crate: wasmcloudRuntime, dir: 'wit/deps/blobstore', files: ['types', 'container', 'blobstore', 'world'] },
          ['wit/wasi-blobstore'],
        ),
        witText(
          'wasi:blobstore@0.2.0-draft+io-0.2.1',
          ['wasi:io@0.2.1'],
          { crate: washRuntime, dir: 'wit/deps/wasi-blobstore-0.2.0-draft', files: ['package'] },
          ['wasmcloud2/wit/deps/wasi-blobstore-0.2.0-draft'],
        ),
      ],
      serves: { 2: 'wasi:blobstore@0.2.0-draft+io-0.2.1', 1: 'wasi:blobstore@0.2.0-draft+io-0.2.6' },
    },
  },
  settings: [
    {
      key: 'blobstoreContainer',
      flag: 'blobstore-container',
      placeholder: 'NAME',
      help: 'blobstore: container objects go to',
      default: (component) => component,
      check: storeName,
    },
    {
      key: 'blobstoreRoot',
      flag: 'blobstore-root',
      placeholder: 'PATH',
      help: 'blobstore: directory objects are kept in on disk',
      default: (component) => `/tmp/${component}-blobs`,
      check: matching(/^\/[A-Za-z0-9._/-]{0,200}$/, 'an absolute path of letters, digits, `.`, `_`, `-` and `/`'),
    },
  ],
  python: (ctx) => ({
    sdk: [
      {
        name: 'blobstore',
        source: 'sdk/blobstore.py',
        imports: [
          { iface: 'wasi:blobstore/blobstore', alias: 'blobstore' },
          { iface: 'wasi:blobstore/container' },
          { iface: 'wasi:blobstore/types' },
        ],
        host: 'containers: container → object name → bytes',
      },
    ],
    uses: ['blobstore'],
    constants: [['BLOB_CONTAINER', python(ctx.settings.blobstoreContainer)]],
    stdlib: ['re'],
    helpers: [SAFE_NAME],
    steps: [pythonBlock('blobstore', 'step.py')],
    tests: [...pythonBlocks('blobstore', 'test_capabilities.py'), SAFE_NAME_TEST],
  }),
  needs: (ctx) => ({
    binds: { namespace: 'wasi', package: 'blobstore', interfaces: ['blobstore'], config: { buckets: ctx.settings.blobstoreContainer } },
    backends: [
      {
        id: 'filesystem',
        provider: { image: BLOBSTORE_FS, name: 'blobstore', link: { name: 'root-directory', properties: { root: ctx.settings.blobstoreRoot } } },
      },
    ],
    dev: {
      backends: {
        summary: 'Blobstore backend: in memory (default). Uncomment to keep the objects as files under this directory.',
        settings: [{ key: 'wasi_blobstore_path', value: ctx.settings.blobstoreRoot }],
      },
      // On NATS, wash dev's blobstore allows only the containers its wasi:blobstore entry lists.
      hostInterface: {
        comment: 'The containers the component may use when its blobstore lives in NATS (data_nats_url).',
        interfaces: [],
        config: { buckets: ctx.settings.blobstoreContainer },
      },
    },
  }),
  readme: (ctx, host) => {
    const root = markdownCode(ctx.settings.blobstoreRoot);
    const where = prose('blobstore', host.providers ? 'host-wadm' : 'host-wash-dev', { root });
    return {
      title: 'Blob store (`wasi:blobstore/blobstore`)',
      body: prose('blobstore', 'about', { container: markdownCode(ctx.settings.blobstoreContainer), host: where }),
    };
  },
  tryIt: (ctx) => [
    { request: { args: "-d 'some bytes'", path: '/notes' }, note: `stored 10 bytes in ${ctx.settings.blobstoreContainer}: some bytes` },
    { request: { path: '/notes' }, note: `a GET reads it back: read 10 bytes from ${ctx.settings.blobstoreContainer}: some bytes` },
  ],
});
