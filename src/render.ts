/**
 * From the resolved model to what the templates interpolate. Every list a template loops over and
 * every escaped literal is computed here (the Python in render/python.ts, tests/ in render/tests.ts);
 * templates only place them.
 */
import { toml, yaml } from './escape.js';
import { CATALOG } from './interfaces/index.js';
import type { HostFacts } from './interfaces/types.js';
import { recordedAnswers } from './answers-of.js';
import { context, type ProjectModel } from './model.js';
import { bindingsArgv, buildArgv, PROJECT_VERSION, sdkModules, worldLines } from './component.js';
import { appView, PYTHON_LINE_LENGTH, sdkFiles, type PythonModuleView } from './render/python.js';
import { testView, type TestView } from './render/tests.js';
import { chosen, listenAddress } from './needs.js';
import { DEVLOOP, MEASURED } from './measured.js';
import { packageVersion } from './paths.js';
import { COMPONENTIZE_PY_REQUIREMENT, PYTHON_ASYNC_DEV_TOOLS, PYTHON_DEV_TOOLS, PYTHON_VERSION } from './versions.js';

/** What every major's templates share: app.py, the world, pyproject.toml, .gitignore and README's common parts. */
export interface CommonView {
  names: ProjectModel['names'];
  description: string;
  app: PythonModuleView;
  /** wasmcloud_sdk/__init__.py and testing.py: what they import and install. */
  sdk: SdkView;
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
    /** What `poe serve` does, where the platform has it. */
    serveTask: string | undefined;
    buildConfig: string;
    /** The command README's pip route makes the venv with. */
    venvPython: string;
    /** The size of the component as built, in MB, as README says it (`18`). */
    componentMB: string;
    /** The edit loops as `npm run bench:devloop` measured them, in README's words (`36 s`, `0.24 s`). */
    devloop: { devEdit: string; devSyntaxError: string; serveStart: string; serveEdit: string; on: string };
    /** WASI 0.3: what async buys and what it costs, in two lines (none for 0.2). */
    asyncTradeoff: string[];
  };
  pyproject: {
    name: string;
    version: string;
    description: string;
    dev: string;
    lineLength: number;
    devCommand: string;
    /** `poe build`'s command, TOML-escaped. */
    buildCommand: string;
    devHelp: string;
    /** `poe serve`'s task, TOML-escaped, where the platform has it. */
    serve: { command: string; help: string } | undefined;
    buildConfig: string;
    /** The oldest Python the project runs its tests on (`requires-python`, `.python-version`). */
    python: string;
    /** WASI 0.3: async handlers, tested with pytest-asyncio. */
    async: boolean;
  };
  tests: TestView;
  /** The modules of wasmcloud_sdk/ that are written as they are. */
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

/** What wasmcloud_sdk/__init__.py and testing.py need: the modules, which have stand-ins, which exports. */
export interface SdkView {
  /** `from wasmcloud_sdk import a, b` (testing.py: every module it puts a stand-in in place of, and the exports'). */
  importLine: string;
  hosts: Array<{ module: string; summary: string }>;
  modules: Array<{ name: string; title: string }>;
  http: boolean;
  messaging: boolean;
  logging: boolean;
  async: boolean;
  /** `await call` on WASI 0.3, where the app is async: testing.py's client runs it to the end. */
  await: (call: string) => string;
}

function sdkView(model: ProjectModel): SdkView {
  const modules = sdkModules(model);
  const has = (name: string): boolean => modules.some((m) => m.name === name);
  const async = model.wasi === '0.3';
  const imported = modules.filter((m) => m.host !== undefined || m.name === 'http' || m.name === 'messaging').map((m) => m.name);
  return {
    importLine: imported.length > 0 ? `from wasmcloud_sdk import ${[...imported].sort().join(', ')}` : '',
    hosts: modules.flatMap((m) => (m.host === undefined ? [] : [{ module: m.name, summary: m.host }])),
    modules: modules.map((m) => ({ name: m.name, title: CATALOG[m.interface].title })),
    http: has('http'),
    messaging: has('messaging') && model.interfaces.includes('messaging-handler'),
    logging: has('log'),
    async,
    await: (call) => (async ? `run(${call})` : call),
  };
}

/** What a platform tells the common templates. */
interface PlatformFacts {
  host: HostFacts;
  /** How to try the component on a host once the tests pass (the loop in README). */
  tryOnHost: string;
  dev: { command: string; help: string };
  build: string;
  serve?: { command: string; help: string };
  devTools(model: ProjectModel): string[];
  buildConfig: string;
  ciInstall: Array<{ name: string; run: string }>;
}

/** README's two lines on WASI 0.3, with what `npm run bench` measured against 0.2. */
function asyncTradeoff(): string[] {
  const [sync, async] = [MEASURED.cost['0.2'], MEASURED.cost['0.3']];
  const mb = (cost: { mb: number }): string => `${(Math.round(cost.mb * 10 + 1e-9) / 10).toFixed(1)} MB`;
  const seconds = (cost: { firstAnswerSeconds: number }): string => `${Math.round(cost.firstAnswerSeconds)} s`;
  return [
    '**What WASI 0.3 buys:** `async def` handlers that await several outgoing requests or messages at once, and bodies that stream in and out.',
    `**What it costs:** a bigger component, ${mb(async)} (0.2: ${mb(sync)}; asyncio is in it), which \`wash dev\` first answers from after ${seconds(async)} (0.2: ${seconds(sync)}), as create-wasmcloud-python's \`npm run bench\` measured (${MEASURED.on}).`,
  ];
}

export function commonView(model: ProjectModel, platform: PlatformFacts): CommonView {
  const ctx = context(model);
  const sections = model.interfaces.map((id) => CATALOG[id].readme(ctx, platform.host));
  const listens = listenAddress(chosen(model));
  return {
    names: model.names,
    description: model.description,
    app: appView(model),
    sdk: sdkView(model),
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
      serveTask: platform.serve?.help,
      buildConfig: platform.buildConfig,
      venvPython: model.wasi === '0.3' ? `python${PYTHON_VERSION[model.wasi]}` : 'python3',
      componentMB: String(Math.round(MEASURED.cost[model.wasi].mb)),
      devloop: {
        devEdit: `${Math.round(DEVLOOP.devEditSeconds)} s`,
        devSyntaxError: `${Math.round(DEVLOOP.devSyntaxErrorSeconds)} s`,
        serveStart: `${DEVLOOP.serveStartSeconds.toFixed(1)} s`,
        serveEdit: `${DEVLOOP.serveEditSeconds.toFixed(2)} s`,
        on: DEVLOOP.on,
      },
      asyncTradeoff: model.wasi === '0.3' ? asyncTradeoff() : [],
    },
    pyproject: {
      name: toml(model.names.project),
      version: toml(PROJECT_VERSION),
      description: toml(model.description),
      // pyright without its `nodejs` extra: it runs on the machine's Node (npm create ran on it), 39 MB in the venv
      // where the extra's own Node makes 244 MB (measured with uv, 2026-12-03); README says so.
      dev: [
        COMPONENTIZE_PY_REQUIREMENT,
        ...Object.entries({ ...PYTHON_DEV_TOOLS, ...(model.wasi === '0.3' ? PYTHON_ASYNC_DEV_TOOLS : {}) }).map(
          ([tool, version]) => `${tool}==${version}`,
        ),
        ...platform.devTools(model),
      ]
        .map(toml)
        .join(', '),
      lineLength: PYTHON_LINE_LENGTH,
      devCommand: toml(platform.dev.command),
      buildCommand: toml(platform.build),
      devHelp: toml(platform.dev.help),
      serve: platform.serve && { command: toml(platform.serve.command), help: toml(platform.serve.help) },
      buildConfig: platform.buildConfig,
      python: PYTHON_VERSION[model.wasi],
      async: model.wasi === '0.3',
    },
    tests: testView(model),
    owned: sdkFiles(model),
    yoRc: yoRc(model),
    ci: { install: platform.ciInstall.map((step) => ({ name: yaml(step.name), run: yaml(step.run) })) },
  };
}

/** Files every major writes, rendered from templates/. */
export const COMMON_TEMPLATES: Array<{ source: string; destination: string }> = [
  { source: 'app.py.ejs', destination: 'app.py' },
  { source: 'sdk/__init__.py.ejs', destination: 'wasmcloud_sdk/__init__.py' },
  { source: 'sdk/testing.py.ejs', destination: 'wasmcloud_sdk/testing.py' },
  { source: 'conftest.py.ejs', destination: 'conftest.py' },
  { source: 'world.wit.ejs', destination: 'wit/world.wit' },
  { source: 'pyproject.toml.ejs', destination: 'pyproject.toml' },
  { source: 'gitignore.ejs', destination: '.gitignore' },
  { source: 'gitkeep.ejs', destination: 'build/.gitkeep' },
  { source: 'yo-rc.json.ejs', destination: '.yo-rc.json' },
  { source: 'tests/test_app.py.ejs', destination: 'tests/test_app.py' },
  { source: 'python-version.ejs', destination: '.python-version' },
  { source: 'tools/__init__.py', destination: 'tools/__init__.py' },
  { source: 'tools/bindings.py', destination: 'tools/bindings.py' },
  { source: 'tools/cpython.py', destination: 'tools/cpython.py' },
  { source: 'github/ci.yml.ejs', destination: '.github/workflows/ci.yml' },
];
