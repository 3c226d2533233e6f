/**
 * Held under load and faults, on the real host (wash dev 2.10.x, run by `poe dev`: with the response bound
 * tools/dev.py gives it, and its watch on the servers). One `wash dev` per WASI level runs the all-in-one component with real
 * backends, each behind a fault proxy (test/support/fault-proxy.ts) that can take it down, hang it, and
 * bring it back: PostgreSQL, NATS (messaging) and Redis (keyvalue), with the blobs in files. Keyvalue is not in
 * NATS here: wash dev's JetStream increment is a compare-and-set that fails (`wrong last sequence`) when another
 * writer wins, and with 32 writers on one counter the SDK's retries take requests past poe dev's 25 s bound. Each phase says its length: the load runs LOAD_SECONDS (30 s, as the issue asks) per route,
 * the writes N requests, AT_ONCE at a time. Every fault is followed by a normal request that succeeds on
 * the same `wash dev`.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { interfacesFor } from '../src/interfaces/index.js';
import { faultProxy, type FaultMode, type FaultProxy } from './support/fault-proxy.js';
import { sleep } from './support/jco.js';
import { read } from './support/project.js';
import { devProject } from './support/wash-e2e.js';
import { edit, natsRequest } from './support/wash.js';

/** What a trap or a panic of the instance leaves in wash dev's log. */
const TRAP = /wasm trap|error while executing|panicked|wasm backtrace|RuntimeError: unreachable/i;
/** The SDK's line for a read of a blob in the middle of another request's write of it (wash dev's file blobstore). */
const TORN_READ = /^blobstore error: the host gave \d+ of the \d+ bytes of '[^']+'$/m;
/** Each load phase: wrk on one route for this long. */
const LOAD_SECONDS = 30;
/** Connections of each load phase, and requests in flight of each write phase. */
const AT_ONCE = 32;
/** Requests of each write phase. */
const N = 500;
/** The bytes of the big POST to /echo. */
const TEN_MB = 10 * 1024 * 1024;

/** A route that raises, added to app.py before the catch-all (the 1,000-raises phase). */
const BOOM = (async: boolean): string => `@app.get("/boom")
${async ? 'async ' : ''}def boom(request: Request) -> Response:
    """Always fails: the suite's handler that raises."""
    raise RuntimeError("boom")


@app.route("/{path:path}")`;

/** Runs `count` calls of `one`, `atOnce` in flight at a time; their results in the order of their index. */
async function concurrently<T>(count: number, atOnce: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await one(i);
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  return results;
}

/** wrk's summary of one run. */
interface Load {
  requests: number;
  perSecond: number;
  socketErrors: string | undefined;
  non2xx: number;
  output: string;
}

/**
 * `wrk` (Debian's) on `url` for `seconds` with `connections` connections, on up to 2 threads. Asynchronous: the
 * upstream the greeting calls is a server in this process, which must go on answering meanwhile.
 */
function wrk(url: string, seconds: number, connections: number): Promise<Load> {
  const threads = String(Math.min(2, connections));
  const argv = ['-t', threads, '-c', String(connections), '-d', `${seconds}s`, '--timeout', '30s', '--latency', url];
  return new Promise((resolve, reject) => {
    execFile('wrk', argv, { encoding: 'utf8' }, (error, output) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        return reject(
          new Error(missing ? 'wrk is not installed (Debian: `apt-get install -y wrk`; .ci/run does it)' : `wrk failed: ${error.message}`),
        );
      }
      resolve({
        requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? 0),
        perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0),
        socketErrors: /Socket errors:.*/.exec(output)?.[0],
        non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
        output,
      });
    });
  });
}

/** The resident memory of a process, in MB, from /proc. */
function rssMB(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** Writes `head` and then `body` on a raw socket; resolves with what came back once the server closes or `waitMs` passes. */
function raw(port: number, head: string | Buffer, body: Buffer = Buffer.alloc(0), waitMs = 10_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let got = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(got);
    }, waitMs);
    socket.on('error', () => undefined); // a server that refuses the request closes before reading it all: see close
    socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
    socket.once('connect', () => {
      socket.write(head);
      if (body.length > 0) socket.write(body);
    });
  });
}

/** POST /echo of `size` bytes on a raw socket, which is reset once `when` happens: part of the body sent, or the first bytes of the answer. */
function hangUp(port: number, size: number, when: 'mid-request' | 'mid-response'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(`POST /echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/octet-stream\r\ncontent-length: ${size}\r\n\r\n`);
      if (when === 'mid-request') {
        socket.write(Buffer.alloc(size / 4, 'x'), () =>
          setTimeout(() => {
            socket.resetAndDestroy();
            resolve('');
          }, 300),
        );
      } else socket.write(Buffer.alloc(size, 'x'));
    });
    socket.once('data', (chunk: Buffer) => {
      socket.resetAndDestroy();
      resolve(chunk.toString('latin1'));
    });
  });
}

for (const wasi of ['0.2', '0.3'] as const) {
  const name = wasi === '0.3' ? 'held3' : 'held2';
  const backends = 'PostgreSQL, NATS, Redis';
  describe(`wash dev under load and faults, WASI ${wasi}: the all-in-one on ${backends}`, () => {
    let upstream: HttpServer;
    const proxies: Partial<Record<'nats' | 'redis' | 'postgres', FaultProxy>> = {};
    beforeAll(async () => {
      upstream = createHttpServer((_, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('upstream\n'));
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    });
    // A fault a failed test left in place would fail the tests after it: every backend is back up after each.
    afterEach(async () => {
      for (const proxy of Object.values(proxies)) if (proxy.mode() !== 'up') await proxy.set('up');
    });
    afterAll(async () => {
      upstream?.close();
      for (const proxy of Object.values(proxies)) await proxy.close();
    });
    const c = devProject(name, interfacesFor(wasi), {
      nats: true,
      redis: true,
      args: () => [
        ...(wasi === '0.3' ? ['--wasi', '0.3'] : []),
        '--http-client-url',
        `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`,
      ],
      edit: (project) => edit(project, 'app.py', '@app.route("/{path:path}")', BOOM(wasi === '0.3')),
      poe: true,
      through: async (backend, url) => (proxies[backend] = await faultProxy(url)).url,
    });
    const port = (): number => Number(new URL(c.dev.url).port);
    const greeting = (text: string): void => expect(text.split('\n')[0]).toMatch(new RegExp(`^Hello from ${name}! `));
    /** A normal request after a fault: the greeting, every capability working. */
    const healthy = async (): Promise<void> => {
      const answer = await c.get('/after', { signal: AbortSignal.timeout(60_000) });
      expect(answer.status, answer.text).toBe(200);
      greeting(answer.text);
      expect(answer.text).toMatch(/^count: \d+$/m);
      expect(answer.text).toMatch(/^visits: \d+$/m);
      expect(answer.text).toMatch(/^published \/after to /m);
    };

    /** What poe dev calls each backend, and its setting in .wash/config.yaml. */
    const named = { nats: ['NATS', 'data_nats_url'], redis: ['Redis', 'wasi_keyvalue_redis_url'], postgres: ['PostgreSQL', 'postgres_url'] };
    /** Waits up to 15 s for a line of poe dev's output after `mark` matching `pattern`; fails with the output. */
    const said = async (pattern: RegExp, mark: number, what: string): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!pattern.test(c.dev.output().slice(mark))) {
        if (Date.now() > deadline) throw new Error(`poe dev did not say ${what} in 15 s:\n${c.dev.output().slice(mark)}`);
        await sleep(250);
      }
    };

    /**
     * GET `path` with `backend` in `mode` (down or silent): answered within poe dev's 25 s bound (30 s, with slack),
     * and poe dev's line naming the server, its URL and its setting, seen before the backend is up again; then its
     * line that the server answers again. Resolves with the answer and the log meanwhile.
     */
    const underFault = async (
      backend: 'nats' | 'redis' | 'postgres',
      mode: FaultMode,
      path: string,
    ): Promise<{ status: number; text: string; log: string }> => {
      const proxy = proxies[backend] as FaultProxy;
      await proxy.set(mode);
      const mark = c.dev.output().length;
      const started = Date.now();
      const answer = await c.get(path, { signal: AbortSignal.timeout(60_000) });
      expect(Date.now() - started).toBeLessThan(30_000);
      const [server, setting] = named[backend];
      const where = `dev: ${server} at ${proxy.url.replace(/\W/g, '\\$&')} \\(dev\\.${setting} in \\.wash/config\\.yaml\\)`;
      const problem = mode === 'down' ? 'refuses connections \\(is it running\\?\\)' : 'accepts connections but did not answer in 2 s';
      await said(new RegExp(`^${where} ${problem}; what the component asks of it fails until it answers$`, 'm'), mark, `${server} ${mode}`);
      const log = c.dev.output().slice(mark);
      const back = c.dev.output().length;
      await proxy.set('up');
      await said(new RegExp(`^${where} answers again$`, 'm'), back, `${server} back`);
      return { status: answer.status, text: answer.text, log };
    };

    it(
      `load: ${LOAD_SECONDS} s at ${AT_ONCE} connections on /health, then on the greeting: no socket error, no non-2xx, memory back within 10%`,
      {
        timeout: 400_000,
      },
      async () => {
        const pid = c.dev.washPid();
        await wrk(`${c.dev.url}/health`, 2, AT_ONCE); // warm: the instances the load needs
        await sleep(2_000);
        const settled = rssMB(pid);
        for (const path of ['/health', '/load-greeting']) {
          const load = await wrk(`${c.dev.url}${path}`, LOAD_SECONDS, AT_ONCE);
          expect(load.requests, load.output).toBeGreaterThan(LOAD_SECONDS);
          expect(load.socketErrors, load.output).toBeUndefined();
          expect(load.non2xx, load.output).toBe(0);
        }
        await sleep(3_000);
        const after = rssMB(pid);
        expect(after, `settled at ${settled.toFixed(1)} MB, ${after.toFixed(1)} MB after`).toBeLessThanOrEqual(settled * 1.1);
        await healthy();
      },
    );

    it(
      `${N} writes, ${AT_ONCE} at once: the counter takes every value once, PostgreSQL has ${N} rows, every blob reads back`,
      { timeout: 300_000 },
      async () => {
        const counts = await concurrently(N, AT_ONCE, async () => {
          const answer = await c.get('/writes', { method: 'POST', body: 'w' });
          expect(answer.status, answer.text).toBe(200);
          // Each capability did its part, but for wash dev's file blobstore, which writes in place: a read in the middle
          // of another request's write of the same object gets fewer bytes than its size, and the SDK says so.
          expect(answer.text.replace(TORN_READ, '')).not.toMatch(/ error: /);
          return Number(/^count: (\d+)$/m.exec(answer.text)?.[1]);
        });
        expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
        const after = await c.get('/writes');
        expect(after.text).toMatch(new RegExp(`^count: ${N + 1}$`, 'm'));
        expect(after.text).toMatch(new RegExp(`^visits: ${N + 1}$`, 'm'));
        // Blobs: a body of its own under a name of its own each, then each read back.
        const body = (i: number): string => `blob ${i} ${'#'.repeat(i % 97)}`;
        const stored = await concurrently(N, AT_ONCE, async (i) => (await c.get(`/blob-${i}`, { method: 'PUT', body: body(i) })).text);
        stored.forEach((text, i) => expect(text).toContain(`stored ${body(i).length} bytes in ${name}: ${body(i)}\n`));
        const readBack = await concurrently(N, AT_ONCE, async (i) => (await c.get(`/blob-${i}`)).text);
        readBack.forEach((text, i) => expect(text).toContain(`read ${body(i).length} bytes from ${name}: ${body(i)}\n`));
      },
    );

    it(`${N} NATS requests, ${AT_ONCE} in flight: ${N} replies, none lost or duplicated`, { timeout: 300_000 }, async () => {
      const subject = `${name}.requests`;
      const replies = await concurrently(N, AT_ONCE, (i) => natsRequest(c.nats, subject, `message ${i}`, 60_000));
      // One subject, one blob: each reply reads back the last message stored, not necessarily its own; and wash dev's
      // file blobstore writes in place, so a read in the middle of other messages' writes gets fewer bytes than the
      // object's size (which the SDK reports: `the host gave 0 of the 10 bytes`) or a mix of two (`mmssage 77`).
      // The blobs' integrity is the writes phase's (a name each); here, nothing else fails.
      for (const reply of replies) {
        expect(reply).toMatch(
          new RegExp(`^(stored \\d+ bytes in ${name}: .*|blobstore error: the host gave \\d+ of the \\d+ bytes of '${name}\\.requests')$`, 'm'),
        );
        expect(reply.replace(TORN_READ, '')).not.toMatch(/ error: /);
      }
      const counts = replies.map((reply) => Number(/^count: (\d+)$/m.exec(reply)?.[1]));
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    });

    it('a client that hangs up mid-request body or mid-response body: no trap, at most a line each; then served', { timeout: 60_000 }, async () => {
      const mark = c.dev.output().length;
      for (let i = 0; i < 3; i++) await hangUp(port(), 4_000_000, 'mid-request');
      for (let i = 0; i < 3; i++) expect(await hangUp(port(), 4_000_000, 'mid-response')).toMatch(/^HTTP\/1\.1 200 /);
      await sleep(2_000); // the component writes on after the hang-up: give it the time to end
      const log = c.dev.output().slice(mark);
      expect(log).not.toMatch(TRAP);
      // The host's own line for each (`error serving HTTP client`), and no other warning or error.
      const lines = log.split('\n').filter((line) => /\b(ERROR|WARN)\b/.test(line));
      expect(lines.length, log).toBeLessThanOrEqual(6);
      for (const line of lines) expect(line).toMatch(/error serving HTTP client/);
      await healthy();
    });

    it('a slow client sending its body over 10 s, and a 10 MB POST to /echo, are answered whole', { timeout: 90_000 }, async () => {
      const chunks = Array.from({ length: 10 }, (_, i) => Buffer.alloc(1_000, String(i)));
      const started = Date.now();
      const slow = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        const request = httpRequest(`${c.dev.url}/echo`, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': 10_000 } });
        request.once('error', reject);
        request.once('response', (response) => {
          const got: Buffer[] = [];
          response.on('data', (chunk: Buffer) => got.push(chunk));
          response.once('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(got) }));
        });
        chunks.forEach((chunk, i) => setTimeout(() => (i === chunks.length - 1 ? request.end(chunk) : request.write(chunk)), 1_000 * (i + 1)));
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
      expect(slow.status).toBe(200);
      expect(slow.body.equals(Buffer.concat(chunks))).toBe(true);

      const big = Buffer.alloc(TEN_MB);
      for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
      const echoed = await c.fetch('/echo', { method: 'POST', body: big, headers: { 'content-type': 'application/octet-stream' } });
      expect(echoed.status).toBe(200);
      expect(echoed.body.length).toBe(TEN_MB);
      expect(echoed.body.equals(big)).toBe(true);
      await healthy();
    });

    it(
      'bad requests: a malformed header, a 64 KB path, a non-UTF-8 path and body, an unknown method: a 4xx or the greeting, never a trap',
      { timeout: 60_000 },
      async () => {
        const mark = c.dev.output().length;
        const malformed = await raw(port(), 'GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\nbad header line\r\n\r\n');
        expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
        const long = await raw(port(), `GET /${'a'.repeat(64 * 1024)} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`);
        expect(long).toMatch(/^HTTP\/1\.1 414 /); // wash dev's limit on a request target, before the component
        // A byte that is not UTF-8 in the path: wash dev's HTTP server (hyper) refuses the request line with a 400; the
        // component never sees it.
        const binaryPath = Buffer.concat([
          Buffer.from('GET /caf'),
          Buffer.from([0xe9, 0xff]),
          Buffer.from(' HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n'),
        ]);
        const nonUtf8Path = await raw(port(), binaryPath);
        expect(nonUtf8Path).toMatch(/^HTTP\/1\.1 400 /);
        // Not UTF-8 in the body, on a percent-encoded path: the component takes both, as bytes and as text.
        const nonUtf8Body = await raw(
          port(),
          'POST /caf%C3%A9 HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-length: 3\r\n\r\n',
          Buffer.from([0xc3, 0x28, 0xff]),
        );
        expect(nonUtf8Body).toMatch(/^HTTP\/1\.1 200 /);
        expect(nonUtf8Body).toContain(`Hello from ${name}! POST /caf%C3%A9`);
        const method = await raw(port(), 'BREW /pot HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n');
        expect(method).toMatch(/^HTTP\/1\.1 200 /);
        expect(method).toContain(`Hello from ${name}! BREW /pot`);
        expect(c.dev.output().slice(mark)).not.toMatch(TRAP);
        await healthy();
      },
    );

    it('a handler that raises, 1,000 times in a row: 1,000 500s, then a 200', { timeout: 300_000 }, async () => {
      const statuses = await concurrently(1_000, 8, async () => (await c.get('/boom')).status);
      expect(statuses.filter((status) => status === 500).length).toBe(1_000);
      expect(await c.get('/health')).toMatchObject({ status: 200, text: 'ok\n' });
      await healthy();
    });

    it(
      'PostgreSQL stopped, then back; PostgreSQL that never answers: an answer naming it, in bounded time; then served',
      { timeout: 180_000 },
      async () => {
        const down = await underFault('postgres', 'down', '/pg-down');
        // The demo's line for the database, the other capabilities' lines as usual.
        expect(down.status, down.text).toBe(200);
        expect(down.text).toMatch(/^postgres error: failed to get connection: .*error connecting to server/m);
        expect(down.text).toMatch(/^count: \d+$/m);
        await healthy();
        // poe dev's bound (tools/dev.py): a 500 at 25 s, not wash's own 600 s.
        const silent = await underFault('postgres', 'silent', '/pg-silent');
        expect(silent.status).toBe(500);
        expect(silent.log).toMatch(/produced no (response|reply)/);
        // poe dev names the likely reason under wash's line.
        expect(silent.log).toMatch(
          /^dev: a request got no answer in 25 s; PostgreSQL at \S+ \(dev\.postgres_url in \.wash\/config\.yaml\) accepts connections but did not answer in 2 s$/m,
        );
        await healthy();
      },
    );

    it(
      'NATS stopped under a publisher, then back: an error line, never a hang; the publish delivered; then served',
      { timeout: 180_000 },
      async () => {
        const nats = c.nats?.client;
        if (!nats) throw new Error('the suite runs no NATS server');
        const events = /^EVENTS_SUBJECT = "([^"]+)"$/m.exec(read(c.project, 'app.py'))?.[1];
        if (!events) throw new Error('app.py sets no EVENTS_SUBJECT');
        const delivered: string[] = [];
        const subscription = nats.subscribe(events, { callback: (_, message) => delivered.push(message.string()) });
        await nats.flush();
        // Answered: the publish is queued by the host's NATS client until it reconnects.
        const down = await underFault('nats', 'down', '/nats-down');
        expect(down.status, down.text).toBe(200);
        expect(down.text).toMatch(/^published \/nats-down to /m);
        // ... and delivered once NATS is back.
        const deadline = Date.now() + 20_000;
        while (!delivered.includes('/nats-down') && Date.now() < deadline) await sleep(250);
        subscription.unsubscribe();
        expect(delivered).toContain('/nats-down');
        await healthy();
      },
    );

    it('Redis stopped under keyvalue, then back: an error line, never a hang; then served', { timeout: 180_000 }, async () => {
      const down = await underFault('redis', 'down', '/redis-down');
      expect(down.status, down.text).toBe(200);
      expect(down.text).toMatch(/^keyvalue error: failed to connect to Redis$/m);
      await sleep(2_000);
      await healthy();
    });
  });
}
