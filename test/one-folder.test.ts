/**
 * Adding an interface is its folder plus one catalog line: a fixture interface (test/fixtures/interface-tally/,
 * with its own WIT family, 1.x provider, SDK module, demo step, tests and README prose) is dropped into a copy of
 * this repository with nothing else changed, built, and generates projects that hold all of it, type-check,
 * pass their tests and build with wash.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { expectCleanPython } from './support/build.js';
import { read, ROOT, tempDir } from './support/project.js';
import { washBuildOffline } from './support/wash.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'interface-tally');

describe('a new interface folder', { timeout: 400_000 }, () => {
  let copy: string;
  const cli = (args: string[], cwd: string): string =>
    execFileSync(process.execPath, [join(copy, 'dist', 'src', 'bin.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

  beforeAll(() => {
    copy = tempDir('cwp-one-folder-');
    for (const entry of ['src', 'generators', 'templates', 'scripts', 'package.json', 'tsconfig.json']) {
      cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    // The folder, and the one catalog line (its import, and its place in the list).
    cpSync(FIXTURE, join(copy, 'src', 'interfaces', 'tally'), { recursive: true });
    const catalog = join(copy, 'src', 'interfaces', 'index.ts');
    const text = readFileSync(catalog, 'utf8');
    const listed = text.replace(/(const MODULES = \[[^\]]*)\]/, '$1, tally]');
    expect(listed).not.toBe(text);
    writeFileSync(catalog, `import { tally } from './tally/index.js';\n${listed}`);
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: copy, stdio: 'pipe' });
    execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: copy, stdio: 'pipe' });
  }, 300_000);

  it('is in the catalog, with its setting', () => {
    expect(cli(['--list-interfaces'], copy)).toMatch(/^tally\s+import\s+Count things on the host/m);
    expect(cli(['--help'], copy)).toContain('--tally-name <NAME>');
  });

  it('gives a wasmCloud 2 project its WIT, host interface, SDK module, demo line, test and README prose; it type-checks, tests and builds', async () => {
    const cwd = tempDir('cwp-tally-');
    cli(['tallied', '--yes', '-i', 'http-server,tally,keyvalue', '--tally-name', 'hits'], cwd);
    const project = join(cwd, 'tallied');
    expect(read(project, 'wit/deps/acme-tally-0.1.0/package.wit')).toBe(
      readFileSync(join(FIXTURE, 'wit', 'acme-tally-0.1.0', 'package.wit'), 'utf8'),
    );
    expect(read(project, 'wit/world.wit')).toContain('import acme:tally/counter@0.1.0;');
    expect(read(project, '.wash/config.yaml')).toContain('--import-interface-name acme:tally/counter@0.1.0=tally_counter');
    const deployment = parseAllDocuments(read(project, 'manifests/workloaddeployment.yaml'))
      .map((doc) => doc.toJS() as { kind: string; spec: { template: { spec: { hostInterfaces: Array<{ namespace: string; package: string }> } } } })
      .find((doc) => doc.kind === 'WorkloadDeployment');
    expect(deployment?.spec.template.spec.hostInterfaces).toContainEqual(
      expect.objectContaining({ namespace: 'acme', package: 'tally', config: { tally: 'hits' } }),
    );
    expect(read(project, 'wasmcloud_sdk/tally.py')).toBe(readFileSync(join(FIXTURE, 'sdk', 'tally.py'), 'utf8'));
    expect(read(project, 'app.py')).toContain('lines.append(f"tally: {tally.increment(key)}")');
    expect(read(project, 'tests/test_app.py')).toContain('def test_each_request_is_tallied(hosts: Hosts) -> None:');
    expect(read(project, 'README.md')).toContain('the tally `hits`.');
    expectCleanPython(project, 'tallied');
    const built = await washBuildOffline(project);
    expect(built.code, built.output).toBe(0);
  });

  it('gives a wasmCloud 1.x project its provider and link in wadm.yaml', () => {
    const cwd = tempDir('cwp-tally-v1-');
    cli(['tallied', '--yes', '--wasmcloud', '1', '-i', 'http-server,tally'], cwd);
    const wadm = read(join(cwd, 'tallied'), 'wadm.yaml');
    expect(wadm).toContain('image: ghcr.io/acme/tally-provider:0.1.0');
    expect(wadm).toMatch(/package: tally\n\s+interfaces: \[counter\]/);
    expect(wadm).toMatch(/name: tally-name\n\s+properties:\n\s+tally: tallied/);
  });
});
