/**
 * From the resolved model to what the templates interpolate. Every list a template loops over and
 * every escaped literal is computed here; templates only place them.
 */
import { python, toml, yaml } from './escape.js';
import { CATALOG } from './interfaces/index.js';
import type { Context, HostFacts, OwnedModule, PythonFragment } from './interfaces/types.js';
import { recordedAnswers } from './answers-of.js';
import type { ProjectModel } from './model.js';
import { packageVersion } from './paths.js';
import { COMPONENTIZE_PY_REQUIREMENT, PYTHON_DEV_TOOLS, WIT_PACKAGES, WIT_SETS, type Major, type WitFamily, type WitPackage, type WitTextKey } from './versions.js';

export const PROJECT_VERSION = '0.1.0';

export function context(model: ProjectModel): Context {
  return { names: model.names, settings: model.settings };
}

/** `wasi:config/store` → `wasi:config/store@0.2.0-rc.1`: the version the major's host serves. */
export function versioned(iface: string, major: Major): string {
  const family = iface.split('/')[0] as WitFamily;
  const key = WIT_SETS[major][family];
  if (!key) throw new Error(`no WIT package for ${iface}`);
  return `${iface}@${WIT_PACKAGES[key].id.split('@')[1]}`;
}

/** World lines, exports first, each once. */
export function worldLines(model: ProjectModel): { exports: string[]; imports: string[] } {
  const lines = (pick: (id: (typeof model.interfaces)[number]) => string[]) => [
    ...new Set(model.interfaces.flatMap(pick).map((iface) => versioned(iface, model.wasmcloud))),
  ];
  return { exports: lines((id) => CATALOG[id].exports), imports: lines((id) => CATALOG[id].imports) };
}

/** The package texts the world needs, closed over their dependencies, in WIT_PACKAGES order. */
export function vendoredPackages(model: ProjectModel): WitPackage[] {
  const needed = new Set<WitTextKey>();
  const add = (key: WitTextKey): void => {
    if (needed.has(key)) return;
    needed.add(key);
    WIT_PACKAGES[key].deps.forEach(add);
  };
  model.interfaces.forEach((id) => CATALOG[id].packages.forEach((family) => add(WIT_SETS[model.wasmcloud][family])));
  return Object.values(WIT_PACKAGES).filter((pkg) => needed.has(pkg.key));
}

const snake = (s: string): string => s.replace(/[-.]/g, '_');

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

const indent = (code: string, by: string): string => code.split('\n').map((line) => (line ? by + line : line)).join('\n');

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
  const fragments = model.interfaces.filter((id) => CATALOG[id].direction === 'import').map((id) => CATALOG[id].python(ctx));
  const constants = constantsOf(model).map(([name, literal]) => `${name} = ${literal}`);
  const steps = [...new Set(fragments.flatMap((f) => f.steps ?? []))];
  const useCapabilities = `def use_capabilities(key: str, body: bytes, *, write: bool) -> list[str]:
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

/** The build as wash 1.x runs it: split on whitespace, no shell. */
export function buildArgv(model: ProjectModel): string[] {
  return [...componentizePy(model), 'componentize', 'app', '-o', model.names.artifact];
}

export function bindingsArgv(model: ProjectModel, dir = 'bindings'): string[] {
  return [...componentizePy(model), 'bindings', dir];
}

/** componentize-py's options for the world, with every imported module name pinned. */
function componentizePy(model: ProjectModel): string[] {
  const pins = [...pinnedModules(model)].flatMap(([iface, name]) => ['--import-interface-name', `${versioned(iface, model.wasmcloud)}=${name}`]);
  return ['componentize-py', '-d', 'wit', '-w', model.names.world, ...pins];
}

/** A test module: its tests and what they import. */
export interface TestModuleView {
  tests: string[];
  /** What the tests use (pytest, the FakeHost, app, capabilities), in isort's sections. */
  imports: string;
}

/**
 * tests/: the fake host in conftest.py (tool-owned, with the fixture that puts it in place of every
 * imported capability), tests of capabilities.py (tool-owned) and tests of app.py (the user's).
 */
export interface TestView {
  fakes: string[];
  state: string[];
  /** FakeHost methods, indented into the class. */
  methods: string[];
  patches: string[];
  /** conftest.py's imports, in isort's sections. */
  stdlib: string[];
  thirdParty: string[];
  firstParty: string[];
  capabilities: TestModuleView;
  app: TestModuleView;
}

function testModule(tests: string[]): TestModuleView {
  const code = tests.join('\n');
  const uses = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  const thirdParty = uses('pytest') ? ['import pytest'] : [];
  const firstParty = [...['app', 'capabilities'].filter((m) => uses(m)).map((m) => `import ${m}`), ...(uses('FakeHost') ? ['from tests.conftest import FakeHost'] : [])];
  return { tests, imports: [thirdParty, firstParty].filter((section) => section.length > 0).map((section) => section.join('\n')).join('\n\n') };
}

export function testView(model: ProjectModel): TestView {
  const ctx = context(model);
  const parts = model.interfaces.flatMap((id) => {
    const tests = CATALOG[id].python(ctx).tests;
    return tests ? [{ ...tests, direction: CATALOG[id].direction }] : [];
  });
  const all = (pick: (t: (typeof parts)[number]) => string[] | undefined) => [...new Set(parts.flatMap((t) => pick(t) ?? []))];
  const view = {
    fakes: all((t) => t.fakes),
    state: all((t) => t.state),
    methods: all((t) => t.methods).map((m) => indent(m, '    ')),
    patches: all((t) => t.patches),
  };
  const code = [...view.fakes, ...view.state, ...view.methods, ...view.patches].join('\n');
  const used = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  const types = ['Err', 'Ok'].filter(used);
  const modules = all((t) => t.modules).sort(isortOrder);
  return {
    ...view,
    stdlib: [
      `from dataclasses import ${['dataclass', ...(used('field') ? ['field'] : [])].join(', ')}`,
      ...(used('Self') ? ['from typing import Self'] : []),
    ],
    thirdParty: [
      'import pytest',
      ...(types.length > 0 ? [`from componentize_py_types import ${types.join(', ')}`] : []),
      ...(modules.length > 0 ? [fromImport('wit_world.imports', modules)] : []),
    ],
    firstParty: used('capabilities') ? ['import capabilities'] : [],
    capabilities: testModule(all((t) => (t.direction === 'import' ? t.tests : []))),
    app: testModule(all((t) => (t.direction === 'export' ? t.tests : []))),
  };
}

/** What every major's templates share: app.py, the world, pyproject.toml, .gitignore and README's common parts. */
export interface CommonView {
  names: ProjectModel['names'];
  description: string;
  app: PythonModuleView;
  capabilities: PythonModuleView;
  world: { exports: string[]; imports: string[] };
  readme: {
    title: string;
    description: string;
    sections: Array<{ title: string; body: string }>;
    /** What the chosen interfaces need beyond the project's own prerequisites, one line each. */
    prerequisites: string[];
    buildCommand: string;
    bindingsCommand: string;
    interfaces: string[];
    requirement: string;
    port: string;
    hasHttpServer: boolean;
    /** How to try the component on a host once the tests pass (the loop in README). */
    tryOnHost: string;
    /** What `poe dev` does, for README's table of tasks. */
    devTask: string;
    buildConfig: string;
  };
  pyproject: {
    name: string;
    version: string;
    description: string;
    dev: string;
    lineLength: number;
    devCommand: string;
    devHelp: string;
    buildConfig: string;
    /** What mypy and pyright check: every module of the project, the tool's too, tests/ and tools/. */
    checked: string;
  };
  tests: TestView;
  /** The modules the tool owns whole, and their tests: written as they are. */
  owned: Array<{ path: string; contents: string }>;
  yoRc: string;
  ci: { install: Array<{ name: string; run: string }> };
}

/** The key of `.yo-rc.json` (Yeoman's convention) under which a project records what it was generated from. */
export const YO_RC_KEY = 'create-wasmcloud-python';

export { recordedAnswers } from './answers-of.js';

function yoRc(model: ProjectModel): string {
  return JSON.stringify({ [YO_RC_KEY]: { version: packageVersion(), answers: recordedAnswers(model) } }, null, 2);
}

/** What a platform tells the common templates. */
export interface PlatformFacts {
  host: HostFacts;
  /** How to try the component on a host once the tests pass (the loop in README). */
  tryOnHost: string;
  dev: { command: string; help: string };
  buildConfig: string;
  ciInstall: Array<{ name: string; run: string }>;
}

export function commonView(model: ProjectModel, platform: PlatformFacts): CommonView {
  const ctx = context(model);
  const sections = model.interfaces.map((id) => CATALOG[id].readme(ctx, platform.host));
  const listens = model.interfaces.map((id) => CATALOG[id].needs(ctx).listens).find((address) => address !== undefined);
  return {
    names: model.names,
    description: model.description,
    app: appView(model),
    capabilities: capabilitiesView(model),
    world: worldLines(model),
    readme: {
      title: model.names.component,
      description: model.description.replace(/[<>*_`[\]\\]/g, (c) => `\\${c}`),
      sections: sections.map(({ title, body }) => ({ title, body })),
      prerequisites: [...new Set(sections.flatMap((section) => section.prerequisites ?? []))],
      buildCommand: buildArgv(model).join(' '),
      bindingsCommand: bindingsArgv(model).join(' '),
      interfaces: model.interfaces,
      requirement: COMPONENTIZE_PY_REQUIREMENT,
      port: listens?.split(':').pop() ?? '',
      hasHttpServer: listens !== undefined,
      tryOnHost: platform.tryOnHost,
      devTask: platform.dev.help,
      buildConfig: platform.buildConfig,
    },
    pyproject: {
      name: toml(model.names.project),
      version: toml(PROJECT_VERSION),
      description: toml(model.description),
      // pyright's `nodejs` extra brings Node from PyPI, so the venv needs nothing else.
      dev: [COMPONENTIZE_PY_REQUIREMENT, ...Object.entries(PYTHON_DEV_TOOLS).map(([tool, version]) => `${tool === 'pyright' ? 'pyright[nodejs]' : tool}==${version}`)]
        .map(toml)
        .join(', '),
      lineLength: PYTHON_LINE_LENGTH,
      checked: ['app.py', 'capabilities.py', ...ownedModules(model).map((m) => `${m.name}.py`), 'tests', 'tools'].map(toml).join(', '),
      devCommand: toml(platform.dev.command),
      devHelp: toml(platform.dev.help),
      buildConfig: platform.buildConfig,
    },
    tests: testView(model),
    owned: ownedFiles(model),
    yoRc: yoRc(model),
    ci: { install: platform.ciInstall.map((step) => ({ name: yaml(step.name), run: yaml(step.run) })) },
  };
}

/** Files every major writes, rendered from templates/. */
export const COMMON_TEMPLATES: Array<{ source: string; destination: string }> = [
  { source: 'app.py.ejs', destination: 'app.py' },
  { source: 'capabilities.py.ejs', destination: 'capabilities.py' },
  { source: 'world.wit.ejs', destination: 'wit/world.wit' },
  { source: 'pyproject.toml.ejs', destination: 'pyproject.toml' },
  { source: 'gitignore.ejs', destination: '.gitignore' },
  { source: 'gitkeep.ejs', destination: 'build/.gitkeep' },
  { source: 'yo-rc.json.ejs', destination: '.yo-rc.json' },
  { source: 'tests/test_app.py.ejs', destination: 'tests/test_app.py' },
  { source: 'tests/conftest.py.ejs', destination: 'tests/conftest.py' },
  { source: 'tests/test_capabilities.py.ejs', destination: 'tests/test_capabilities.py' },
  { source: 'tests/__init__.py', destination: 'tests/__init__.py' },
  { source: 'python-version.ejs', destination: '.python-version' },
  { source: 'tools/__init__.py', destination: 'tools/__init__.py' },
  { source: 'tools/bindings.py', destination: 'tools/bindings.py' },
  { source: 'github/ci.yml.ejs', destination: '.github/workflows/ci.yml' },
];
