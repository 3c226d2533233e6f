/**
 * What an interface declares about itself: its settings, what it needs from a host, its Python and its
 * README section. Everything here is neutral: no interface names a platform or tests a major; each
 * platform (src/platforms/) translates these facts into its own files.
 */
import type { Names } from '../names.js';
import type { WasiRevision } from '../versions.js';
import type { WitFamily } from '../wit.js';

/** A value that is not acceptable: what is wrong with it, and how to fix it. */
export interface Problem {
  problem: string;
  fix?: string;
}

/** One setting an interface reads: each has a flag, an answers-file key, a default and a check. */
export interface Setting<K extends string = string> {
  /** camelCase: the key in the model, in answers files (snake_case and the flag's spelling work too) and in `--json`. */
  key: K;
  /** The flag, without `--`. */
  flag: string;
  placeholder: string;
  help: string;
  /** The default for a component of this name (`--help` shows it for `{name}`). */
  default: (component: string) => string;
  /** Why a value is not acceptable, or undefined when it is. */
  check: (value: string) => Problem | undefined;
  /**
   * Asked at a terminal when the interface is chosen. `pick-backend` questions are asked only where the
   * backend is fixed when the project is generated (a host that deploys providers); a host that chooses
   * its backends when it runs does not need the answer.
   */
  prompt?: { message: string; choices: Array<{ name: string; value: string }>; when: 'pick-backend' };
}

/** The settings of every chosen interface, by key. */
export type SettingValues = Readonly<Record<string, string>>;

export interface Context {
  names: Names;
  settings: SettingValues;
  /** The WASI revision the project is written for: with 0.3, exports and async imports are `async def`. */
  wasi: WasiRevision;
}

/** What a platform tells an interface's README about the host it runs on. */
export interface HostFacts {
  /** Capabilities come from providers that the deployment links to the component (wadm.yaml). */
  providers: boolean;
}

/**
 * A module of the project's `wasmcloud_sdk/` package: the tool's Python over the bindings, which app.py calls
 * instead of the bindings. Its text is a file of the interface's folder; it holds no value of the project.
 */
export interface SdkModule {
  /** `wasmcloud_sdk/<name>.py`. */
  name: string;
  /** Its file in the interface's folder: `sdk/keyvalue.py`, `p3/sdk/http.py`. */
  source: string;
  /** The WIT interfaces its bindings come from, each with the module name the build pins it to (the default when absent). */
  imports: Array<{ iface: string; alias?: string }>;
  /** What its `MemoryHost` (the stand-in `wasmcloud_sdk.testing` puts in place for each test) holds; none: it has none. */
  host?: string;
}

/**
 * What an interface contributes to the project's Python: its modules of `wasmcloud_sdk/`, and its part of app.py
 * (the user's), written on them. The code itself is in the interface's `.py` files (see `python.ts`).
 */
export interface PythonFragment {
  /** Its modules of the SDK package (an interface shared by two interfaces is written once: the first wins). */
  sdk?: SdkModule[];
  /** app.py: `from wasmcloud_sdk import <module>, ...`. */
  uses?: string[];
  /** app.py: `from wasmcloud_sdk.<module> import <names>`. */
  names?: Array<{ module: string; names: string[] }>;
  /** Standard-library modules app.py's code imports (`re`). */
  stdlib?: string[];
  /** Module-level constants of app.py, `NAME = <python literal>`, computed in the module. */
  constants?: Array<[string, string]>;
  /** Top-level blocks of app.py several interfaces share (each written once). */
  helpers?: string[];
  /** Top-level blocks of app.py: an export's app and handlers, an import's helper functions. */
  code?: string[];
  /**
   * Statements of app.py's `demo()`, run once per request or message; they see `key: str`, `body: bytes`,
   * `write: bool` (a POST, a PUT or a message: the body is to be kept) and `lines: list[str]`.
   */
  steps?: string[];
  /** Tests in tests/test_app.py: of the export's routes, of an import's demo lines (on wasmcloud_sdk.testing's hosts). */
  tests?: string[];
  /**
   * Exported interfaces' module names, pinned with `--export-interface-name` like the imports' (WASI 0.3's
   * `wasi:http/handler` and `wasmcloud:messaging/handler` would otherwise rename each other's classes).
   */
  exportNames?: Array<{ iface: string; name: string }>;
}

/** A named group of configuration values. */
export interface NamedConfig {
  name: string;
  properties: Record<string, string>;
}

/** A backend that can serve a capability. */
export interface Backend {
  id: string;
  /**
   * The provider that implements it where the deployment brings its own: its image, the name it is
   * deployed under and the configuration of its link to the component.
   */
  provider?: { image: string; name: string; link?: NamedConfig };
}

/** A setting of a development host, written commented out (an alternative to uncomment) or active. */
export interface DevSetting {
  /** Said before the line (`NATS JetStream (a server run with -js)`); the line alone when absent. */
  label?: string;
  key: string;
  value: string;
  active?: boolean;
}

/** What a development host (one that runs the component on this machine) needs for it. */
export interface DevNeeds {
  /** The backends the development host can use for it: in memory unless one is chosen. */
  backends?: { summary: string; settings: DevSetting[] };
  /** Configuration the development host must be given for the host capability. */
  hostInterface?: { comment: string; interfaces: string[]; config: Record<string, string> };
}

/** What a capability needs from a host: neutral facts each platform translates. */
export interface Needs {
  /** The host capability it binds: interfaces of one WIT package, and the config the capability gets. */
  binds?: {
    namespace: string;
    package: string;
    interfaces: string[];
    config?: Record<string, string>;
    /** Kubernetes Secrets whose keys and values a deployed host gives the capability (the CRD's `secretFrom`). */
    secretFrom?: string[];
  };
  /** Where it listens for requests, `HOST:PORT` (an HTTP server). */
  listens?: string;
  /** Hosts it calls out to: outgoing HTTP is denied otherwise. */
  calls?: string[];
  /** Configuration values the component reads at run time (wasi:config). */
  values?: Record<string, string>;
  /** The subjects the host delivers to it. */
  subscribes?: string;
  /** Its messages go through the host's message broker, which a development host keeps in memory. */
  brokered?: boolean;
  /** The backends that can serve it, the chosen one first. */
  backends?: Backend[];
  dev?: DevNeeds;
}

/** One line of "try it": a request to the HTTP server (`curl` + `request`), or a command of its own. */
export interface TryLine {
  /** What follows `curl` and precedes the URL's path, and the path: `-d 'some bytes'`, `/notes`. */
  request?: { args?: string; path: string };
  command?: string;
  /** What to look for. */
  note: string;
}

export interface ReadmeSection {
  title: string;
  body: string;
  /** Prerequisites beyond the project's own, one line each. */
  prerequisites?: string[];
}

export interface InterfaceModule<K extends string = string, Id extends string = string> {
  id: Id;
  title: string;
  summary: string;
  direction: 'import' | 'export';
  /** WIT interfaces without a version (`wasi:keyvalue/store`); the text of its package a target's host serves versions them. */
  imports: string[];
  exports: string[];
  /** The WIT package families its imports and exports are in (`wasi:keyvalue`): its own (`wit`) or shared ones (common/wit.ts). */
  packages: string[];
  /** The families it alone uses: their texts (in its folder's wit/) and which text each host serves. */
  wit?: Record<string, WitFamily>;
  /** The WASI revisions it is written for; both when absent. */
  wasi?: readonly WasiRevision[];
  /** What WASI 0.3 changes in its WIT (the 0.3 revision of an interface, or another interface). */
  p3?: { summary?: string; imports?: string[]; exports?: string[]; packages?: string[] };
  settings: ReadonlyArray<Setting<K>>;
  python(ctx: Context): PythonFragment;
  needs(ctx: Context): Needs;
  readme(ctx: Context, host: HostFacts): ReadmeSection;
  /** Lines that exercise it on a development host, with what to look for. */
  tryIt?(ctx: Context): TryLine[];
}

/** Declares an interface; `ctx.settings` is typed by the settings it declares. */
export function defineInterface<const Id extends string, const K extends string = never>(
  spec: Omit<InterfaceModule<K, Id>, 'python' | 'needs' | 'readme' | 'tryIt'> & {
    python(ctx: Context & { settings: Record<K, string> }): PythonFragment;
    needs(ctx: Context & { settings: Record<K, string> }): Needs;
    readme(ctx: Context & { settings: Record<K, string> }, host: HostFacts): ReadmeSection;
    tryIt?(ctx: Context & { settings: Record<K, string> }): TryLine[];
  },
): InterfaceModule<K, Id> {
  return spec as InterfaceModule<K, Id>;
}
