#!/usr/bin/env node
// Bundles the bin and the Yeoman generator, with every runtime dependency, into dist/ (GitHub issue 5),
// so that the published package installs with no dependencies at all.
//
//   npm run build    # = tsc -p tsconfig.json && node scripts/bundle.mjs
//
// tsc still emits every module into dist/ (the type check, and what scripts/ and bench/ import, such
// as dist/src/versions.js); this script then overwrites the two entry points with bundles and adds
// the chunks they share. package.json "files" publishes only these:
//   dist/src/bin.js                the bin (package.json "bin"); loads the chunks below on demand
//   dist/generators/app/index.js   the generator, a default-exported yeoman-generator subclass that
//                                  yo or yeoman-test can run with their own environment
//   dist/chunks/*.js               shared code (ESM, code-split): what a run does not reach is never
//                                  loaded, and the prompt libraries sit in chunks that only an
//                                  interactive run imports
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
import { build } from 'esbuild';
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
const inPackage = (name, file) => new RegExp(`[\\\\/]node_modules[\\\\/]${name.replace('/', '[\\\\/]')}[\\\\/]${file.replaceAll('/', '[\\\\/]').replaceAll('.', '\\.')}$`);

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
  // All of semver for one `lte`.
  [inPackage('yeoman-generator', 'dist/generator.js'), "import { lte as semverLte } from 'semver';", () => "import semverLte from 'semver/functions/lte.js';"],
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

const slim = {
  name: 'cwp-slim',
  setup(b) {
    // The bin only needs EnvironmentBase, not the package index (FullEnvironment, commands, lookup).
    b.onResolve({ filter: /^yeoman-environment$/ }, (args) => (ours(args.importer) ? { path: 'yeoman-environment', namespace: 'cwp-env' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'cwp-env' }, async () => {
      // Resolve the package as our sources would, then address the file its index re-exports.
      const index = await b.resolve('yeoman-environment', { kind: 'import-statement', resolveDir: join(root, 'src') });
      if (index.errors.length > 0) throw new Error('bundle: cannot resolve yeoman-environment');
      const base = join(dirname(index.path), 'environment-base.js');
      return { contents: `export { default, default as EnvironmentBase } from ${JSON.stringify(base)};`, resolveDir: root };
    });

    const stubFilter = new RegExp(`^(${Object.keys(STUBS).map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter: stubFilter }, (args) => ({ path: args.path, namespace: 'cwp-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'cwp-stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));

    // The real adapter prompt module, for the lazy wrapper above.
    b.onResolve({ filter: /\?real$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?real$/, '')), suffix: '?real' }));

    const stubbed = new Set();
    const patched = new Set();
    b.onLoad({ filter: /\.js$/ }, (args) => {
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
      if (missed.length > 0) throw new Error(`bundle: patches or stubs never applied: ${missed.map(([p]) => p.source).join(', ')}`);
    });
  },
};

// Bundled CommonJS dependencies require() Node built-ins (fs, path, tty, ...): give ESM a require.
// (None of them reads __dirname or __filename; the build would need them in the banner too.)
const banner = "import { createRequire as __cwpCreateRequire } from 'node:module'; const require = __cwpCreateRequire(import.meta.url);";

// --debug: readable output (no minification) for profiling and stack traces.
// --verbose: list the files written and their sizes.
// --metafile <file>: esbuild's metafile, for size analysis (e.g. https://esbuild.github.io/analyze/).
const debug = process.argv.includes('--debug');
const metafileOut = process.argv.includes('--metafile') ? process.argv[process.argv.indexOf('--metafile') + 1] : undefined;

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/bin.ts', 'generators/app/index.ts', 'generators/add/index.ts'],
  outbase: '.',
  outdir,
  // Written below, each file atomically: tests may be running the bin while `npm pack` rebuilds.
  write: false,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20.17',
  // ESM builds of dependencies first, as Node itself would pick them.
  mainFields: ['module', 'main'],
  conditions: ['node', 'import'],
  banner: { js: banner },
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

const written = new Set();
for (const file of result.outputFiles) {
  written.add(file.path);
  mkdirSync(dirname(file.path), { recursive: true });
  if (existsSync(file.path) && Buffer.compare(readFileSync(file.path), file.contents) === 0) continue;
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
// Chunks of earlier builds, now that nothing imports them.
const chunks = join(outdir, 'chunks');
for (const name of readdirSync(chunks)) if (!written.has(join(chunks, name))) rmSync(join(chunks, name), { force: true });
if (metafileOut) writeFileSync(metafileOut, JSON.stringify(result.metafile));

// One line on stderr (stdout may be `npm pack --json`'s); the files with --verbose.
const rows = result.outputFiles.map((f) => [relative(root, f.path), f.contents.length]).sort((a, b) => b[1] - a[1]);
const total = rows.reduce((n, [, bytes]) => n + bytes, 0);
process.stderr.write(`bundle: ${rows.length} files, ${(total / 1e6).toFixed(2)} MB in dist/\n`);
if (process.argv.includes('--verbose')) {
  process.stderr.write(`${rows.map(([f, bytes]) => `  ${(bytes / 1e3).toFixed(1).padStart(8)} kB  ${f}`).join('\n')}\n`);
}
