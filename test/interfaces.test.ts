/**
 * The interface folders themselves: their Python files pass ruff on their own (the rendered projects
 * pass every tool in the e2e suites), the catalog's settings are consistent, and what an interface
 * declares is neutral: no interface module names a platform or tests a major.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, EXPORT_IDS, INTERFACE_IDS, interfacesFor, revisionsOf, SETTINGS } from '../src/interfaces/index.js';
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
    const ruff = (files: string[], width: number, rules: string[], target?: string): void => {
      const lint = run(
        [tc.paths.ruff, 'check', '--no-cache', '--line-length', String(width), ...(target ? ['--target-version', target] : []), ...rules, ...files],
        INTERFACES_DIR,
      );
      expect(lint.status, lint.output).toBe(0);
      const format = run([tc.paths.ruff, 'format', '--no-cache', '--check', '--line-length', String(width), ...files], INTERFACES_DIR);
      expect(format.status, format.output).toBe(0);
    };
    // wasmcloud_sdk/'s modules are whole: every rule, as a project lints them, with their `# shared:` blocks in.
    // One without a WASI 0.3 revision of its own (p3/sdk/) is in 0.3's projects too, which target Python 3.12.
    const sdk = pythonFiles.filter((f) => f.split('/').includes('sdk'));
    const expandedDir = tempDir('cwp-sdk-');
    for (const file of sdk) {
      const [folder, ...rest] = file.split('/');
      const expanded = join(expandedDir, file.replace(/\//g, '_'));
      writeFileSync(expanded, `${pythonBlock(folder as string, rest.join('/'))}\n`);
      const p3 = file.includes('/p3/');
      const shared = !p3 && !existsSync(join(INTERFACES_DIR, folder as string, 'p3', ...rest));
      for (const target of p3 ? ['py312'] : shared ? ['py311', 'py312'] : ['py311']) ruff([expanded], 120, ['--select', 'E,F,W,I,UP,B'], target);
    }
    // The rest are fragments of app.py and tests/test_app.py: F821, since they use the names the module defines or
    // imports. A step is a statement of demo(), indented by 4 (4 columns to spare); one that awaits is in an async def.
    const fragments = pythonFiles.filter((f) => !sdk.includes(f));
    const steps = fragments.filter((f) => f.endsWith('step.py'));
    for (const file of steps) {
      const body = readFileSync(join(INTERFACES_DIR, file), 'utf8').replace(/^(?=.)/gm, '    ');
      const wrapped = join(tempDir('cwp-step-'), 'step.py');
      writeFileSync(wrapped, `async def demo() -> None:\n${body}`);
      ruff([wrapped], 120, ['--select', 'E,F,W,UP,B', '--ignore', 'F821']);
    }
    ruff(
      fragments.filter((f) => !steps.includes(f)),
      120,
      ['--select', 'E,F,W,UP,B', '--ignore', 'F821'],
    );
  });

  it('ruff finds a fault in them when there is one (the check above can fail)', () => {
    const tc = readToolchain();
    const dir = tempDir('cwp-lint-');
    const file = join(dir, 'broken.py');
    const text = readFileSync(join(INTERFACES_DIR, 'keyvalue', 'sdk', 'keyvalue.py'), 'utf8').replace('\nimport ', '\nimport sys\nimport ');
    writeFileSync(file, text);
    const lint = run([tc.paths.ruff, 'check', '--no-cache', '--select', 'E,F,W,I', file], dir);
    expect(lint.status).not.toBe(0);
  });

  it('render projects that ruff accepts whole: each interface with each export, on each revision (ruff needs no bindings)', async () => {
    const tc = readToolchain();
    const cwd = tempDir('cwp-ruff-');
    let n = 0;
    for (const wasi of ['0.2', '0.3'] as const) {
      for (const exported of EXPORT_IDS) {
        for (const id of interfacesFor(wasi)) {
          const name = `p${n++}`;
          const result = await runCli([name, '--wasi', wasi, '--interfaces', [...new Set([exported, id])].join(','), '--yes'], cwd);
          expect(result.code, result.stderr).toBe(0);
          const lint = run([tc.paths.ruff, 'check', '--no-cache', '.'], join(cwd, name));
          expect(lint.status, `${wasi} ${exported},${id}: ${lint.output}`).toBe(0);
          const format = run([tc.paths.ruff, 'format', '--no-cache', '--check', '.'], join(cwd, name));
          expect(format.status, `${wasi} ${exported},${id}: ${format.output}`).toBe(0);
        }
      }
    }
  }, 120_000);

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
