/**
 * Every version the generator writes, in one place: the Python toolchain, the WIT packages it
 * vendors (and where in which registry crate their text comes from), and the provider images.
 */

export const COMPONENTIZE_PY = '0.25.1';
/** The range written into pyproject.toml: the pinned release, and nothing that could change the bindings API. */
export const COMPONENTIZE_PY_REQUIREMENT = `componentize-py==${COMPONENTIZE_PY}`;

export type WitPackageId =
  | 'wasi:io@0.2.0'
  | 'wasi:io@0.2.6'
  | 'wasi:clocks@0.2.0'
  | 'wasi:random@0.2.0'
  | 'wasi:cli@0.2.0'
  | 'wasi:http@0.2.0'
  | 'wasi:keyvalue@0.2.0-draft'
  | 'wasi:blobstore@0.2.0-draft'
  | 'wasi:config@0.2.0-draft'
  | 'wasi:logging@0.1.0-draft'
  | 'wasmcloud:messaging@0.2.0';

export interface WitPackage {
  id: WitPackageId;
  /** Folder under templates/wit/ and under a generated project's wit/deps/. */
  dir: string;
  /** Packages this one refers to (`use`, `import`, `include`); vendoring is closed over them. */
  deps: WitPackageId[];
  /** Where scripts/vendor-wit.mjs reads the text: a crate, a folder in it, the files kept. */
  source: { crate: string; dir: string; files: string[] };
}

const WASMTIME_WASI = 'wasmtime-wasi@17.0.0';
const WASMCLOUD_RUNTIME = 'wasmcloud-runtime@0.12.0';

export const WIT_PACKAGES: Record<WitPackageId, WitPackage> = {
  'wasi:io@0.2.0': {
    id: 'wasi:io@0.2.0',
    dir: 'wasi-io-0.2.0',
    deps: [],
    source: { crate: WASMTIME_WASI, dir: 'wit/deps/io', files: ['error', 'poll', 'streams', 'world'] },
  },
  'wasi:io@0.2.6': {
    id: 'wasi:io@0.2.6',
    dir: 'wasi-io-0.2.6',
    deps: [],
    source: { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/io', files: ['error', 'poll', 'streams', 'world'] },
  },
  'wasi:clocks@0.2.0': {
    id: 'wasi:clocks@0.2.0',
    dir: 'wasi-clocks-0.2.0',
    deps: ['wasi:io@0.2.0'],
    source: { crate: WASMTIME_WASI, dir: 'wit/deps/clocks', files: ['monotonic-clock', 'wall-clock', 'world'] },
  },
  'wasi:random@0.2.0': {
    id: 'wasi:random@0.2.0',
    dir: 'wasi-random-0.2.0',
    deps: [],
    // Only the interface wasi:http's proxy world imports; the rest would pull in nothing useful.
    source: { crate: WASMTIME_WASI, dir: 'wit/deps/random', files: ['random'] },
  },
  'wasi:cli@0.2.0': {
    id: 'wasi:cli@0.2.0',
    dir: 'wasi-cli-0.2.0',
    deps: ['wasi:io@0.2.0'],
    // Pruned to stdio, as wasmCloud's own example vendors it: the full package needs filesystem and sockets.
    source: { crate: WASMTIME_WASI, dir: 'wit/deps/cli', files: ['stdio'] },
  },
  'wasi:http@0.2.0': {
    id: 'wasi:http@0.2.0',
    dir: 'wasi-http-0.2.0',
    deps: ['wasi:io@0.2.0', 'wasi:clocks@0.2.0', 'wasi:random@0.2.0', 'wasi:cli@0.2.0'],
    source: { crate: WASMTIME_WASI, dir: 'wit/deps/http', files: ['types', 'handler', 'proxy'] },
  },
  'wasi:keyvalue@0.2.0-draft': {
    id: 'wasi:keyvalue@0.2.0-draft',
    dir: 'wasi-keyvalue-0.2.0-draft',
    deps: [],
    source: { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/keyvalue', files: ['store', 'atomic', 'batch', 'watch', 'world'] },
  },
  'wasi:blobstore@0.2.0-draft': {
    id: 'wasi:blobstore@0.2.0-draft',
    dir: 'wasi-blobstore-0.2.0-draft',
    deps: ['wasi:io@0.2.6'],
    source: { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/blobstore', files: ['types', 'container', 'blobstore', 'world'] },
  },
  'wasi:config@0.2.0-draft': {
    id: 'wasi:config@0.2.0-draft',
    dir: 'wasi-config-0.2.0-draft',
    deps: [],
    source: { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/config', files: ['store', 'world'] },
  },
  'wasi:logging@0.1.0-draft': {
    id: 'wasi:logging@0.1.0-draft',
    dir: 'wasi-logging-0.1.0-draft',
    deps: [],
    source: { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/logging', files: ['logging', 'world'] },
  },
  'wasmcloud:messaging@0.2.0': {
    id: 'wasmcloud:messaging@0.2.0',
    dir: 'wasmcloud-messaging-0.2.0',
    deps: [],
    source: { crate: 'wasmcloud-provider-messaging-nats@0.27.0', dir: 'wit/deps/messaging', files: ['messaging'] },
  },
};

export type ProviderId = 'http-server' | 'http-client' | 'keyvalue-nats' | 'keyvalue-redis' | 'blobstore-fs' | 'messaging-nats';

/** Provider images as wasmCloud 1.x's examples and wash's defaults reference them. */
export const PROVIDER_IMAGES: Record<ProviderId, string> = {
  'http-server': 'ghcr.io/wasmcloud/http-server:0.27.0',
  'http-client': 'ghcr.io/wasmcloud/http-client:0.13.0',
  'keyvalue-nats': 'ghcr.io/wasmcloud/keyvalue-nats:0.3.1',
  'keyvalue-redis': 'ghcr.io/wasmcloud/keyvalue-redis:0.28.2',
  'blobstore-fs': 'ghcr.io/wasmcloud/blobstore-fs:0.10.1',
  'messaging-nats': 'ghcr.io/wasmcloud/messaging-nats:0.27.0',
};

/** What the test suite installs into .toolchain/ (scripts/toolchain.mjs): pinned like everything else. */
export const TEST_TOOLCHAIN = {
  mypy: '2.4.1',
  /** `jco types` is broken in 1.35.0; 1.34.0 serves and transpiles componentize-py output. */
  jco: '1.34.0',
  /** componentize-py output uses extended-const: Node 22 or later runs it. */
  node: '22.23.3',
  /** The Node versions scripts/node-matrix.mjs runs the whole suite on, besides the machine's own. */
  matrix: ['22.23.3', '24.9.0'],
} as const;
