import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../src/cli.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const REFERENCE = process.env.CWP_REFERENCE ?? join(ROOT, '..', 'shared', 'reference');

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command in-process, the way the bin does, with no terminal. */
export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    env,
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'cwp-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Generates `name` with `args` in a fresh temp dir; returns the project directory. */
export async function generate(name: string, args: string[] = []): Promise<string> {
  const cwd = tempDir();
  const result = await runCli([name, '--yes', ...args], cwd);
  if (result.code !== 0) throw new Error(`generation failed (${result.code}): ${result.stderr}`);
  return join(cwd, name);
}

/** Every file under `dir`, relative, with `/`, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

export function snapshotTree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f, read(dir, f)]));
}
