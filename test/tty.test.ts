/** The interactive path, in a real pseudo-terminal: prompts, answers, and cancelling. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './support/project.js';

const BIN = join(ROOT, 'dist', 'src', 'bin.js');

function inTerminal(args: string[], steps: Array<[string, string]>, cwd: string, env: Record<string, string> = {}) {
  const spec = {
    argv: [process.execPath, BIN, ...args],
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm', ...env },
    steps,
    timeout: 20,
  };
  const result = spawnSync(process.env.PYTHON ?? 'python3', [join(ROOT, 'test', 'support', 'terminal.py'), JSON.stringify(spec)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pty driver failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { code: number; output: string; timedOut: boolean };
}

describe('at a terminal', () => {
  it('refuses an interface selection without an export, then generates once one is chosen', () => {
    const cwd = tempDir();
    // Space toggles the pre-selected http-server off; Enter is refused; space and Enter choose it again.
    const result = inTerminal([], [['Component name', 'my-app\r'], ['Interfaces', ' \r'], ['at least one export', ' \r']], cwd);
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'my-app', 'app.py'))).toBe(true);
  });

  it('accepts the defaults with Enter and writes the project', () => {
    const cwd = tempDir();
    const result = inTerminal([], [['Component name', 'my-app\r'], ['Interfaces', '\r']], cwd);
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, 'my-app', 'wit', 'world.wit'), 'utf8')).toContain('export wasi:http/incoming-handler@0.2.0;');
  });

  it('offers a valid name in place of an invalid one', () => {
    const cwd = tempDir();
    const result = inTerminal(['My Component'], [['Component name', '\r'], ['Interfaces', '\r']], cwd);
    expect(result.output).toContain('my-component');
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'my-component', 'app.py'))).toBe(true);
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
    const asked = inTerminal(['--interactive'], [['Component name', 'ci-app\r'], ['Interfaces', '\r']], cwd, { CI: 'true' });
    expect(asked.code).toBe(0);
    expect(existsSync(join(cwd, 'ci-app', 'app.py'))).toBe(true);
  });
});
