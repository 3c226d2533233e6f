#!/usr/bin/env node
// Bundles the bin and the Yeoman generator, with every runtime dependency, into dist/ (GitHub issue 5),
// so that the published package installs with no dependencies at all.
//
//   npm run build    # = tsc -p tsconfig.json && node scripts/bundle.mjs
//
// tsc still emits every module into dist/ (the type check, and what scripts/ and bench/ import, such
// as dist/src/versions.js); this script then overwrites the entry points and adds the chunks.
// package.json "files" publishes only these:
//   dist/src/bin.js                the bin (package.json "bin"): a loader that runs chunks/bin.cjs and
//                                  what it requires with V8's code cache (see "CommonJS chunks")
//   dist/generators/app/index.js   the generator, a default-exported yeoman-generator subclass that
//                                  yo or yeoman-test can run with their own environment (it imports
//                                  chunks/generator-app.cjs); generators/add likewise
//   dist/chunks/*.cjs              all the code, code-split by esbuild: what a run does not reach is
//                                  never loaded, and the prompt libraries sit in chunks that only an
//                                  interactive run loads
//
// What the command never reaches is replaced by stubs that throw if they are reached after all, so a
// wrong guess fails loudly instead of misbehaving:
//   - yeoman-environment's index (FullEnvironment, commands, generator lookup, fly-import/arborist/pacote
//     installs): the bin imports only EnvironmentBase;
//   - Yeoman's own commit (@yeoman/conflicter): the bin passes customCommitTask;
//   - package-manager runs (execa, which-package-manager): a generated project has no package.json;
//   - yeoman-generator's git, spawn and latest-version helpers: the generator uses none of them.
// Some files of the dependencies read their own package.json from disk, which a bundle cannot do: the
// value is inlined at build time. Each patch asserts that its pattern matched and each stub that it
// was used, so an upgrade that moves things fails the build instead of shipping a broken bundle.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
/** The package that holds a file of node_modules, read from its package.json. */
function owningPackage(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  const dir = parts.slice(0, at + (parts[at + 1]?.startsWith('@') ? 3 : 2)).join(sep);
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}
/** Matches `node_modules/<name>/<file>` at the end of an absolute path. */
const inPackage = (name, file) =>
  new RegExp(`[\\\\/]node_modules[\\\\/]${name.replace('/', '[\\\\/]')}[\\\\/]${file.replaceAll('/', '[\\\\/]').replaceAll('.', '\\.')}$`);

/** A module that throws when any of its exports is called or constructed. */
function throwingModule(specifier, names, { defaultExport = false, extra = '' } = {}) {
  const fail = `function __unbundled(what) { throw new Error(${JSON.stringify(`create-wasmcloud-python: ${specifier}`)} + (what ? '.' + what : '') + ' is not bundled: the command never uses it'); }`;
  const exports = names.map((n) => `export const ${n} = (..._) => __unbundled(${JSON.stringify(n)});`);
  return [fail, ...exports, defaultExport ? 'export default (..._) => __unbundled("default");' : '', extra].join('\n');
}

/** Bare specifiers replaced wherever they are imported from. */
const STUBS = {
  // Runs package managers and git: install tasks, spawnCommand, git user lookups.
  execa: throwingModule('execa', ['execa', 'execaSync', 'execaCommand', 'execaCommandSync', 'execaNode', '$']),
  'which-package-manager': throwingModule('which-package-manager', ['whichPackageManager']),
  'simple-git': throwingModule('simple-git', ['simpleGit'], {
    extra: 'export const CheckRepoActions = {}; export const CleanOptions = {};',
  }),
  'latest-version': throwingModule('latest-version', [], { defaultExport: true }),
  // Installs generators on the fly (npm arborist, pacote, sigstore, ...). EnvironmentBase constructs a
  // FlyRepository eagerly, so the class must construct; any method use throws.
  'fly-import': `${throwingModule('fly-import', ['flyImport', 'flyInstall', 'defineConfig', 'getConfig', 'getDefaultRepository', 'resetConfig'])}
export class FlyRepository {
  constructor(config) { this.repositoryPath = config?.repositoryPath; this.arboristConfig = config?.arboristConfig; }
  install() { __unbundled('FlyRepository.install'); }
  import() { __unbundled('FlyRepository.import'); }
  resolve() { __unbundled('FlyRepository.resolve'); }
  verify() { __unbundled('FlyRepository.verify'); }
}`,
  // read-pkg normalizes only when asked; yeoman-generator reads its root package.json with
  // normalize: false. (normalize-package-data pulls in hosted-git-info, spdx-*, semver at load.)
  'normalize-package-data': throwingModule('normalize-package-data', [], { defaultExport: true }),
  // @yeoman/adapter builds an ora spinner in its constructor and only starts it in progress(), which
  // only Yeoman's own commit and transform runs call. Loading ora costs ~10 ms (Intl.Segmenter,
  // Unicode property regexes at its top level), so it is a spinner that never spins.
  ora: `export default function ora() {
  return { isSpinning: false, suffixText: '', start() { return this; }, stop() { return this; }, succeed() { return this; }, fail() { return this; } };
}`,
  // Yeoman's conflict resolution and commit; the bin commits itself (customCommitTask).
  '@yeoman/conflicter': throwingModule('@yeoman/conflicter', ['createConflicterTransform', 'createYoResolveTransform', 'forceYoFiles']),
};

/** Files of the dependencies replaced by other contents: [file pattern, contents]. */
const FILE_STUBS = [
  // Generator lookup (globby over node_modules, `npm root -g`): only `yo` looks generators up. Its
  // top level also reads yeoman-environment's package.json from disk.
  [
    inPackage('yeoman-environment', 'dist/module-lookup.js'),
    throwingModule('yeoman-environment module lookup', ['moduleLookupSync', 'findPackagesIn', 'getNpmPaths']),
  ],
  // Yeoman's commit: conflicter + mem-fs-editor commit transform. Replaced by customCommitTask.
  [inPackage('yeoman-environment', 'dist/commit.js'), throwingModule('yeoman-environment commit', ['commitSharedFsTask'])],
  // The adapter builds an inquirer prompt module in its constructor; the bin never prompts through
  // Yeoman (it prompts itself, and only interactively), so inquirer loads on the first prompt only.
  [
    inPackage('@yeoman/adapter', 'dist/inquirer.js'),
    `export const createAdapterPromptModule = (parameter) => {
  let real;
  const promptModule = async (questions, answers) => {
    real ??= (await import('./inquirer.js?real')).createAdapterPromptModule(parameter);
    return real(questions, answers);
  };
  return promptModule;
};`,
  ],
];

/** import() for code of the chunks: the bin's (see LOADER) when it runs them, or the chunk's own. */
const IMPORT_HOOK = 'create-wasmcloud-python.import';
const DYNAMIC_IMPORT = `(globalThis[Symbol.for(${JSON.stringify(IMPORT_HOOK)})] ?? ((specifier) => import(specifier)))`;

/** Exact text replacements in files of the dependencies: [file pattern, from, to(package.json)]. */
const PATCHES = [
  [
    inPackage('yeoman-environment', 'dist/environment-base.js'),
    "const ENVIRONMENT_VERSION = require('../package.json').version;",
    (pkg) => `const ENVIRONMENT_VERSION = ${JSON.stringify(pkg.version)};`,
  ],
  [
    inPackage('yeoman-generator', 'dist/generator.js'),
    "const packageJson = JSON.parse(readFileSync(pathJoin(_dirname, '../package.json'), 'utf8'));",
    (pkg) => `const packageJson = ${JSON.stringify({ name: pkg.name, version: pkg.version })};`,
  ],
  // All of semver for one `lte` of two plain versions (the environment's, inlined above, and the one
  // the generator asks for): semver builds some 40 regular expressions when it loads (~1.5 ms).
  // Anything but x.y.z on either side still goes to semver, loaded on that call only.
  [
    inPackage('yeoman-generator', 'dist/generator.js'),
    "import { lte as semverLte } from 'semver';",
    () => `const semverLte = (a, b) => {
  const x = /^(\\d+)\\.(\\d+)\\.(\\d+)$/.exec(a);
  const y = /^(\\d+)\\.(\\d+)\\.(\\d+)$/.exec(b);
  if (!x || !y) return require('semver/functions/lte.js')(a, b);
  for (let i = 1; i <= 3; i += 1) if (Number(x[i]) !== Number(y[i])) return Number(x[i]) < Number(y[i]);
  return true;
};`,
  ],
  // node:crypto (~2 ms to load) for one random instance id, which only tells generators apart.
  [inPackage('yeoman-environment', 'dist/composed-store.js'), "import crypto from 'node:crypto';\n", () => ''],
  [
    inPackage('yeoman-environment', 'dist/composed-store.js'),
    "const instanceId = crypto.randomBytes(20).toString('hex');",
    () => "const instanceId = Array.from({ length: 20 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0')).join('');",
  ],
  // fdir looks picomatch up on disk at load, for its glob() builder, which tinyglobby never calls (it
  // passes its own matchers): the lookup walks node_modules directories up from the bundle, and loads
  // whatever picomatch it finds there. glob() throws fdir's own "specify a glob function" instead.
  [inPackage('tinyglobby/node_modules/fdir', 'dist/index.mjs'), '\t__require.resolve("picomatch");\n\tpm = __require("picomatch");\n', () => ''],
  // import() of a generator by path (composeWith, or an environment loading a generator from disk;
  // the bin does neither): V8's code cache drops what a vm script needs for import() (Node 20 and 22
  // throw ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so in chunks run by dist/src/bin.js it goes through
  // the import() of that ES module; loaded with plain require() (yo, yeoman-test), through its own.
  [
    inPackage('yeoman-generator', 'dist/actions/lifecycle.js'),
    'await import(pathToFileURL(resolved).href)',
    () => `await ${DYNAMIC_IMPORT}(pathToFileURL(resolved).href)`,
  ],
  [
    inPackage('yeoman-environment', 'dist/store.js'),
    'return import(__rewriteRelativeImportExtension(pathToFileURL(meta.resolved).href));',
    () => `return ${DYNAMIC_IMPORT}(__rewriteRelativeImportExtension(pathToFileURL(meta.resolved).href));`,
  ],
  // EJS's compileDebug (on unless turned off) wraps every compiled template in line tracking, so that
  // an error thrown while rendering names the template line: ~3% of a --yes run's instructions, for
  // the shipped templates, which the tests render from the sources (with it). Off unless asked for.
  [
    inPackage('mem-fs-editor/node_modules/ejs', 'lib/esm/ejs.js'),
    'options.compileDebug = opts.compileDebug !== false;',
    () => 'options.compileDebug = opts.compileDebug === true;',
  ],
  // read-pkg and find-up-simple take toPath from unicorn-magic, whose execFile helpers load
  // node:child_process (~2 ms) with it: load that on a call only.
  [
    inPackage('unicorn-magic', 'node.js'),
    "import {execFile as execFileCallback, execFileSync as execFileSyncOriginal} from 'node:child_process';",
    () => "const execFileSyncOriginal = (...args) => require('node:child_process').execFileSync(...args);",
  ],
  [
    inPackage('unicorn-magic', 'node.js'),
    'const execFileOriginal = promisify(execFileCallback);',
    () => "const execFileOriginal = (...args) => promisify(require('node:child_process').execFile)(...args);",
  ],
  // parse-json frames the text around a JSON syntax error with @babel/code-frame, which (with the
  // identifier tables of @babel/helper-validator-identifier) loads with it; load it on an error only.
  [
    inPackage('parse-json', 'index.js'),
    "import {codeFrameColumns} from '@babel/code-frame';",
    () => "const codeFrameColumns = (...args) => require('@babel/code-frame').codeFrameColumns(...args);",
  ],
  // `this._`, all of lodash on every generator instance (deprecated, unused here): a quarter of the
  // code the command loads. Reading it now throws.
  [inPackage('yeoman-generator', 'dist/generator.js'), "import * as _ from 'lodash-es';", () => ''],
  [
    inPackage('yeoman-generator', 'dist/generator.js'),
    '    _ = _;\n',
    () => "    get _() { throw new Error('create-wasmcloud-python: this._ (lodash) is not bundled'); }\n",
  ],
];

const ours = (importer) => importer && !importer.split(sep).includes('node_modules');

/** [specifier, dependant whose copy is dropped, dependant whose copy is bundled]: see the plugin. */
const DEDUPE = [['minimatch', 'multimatch', 'mem-fs-editor']];
const deduped = new Set();
/** Whether a file belongs to package `name` itself (not to a package nested in it). */
const inDependant = (file, name) => {
  const parts = (file ?? '').split(sep);
  const at = parts.lastIndexOf('node_modules');
  return at >= 0 && parts.slice(at + 1, at + 1 + name.split('/').length).join('/') === name;
};
/** Where each canonical dependant's own files resolve from: its package directory. */
const canonicalDirs = new Map(DEDUPE.map(([, , canonical]) => [canonical, join(root, 'node_modules', canonical)]));

const slim = {
  name: 'cwp-slim',
  setup(b) {
    // The bin only needs EnvironmentBase, not the package index (FullEnvironment, commands, lookup).
    b.onResolve({ filter: /^yeoman-environment$/ }, (args) =>
      ours(args.importer) ? { path: 'yeoman-environment', namespace: 'cwp-env' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cwp-env' }, async () => {
      // Resolve the package as our sources would, then address the file its index re-exports.
      const index = await b.resolve('yeoman-environment', { kind: 'import-statement', resolveDir: join(root, 'src') });
      if (index.errors.length > 0) throw new Error('bundle: cannot resolve yeoman-environment');
      const base = join(dirname(index.path), 'environment-base.js');
      return { contents: `export { default, default as EnvironmentBase } from ${JSON.stringify(base)};`, resolveDir: root };
    });

    const stubFilter = new RegExp(
      `^(${Object.keys(STUBS)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
        .join('|')})$`,
    );
    b.onResolve({ filter: stubFilter }, (args) => ({ path: args.path, namespace: 'cwp-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'cwp-stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));

    // Identical copies of a package (same name and version) that npm nested under two dependants are
    // bundled once, as npm would have installed them had the tree allowed it. The copy bundled is the
    // one the first dependant of the pair resolves; the versions are compared at build time.
    for (const [specifier, dependant, canonical] of DEDUPE) {
      b.onResolve({ filter: new RegExp(`^${specifier}$`) }, async (args) => {
        if (args.pluginData?.cwpDedupe || !inDependant(args.importer, dependant)) return undefined;
        const [mine, theirs] = await Promise.all(
          [args.resolveDir, canonicalDirs.get(canonical)].map((resolveDir) =>
            b.resolve(specifier, { kind: args.kind, resolveDir, pluginData: { cwpDedupe: true } }),
          ),
        );
        if (mine.errors.length > 0 || theirs.errors.length > 0) return undefined;
        const [a, b2] = [owningPackage(mine.path), owningPackage(theirs.path)];
        if (a.name !== b2.name || a.version !== b2.version) {
          throw new Error(`bundle: ${specifier} for ${dependant} is ${a.version}, for ${canonical} ${b2.version}: drop it from DEDUPE`);
        }
        deduped.add(specifier);
        return { path: theirs.path };
      });
    }

    // node:assert loads a dozen internal modules (~2 ms). The dependencies call only assert.ok, with a
    // message, so it is loaded the first time one fails, and throws the AssertionError it would have.
    const assertUsers = new Set();
    b.onResolve({ filter: /^(node:)?assert$/ }, (args) => {
      if (ours(args.importer)) return undefined;
      assertUsers.add(args.importer);
      return { path: 'assert', namespace: 'cwp-lazy-assert' };
    });
    b.onLoad({ filter: /.*/, namespace: 'cwp-lazy-assert' }, () => ({
      contents: `const ok = (value, message) => { if (!value) require('node:assert').ok(value, message); };
export default Object.assign((value, message) => ok(value, message), { ok });`,
      loader: 'js',
    }));
    b.onEnd((result) => {
      if (result.errors.length > 0) return;
      for (const file of assertUsers) {
        const code = readFileSync(file, 'utf8').replace(/^import assert from '(node:)?assert';$/m, '');
        const other = code.match(/\bassert\b(?!\.ok\()[^\n]{0,40}/);
        if (other) throw new Error(`bundle: ${relative(root, file)} uses node:assert beyond assert.ok: ${other[0]}`);
      }
    });

    // The real adapter prompt module, for the lazy wrapper above.
    b.onResolve({ filter: /\?real$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?real$/, '')), suffix: '?real' }));

    const stubbed = new Set();
    const patched = new Set();
    b.onLoad({ filter: /\.m?js$/ }, (args) => {
      const stub = args.suffix === '?real' ? undefined : FILE_STUBS.find(([pattern]) => pattern.test(args.path));
      if (stub) {
        stubbed.add(stub[0]);
        return { contents: stub[1], loader: 'js', resolveDir: dirname(args.path) };
      }
      const patches = PATCHES.filter(([pattern]) => pattern.test(args.path));
      if (patches.length === 0) return undefined;
      let text = readFileSync(args.path, 'utf8');
      for (const [pattern, from, to] of patches) {
        if (!text.includes(from)) throw new Error(`bundle: patch for ${relative(root, args.path)} no longer matches: ${from}`);
        text = text.replace(from, to(owningPackage(args.path)));
        patched.add(pattern);
      }
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
    b.onEnd((result) => {
      if (result.errors.length > 0) return;
      const missed = [...PATCHES.filter(([p]) => !patched.has(p)), ...FILE_STUBS.filter(([p]) => !stubbed.has(p))];
      for (const [specifier] of DEDUPE) if (!deduped.has(specifier)) missed.push([{ source: `dedupe ${specifier}` }]);
      if (missed.length > 0) throw new Error(`bundle: patches or stubs never applied: ${missed.map(([p]) => p.source).join(', ')}`);
    });
  },
};

// --debug: readable output (no minification) for profiling and stack traces.
// --verbose: list the files written and their sizes.
// --metafile <file>: esbuild's metafile (of the ESM stage), for size analysis (e.g. https://esbuild.github.io/analyze/).
const debug = process.argv.includes('--debug');
const metafileOut = process.argv.includes('--metafile') ? process.argv[process.argv.indexOf('--metafile') + 1] : undefined;

// Every entry point's code goes into dist/chunks/ with the shared chunks; what sits at the published
// paths is a few lines that load it (see "The files written" below).
const ENTRIES = [
  { in: 'src/bin.ts', chunk: 'bin' },
  { in: 'generators/app/index.ts', chunk: 'generator-app', shim: 'generators/app/index.js' },
  { in: 'generators/add/index.ts', chunk: 'generator-add', shim: 'generators/add/index.js' },
];
const chunksDir = join(outdir, 'chunks');

const result = await build({
  absWorkingDir: root,
  entryPoints: ENTRIES.map((e) => ({ in: e.in, out: `chunks/${e.chunk}` })),
  outdir,
  write: false,
  bundle: true,
  // ESM is the only format esbuild code-splits; the chunks are turned into CommonJS below.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20.17',
  // ESM builds of dependencies first, as Node itself would pick them.
  mainFields: ['module', 'main'],
  conditions: ['node', 'import'],
  legalComments: 'none',
  minify: !debug,
  // Class and function names stay as written (error names, debug output, anything reading .name).
  keepNames: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [slim],
});

// Nothing but Node built-ins may stay outside the bundle: the package installs no dependencies.
// (debug's optional `require('supports-color')` sits in a try/catch and falls back to no colour
// detection, as it does when supports-color is not installed.)
const OPTIONAL = new Set(['supports-color']);
const builtins = new Set(builtinModules);
const leaks = Object.values(result.metafile.outputs)
  .flatMap((o) => o.imports)
  .filter((i) => i.external && !builtins.has(i.path.replace(/^node:/, '')) && !OPTIONAL.has(i.path));
if (leaks.length > 0) throw new Error(`bundle: left outside the bundle: ${[...new Set(leaks.map((i) => i.path))].join(', ')}`);

// ---------------------------------------------------------------------------------------------------
// CommonJS chunks, for V8's code cache.
//
// Most of a run's own time was V8 parsing and compiling the ~450 kB of JavaScript it loads. Node 22
// can cache that for ES modules (module.enableCompileCache), Node 20 cannot; and Node caches only
// the functions compiled before a module runs, not the many compiled lazily while it runs. Scripts
// compiled with node:vm take V8's code cache on every supported Node, and a cache made after the
// run (script.createCachedData) holds every function the run compiled. So each ESM chunk is
// converted to a CommonJS chunk (.cjs), and dist/src/bin.js loads them through node:vm with a code
// cache kept in a per-user directory under os.tmpdir(); see LOADER below. The code is the same:
// esbuild's ESM output, with `import`/`export` between chunks turned into require()/exports.
//   - Static imports between chunks become require("./x.cjs"); literal dynamic imports of chunks
//     become Promise.resolve().then(() => require("./x.cjs")) (module namespace and exports object
//     carry the same names). A script compiled from V8's code cache cannot run import() (Node throws
//     ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): the few others, of a generator by path, go through
//     the bin's import() (DYNAMIC_IMPORT), and the build fails on any import() left.
//   - import.meta.url becomes the chunk's file URL; the code stays in strict mode, as ESM is.
//   - Bundled CommonJS dependencies require() Node built-ins through the chunk's own require.
//   - The same .cjs files load with plain require() as well: the published generator entries
//     (for yo or yeoman-test) are ES modules that import their chunk that way.
const esmOutputs = result.outputFiles.filter((f) => f.path.endsWith('.js'));
const names = new Set(esmOutputs.map((f) => relative(chunksDir, f.path)));
for (const name of names) {
  if (name.includes('/') || name.includes(sep)) throw new Error(`bundle: output outside dist/chunks: ${name}`);
}
const cjsName = (name) => name.replace(/\.js$/, '.cjs');
const IMPORT_META_URL = '__cwpImportMetaUrl';

const chunks = new Map(); // name.cjs -> contents
for (const file of esmOutputs) {
  const name = relative(chunksDir, file.path);
  const meta = result.metafile.outputs[relative(root, file.path).split(sep).join('/')];
  if (!meta) throw new Error(`bundle: no metafile entry for ${name}`);
  const dynamic = meta.imports.filter((i) => !i.external && i.kind === 'dynamic-import').length;
  let replaced = 0;
  const esm = file.text.replace(/\bimport\("\.\/([\w.-]+\.js)"\)/g, (all, target) => {
    if (!names.has(target)) return all;
    replaced += 1;
    return `Promise.resolve().then(()=>require("./${cjsName(target)}"))`;
  });
  if (replaced !== dynamic) throw new Error(`bundle: ${name}: ${dynamic} dynamic imports of chunks, ${replaced} rewritten`);
  const converted = await transform(esm, {
    format: 'cjs',
    platform: 'node',
    target: 'node20.17',
    minify: !debug,
    legalComments: 'none',
    define: { 'import.meta.url': IMPORT_META_URL },
    logLevel: 'silent',
  });
  if (converted.warnings.length > 0) {
    throw new Error(`bundle: ${name} to CommonJS: ${converted.warnings.map((w) => w.text).join('; ')}`);
  }
  const statics = meta.imports.filter((i) => !i.external && i.kind === 'import-statement').length;
  let required = 0;
  let code = converted.code.replace(/\brequire\("\.\/([\w.-]+)\.js"\)/g, (all, target) => {
    if (!names.has(`${target}.js`)) return all;
    required += 1;
    return `require("./${target}.cjs")`;
  });
  if (required < statics) throw new Error(`bundle: ${name}: ${statics} static imports of chunks, ${required} rewritten`);
  if (/\bimport\.meta\b/.test(code) || /\bimport\("\.\/[\w.-]+\.js"\)/.test(code)) throw new Error(`bundle: ${name}: ESM left in a CommonJS chunk`);
  // Any other import() must be DYNAMIC_IMPORT's fallback (`=>import(`): see the PATCHES using it.
  // (`import(){` is a method of that name.)
  // (--debug keeps comments, and JSDoc types read import('...'): check the code without them.)
  const bare = debug ? (await transform(code, { minifyWhitespace: true, logLevel: 'silent' })).code : code;
  const dynamicImport = bare.match(/(?<![\w$.]|=>\s*)import\((?!\)\s*\{)[^\n]{0,60}/);
  if (dynamicImport) throw new Error(`bundle: ${name}: import() that a cached vm script cannot run: ${dynamicImport[0]}`);
  const prologue = [
    '"use strict";',
    code.includes(IMPORT_META_URL) ? `var ${IMPORT_META_URL}=require("node:url").pathToFileURL(__filename).href;` : '',
  ].join('');
  // (The entry's hashbang goes: dist/src/bin.js has its own.)
  code = `${prologue}\n${code.replace(/^#!.*\n/, '').replace(/^"use strict";\n?/, '')}`;
  chunks.set(cjsName(name), code);
}

// The generator entries have exactly one export, the generator class.
for (const entry of ENTRIES.filter((e) => e.shim)) {
  const meta = result.metafile.outputs[`dist/chunks/${entry.chunk}.js`];
  if (JSON.stringify(meta?.exports) !== '["default"]')
    throw new Error(`bundle: ${entry.in} must export only a default (got ${JSON.stringify(meta?.exports)})`);
}

/** Short content hashes of the chunks: the code cache of a chunk is kept per content and per Node. */
const hashes = Object.fromEntries([...chunks].map(([name, code]) => [name, createHash('sha256').update(code).digest('hex').slice(0, 16)]));

// dist/src/bin.js: an ES module (the package is "type": "module") that loads chunks/bin.cjs and what
// it requires through node:vm, with V8's code cache:
//   - cache files live in <os.tmpdir()>/create-wasmcloud-python-<uid>/, a directory made 0700 and used
//     only if it belongs to this user and no one else can write to it (V8 trusts what it reads);
//   - one file per chunk, named by the chunk's content hash and length, Node version, arch and a hash
//     of Node's and V8's flags; V8 rejects a cache made by another V8 or with other flags (then it
//     is made again);
//   - a chunk loaded without an accepted cache gets one when the process exits, holding every
//     function compiled by then; written to a temp name and renamed, so concurrent runs are safe;
//   - when it writes, it removes cache files not written for 30 days (other builds, other Nodes);
//   - NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off; any failure of the cache only
//     means running without it.
const LOADER = `#!/usr/bin/env node
// Generated by scripts/bundle.mjs: loads ../chunks/bin.cjs and the chunks it requires with V8's code cache.
// Built-ins through process.getBuiltinModule (Node 20.16+), not import: an ES module's import of a
// built-in builds a facade of all its exports, and fs's (ReadStream, ...) loads all of node:stream.
const { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const { tmpdir } = process.getBuiltinModule('node:os');
const { dirname, join } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const { Script } = process.getBuiltinModule('node:vm');

// import() for the chunks (a script compiled from V8's code cache cannot run its own).
globalThis[Symbol.for(${JSON.stringify(IMPORT_HOOK)})] = (specifier) => import(specifier);

const HASHES = ${JSON.stringify(hashes)};
const chunks = join(dirname(fileURLToPath(import.meta.url)), '..', 'chunks');
const nodeRequire = createRequire(join(chunks, 'bin.cjs'));
const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
const cacheDir = (() => {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  try {
    const dir = join(tmpdir(), \`create-wasmcloud-python-\${uid ?? 'user'}\`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
})();
// V8 rejects a cache made under other V8 flags: runs with other flags (node --..., NODE_OPTIONS)
// keep their own files instead of replacing each other's. (FNV-1a of the flags.)
const flags = (() => {
  let h = 0x811c9dc5;
  for (const c of \`\${process.execArgv.join(' ')}|\${process.env.NODE_OPTIONS ?? ''}\`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16);
})();
const modules = new Map();
const unsaved = [];

function load(name) {
  let module = modules.get(name);
  if (module) return module.exports;
  const filename = join(chunks, name);
  const source = readFileSync(filename, 'utf8');
  const cacheFile = cacheDir && join(cacheDir, \`\${name}.\${HASHES[name]}.\${source.length}.\${process.version}-\${process.arch}-\${flags}.v8\`);
  let cachedData;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {}
  const script = new Script(\`(function (exports, require, module, __filename, __dirname) {\${source}\\n})\`, { filename, cachedData });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    if (unsaved.length === 0) process.once('exit', save);
    unsaved.push([script, cacheFile]);
  }
  module = { exports: {}, filename, loaded: false };
  modules.set(name, module);
  const require = (specifier) => (specifier.startsWith('./') && Object.hasOwn(HASHES, specifier.slice(2)) ? load(specifier.slice(2)) : nodeRequire(specifier));
  require.resolve = nodeRequire.resolve;
  require.cache = nodeRequire.cache;
  script.runInThisContext()(module.exports, require, module, filename, chunks);
  module.loaded = true;
  return module.exports;
}

function save() {
  // Caches of other builds and Node versions go after 30 days unused (made, that is: a cache in use
  // is made again the run after it goes).
  try {
    for (const entry of readdirSync(cacheDir)) {
      const file = join(cacheDir, entry);
      if (Date.now() - statSync(file).mtimeMs > 30 * 24 * 3600 * 1000) rmSync(file, { force: true });
    }
  } catch {}
  for (const [script, cacheFile] of unsaved) {
    try {
      const temp = \`\${cacheFile}.\${process.pid}.tmp\`;
      writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      renameSync(temp, cacheFile);
    } catch {}
  }
}

load('bin.cjs');
`;

// ---------------------------------------------------------------------------------------------------
// The files written, each atomically (tests may be running the bin while `npm pack` rebuilds):
//   dist/src/bin.js                  LOADER
//   dist/generators/<g>/index.js     an ES module re-exporting chunks/generator-<g>.cjs's default
//   dist/chunks/*.cjs                every chunk, entries' code included
const files = new Map([[join(outdir, 'src', 'bin.js'), LOADER]]);
for (const entry of ENTRIES.filter((e) => e.shim)) {
  const at = join(outdir, entry.shim);
  const target = relative(dirname(at), join(chunksDir, `${entry.chunk}.cjs`))
    .split(sep)
    .join('/');
  files.set(
    at,
    `// Generated by scripts/bundle.mjs: the generator's code is in ${target}.\nimport chunk from '${target}';\n\nexport default chunk.default;\n`,
  );
}
for (const [name, code] of chunks) files.set(join(chunksDir, name), code);

for (const [path, text] of files) {
  const contents = Buffer.from(text);
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path) && Buffer.compare(readFileSync(path), contents) === 0) continue;
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}
// Chunks of earlier builds, now that nothing loads them.
for (const name of readdirSync(chunksDir)) if (!files.has(join(chunksDir, name))) rmSync(join(chunksDir, name), { force: true });
if (metafileOut) writeFileSync(metafileOut, JSON.stringify(result.metafile));

// One line on stderr (stdout may be `npm pack --json`'s); the files with --verbose.
const rows = [...files].map(([f, text]) => [relative(root, f), Buffer.byteLength(text)]).sort((a, b) => b[1] - a[1]);
const total = rows.reduce((n, [, bytes]) => n + bytes, 0);
process.stderr.write(`bundle: ${rows.length} files, ${(total / 1e6).toFixed(2)} MB in dist/\n`);
if (process.argv.includes('--verbose')) {
  process.stderr.write(`${rows.map(([f, bytes]) => `  ${(bytes / 1e3).toFixed(1).padStart(8)} kB  ${f}`).join('\n')}\n`);
}
