/**
 * The Python the project is made of, from the interfaces' fragments: app.py (the user's) and
 * capabilities.py (the tool's), their imports as isort writes them, the module names pinned for
 * componentize-py, and the modules the tool owns whole.
 */
import { python } from '../escape.js';
import { CATALOG } from '../interfaces/index.js';
import type { OwnedModule, PythonFragment } from '../interfaces/types.js';
import { context, type ProjectModel } from '../model.js';

const snake = (s: string): string => s.replace(/[-.]/g, '_');

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Case-insensitive, as isort orders imported names (plain comparisons: a locale collator costs start-up time). */
export const isortOrder = (a: string, b: string): number => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b);
/** ruff's isort (`order-by-type`): constants, then classes, then the rest, each group as above. */
const nameRank = (name: string): number => (/^[A-Z][A-Z0-9_]+$/.test(name) ? 0 : /^[A-Z]/.test(name) ? 1 : 2);
const typeOrder = (a: string, b: string): number => nameRank(a) - nameRank(b) || isortOrder(a, b);

/** The line length app.py is written for, and that pyproject.toml configures ruff with. */
export const PYTHON_LINE_LENGTH = 120;

/** `from m import a, b`, or one name a line in parentheses when that is longer than the line length. */
export function fromImport(module: string, names: string[]): string {
  const one = `from ${module} import ${names.join(', ')}`;
  return one.length <= PYTHON_LINE_LENGTH ? one : `from ${module} import (\n${names.map((n) => `    ${n},\n`).join('')})`;
}

export interface PythonModuleView {
  docstring: string;
  /** `import re`, ...: isort's first section. */
  stdlib: string[];
  /** Third-party: componentize_py_types and the bindings. */
  imports: string[];
  /** First-party: `from capabilities import ...` (app.py only). */
  local: string[];
  constants: string[];
  /** Top-level blocks in order. */
  blocks: string[];
  /** The docstring, then each non-empty section above, a blank line apart. */
  head: string;
}

const withHead = (view: Omit<PythonModuleView, 'head'>): PythonModuleView => ({
  ...view,
  head: [[view.docstring], view.stdlib, view.imports, view.local, view.constants]
    .filter((section) => section.length > 0)
    .map((section) => section.join('\n'))
    .join('\n\n'),
});

export const indent = (code: string, by: string): string => code.split('\n').map((line) => (line ? by + line : line)).join('\n');

/** `wasi:http/types` → `http_types`, `wasi:logging/logging` → `logging`: a module name no world can change. */
const pinnedName = (iface: string): string => {
  const [pkg, name] = (iface.split(':')[1] as string).split('/') as [string, string];
  return snake(pkg === name ? pkg : `${pkg}_${name}`);
};

/**
 * The module name of every interface the generated Python imports, pinned with componentize-py's
 * `--import-interface-name`: componentize-py's own names depend on the whole world (`store` becomes
 * `wasi_keyvalue_store` once a second package defines `store`), so code would break as interfaces are added.
 */
export function pinnedModules(model: ProjectModel): Map<string, string> {
  const ctx = context(model);
  const pins = new Map<string, string>();
  for (const fragment of model.interfaces.map((id) => CATALOG[id].python(ctx))) {
    for (const { iface } of fragment.fromImports ?? []) pins.set(iface, pinnedName(iface));
    for (const { iface, alias } of fragment.moduleImports ?? []) pins.set(iface, alias);
    for (const { iface, alias } of fragment.module?.imports ?? []) pins.set(iface, alias ?? pinnedName(iface));
    for (const { iface } of fragment.capabilities?.fromImports ?? []) pins.set(iface, pinnedName(iface));
    for (const { iface, alias } of fragment.capabilities?.moduleImports ?? []) pins.set(iface, alias);
  }
  return new Map([...pins].sort(([a], [b]) => compare(a, b)));
}

/** The exported interfaces whose module names the build pins (`wasi:http/handler` → `http_handler`). */
export function pinnedExports(model: ProjectModel): Map<string, string> {
  const ctx = context(model);
  const pins = new Map<string, string>();
  for (const fragment of model.interfaces.map((id) => CATALOG[id].python(ctx))) {
    for (const { iface, name } of fragment.exportNames ?? []) pins.set(iface, name);
  }
  return new Map([...pins].sort(([a], [b]) => compare(a, b)));
}

type Fragment = PythonFragment;

/** The binding imports `fragments` need, as isort (ruff's I rules) writes them. */
function bindingImports(fragments: Fragment[], code: string): string[] {
  const fromImports = new Map<string, Set<string>>();
  const moduleImports = new Set<string>();
  for (const fragment of fragments) {
    for (const { iface, names } of fragment.fromImports ?? []) {
      const module = `wit_world.imports.${pinnedName(iface)}`;
      const set = fromImports.get(module) ?? new Set<string>();
      names.forEach((n) => set.add(n));
      fromImports.set(module, set);
    }
    for (const { alias } of fragment.moduleImports ?? []) moduleImports.add(alias);
  }
  const lines: string[] = [];
  const used = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  // `wit_world.byte_stream()` and the like: WASI 0.3's stream and future constructors live in the world's module.
  if (/\bwit_world\./.test(code)) lines.push('import wit_world');
  const types = ['Err', 'Ok'].filter(used);
  if (types.length > 0) lines.push(`from componentize_py_types import ${types.join(', ')}`);
  if (used('exports')) lines.push('from wit_world import exports');
  if (moduleImports.size > 0) lines.push(fromImport('wit_world.imports', [...moduleImports].sort(isortOrder)));
  for (const module of [...fromImports.keys()].sort()) lines.push(fromImport(module, [...(fromImports.get(module) as Set<string>)].sort(isortOrder)));
  return lines;
}

const stdlibOf = (fragments: Fragment[]): string[] => [...new Set(fragments.flatMap((f) => f.stdlib ?? []))].sort().map((m) => `import ${m}`);

/**
 * capabilities.py: what the tool owns and `add` rewrites: every constant, the imported capabilities'
 * helpers, and use_capabilities(), which runs them once per request or message.
 */
/** Every module-level constant, `[name, python literal]`, each once: capabilities.py defines them, app.py imports them. */
function constantsOf(model: ProjectModel): Array<[string, string]> {
  const ctx = context(model);
  return [['COMPONENT_NAME', python(model.names.component)], ...new Map(model.interfaces.flatMap((id) => CATALOG[id].python(ctx).constants ?? [])).entries()];
}

export function capabilitiesView(model: ProjectModel): PythonModuleView {
  const ctx = context(model);
  // An export's part of capabilities.py (helpers its owned module imports) is written with the imports' code.
  const fragments = model.interfaces.flatMap((id): Fragment[] => {
    const fragment = CATALOG[id].python(ctx);
    return CATALOG[id].direction === 'import' ? [fragment] : fragment.capabilities ? [fragment.capabilities] : [];
  });
  const constants = constantsOf(model).map(([name, literal]) => `${name} = ${literal}`);
  const steps = [...new Set(fragments.flatMap((f) => f.steps ?? []))];
  // With WASI 0.3 the exports are async, and so are the capabilities a step awaits.
  const useCapabilities = `${model.wasi === '0.3' ? 'async ' : ''}def use_capabilities(key: str, body: bytes, *, write: bool) -> list[str]:
    """Use this component's imported capabilities once per request or message.

    \`key\` is the request path (with its query) or the message subject, and \`body\` its payload.
    \`write\` is true for a POST, a PUT or a message, whose body is to be kept; any other request only
    reads. The lines returned become part of the answer.
    """
${steps.length === 0 ? '    return []' : `    lines: list[str] = []\n${indent(steps.join('\n'), '    ')}\n    return lines`}`;
  const blocks = [...new Set(fragments.flatMap((f) => f.helpers ?? [])), ...fragments.flatMap((f) => f.code ?? []), useCapabilities];
  return withHead({
    docstring: python('What create-wasmcloud-python writes, and its add command rewrites: put your own code in app.py.'),
    stdlib: stdlibOf(fragments),
    imports: bindingImports(fragments, [...constants, ...blocks].join('\n')),
    local: [],
    constants,
    blocks,
  });
}

/** app.py: the user's: the exports' handlers, which call use_capabilities(). Written once; `add` changes it only while it is as generated. */
export function appView(model: ProjectModel): PythonModuleView {
  const ctx = context(model);
  const fragments = model.interfaces.filter((id) => CATALOG[id].direction === 'export').map((id) => CATALOG[id].python(ctx));
  const blocks = fragments.flatMap((f) => f.code ?? []);
  const code = blocks.join('\n');
  const used = (names: string[]): string[] => names.filter((name) => new RegExp(`\\b${name}\\b`).test(code)).sort(typeOrder);
  const sources: Array<[string, string[]]> = [
    ['capabilities', [...constantsOf(model).map(([name]) => name), 'use_capabilities']],
    ...ownedModules(model).map((m): [string, string[]] => [m.name, m.names]),
  ];
  const local = sources
    .map(([module, names]): [string, string[]] => [module, used(names)])
    .filter(([, names]) => names.length > 0)
    .sort(([a], [b]) => compare(a, b))
    .map(([module, names]) => fromImport(module, names));
  return withHead({
    docstring: python(model.description),
    stdlib: stdlibOf(fragments),
    imports: bindingImports(fragments, code),
    local,
    constants: [],
    blocks,
  });
}

/** The modules the tool owns whole (an export's plumbing), each once, in catalog order. */
export function ownedModules(model: ProjectModel): OwnedModule[] {
  const ctx = context(model);
  const modules = model.interfaces.flatMap((id) => CATALOG[id].python(ctx).module ?? []);
  return [...new Map(modules.map((m) => [m.name, m])).values()];
}

/** The files of the modules the tool owns: `<name>.py` and `tests/test_<name>.py`. */
export function ownedFiles(model: ProjectModel): Array<{ path: string; contents: string }> {
  return ownedModules(model).flatMap((m) => [
    { path: `${m.name}.py`, contents: `${m.code.trimEnd()}\n` },
    { path: `tests/test_${m.name}.py`, contents: `${m.tests.trimEnd()}\n` },
  ]);
}
