import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { expect } from 'vitest';
import { readToolchain as toolchain } from './jco.js';

export interface Ran {
  status: number | null;
  output: string;
}

/** Runs argv without a shell, with the toolchain's venv first on PATH (as an activated venv would be). */
export function run(argv: string[], cwd: string, timeoutMs = 300_000): Ran {
  const tc = toolchain();
  const result = spawnSync(argv[0] as string, argv.slice(1), {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, PATH: `${dirname(tc.paths.componentizePy)}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Under CI pytest prints assertion diffs whole: a failing test of a 128 kB body says a lot.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** The build exactly as wash 1.x runs it: build_command split on whitespace, no shell, project dir as cwd. */
export function washBuild(project: string): { ran: Ran; artifact: string } {
  const manifest = parseToml(readFileSync(join(project, 'wasmcloud.toml'), 'utf8')) as {
    component: { build_command: string; build_artifact: string };
  };
  const argv = manifest.component.build_command.split(/\s+/).filter(Boolean);
  return { ran: run(argv, project), artifact: join(project, manifest.component.build_artifact) };
}

/**
 * The project's own bindings command: its build command (wasmcloud.toml or .wash/config.yaml), whose pinned
 * module names (`--import-interface-name`) the bindings must share, with `bindings bindings` for the build.
 */
export function bindingsArgvOf(project: string): string[] {
  const toml = join(project, 'wasmcloud.toml');
  const command = existsSync(toml)
    ? (parseToml(readFileSync(toml, 'utf8')) as { component: { build_command: string } }).component.build_command
    : (parseYaml(readFileSync(join(project, '.wash', 'config.yaml'), 'utf8')) as { build: { command: string } }).build.command;
  const argv = command.split(/\s+/);
  const at = argv.indexOf('componentize');
  return [toolchain().paths.componentizePy, ...argv.slice(1, at), 'bindings', 'bindings'];
}

/**
 * componentize-py bindings for the world, then the Python developer's tools as pyproject.toml configures
 * them: mypy (strict), `ruff check` and `ruff format --check`, pyright.
 */
function typecheck(project: string, world: string): { bindings: Ran; mypy: Ran; ruff: Ran; format: Ran; pyright: Ran } {
  const tc = toolchain();
  expect(bindingsArgvOf(project)).toContain(world);
  const bindings = run(bindingsArgvOf(project), project);
  const mypy = run([tc.paths.mypy, '--no-incremental'], project);
  const ruff = run([tc.paths.ruff, 'check', '--no-cache', '.'], project);
  const format = run([tc.paths.ruff, 'format', '--no-cache', '--check', '.'], project);
  // pyproject.toml's `include`: the whole project but bindings/, as an editor's Pylance sees it.
  const pyright = run([tc.paths.node, tc.paths.pyright], project);
  return { bindings, mypy, ruff, format, pyright };
}

/**
 * The SDK's own tests (test/sdk/<rev>/, against fakes of the bindings) on the wasmcloud_sdk/ package and the
 * bindings of a generated project: they run once here, not in every generated project.
 */
export function sdkPytest(project: string, wasi: '0.2' | '0.3', ...args: string[]): Ran {
  const tests = join(dirname(dirname(new URL(import.meta.url).pathname)), 'sdk', wasi === '0.3' ? 'p3' : 'p2');
  const tc = toolchain();
  const result = spawnSync(
    tc.paths.pytest,
    [
      '-q',
      '-p',
      'no:cacheprovider',
      '--rootdir',
      tests,
      '-o',
      'asyncio_mode=auto',
      '-o',
      'asyncio_default_fixture_loop_scope=function',
      tests,
      ...args,
    ],
    {
      cwd: project,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, PYTHONPATH: `${project}:${join(project, 'bindings')}`, PYTHONDONTWRITEBYTECODE: '1' },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** The project's own tests, as its README runs them: `pytest`, in plain CPython. */
export function pytest(project: string): Ran & { seconds: number } {
  const started = Date.now();
  const ran = run([toolchain().paths.pytest, '-q', '-p', 'no:cacheprovider'], project);
  return { ...ran, seconds: (Date.now() - started) / 1000 };
}

/** Asserts that the generated Python passes every tool typecheck() runs. */
export function expectCleanPython(project: string, world: string): void {
  const { bindings, mypy, ruff, format, pyright } = typecheck(project, world);
  expect(bindings.status, bindings.output).toBe(0);
  expect(mypy.status, mypy.output).toBe(0);
  // Every module of the project (app.py, conftest.py, tests/, tools/, wasmcloud_sdk/): none is left out.
  const checked = ['.', 'tests', 'tools', 'wasmcloud_sdk'].flatMap((dir) => readdirSync(join(project, dir)).filter((f) => f.endsWith('.py'))).length;
  expect(mypy.output).toMatch(new RegExp(`^Success: no issues found in ${checked} source files$`, 'm'));
  expect(ruff.status, ruff.output).toBe(0);
  expect(format.status, format.output).toBe(0);
  expect(pyright.status, pyright.output).toBe(0);
  expect(pyright.output).toMatch(/^0 errors, 0 warnings, 0 informations/m);
  const tests = pytest(project);
  expect(tests.status, tests.output).toBe(0);
  expect(tests.output).toMatch(/^\d+ passed in [\d.]+s$/m);
}
