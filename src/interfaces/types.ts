import type { Names } from '../names.js';
import type { Major, ProviderId, WitFamily } from '../versions.js';

export type InterfaceId =
  | 'http-server'
  | 'http-client'
  | 'keyvalue'
  | 'blobstore'
  | 'messaging-handler'
  | 'messaging-publisher'
  | 'logging'
  | 'config';

export type KeyvalueBackend = 'nats' | 'redis';

/** Settings an interface reads; each has a flag, a `--yes` default and (where it matters) a prompt. */
export interface Settings {
  httpAddress: string;
  keyvalueBackend: KeyvalueBackend;
  keyvalueBucket: string;
  blobstoreRoot: string;
  blobstoreContainer: string;
  subscription: string;
  eventsSubject: string;
  httpClientUrl: string;
  greeting: string;
}

export interface Context {
  names: Names;
  settings: Settings;
  major: Major;
}

/**
 * Python a module contributes to app.py. Imports name WIT interfaces without a version
 * (`wasi:http/types`); the renderer turns each into the module componentize-py generates for the
 * chosen world and major (`types` or `wasi_http_types`, ...).
 */
export interface PythonFragment {
  /** `from wit_world.imports.<module of iface> import <names>` */
  fromImports?: Array<{ iface: string; names: string[] }>;
  /** `from wit_world.imports import <module of iface> [as alias]` */
  moduleImports?: Array<{ iface: string; alias: string }>;
  /** Module-level constants, `NAME = <python literal>`, computed in the module. */
  constants?: Array<[string, string]>;
  /** Helper functions and classes (exports' handler classes go here too). */
  code?: string;
  /** Standard-library modules the code imports (`re`). */
  stdlib?: string[];
  /** Helpers several modules share (each written once, before the modules' own code). */
  helpers?: string[];
  /** Statements run once per request or message; they see `key: str`, `body: bytes`, `lines: list[str]`. */
  steps?: string[];
  /** Export classes, after everything else. */
  exportClass?: string;
  /** What tests/test_app.py needs to test this code in plain CPython. */
  tests?: TestFragment;
}

/**
 * A capability's part of tests/test_app.py: a fake host stands in for what app.py imports (pytest's
 * monkeypatch sets it on app's modules), and tests call app.py's helpers. Identical parts are written once.
 */
export interface TestFragment {
  /** Binding modules (their pinned names) whose functions the fixture replaces. */
  modules?: string[];
  /** Module-level fake classes. */
  fakes?: string[];
  /** FakeHost dataclass fields: what the host holds and how it will answer. */
  state?: string[];
  /** FakeHost methods that stand in for imported functions. */
  methods?: string[];
  /** Statements of the autouse fixture; they see `monkeypatch`, `fake` (the FakeHost) and `modules`. */
  patches?: string[];
  /** Tests: of app.py for an export (tests/test_app.py), of capabilities.py for an import (tests/test_capabilities.py). */
  tests: string[];
}

export interface LinkSpec {
  /** The component or provider the link points at. */
  target: string;
  namespace: string;
  package: string;
  interfaces: string[];
  /** Named config on the source side (`source.config`) or the target side (`target.config`). */
  sourceConfig?: { name: string; properties: Record<string, string> };
  targetConfig?: { name: string; properties: Record<string, string> };
}

export interface ProviderSpec {
  name: string;
  provider: ProviderId;
  /** Links whose source is this provider (the provider calls the component). */
  links: LinkSpec[];
}

/** wasmCloud 2: one entry of a workload's `hostInterfaces`; entries of one package are merged. */
export interface HostInterfaceSpec {
  namespace: string;
  package: string;
  interfaces: string[];
  config?: Record<string, string>;
}

/** What a capability needs from a wasmCloud 2 host. */
export interface HostContribution {
  hostInterfaces: HostInterfaceSpec[];
  /** Outgoing HTTP the workload must be allowed (`allowedHosts`): deny-all otherwise. */
  allowedHosts?: string[];
}

/** wasmCloud 1.x: providers, links and component config in wadm.yaml. */
export interface WadmContribution {
  providers?: ProviderSpec[];
  /** Links whose source is the component (the component calls a provider). */
  componentLinks?: LinkSpec[];
  /** Values under the component's `properties.config`. */
  config?: { name: string; properties: Record<string, string> };
}

export interface InterfaceModule {
  id: InterfaceId;
  title: string;
  summary: string;
  direction: 'import' | 'export';
  /** WIT interfaces without a version (`wasi:keyvalue/store`); each major's package set versions them. */
  imports: string[];
  exports: string[];
  packages: WitFamily[];
  python(ctx: Context): PythonFragment;
  /** wasmCloud 2: host interfaces (WorkloadDeployment, `wash dev`). */
  host(ctx: Context): HostContribution;
  /** wasmCloud 1.x: providers and links (wadm.yaml). */
  wadm(ctx: Context): WadmContribution;
  readme(ctx: Context): { title: string; body: string };
}
