#!/usr/bin/env node
// What WASI 0.3 costs against 0.2, in one run on this machine (GitHub issue 16): the same project
// generated both ways, built with wash and started with wash dev.
//
//   npm run bench           # after the create-vite comparison (bench/run.mjs)
//   node bench/wasi.mjs [--runs n] [--json]   # after npm run build and node scripts/toolchain.mjs
//
// For each case (the default project, http-server; and the all-in-one of each revision, less postgres) and each
// revision, alternating 0.2 and 0.3 for --runs rounds (default 3):
//   1. generates it (the bin, --yes, a free --http-address);
//   2. `wash build --skip-fetch`: its wall time, and the component's size (1 MB = 10^6 bytes);
//   3. `wash dev` (which builds again, then compiles the component): from spawn to its log's
//      `listening for HTTP requests`, and to the first 200 of GET /health.
// Reports medians and the ratios 0.3 / 0.2 with the machine's load. wash, componentize-py and Python
// come from the toolchain (.toolchain/).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const runs = Number(args.runs);
const tc = JSON.parse(readFileSync(join(root, '.toolchain', 'toolchain.json'), 'utf8'));
const { interfacesFor } = await import(join(root, 'dist/src/interfaces/index.js'));
const log = (text) => (args.json ? process.stderr : process.stdout).write(`${text}\n`);
const env = { ...process.env, PATH: `${dirname(tc.paths.wash)}:${process.env.PATH}` };

const CASES = [
  { label: 'http-server', interfaces: () => ['http-server'] },
  // Without postgres, whose wash dev needs a PostgreSQL server.
  { label: 'all-in-one', interfaces: (wasi) => interfacesFor(wasi).filter((id) => id !== 'postgres') },
];
const REVISIONS = ['0.2', '0.3'];

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

function sh(argv, cwd) {
  const ran = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (ran.status !== 0) throw new Error(`${argv.join(' ')} failed (${ran.status}):\n${ran.stdout}${ran.stderr}`);
}

/** Starts wash dev in `project`; resolves with the seconds to its listening line and to the first 200. */
function devStart(project, port) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('wash', ['dev'], { cwd: project, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let listening;
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error(`wash dev did not answer in 180 s:\n${output.slice(-2000)}`)), 180_000);
    const poll = async () => {
      while (!done) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/health`);
          if (response.status === 200) {
            const ready = (performance.now() - started) / 1000;
            return finish(undefined, { listening: listening ?? ready, ready });
          }
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const read = (chunk) => {
      output += chunk;
      if (listening === undefined && output.includes('listening for HTTP requests')) listening = (performance.now() - started) / 1000;
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => finish(new Error(`wash dev exited (${code}):\n${output.slice(-2000)}`)));
    void poll();
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const work = mkdtempSync(join(tmpdir(), 'cwp-wasi-'));
const samples = [];
try {
  for (let round = 0; round < runs; round++) {
    for (const c of CASES) {
      for (const wasi of REVISIONS) {
        const port = await freePort();
        const cwd = mkdtempSync(join(work, 'p-'));
        const interfaces = c.interfaces(wasi).join(',');
        sh(
          [
            process.execPath,
            join(root, 'dist/src/bin.js'),
            'benched',
            '--yes',
            '--wasi',
            wasi,
            '--interfaces',
            interfaces,
            '--http-address',
            `127.0.0.1:${port}`,
          ],
          cwd,
        );
        const project = join(cwd, 'benched');
        const built = performance.now();
        sh(['wash', 'build', '--skip-fetch'], project);
        const buildSeconds = (performance.now() - built) / 1000;
        const bytes = statSync(join(project, 'build', 'benched.wasm')).size;
        const dev = await devStart(project, port);
        samples.push({ case: c.label, wasi, round, bytes, buildSeconds, ...dev });
        log(
          `round ${round + 1}/${runs} ${c.label.padEnd(12)} WASI ${wasi}: ${(bytes / 1e6).toFixed(2)} MB, build ${buildSeconds.toFixed(1)} s, listening ${dev.listening.toFixed(1)} s, first 200 ${dev.ready.toFixed(1)} s`,
        );
        rmSync(cwd, { recursive: true, force: true });
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const rows = CASES.flatMap((c) =>
  REVISIONS.map((wasi) => {
    const mine = samples.filter((s) => s.case === c.label && s.wasi === wasi);
    return {
      case: c.label,
      wasi,
      mb: +(median(mine.map((s) => s.bytes)) / 1e6).toFixed(2),
      buildSeconds: +median(mine.map((s) => s.buildSeconds)).toFixed(1),
      listeningSeconds: +median(mine.map((s) => s.listening)).toFixed(1),
      readySeconds: +median(mine.map((s) => s.ready)).toFixed(1),
    };
  }),
);
const ratios = CASES.map((c) => {
  const [p2, p3] = REVISIONS.map((wasi) => rows.find((r) => r.case === c.label && r.wasi === wasi));
  return { case: c.label, size: +(p3.mb / p2.mb).toFixed(3), ready: +(p3.readySeconds / p2.readySeconds).toFixed(2) };
});
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
if (args.json) {
  process.stdout.write(`${JSON.stringify({ runs, load, rows, ratios }, null, 2)}\n`);
} else {
  log(
    `\nWASI 0.3 against 0.2, medians of ${runs} (load ${load}; wash ${tc.versions.washBin} from PyPI, componentize-py ${tc.versions.componentizePy})\n`,
  );
  log(
    `${'case'.padEnd(14)}${'WASI'.padEnd(6)}${'size MB'.padStart(9)}${'build s'.padStart(9)}${'listening s'.padStart(13)}${'first 200 s'.padStart(13)}`,
  );
  for (const r of rows)
    log(
      `${r.case.padEnd(14)}${r.wasi.padEnd(6)}${String(r.mb).padStart(9)}${String(r.buildSeconds).padStart(9)}${String(r.listeningSeconds).padStart(13)}${String(r.readySeconds).padStart(13)}`,
    );
  for (const r of ratios) log(`${r.case}: 0.3 / 0.2 size ${r.size}x, start ${r.ready}x`);
}
