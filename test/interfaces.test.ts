/**
 * The interface folders themselves: their Python files pass ruff on their own (the rendered projects
 * pass every tool in the e2e suites), the catalog's settings are consistent, and what an interface
 * declares is neutral: no interface module names a platform or tests a major.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, INTERFACE_IDS, SETTINGS } from '../src/interfaces/index.js';
import { INTERFACES_DIR } from '../src/interfaces/python.js';
import { run } from './support/build.js';
import { readToolchain } from './support/jco.js';
import { runCli, tempDir } from './support/project.js';

const folders = readdirSync(INTERFACES_DIR).filter((entry) => statSync(join(INTERFACES_DIR, entry)).isDirectory());
// Each folder's .py files, and its WASI 0.3 ones in p3/.
const pythonFiles = folders.flatMap((folder) =>
  [folder, join(folder, 'p3')].filter((dir) => existsSync(join(INTERFACES_DIR, dir))).flatMap((dir) => readdirSync(join(INTERFACES_DIR, dir)).filter((f) => f.endsWith('.py')).map((f) => join(dir, f))),
);

describe('interface folders', () => {
  it('are the catalog: one folder per interface, plus the shared one', () => {
    expect(folders.sort()).toEqual([...INTERFACE_IDS, 'common'].sort());
    for (const id of INTERFACE_IDS) expect(CATALOG[id].id).toBe(id);
  });

  it('hold Python that ruff accepts as it stands: lint clean and formatted (names come from the module it is rendered into)', () => {
    const tc = readToolchain();
    expect(pythonFiles.length).toBeGreaterThan(20);
    // F821: the blocks use names the rendered module defines or imports; F704: a WASI 0.3 step awaits, inside
    // the async use_capabilities() it is rendered into. FakeHost methods are written
    // as top-level defs and indented by 4 when rendered, so they keep 4 columns to spare.
    const hosts = pythonFiles.filter((f) => f.endsWith('host.py'));
    const rest = pythonFiles.filter((f) => !hosts.includes(f));
    for (const [files, width] of [[rest, '120'], [hosts, '116']] as const) {
      const lint = run([tc.paths.ruff, 'check', '--no-cache', '--line-length', width, '--select', 'E,F,W,UP,B', '--ignore', 'F821,F704', ...files], INTERFACES_DIR);
      expect(lint.status, lint.output).toBe(0);
      const format = run([tc.paths.ruff, 'format', '--no-cache', '--check', '--line-length', width, ...files], INTERFACES_DIR);
      expect(format.status, format.output).toBe(0);
    }
  });

  it('ruff finds a fault in them when there is one (the check above can fail)', () => {
    const tc = readToolchain();
    const dir = tempDir('cwp-lint-');
    const file = join(dir, 'broken.py');
    const text = readFileSync(join(INTERFACES_DIR, 'keyvalue', 'capability.py'), 'utf8').replace('return atomics', 'x = 1 ;return atomics');
    writeFileSync(file, text);
    const lint = run([tc.paths.ruff, 'check', '--no-cache', '--select', 'E,F,W', '--ignore', 'F821', file], dir);
    expect(lint.status).not.toBe(0);
  });

  it('declare each setting once: keys and flags are unique, and every default passes its own check', () => {
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    expect(new Set(SETTINGS.map((s) => s.flag)).size).toBe(SETTINGS.length);
    for (const setting of SETTINGS) expect(setting.check(setting.default('my-component')), setting.key).toBeUndefined();
  });

  it('name no platform and test no major', () => {
    for (const id of INTERFACE_IDS) {
      const source = readFileSync(join(INTERFACES_DIR, id, 'index.ts'), 'utf8');
      expect(source, id).not.toMatch(/\bmajor\b|wasmcloud === |platforms\/|\bv[12]\b/);
    }
  });

  it('every setting is a flag, an answers-file key and a --json answer of its interface', async () => {
    const cwd = tempDir();
    for (const setting of SETTINGS) {
      const result = await runCli(['x', '--interfaces', `${CATALOG[setting.interface].direction === 'export' ? '' : 'http-server,'}${setting.interface}`, '--dry-run', '--json', '--yes'], cwd);
      expect(result.code, result.stdout).toBe(0);
      const answers = (JSON.parse(result.stdout) as { answers: Record<string, unknown> }).answers;
      expect(answers[setting.key], setting.key).toBe(setting.default('x'));
    }
  });
});
