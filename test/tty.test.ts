/** The interactive path, in a real pseudo-terminal: prompts, answers, and cancelling. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, INTERFACE_IDS } from '../src/interfaces/index.js';
import { listFiles, ROOT, tempDir } from './support/project.js';

const BIN = join(ROOT, 'dist', 'src', 'bin.js');

const DOWN = '\u001b[B';

/** The text a terminal shows, without colours and cursor movement. */
const plain = (output: string) => output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/** A directory `name` in `cwd` holding one file of the user's. */
function taken(cwd: string, name = 'taken'): string {
  mkdirSync(join(cwd, name), { recursive: true });
  writeFileSync(join(cwd, name, 'notes.txt'), 'mine');
  return join(cwd, name);
}

function inTerminal(args: string[], steps: Array<[string, string]>, cwd: string, env: Record<string, string> = {}) {
  const spec = {
    argv: [process.execPath, BIN, ...args],
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm', ...env },
    steps,
    timeout: 20,
  };
  const result = spawnSync(process.env.PYTHON ?? 'python3', [join(ROOT, 'test', 'support', 'terminal.py'), JSON.stringify(spec)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`pty driver failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { code: number; output: string; timedOut: boolean };
}

describe('at a terminal', () => {
  it('refuses an interface selection without an export, then generates once one is chosen', () => {
    const cwd = tempDir();
    // Space toggles the pre-selected http-server off; Enter is refused; space and Enter choose it again.
    const result = inTerminal(
      [],
      [
        ['Component name', 'my-app\r'],
        ['WASI revision', '\r'],
        ['Interfaces', ' \r'],
        ['at least one export', ' \r'],
      ],
      cwd,
    );
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'my-app', 'app.py'))).toBe(true);
  });

  it('accepts the defaults with Enter and writes the project', () => {
    const cwd = tempDir();
    const result = inTerminal(
      [],
      [
        ['Component name', 'my-app\r'],
        ['WASI revision', '\r'],
        ['Interfaces', '\r'],
      ],
      cwd,
    );
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, 'my-app', 'wit', 'world.wit'), 'utf8')).toContain('export wasi:http/incoming-handler@0.2.0;');
  });

  it('offers a valid name in place of an invalid one', () => {
    const cwd = tempDir();
    const result = inTerminal(
      ['My Component'],
      [
        ['Component name', '\r'],
        ['WASI revision', '\r'],
        ['Interfaces', '\r'],
      ],
      cwd,
    );
    expect(result.output).toContain('my-component');
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'my-component', 'app.py'))).toBe(true);
  });

  it('asks for the WASI revision on wasmCloud 2 and offers secrets only with 0.3', () => {
    const cwd = tempDir();
    const secrets = `${DOWN.repeat(INTERFACE_IDS.indexOf('secrets'))} \r`;
    const result = inTerminal(
      ['async-app'],
      [
        ['WASI revision', `${DOWN}\r`],
        ['Interfaces', secrets],
      ],
      cwd,
    );
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(plain(result.output)).toContain('secrets');
    expect(readFileSync(join(cwd, 'async-app', 'wit', 'world.wit'), 'utf8')).toContain('import wasmcloud:secrets/store@2.1.0;');
    expect(JSON.parse(readFileSync(join(cwd, 'async-app', '.yo-rc.json'), 'utf8'))['create-wasmcloud-python'].answers.wasi).toBe('0.3');
    const sync = inTerminal(
      ['sync-app'],
      [
        ['WASI revision', '\r'],
        ['Interfaces', '\r'],
      ],
      cwd,
    );
    expect(sync.code).toBe(0);
    expect(plain(sync.output)).not.toMatch(/secrets +Read a secret/);
  });

  it('asks for the key-value provider when keyvalue is chosen', () => {
    const cwd = tempDir();
    const result = inTerminal(['kv', '--wasmcloud', '1', '-i', 'http-server,keyvalue'], [['Key-value provider', '\u001b[B\r']], cwd);
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, 'kv', 'wadm.yaml'), 'utf8')).toContain('keyvalue-redis');
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', () => {
    const cwd = tempDir();
    const result = inTerminal([], [['Component name', '\u0003']], cwd);
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(130);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('never prompts with --yes, even at a terminal', () => {
    const cwd = tempDir();
    const result = inTerminal(['--yes'], [], cwd);
    expect(result.code).toBe(2);
    expect(result.output).not.toContain('Component name');
    expect(existsSync(join(cwd, 'my-component'))).toBe(false);
  });

  it('never prompts with CI set unless --interactive', () => {
    const quiet = inTerminal([], [], tempDir(), { CI: 'true' });
    expect(quiet.code).toBe(2);
    const cwd = tempDir();
    const asked = inTerminal(
      ['--interactive'],
      [
        ['Component name', 'ci-app\r'],
        ['WASI revision', '\r'],
        ['Interfaces', '\r'],
      ],
      cwd,
      { CI: 'true' },
    );
    expect(asked.code).toBe(0);
    expect(existsSync(join(cwd, 'ci-app', 'app.py'))).toBe(true);
  });

  it('after the interfaces are confirmed, shows only their ids on one line', () => {
    const cwd = tempDir();
    const keys = `${DOWN.repeat(INTERFACE_IDS.indexOf('keyvalue'))} \r`;
    const result = inTerminal(
      ['short'],
      [
        ['WASI revision', '\r'],
        ['Interfaces', keys],
      ],
      cwd,
    );
    expect(result.code).toBe(0);
    // The last line that starts with the question is its answer.
    const answer = [...plain(result.output).matchAll(/Interfaces ([^\r\n]*)/g)].at(-1)?.[1]?.trim();
    expect(answer).toBe('http-server, keyvalue');
    expect(answer).not.toContain(CATALOG.keyvalue.summary.slice(0, 20));
  });
});

describe('at a terminal, a target that is not empty', () => {
  it('asks what to do; another name offers a free one and writes there, leaving the taken directory alone', () => {
    const cwd = tempDir();
    taken(cwd);
    const result = inTerminal(
      ['taken'],
      [
        ['is not empty', '\r'],
        ['(taken2)', '\r'],
        ['WASI revision', '\r'],
        ['Interfaces', '\r'],
      ],
      cwd,
    );
    expect(result.timedOut).toBe(false);
    expect(plain(result.output)).toContain('Target directory "taken" is not empty. What now?');
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'taken2', 'app.py'))).toBe(true);
    expect(listFiles(join(cwd, 'taken'))).toEqual(['notes.txt']);
  });

  it('asks for a prompted name too, before the interfaces', () => {
    const cwd = tempDir();
    taken(cwd);
    taken(cwd, 'taken2');
    const result = inTerminal(
      [],
      [
        ['Component name', 'taken\r'],
        ['is not empty', '\r'],
        ['(taken3)', '\r'],
        ['WASI revision', '\r'],
        ['Interfaces', '\r'],
      ],
      cwd,
    );
    expect(result.code).toBe(0);
    expect(plain(result.output).indexOf('is not empty')).toBeLessThan(plain(result.output).indexOf('Interfaces'));
    expect(existsSync(join(cwd, 'taken3', 'app.py'))).toBe(true);
  });

  it('overwriting writes only the generated files into it, as --force', () => {
    const cwd = tempDir();
    const dir = taken(cwd);
    const result = inTerminal(
      ['taken'],
      [
        ['is not empty', `${DOWN}\r`],
        ['WASI revision', '\r'],
        ['Interfaces', '\r'],
      ],
      cwd,
    );
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'app.py'))).toBe(true);
  });

  it('cancelling exits 3 and writes nothing', () => {
    const cwd = tempDir();
    const dir = taken(cwd);
    const result = inTerminal(['taken'], [['is not empty', `${DOWN}${DOWN}\r`]], cwd);
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(3);
    expect(plain(result.output)).toMatch(/not empty; cancelled, nothing was written/);
    expect(readdirSync(cwd)).toEqual(['taken']);
    expect(listFiles(dir)).toEqual(['notes.txt']);
  });

  it('with --directory, asks for another directory and offers a free one', () => {
    const cwd = tempDir();
    taken(cwd, 'out');
    const result = inTerminal(
      ['named', '-d', 'out', '-i', 'http-server'],
      [
        ['is not empty', '\r'],
        ['(out-2)', '\r'],
        ['WASI revision', '\r'],
      ],
      cwd,
    );
    expect(result.code).toBe(0);
    expect(plain(result.output)).toContain('Choose another directory');
    expect(existsSync(join(cwd, 'out-2', 'app.py'))).toBe(true);
    expect(listFiles(join(cwd, 'out'))).toEqual(['notes.txt']);
  });

  it('is not asked about with --force', () => {
    const cwd = tempDir();
    const dir = taken(cwd);
    const result = inTerminal(
      ['taken', '--force'],
      [
        ['WASI revision', '\r'],
        ['Interfaces', '\r'],
      ],
      cwd,
    );
    expect(result.code).toBe(0);
    expect(result.output).not.toContain('is not empty');
    expect(existsSync(join(dir, 'app.py'))).toBe(true);
  });
});

describe('add at a terminal', () => {
  it('offers only the interfaces the project lacks, and adds the one chosen', () => {
    const cwd = tempDir();
    const made = spawnSync(process.execPath, [BIN, 'grow', '--yes', '-i', 'http-server,keyvalue'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, CI: '' },
    });
    expect(made.status, made.stderr).toBe(0);
    const project = join(cwd, 'grow');
    // The list starts at the first interface the project lacks: messaging-handler; one down is http-client.
    const result = inTerminal(['add'], [['Interfaces to add', `${DOWN} \r`]], project);
    expect(result.code, result.output).toBe(0);
    const screen = plain(result.output);
    expect(screen).not.toMatch(/keyvalue\s+Read, write/);
    expect(screen).toMatch(/messaging-handler\s+Handle messages/);
    expect(screen).toContain('Added http-client to grow:');
    expect(readFileSync(join(project, 'wit', 'world.wit'), 'utf8')).toContain('import wasi:http/outgoing-handler@0.2.0;');
  });
});
