/**
 * The interface folders themselves: their Python files pass ruff on their own (the rendered projects
 * pass every tool in the e2e suites), the catalog's settings are consistent, and what an interface
 * declares is neutral: no interface module names a platform or tests a major.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, INTERFACE_IDS, revisionsOf, SETTINGS } from '../src/interfaces/index.js';
import { INTERFACES_DIR, pythonBlock } from '../src/interfaces/python.js';
import { run } from './support/build.js';
import { readToolchain } from './support/jco.js';
import { runCli, tempDir } from './support/project.js';

const folders = readdirSync(INTERFACES_DIR).filter((entry) => statSync(join(INTERFACES_DIR, entry)).isDirectory());
/** Every .py file of a folder, its WASI 0.3 revisions (`p3/`) too. */
const pythonFiles = folders.flatMap((folder) =>
  readdirSync(join(INTERFACES_DIR, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py'))
    .map((f) => join(folder, f)),
);

describe('interface folders', () => {
  it('are the catalog: one folder per interface, plus the shared one', () => {
    expect(folders.sort()).toEqual([...INTERFACE_IDS, 'common'].sort());
    for (const id of INTERFACE_IDS) expect(CATALOG[id].id).toBe(id);
  });

  it('hold Python that ruff accepts as it stands: lint clean and formatted (names come from the module it is rendered into)', () => {
    const tc = readToolchain();
    expect(pythonFiles.length).toBeGreaterThan(20);
    // F821: the blocks use names the rendered module defines or imports. FakeHost methods are written
    // as top-level defs and indented by 4 when rendered, so they keep 4 columns to spare.
    const hosts = pythonFiles.filter((f) => f.endsWith('host.py'));
    const rest = pythonFiles.filter((f) => !hosts.includes(f));
    // A step that awaits is a statement of WASI 0.3's `async def use_capabilities`: ruff sees it inside one.
    const awaiting = rest.filter((f) => f.endsWith('step.py') && /\bawait\b/.test(readFileSync(join(INTERFACES_DIR, f), 'utf8')));
    for (const file of awaiting) {
      const body = readFileSync(join(INTERFACES_DIR, file), 'utf8').replace(/^(?=.)/gm, '    ');
      const wrapped = join(tempDir('cwp-step-'), 'step.py');
      writeFileSync(wrapped, `async def use_capabilities() -> None:\n${body}`);
      const lint = run([tc.paths.ruff, 'check', '--no-cache', '--line-length', '124', '--select', 'E,F,W,UP,B', '--ignore', 'F821', wrapped], INTERFACES_DIR);
      expect(lint.status, `${file}: ${lint.output}`).toBe(0);
      const format = run([tc.paths.ruff, 'format', '--no-cache', '--check', '--line-length', '124', wrapped], INTERFACES_DIR);
      expect(format.status, `${file}: ${format.output}`).toBe(0);
    }
    rest.splice(0, rest.length, ...rest.filter((f) => !awaiting.includes(f)));
    // A module that takes blocks from a file it shares with another (`# shared: ...`) is linted as rendered, with them in.
    for (const file of rest.filter((f) => readFileSync(join(INTERFACES_DIR, f), 'utf8').includes('\n# shared: '))) {
      const expanded = join(tempDir('cwp-shared-'), file.replace(/\//g, '_'));
      writeFileSync(expanded, `${pythonBlock(file.split('/')[0] as string, file.split('/').slice(1).join('/'))}\n`);
      const lint = run([tc.paths.ruff, 'check', '--no-cache', '--line-length', '120', '--select', 'E,F,W,UP,B', '--ignore', 'F821', expanded], INTERFACES_DIR);
      expect(lint.status, `${file}: ${lint.output}`).toBe(0);
      const format = run([tc.paths.ruff, 'format', '--no-cache', '--check', '--line-length', '120', expanded], INTERFACES_DIR);
      expect(format.status, `${file}: ${format.output}`).toBe(0);
      rest.splice(rest.indexOf(file), 1);
    }
    for (const [files, width] of [[rest, '120'], [hosts, '116']] as const) {
      const lint = run([tc.paths.ruff, 'check', '--no-cache', '--line-length', width, '--select', 'E,F,W,UP,B', '--ignore', 'F821', ...files], INTERFACES_DIR);
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
      const wasi = revisionsOf(CATALOG[setting.interface])[0] as string;
      const interfaces = `${CATALOG[setting.interface].direction === 'export' ? '' : 'http-server,'}${setting.interface}`;
      const result = await runCli(['x', '--wasi', wasi, '--interfaces', interfaces, '--dry-run', '--json', '--yes'], cwd);
      expect(result.code, result.stdout).toBe(0);
      const answers = (JSON.parse(result.stdout) as { answers: Record<string, unknown> }).answers;
      expect(answers[setting.key], setting.key).toBe(setting.default('x'));
    }
  });
});
