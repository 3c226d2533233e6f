/**
 * From the resolved model to what the templates interpolate. Every list a template loops over and
 * every escaped literal is computed here; templates only place them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { python, toml } from './escape.js';
import { CATALOG } from './interfaces/index.js';
import type { Context } from './interfaces/types.js';
import type { ProjectModel } from './model.js';
import { WIT_DIR } from './paths.js';
import { COMPONENTIZE_PY_REQUIREMENT, PYTHON_DEV_TOOLS, WIT_PACKAGES, WIT_SETS, type Major, type WitFamily, type WitPackage, type WitTextKey } from './versions.js';
import { parsePackage, type WitPackageText } from './wit.js';

export const PROJECT_VERSION = '0.1.0';

export function context(model: ProjectModel): Context {
  return { names: model.names, settings: model.settings, major: model.wasmcloud };
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

const parsed = new Map<WitTextKey, WitPackageText>();
export function packageText(key: WitTextKey): WitPackageText {
  let text = parsed.get(key);
  if (!text) {
    text = parsePackage(readFileSync(join(WIT_DIR, WIT_PACKAGES[key].template, 'package.wit'), 'utf8'));
    parsed.set(key, text);
  }
  return text;
}

interface IfaceId {
  ns: string;
  pkg: string;
  name: string;
  version: string;
}

export function splitIface(id: string): IfaceId {
  const match = /^([^:]+):([^/]+)\/([^@]+)@(.+)$/.exec(id);
  if (!match) throw new Error(`not a versioned interface id: ${id}`);
  return { ns: match[1] as string, pkg: match[2] as string, name: match[3] as string, version: match[4] as string };
}

/** Every interface the world reaches: its imports and exports and, transitively, what they `use`. */
export function worldInterfaces(model: ProjectModel): string[] {
  const { exports, imports } = worldLines(model);
  const byId = new Map(vendoredPackages(model).map((p) => [p.id as string, p.key]));
  const seen = new Set<string>();
  const visit = (iface: string): void => {
    if (seen.has(iface)) return;
    seen.add(iface);
    const { ns, pkg, name, version } = splitIface(iface);
    const key = byId.get(`${ns}:${pkg}@${version}`);
    if (!key) throw new Error(`${iface} is in no vendored package`);
    const text = packageText(key);
    const found = text.interfaces.get(name);
    if (!found) throw new Error(`${iface} is not defined by the vendored ${text.id}`);
    found.uses.forEach(visit);
  };
  [...exports, ...imports].forEach(visit);
  return [...seen];
}

const snake = (s: string): string => s.replace(/[-.]/g, '_');

/**
 * The Python module componentize-py generates for each interface of the world: the bare name when it
 * is unique (`atomics`), else qualified by package (`wasi_http_types`), else also by version
 * (`wasi_io_streams_0_2_0`). The end-to-end tests check this against real bindings.
 */
export function pythonModuleNames(interfaces: string[]): Map<string, string> {
  const parts = interfaces.map((id) => ({ id, ...splitIface(id) }));
  const count = <K>(key: (p: (typeof parts)[number]) => K) => {
    const counts = new Map<K, number>();
    for (const p of parts) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
    return (p: (typeof parts)[number]) => counts.get(key(p)) as number;
  };
  const byName = count((p) => p.name);
  const byPackage = count((p) => `${p.ns}:${p.pkg}/${p.name}`);
  return new Map(
    parts.map((p) => {
      if (byName(p) === 1) return [p.id, snake(p.name)];
      const qualified = snake(`${p.ns}_${p.pkg}_${p.name}`);
      return [p.id, byPackage(p) === 1 ? qualified : `${qualified}_${snake(p.version)}`];
    }),
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Case-insensitive, as isort orders imported names (plain comparisons: a locale collator costs start-up time). */
const isortOrder = (a: string, b: string): number => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b);

/** The line length app.py is written for, and that pyproject.toml configures ruff with. */
export const PYTHON_LINE_LENGTH = 120;

/** `from m import a, b`, or one name a line in parentheses when that is longer than the line length. */
function fromImport(module: string, names: string[]): string {
  const one = `from ${module} import ${names.join(', ')}`;
  return one.length <= PYTHON_LINE_LENGTH ? one : `from ${module} import (\n${names.map((n) => `    ${n},\n`).join('')})`;
}

export interface AppView {
  docstring: string;
  /** `import re`, ...: isort's first section. */
  stdlib: string[];
  imports: string[];
  constants: string[];
  /** Top-level blocks in order: helpers, use_capabilities, handler classes. */
  blocks: string[];
}

const indent = (code: string, by: string): string => code.split('\n').map((line) => (line ? by + line : line)).join('\n');

export function appView(model: ProjectModel): AppView {
  const ctx = context(model);
  const fragments = model.interfaces.map((id) => CATALOG[id].python(ctx));
  const modules = pythonModuleNames(worldInterfaces(model));
  const moduleOf = (iface: string): string => {
    const name = modules.get(versioned(iface, model.wasmcloud));
    if (!name) throw new Error(`app.py refers to ${iface}, which the world does not reach`);
    return name;
  };

  const fromImports = new Map<string, Set<string>>();
  const moduleImports = new Set<string>();
  for (const fragment of fragments) {
    for (const { iface, names } of fragment.fromImports ?? []) {
      const module = `wit_world.imports.${moduleOf(iface)}`;
      const set = fromImports.get(module) ?? new Set<string>();
      names.forEach((n) => set.add(n));
      fromImports.set(module, set);
    }
    for (const { iface, alias } of fragment.moduleImports ?? []) {
      const module = moduleOf(iface);
      moduleImports.add(module === alias ? module : `${module} as ${alias}`);
    }
  }

  const constants = [
    `COMPONENT_NAME = ${python(model.names.component)}`,
    ...new Map(fragments.flatMap((f) => f.constants ?? [])).entries(),
  ].map((c) => (typeof c === 'string' ? c : `${c[0]} = ${c[1]}`));

  const steps = [...new Set(fragments.flatMap((f) => f.steps ?? []))];
  const useCapabilities = `def use_capabilities(key: str, body: bytes) -> list[str]:
    """Use this component's imported capabilities once per request or message.

    \`key\` is the request path or the message subject and \`body\` its payload; the lines returned
    become part of the answer.
    """
${steps.length === 0 ? '    return []' : `    lines: list[str] = []\n${indent(steps.join('\n'), '    ')}\n    return lines`}`;

  const codeOf = (direction: 'import' | 'export'): string[] =>
    model.interfaces.flatMap((id, i) => (CATALOG[id].direction === direction && fragments[i]?.code ? [fragments[i].code] : []));
  const blocks = [
    ...new Set(fragments.flatMap((f) => f.helpers ?? [])),
    ...codeOf('import'),
    useCapabilities,
    ...codeOf('export'),
    ...fragments.flatMap((f) => (f.exportClass ? [f.exportClass] : [])),
  ];
  const code = [...constants, ...blocks].join('\n');

  const lines: string[] = [];
  const used = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  const types = ['Err', 'Ok'].filter(used);
  if (types.length > 0) lines.push(`from componentize_py_types import ${types.join(', ')}`);
  lines.push('from wit_world import exports');
  // As isort (ruff's I rules) writes them: the plain names in one statement, then each `as` on its own line.
  const plain = [...moduleImports].filter((m) => !m.includes(' as ')).sort(isortOrder);
  if (plain.length > 0) lines.push(fromImport('wit_world.imports', plain));
  lines.push(...[...moduleImports].filter((m) => m.includes(' as ')).sort().map((m) => `from wit_world.imports import ${m}`));
  for (const module of [...fromImports.keys()].sort()) {
    const names = [...(fromImports.get(module) as Set<string>)].sort(isortOrder);
    lines.push(fromImport(module, names));
  }
  const stdlib = [...new Set(fragments.flatMap((f) => f.stdlib ?? []))].sort().map((m) => `import ${m}`);
  return { docstring: python(model.description), stdlib, imports: lines, constants, blocks };
}

/** The build as wash 1.x runs it: split on whitespace, no shell. */
export function buildArgv(model: ProjectModel): string[] {
  return ['componentize-py', '-d', 'wit', '-w', model.names.world, 'componentize', 'app', '-o', model.names.artifact];
}

export function bindingsArgv(model: ProjectModel, dir = 'bindings'): string[] {
  return ['componentize-py', '-d', 'wit', '-w', model.names.world, 'bindings', dir];
}

/** tests/test_app.py: every chosen capability's fakes and tests, each identical part once. */
export interface TestView {
  fakes: string[];
  state: string[];
  /** FakeHost methods, indented into the class. */
  methods: string[];
  /** Fixture statements, indented into the fixture. */
  patches: string[];
  tests: string[];
  /** What the test module imports from typing and dataclasses, as it uses them. */
  typing: string[];
  dataclasses: string[];
  types: string[];
}

export function testView(model: ProjectModel): TestView {
  const ctx = context(model);
  const parts = model.interfaces.flatMap((id) => {
    const tests = CATALOG[id].python(ctx).tests;
    return tests ? [tests] : [];
  });
  const all = (pick: (t: (typeof parts)[number]) => string[] | undefined) => [...new Set(parts.flatMap((t) => pick(t) ?? []))];
  const view = {
    fakes: all((t) => t.fakes),
    state: all((t) => t.state),
    methods: all((t) => t.methods).map((m) => indent(m, '    ')),
    patches: all((t) => t.patches),
    tests: all((t) => t.tests),
  };
  const code = [...view.fakes, ...view.state, ...view.methods, ...view.tests].join('\n');
  const used = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  return {
    ...view,
    typing: ['Self'].filter(used),
    dataclasses: ['dataclass', ...(used('field') ? ['field'] : [])],
    types: ['Err', 'Ok'].filter(used),
  };
}

/** What every major's templates share: app.py, the world, pyproject.toml, .gitignore and README's common parts. */
export interface CommonView {
  names: ProjectModel['names'];
  description: string;
  app: AppView;
  world: { exports: string[]; imports: string[] };
  readme: {
    title: string;
    description: string;
    sections: Array<{ title: string; body: string }>;
    buildCommand: string;
    bindingsCommand: string;
    interfaces: string[];
    requirement: string;
    port: string;
    hasHttpServer: boolean;
    /** How to try the component on a host once the tests pass (the loop in README). */
    tryOnHost: string;
  };
  pyproject: { name: string; version: string; description: string; dev: string; lineLength: number };
  tests: TestView;
  bindingsCommand: string;
}

export function commonView(model: ProjectModel): CommonView {
  const ctx = context(model);
  return {
    names: model.names,
    description: model.description,
    app: appView(model),
    world: worldLines(model),
    readme: {
      title: model.names.component,
      description: model.description.replace(/[<>*_`[\]\\]/g, (c) => `\\${c}`),
      sections: model.interfaces.map((id) => CATALOG[id].readme(ctx)),
      buildCommand: buildArgv(model).join(' '),
      bindingsCommand: bindingsArgv(model).join(' '),
      interfaces: model.interfaces,
      requirement: COMPONENTIZE_PY_REQUIREMENT,
      port: model.settings.httpAddress.split(':').pop() as string,
      hasHttpServer: model.interfaces.includes('http-server'),
      tryOnHost: model.wasmcloud === 2 ? 'run it on the real host with `wash dev`' : 'build and deploy it on a wasmCloud 1.x host',
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
    },
    tests: testView(model),
    bindingsCommand: python(bindingsArgv(model).join(' ')),
  };
}

/** Files every major writes, rendered from templates/. */
export const COMMON_TEMPLATES: Array<{ source: string; destination: string }> = [
  { source: 'app.py.ejs', destination: 'app.py' },
  { source: 'world.wit.ejs', destination: 'wit/world.wit' },
  { source: 'pyproject.toml.ejs', destination: 'pyproject.toml' },
  { source: 'gitignore.ejs', destination: '.gitignore' },
  { source: 'gitkeep.ejs', destination: 'build/.gitkeep' },
  { source: 'tests/test_app.py.ejs', destination: 'tests/test_app.py' },
  { source: 'tests/conftest.py.ejs', destination: 'tests/conftest.py' },
];
