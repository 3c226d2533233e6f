/**
 * The Python the project is made of, from the interfaces' fragments: app.py (the user's), with its imports as
 * isort writes them, the modules of the tool's wasmcloud_sdk/ package, and the module names pinned for componentize-py.
 */
import { python } from '../escape.js';
import { fragmentsOf, sdkModules } from '../component.js';
import { CATALOG, type InterfaceId } from '../interfaces/index.js';
import type { PythonFragment } from '../interfaces/types.js';
import { pythonBlock } from '../interfaces/python.js';
import type { ProjectModel } from '../model.js';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Case-insensitive, as isort orders imported names (plain comparisons: a locale collator costs start-up time). */
const isortOrder = (a: string, b: string): number => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b);
/** ruff's isort (`order-by-type`): constants, then classes, then the rest, each group as above. */
const nameRank = (name: string): number => (/^[A-Z][A-Z0-9_]+$/.test(name) ? 0 : /^[A-Z]/.test(name) ? 1 : 2);
const typeOrder = (a: string, b: string): number => nameRank(a) - nameRank(b) || isortOrder(a, b);

/** The line length app.py is written for, and that pyproject.toml configures ruff with. */
export const PYTHON_LINE_LENGTH = 120;

/** `from m import a, b`, or one name a line in parentheses when that is longer than the line length. */
function fromImport(module: string, names: string[]): string {
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

const indent = (code: string, by: string): string =>
  code
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');

type Fragment = PythonFragment;
const stdlibOf = (fragments: Fragment[]): string[] => [...new Set(fragments.flatMap((f) => f.stdlib ?? []))].sort().map((m) => `import ${m}`);

/** Every module-level constant of app.py, `[name, python literal]`, each once. */
function constantsOf(model: ProjectModel, fragments: Fragment[]): Array<[string, string]> {
  return [['COMPONENT_NAME', python(model.names.component)], ...new Map(fragments.flatMap((fragment) => fragment.constants ?? [])).entries()];
}

/** The name of app.py's function that runs each chosen capability once per request or message. */
export const DEMO = 'demo';

/** `text` in lines of at most `width` characters, broken between words. */
function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]} ${word}`.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * demo()'s docstring, true of the project's mix: what calls it (requests, messages or both), what `write`
 * is true for, and which chosen capability keeps the body of a write, if any does: those whose lines read
 * `write` (as the steps' contract has it, a write's body is to be kept), blobstore's alone as generated.
 */
function demoDocstring(model: ProjectModel, all: Array<{ id: InterfaceId; fragment: Fragment }>): string {
  const http = model.interfaces.includes('http-server');
  const messages = model.interfaces.includes('messaging-handler');
  const keepers = all.filter(({ fragment }) => (fragment.steps ?? []).some((step) => /\bwrite\b/.test(step))).map(({ id }) => id);
  const one = http && messages ? 'request or message' : http ? 'request' : 'message';
  const key = [...(http ? ["the request's path and query"] : []), ...(messages ? ["the message's subject"] : [])].join(', or ');
  const writes = http && messages ? 'a POST, a PUT or a message' : http ? 'a POST or a PUT' : 'every message';
  const keeps = keepers.length > 0 ? `: ${keepers.join(' and ')} then store${keepers.length > 1 ? '' : 's'} its body` : '';
  const grows = http && messages ? 'your routes and handler grow' : http ? 'your routes grow' : 'your handler grows';
  const summary = `What each capability does for one ${one}, a line each: the demo README's try-it lines show.`;
  const details = `\`key\` is ${key}, and \`body\` its payload; \`write\` is true for ${writes}${keeps}. Replace it with your own code as ${grows}.`;
  return ['"""' + summary, '', ...wrapText(details, PYTHON_LINE_LENGTH - 4), '"""'].map((line) => (line ? `    ${line}` : line)).join('\n');
}

/**
 * app.py: the user's: the exports' app and handlers, and `demo()`, where each chosen capability is a few lines
 * on the SDK. Written once; `add` changes it only while it is as generated.
 */
export function appView(model: ProjectModel): PythonModuleView {
  const all = fragmentsOf(model);
  const fragments = all.map(({ fragment }) => fragment);
  const codeOf = (direction: 'import' | 'export'): string[] =>
    all.flatMap(({ id, fragment }) => (CATALOG[id].direction === direction ? (fragment.code ?? []) : []));
  const steps = [...new Set(fragments.flatMap((f) => f.steps ?? []))];
  const demo = `${model.wasi === '0.3' ? 'async ' : ''}def ${DEMO}(key: str, body: bytes, *, write: bool) -> list[str]:
${demoDocstring(model, all)}
${steps.length === 0 ? '    return []' : `    lines: list[str] = []\n${indent(steps.join('\n'), '    ')}\n    return lines`}`;
  // The exports' app and handlers, then demo(), then the helpers its lines call.
  const blocks = [...codeOf('export'), demo, ...new Set(fragments.flatMap((f) => f.helpers ?? [])), ...codeOf('import')];
  const code = blocks.join('\n');
  const used = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  const uses = [...new Set(fragments.flatMap((f) => f.uses ?? []))].filter(used).sort(isortOrder);
  const names = new Map<string, Set<string>>();
  for (const { module, names: list } of fragments.flatMap((f) => f.names ?? [])) {
    const set = names.get(module) ?? new Set<string>();
    list.filter(used).forEach((n) => set.add(n));
    names.set(module, set);
  }
  const imports = [
    ...(uses.length > 0 ? [fromImport('wasmcloud_sdk', uses)] : []),
    ...[...names.keys()]
      .sort()
      .filter((m) => (names.get(m) as Set<string>).size > 0)
      .map((m) => fromImport(`wasmcloud_sdk.${m}`, [...(names.get(m) as Set<string>)].sort(typeOrder))),
  ];
  const constants = constantsOf(model, fragments)
    .filter(([name]) => name === 'COMPONENT_NAME' || used(name))
    .map(([name, literal]) => `${name} = ${literal}`);
  return withHead({
    docstring: python(model.description),
    stdlib: stdlibOf(fragments),
    imports,
    local: [],
    constants,
    blocks,
  });
}

/** wasmcloud_sdk/: its modules, as they are, and its `__init__.py` and `testing.py`. */
export function sdkFiles(model: ProjectModel): Array<{ path: string; contents: string }> {
  return sdkModules(model).map((m) => {
    const [folder, ...rest] = [m.interface, ...m.source.split('/')];
    return { path: `wasmcloud_sdk/${m.name}.py`, contents: `${pythonBlock(folder as string, rest.join('/')).trimEnd()}\n` };
  });
}
