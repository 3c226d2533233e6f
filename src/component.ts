/**
 * What the component is made of, as every part of the generator reads it: the interfaces' fragments, the
 * modules of its wasmcloud_sdk/ package and the module names componentize-py pins for them, its world, the WIT
 * it vendors and its build command. The common templates' view (render.ts) and each platform (platforms/)
 * read it; it reads neither.
 */
import { CATALOG, witOf, type InterfaceId } from './interfaces/index.js';
import type { PythonFragment, SdkModule } from './interfaces/types.js';
import { servedText, WIT_PACKAGES } from './interfaces/wit.js';
import { context, type ProjectModel } from './model.js';
import type { Target } from './versions.js';
import type { WitPackage } from './wit.js';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const snake = (s: string): string => s.replace(/[-.]/g, '_');

/** Each chosen interface's Python fragment, in catalog order. */
export const fragmentsOf = (model: ProjectModel): Array<{ id: InterfaceId; fragment: PythonFragment }> => {
  const ctx = context(model);
  return model.interfaces.map((id) => ({ id, fragment: CATALOG[id].python(ctx) }));
};

/** The modules of the project's wasmcloud_sdk/ package, each once (the first interface to name one writes it), in catalog order. */
export function sdkModules(model: ProjectModel): Array<SdkModule & { interface: InterfaceId }> {
  const modules = new Map<string, SdkModule & { interface: InterfaceId }>();
  for (const { id, fragment } of fragmentsOf(model)) {
    for (const module of fragment.sdk ?? []) if (!modules.has(module.name)) modules.set(module.name, { ...module, interface: id });
  }
  return [...modules.values()];
}

/** `wasi:http/types` → `http_types`, `wasi:logging/logging` → `logging`: a module name no world can change. */
const pinnedName = (iface: string): string => {
  const [pkg, name] = (iface.split(':')[1] as string).split('/') as [string, string];
  return snake(pkg === name ? pkg : `${pkg}_${name}`);
};

/**
 * The module name of every interface the SDK imports, pinned with componentize-py's `--import-interface-name`:
 * componentize-py's own names depend on the whole world (`store` becomes `wasi_keyvalue_store` once a second
 * package defines `store`), so code would break as interfaces are added.
 */
function pinnedModules(model: ProjectModel): Map<string, string> {
  const pins = new Map<string, string>();
  for (const module of sdkModules(model)) for (const { iface, alias } of module.imports) pins.set(iface, alias ?? pinnedName(iface));
  return new Map([...pins].sort(([a], [b]) => compare(a, b)));
}

/** The exported interfaces whose module names the build pins (`wasi:http/handler` → `http_handler`). */
function pinnedExports(model: ProjectModel): Map<string, string> {
  const pins = new Map<string, string>();
  for (const { fragment } of fragmentsOf(model)) for (const { iface, name } of fragment.exportNames ?? []) pins.set(iface, name);
  return new Map([...pins].sort(([a], [b]) => compare(a, b)));
}

export const PROJECT_VERSION = '0.1.0';

/** `wasi:config/store` → `wasi:config/store@0.2.0-rc.1`: the version the target's host serves. */
export function versioned(iface: string, target: Target): string {
  if (iface.includes('@')) return iface; // a version of its own: an interface the world reaches through another package
  const key = servedText(target, iface.split('/')[0] as string);
  return `${iface}@${(WIT_PACKAGES[key] as WitPackage).id.split('@')[1]}`;
}

/** World lines, exports first, each once. */
export function worldLines(model: ProjectModel): { exports: string[]; imports: string[] } {
  const lines = (pick: (id: (typeof model.interfaces)[number]) => string[]) => [
    ...new Set(model.interfaces.flatMap(pick).map((iface) => versioned(iface, model))),
  ];
  return { exports: lines((id) => witOf(CATALOG[id], model.wasi).exports), imports: lines((id) => witOf(CATALOG[id], model.wasi).imports) };
}

/** The package texts the world needs, closed over their dependencies, in WIT_PACKAGES order. */
export function vendoredPackages(model: ProjectModel): WitPackage[] {
  const needed = new Set<string>();
  const add = (key: string): void => {
    if (needed.has(key)) return;
    needed.add(key);
    (WIT_PACKAGES[key] as WitPackage).deps.forEach(add);
  };
  model.interfaces.forEach((id) => witOf(CATALOG[id], model.wasi).packages.forEach((family) => add(servedText(model, family))));
  return Object.values(WIT_PACKAGES).filter((pkg) => needed.has(pkg.key));
}

/** The build as wash 1.x runs it: split on whitespace, no shell. */
export function buildArgv(model: ProjectModel): string[] {
  return [...componentizePy(model), 'componentize', 'app', '-o', model.names.artifact];
}

export function bindingsArgv(model: ProjectModel, dir = 'bindings'): string[] {
  return [...componentizePy(model), 'bindings', dir];
}

/** componentize-py's options for the world, with every imported (and pinned exported) module name pinned. */
function componentizePy(model: ProjectModel): string[] {
  const pins = [...pinnedModules(model)].flatMap(([iface, name]) => ['--import-interface-name', `${versioned(iface, model)}=${name}`]);
  const exportPins = [...pinnedExports(model)].flatMap(([iface, name]) => ['--export-interface-name', `${versioned(iface, model)}=${name}`]);
  return ['componentize-py', '-d', 'wit', '-w', model.names.world, ...exportPins, ...pins];
}
