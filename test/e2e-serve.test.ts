/**
 * `poe serve` (tools/serve.py) held to the real host: the all-in-one of each WASI revision answers README's try-it
 * requests, and writes and reads of every capability, first under `wash dev` 2.x with a PostgreSQL server of the
 * suite's own, then under `poe serve` on the same project and server: the statuses, content types and bodies must
 * be the same. Then what `poe serve` is for: an edit served at once, a syntax error as one line and a 500 until the
 * next save, a traceback at the user's line, pdb at `breakpoint()`, the warning on a request-time import, SIGTERM.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterfaceId } from '../src/interfaces/index.js';
import { freePort, readToolchain, sleep, stopChild, track } from './support/jco.js';
import { generate } from './support/project.js';
import { devProject } from './support/wash-e2e.js';
import { edit, natsCollect, natsRequest, start, waitFor, type Proc } from './support/wash.js';

const SYNC: InterfaceId[] = [
  'http-server',
  'messaging-handler',
  'http-client',
  'keyvalue',
  'blobstore',
  'postgres',
  'messaging-publisher',
  'logging',
  'config',
];

interface Sent {
  method: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  type?: string;
}

interface Answer {
  request: string;
  status: number;
  type: string | null;
  body: string;
}

/** README's `curl` lines of the try-it block, as requests: `-d` makes a POST of its text. */
function readmeRequests(project: string): Sent[] {
  const readme = readFileSync(join(project, 'README.md'), 'utf8');
  const block = /try each interface:\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const sent = block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('curl '))
    .map((line): Sent => {
      const data = /-d '([^']*)'/.exec(line)?.[1];
      const path = /localhost:\d+(\S*)/.exec(line)?.[1] ?? '/';
      return data === undefined ? { method: 'GET', path } : { method: 'POST', path, body: data };
    });
  expect(sent.length, block).toBeGreaterThanOrEqual(8);
  return sent;
}

/** Writes and reads of every capability besides README's: bytes that are not UTF-8, a query, other methods. */
const MORE: Sent[] = [
  { method: 'PUT', path: '/notes', body: 'replaced' },
  { method: 'GET', path: '/notes' },
  { method: 'POST', path: '/echo', body: new Uint8Array([0, 1, 2, 254, 255]), type: 'application/octet-stream' },
  { method: 'POST', path: '/echo', body: '{"a": 1}', type: 'application/json' },
  { method: 'GET', path: '/items/7?q=a%20b&q=c' },
  { method: 'DELETE', path: '/notes' },
  { method: 'GET', path: '/visited' },
  { method: 'POST', path: '/notes/2', body: 'x'.repeat(20_000) },
  { method: 'GET', path: '/notes/2' },
  { method: 'GET', path: '/health' },
];

async function answers(base: string, sent: Sent[]): Promise<Answer[]> {
  const got: Answer[] = [];
  for (const { method, path, body, type } of sent) {
    const response = await fetch(`${base}${path}`, {
      method,
      body,
      headers: type === undefined ? {} : { 'content-type': type },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    got.push({ request: `${method} ${path}`, status: response.status, type: response.headers.get('content-type'), body: bytes.toString('latin1') });
  }
  return got;
}

/** A loopback upstream that answers 204, the allowed host of the generated config. */
function upstream(): { url: () => string } {
  const server: Server = createServer((_, response) => response.writeHead(204).end());
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/status` };
}

const python = (): string => join(dirname(readToolchain().paths.wash), 'python');

/** `poe serve`'s command (pyproject.toml's serve task) with the toolchain's Python, on a port of its own. */
async function serve(project: string): Promise<{ proc: Proc; base: string }> {
  const port = await freePort();
  edit(project, '.wash/config.yaml', /^ {2}address: \S+$/m, `  address: "127.0.0.1:${port}"`);
  const task = /^serve = \{ cmd = "([^"]+)"/m.exec(readFileSync(join(project, 'pyproject.toml'), 'utf8'))?.[1];
  expect(task).toBe('python -m tools.serve');
  const proc = start([python(), '-m', 'tools.serve'], project);
  await waitFor(proc, /serve: ready at /, 'poe serve', 60_000);
  return { proc, base: `http://127.0.0.1:${port}` };
}

for (const wasi of ['0.2', '0.3'] as const) {
  describe(`poe serve answers as wash dev does: the all-in-one, WASI ${wasi}, with PostgreSQL`, () => {
    const { url } = upstream();
    const interfaces: InterfaceId[] = wasi === '0.3' ? [...SYNC, 'secrets'] : SYNC;
    const c = devProject(wasi === '0.3' ? 'same3' : 'same2', interfaces, {
      args: () => ['--wasi', wasi, '--http-client-url', url()],
    });
    let host: Answer[] = [];
    let served: { proc: Proc; base: string } | undefined;
    afterAll(async () => served?.proc.stop());

    it('wash dev answers every request of the sequence', async () => {
      host = await answers(c.dev.url, [...readmeRequests(c.project), ...MORE]);
      expect(host.filter((a) => a.status !== 200)).toEqual([]);
      expect(host.map((a) => a.body).join('')).toContain(`upstream ${url()}: 204`);
    }, 120_000);

    it('poe serve, on the same config and database, gives the same statuses, content types and bodies', async () => {
      await c.dev.stop();
      c.postgres?.psql('DROP TABLE IF EXISTS visits');
      served = await serve(c.project);
      const output = served.proc.output();
      expect(output).toContain(`serve: postgres: ${c.postgres?.url}, database postgres`);
      expect(output).toContain('serve: keyvalue: in memory');
      const got = await answers(served.base, [...readmeRequests(c.project), ...MORE]);
      expect(got).toEqual(host);
      expect(served.proc.output()).not.toMatch(/Traceback|warning/);
    }, 120_000);
  });
}

describe('poe serve follows the dev backends wash dev uses: Redis, files, NATS (WASI 0.2)', () => {
  const c = devProject('shared2', ['http-server', 'messaging-handler', 'keyvalue', 'blobstore', 'messaging-publisher'], {
    nats: true,
    redis: true,
  });
  let served: { proc: Proc; base: string } | undefined;
  let reply = '';
  afterAll(async () => served?.proc.stop());
  const get = async (base: string, path: string, body?: string): Promise<string> =>
    (await fetch(`${base}${path}`, body === undefined ? {} : { method: 'POST', body })).text();

  it('wash dev counts in Redis, stores the blob as a file and answers a NATS request', async () => {
    expect(await get(c.dev.url, '/hello')).toMatch(/^count: 1$/m);
    expect(await get(c.dev.url, '/hello')).toMatch(/^count: 2$/m);
    expect(await get(c.dev.url, '/notes', 'from wash dev')).toMatch(/^stored 13 bytes in shared2: from wash dev$/m);
    reply = await natsRequest(c.nats, 'shared2.requests', 'hi');
    expect(reply).toMatch(/^Hello from shared2! shared2\.requests\ncount: 1\n/);
  }, 120_000);

  it('poe serve, started after it, goes on with the same counter, blob and subscription', async () => {
    await c.dev.stop();
    served = await serve(c.project);
    const output = served.proc.output();
    expect(output).toContain(`serve: keyvalue: Redis at ${c.redis?.url}`);
    expect(output).toMatch(/serve: blobstore: files under \S+/);
    expect(output).toContain(`serve: messaging: NATS at ${c.nats?.url}; the handler takes shared2.requests`);
    expect(await get(served.base, '/hello')).toMatch(/^count: 3$/m);
    expect(await get(served.base, '/notes')).toMatch(/^read 13 bytes from shared2: from wash dev$/m);
    const events = await natsCollect(c.nats, 'shared2.events', 1, async () => {
      expect(await natsRequest(c.nats, 'shared2.requests', 'hi')).toBe(reply.replace('count: 1', 'count: 2'));
    });
    expect(events).toEqual(['shared2.requests']);
  }, 120_000);
});

describe('poe serve: the loop', () => {
  let project = '';
  let proc: Proc | undefined;
  let base = '';
  beforeAll(async () => {
    project = await generate('loop', ['--interfaces', 'http-server,keyvalue']);
    ({ proc, base } = await serve(project));
  }, 120_000);
  afterAll(async () => proc?.stop());
  const text = async (path: string): Promise<{ status: number; text: string }> => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, text: await response.text() };
  };
  /** Polls until the answer to `path` matches: a save is served by a fresh process. */
  const until = async (path: string, pattern: RegExp): Promise<{ status: number; text: string }> => {
    for (let tries = 0; ; tries++) {
      const answer = await text(path).catch(() => ({ status: 0, text: '' }));
      if (pattern.test(answer.text) || tries > 100) return answer;
      await sleep(100);
    }
  };

  it('serves the keyvalue counter from memory, and an edit of app.py at the next request', async () => {
    expect((await text('/a')).text).toMatch(/^Hello from loop! GET \/a\ncount: 1\n/);
    expect((await text('/a')).text).toMatch(/count: 2/);
    edit(project, 'app.py', 'f"Hello from {COMPONENT_NAME}!', 'f"Howdy from {COMPONENT_NAME}!');
    expect((await until('/a', /^Howdy/)).text).toMatch(/^Howdy from loop! GET \/a\ncount: 1\n/);
  });

  it('a syntax error is one line naming the file and line, answered 500 with it, until the next save fixes it', async () => {
    const mark = proc?.output().length ?? 0;
    edit(project, 'app.py', 'app = App()\n', 'app = App(\n');
    const broken = await until('/a', /does not import/);
    expect(broken.status).toBe(500);
    expect(broken.text).toMatch(/^app\.py does not import: app\.py:\d+: /);
    const said = proc?.output().slice(mark) ?? '';
    expect(said).toMatch(/^serve: app\.py:\d+: .*\nserve: waiting for a change/m);
    expect(said).not.toContain('Traceback');
    edit(project, 'app.py', 'app = App(\n', 'app = App()\n');
    expect((await until('/a', /^Howdy/)).status).toBe(200);
  });

  it('a handler that raises answers 500, its traceback at the line of app.py; an import inside it is warned about', async () => {
    const route = `@app.get("/boom")
def boom(request: Request) -> Response:
    import hashlib

    return Response.text(hashlib.sha256(request.body).hexdigest()[: 1 // len(request.body)])


@app.route("/{path:path}")`;
    edit(project, 'app.py', '@app.route("/{path:path}")', route);
    const mark = proc?.output().length ?? 0;
    const answer = await until('/boom', /internal server error/);
    expect(answer.status).toBe(500);
    const said = proc?.output().slice(mark) ?? '';
    expect(said).toMatch(/500 for GET \/boom: ZeroDivisionError\('integer division or modulo by zero'\) at app\.py:\d+/);
    expect(said).toMatch(/File ".*\/app\.py", line \d+, in boom/);
    // The warning comes once a fresh interpreter has listed what the component holds: a moment after the answer.
    await waitFor(proc as Proc, /serve: warning: app\.py:\d+ imports hashlib while handling GET \/boom/, 'the warning', 10_000);
  });

  it('breakpoint() in a handler stops in pdb on the terminal, and the request is answered once it continues', async () => {
    await proc?.stop();
    proc = undefined;
    edit(project, 'app.py', '    import hashlib\n\n', '    breakpoint()\n    import hashlib\n\n');
    const child = spawn(python(), ['-m', 'tools.serve'], { cwd: project, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    track(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      for (let tries = 0; !output.includes('serve: ready at') && tries < 300; tries++) await sleep(100);
      const answer = fetch(`${base}/boom`, { method: 'GET' });
      for (let tries = 0; !output.includes('(Pdb)') && tries < 100; tries++) await sleep(100);
      expect(output).toMatch(/-> import hashlib/);
      child.stdin.write('p request.path\n');
      for (let tries = 0; !output.includes("'/boom'") && tries < 50; tries++) await sleep(100);
      expect(output).toContain("'/boom'");
      child.stdin.write('c\n');
      expect((await answer).status).toBe(500);
      for (let tries = 0; !/serve: GET \/boom 500 /.test(output) && tries < 50; tries++) await sleep(100);
      // SIGTERM to the process group (a terminal closing, a supervisor): it stops without a traceback.
      const mark = output.length;
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      process.kill(-(child.pid as number), 'SIGTERM');
      expect(await exited).toBe(0);
      expect(output.slice(mark)).toBe('serve: stopping\n');
    } finally {
      await stopChild(child);
    }
  }, 60_000);
});
