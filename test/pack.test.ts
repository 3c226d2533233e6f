/** The published shape: what `npm create wasmcloud-python` / `npx create-wasmcloud-python` run. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, listFiles, ROOT, snapshotTree, tempDir } from './support/project.js';

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
