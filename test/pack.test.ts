/** The published shape: what `npm create wasmcloud-python` / `npx create-wasmcloud-python` run. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, listFiles, ROOT, snapshotTree, tempDir } from './support/project.js';

/** What `npm pack --dry-run --json` in `cwd` would put in the tarball: paths relative to the package root. */
function packList(cwd: string): string[] {
  // --ignore-scripts: the list of what is built now, without `prepare` rebuilding dist/ under the other suites.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return pack!.files.map((f) => f.path).sort();
}

/**
 * The files under `dir` (relative to ROOT) that the generator reads at run time: everything but TypeScript
 * (the .py files, Markdown prose, vendored WIT, the templates), skipping Python's byte-code caches and an
 * interface's `test/` folder (the JavaScript hosts this repository's 1.x suites run components with).
 */
function runtimeFiles(dir: string): string[] {
  return listFiles(join(ROOT, dir))
    .filter((f) => !f.endsWith('.ts') && !f.split('/').includes('__pycache__') && !/^[^/]+\/test\//.test(f))
    .map((f) => `${dir}/${f}`);
}

describe('packed tarball', () => {
  let tarball: string;
  beforeAll(() => {
    const out = tempDir('cwp-pack-');
    execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    tarball = join(out, readdirSync(out).find((f) => f.endsWith('.tgz')) as string);
  });

  it('holds the bin, the generator and the templates, and no tests or sources of ours', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/dist/src/bin.js');
    expect(listing).toContain('package/templates/app.py.ejs');
    expect(listing).toContain('package/src/interfaces/common/wit/wasi-http-0.2.0/package.wit');
    expect(listing).toContain('package/src/interfaces/http-server/p3/sdk/http.py');
    expect(listing).toContain('package/src/interfaces/keyvalue/sdk/keyvalue.py');
    // The interfaces' own tests of the SDK stay here: test/sdk/ is not in it.
    expect(listing.some((f) => f.includes('/sdk/test_'))).toBe(false);
    expect(listing.some((f) => f.startsWith('package/test/'))).toBe(false);
    expect(listing.some((f) => f.startsWith('package/.toolchain/'))).toBe(false);
  });

  it('`npx --package <tarball> create-wasmcloud-python` in an empty directory generates the same project', async () => {
    const args = ['hello', '--yes', '--interfaces', 'http-server,keyvalue,logging'];
    const cwd = tempDir('cwp-npx-');
    execFileSync('npx', ['--yes', '--package', tarball, 'create-wasmcloud-python', ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false' },
      timeout: 240_000,
    });
    const published = join(cwd, 'hello');
    const local = await generate('hello', args.slice(2));
    expect(listFiles(published)).toEqual(listFiles(local));
    expect(snapshotTree(published)).toEqual(snapshotTree(local));
  }, 300_000);
});

describe('npm pack --dry-run --json', () => {
  it("lists exactly the bundle, package.json, README.md, LICENSE, the templates and the interfaces' run-time files", () => {
    const chunks = listFiles(join(ROOT, 'dist', 'chunks')).map((f) => `dist/chunks/${f}`);
    expect(chunks.length, 'dist/chunks/ is empty: run `npm run build`').toBeGreaterThan(0);
    const generators = readdirSync(join(ROOT, 'generators')).filter((g) => statSync(join(ROOT, 'generators', g)).isDirectory());
    const expected = new Set([
      'package.json',
      'README.md',
      'LICENSE',
      'dist/src/bin.js',
      ...generators.map((g) => `dist/generators/${g}/index.js`),
      ...chunks,
      ...runtimeFiles('templates'),
      ...runtimeFiles('src/interfaces'),
    ]);
    const packed = packList(ROOT);
    const missing = [...expected].filter((f) => !packed.includes(f)).sort();
    const extra = packed.filter((f) => !expected.has(f));
    expect({ missing, extra }, 'package.json "files" against what the package needs').toEqual({ missing: [], extra: [] });
    // What the package never holds (the exact set above already says so; this says it by name).
    const forbidden = [
      /^test\//,
      /^src\/interfaces\/[^/]+\/test\//,
      /^scripts\//,
      /^bench\//,
      /^\.toolchain\//,
      /^\.github\//,
      /^\.ci\//,
      /golden/,
      /\.ts$/,
      /\.map$/,
      /\.tgz$/,
    ];
    expect(packed.filter((f) => forbidden.some((re) => re.test(f)))).toEqual([]);
  });

  it('ships a Markdown or Python file placed anywhere under src/interfaces/, and no TypeScript from there', () => {
    // A copy of package.json in an empty directory, with a few files where interfaces may grow them.
    const dir = tempDir('cwp-files-');
    writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    const probes = [
      'src/interfaces/x/NOTES.md',
      'src/interfaces/x/p3/NOTES.md',
      'src/interfaces/x/p3/sdk/deep/notes.md',
      'src/interfaces/x/a/b/c/mod.py',
    ];
    const sources = ['src/interfaces/x/index.ts', 'src/interfaces/x/p3/index.ts', 'src/cli.ts', 'src/notes.md'];
    for (const f of [...probes, ...sources]) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '\n');
    }
    const packed = packList(dir);
    expect(
      probes.filter((f) => !packed.includes(f)),
      'not shipped by package.json "files"',
    ).toEqual([]);
    expect(sources.filter((f) => packed.includes(f))).toEqual([]);
  });
});

describe('npm run create, from a clone of this repository', () => {
  it('works where it is typed: `npm run create -- add keyvalue` inside a project grows that project', () => {
    const base = join(ROOT, '.vitest-tmp');
    mkdirSync(base, { recursive: true });
    const cwd = mkdtempSync(join(base, 'npm-run-'));
    try {
      const npm = (args: string[], at: string): string =>
        execFileSync('npm', ['run', '--silent', 'create', '--', ...args], { cwd: at, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
      npm(['grown', '--yes'], cwd);
      const project = join(cwd, 'grown');
      expect(readdirSync(project)).toContain('app.py');
      npm(['add', 'keyvalue', '--yes'], join(project, 'tests'));
      expect(readdirSync(join(project, 'wasmcloud_sdk'))).toContain('keyvalue.py');
      expect(readdirSync(ROOT)).not.toContain('grown');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
