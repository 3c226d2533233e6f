/**
 * Faults on the real host (wash dev 2.10.3), one `wash dev` per WASI level: a client that hangs up while the
 * response body is being written, then a normal request; and (0.2, with wasmcloud:postgres) a PostgreSQL
 * server that accepts TCP but never answers, which the project's `poe dev` bounds with wash's HTTP response
 * timeout (tools/dev.py): the request gets its 500 within the bound and the next request is served.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sleep } from './support/jco.js';
import { read } from './support/project.js';
import { devProject } from './support/wash-e2e.js';

/** What a trap or a panic of the instance leaves in wash dev's log. */
const TRAP = /wasm trap|error while executing|panicked|wasm backtrace|Traceback|RuntimeError/i;

/** The bytes POST /echo sends back: far more than the host and the socket buffer, so the writing is under way at the hang-up. */
const BIG = 4_000_000;

/** POST /echo of BIG bytes on a raw socket, which is destroyed (unread bytes: a reset) once the first bytes of the answer arrive. */
function hangUp(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(`POST /echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/octet-stream\r\ncontent-length: ${BIG}\r\n\r\n`);
      socket.write(Buffer.alloc(BIG, 'x'));
    });
    socket.once('data', (chunk: Buffer) => {
      socket.destroy();
      resolve(chunk.toString('latin1'));
    });
  });
}

/** Hang-ups, then normal requests; the log has no trap and at most one line for each hang-up. */
function hangUpThenServe(c: ReturnType<typeof devProject>): void {
  it('a client that hangs up mid-body leaves at most one log line each, no trap; the next requests are served', async () => {
    const port = Number(new URL(c.dev.url).port);
    const mark = c.dev.output().length;
    for (let i = 0; i < 3; i++) expect(await hangUp(port)).toMatch(/^HTTP\/1\.1 200 /);
    await sleep(2_000); // the component writes on after the hang-up: give it the time to end
    expect(await c.get('/health')).toMatchObject({ status: 200, text: 'ok\n' });
    const body = Buffer.alloc(200_000, 'y');
    const echoed = await c.fetch('/echo', { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
    expect(echoed.status).toBe(200);
    expect(echoed.body.equals(body)).toBe(true);
    const log = c.dev.output().slice(mark);
    expect(log).not.toMatch(TRAP);
    expect(log.split('\n').filter((line) => line.trim() !== '').length, log).toBeLessThanOrEqual(3);
  });
}

describe('wash dev faults, WASI 0.2: hang-up mid-response; a PostgreSQL server that never answers', () => {
  /** Accepts every connection and never writes a byte: a database that hangs. */
  const silent = { server: undefined as Server | undefined, port: 0, sockets: [] as Socket[] };
  beforeAll(async () => {
    silent.port = await freePort();
    silent.server = createServer((socket) => silent.sockets.push(socket));
    await new Promise<void>((done) => silent.server?.listen(silent.port, '127.0.0.1', done));
  });
  afterAll(async () => {
    for (const socket of silent.sockets) socket.destroy();
    await new Promise<void>((done) => (silent.server ? silent.server.close(() => done()) : done()));
  });

  const c = devProject('faults', ['http-server', 'postgres'], {
    postgresUrl: () => `postgres://postgres@127.0.0.1:${silent.port}/postgres`,
    // wash dev as `poe dev` runs it: with the response timeout tools/dev.py gives it.
    env: (project) => {
      const bound = /^RESPONSE_TIMEOUT_SECS = "(\d+)"$/m.exec(read(project, 'tools/dev.py'));
      if (!bound) throw new Error('tools/dev.py sets no RESPONSE_TIMEOUT_SECS');
      return { WASH_HTTP_RESPONSE_TIMEOUT_SECS: bound[1] };
    },
  });

  hangUpThenServe(c);

  it('a request that waits on the never-answering PostgreSQL is answered within 30 s; /health is 200 after', { timeout: 90_000 }, async () => {
    const mark = c.dev.output().length;
    const started = Date.now();
    const answer = await c.get('/visits', { signal: AbortSignal.timeout(60_000) });
    const took = Date.now() - started;
    expect(answer.status).toBe(500);
    expect(took).toBeLessThan(30_000);
    expect(silent.sockets.length).toBeGreaterThan(0); // wash dev's pool did connect to it
    expect(c.dev.output().slice(mark)).toMatch(/component produced no response in time/);
    expect(await c.get('/health')).toMatchObject({ status: 200, text: 'ok\n' });
  });
});

describe('wash dev faults, WASI 0.3: hang-up mid-response', () => {
  const c = devProject('faults-p3', ['http-server'], { args: () => ['--wasi', '0.3'] });
  hangUpThenServe(c);
});
