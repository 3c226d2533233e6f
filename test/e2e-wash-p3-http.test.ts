/**
 * WASI 0.3 for real: an HTTP component whose routes are `async def` (wasi:http/handler@0.3.0), with the
 * synchronous 0.2 capabilities called from demo(), generated with `--wasi 0.3`, checked
 * (ruff, mypy, pyright, pytest), built offline with README's `wash build` and served by one `wash dev`.
 * The assertions are what the component does through the real host.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sleep } from './support/jco.js';
import { read } from './support/project.js';
import { devProject } from './support/wash-e2e.js';
import { edit, waitFor } from './support/wash.js';

/** The generated catch-all route, which the user's routes go before. */
const CATCH_ALL = '@app.route("/{path:path}")\n';

/** Routes of the user's own, put before the generated catch-all: one that raises, one with a status and header of its own (a plain def). */
const USER_ROUTES = `@app.get("/boom")
async def boom(request: Request) -> Response:
    raise RuntimeError("boom")


@app.put("/teapot")
def teapot(request: Request) -> Response:
    return Response.text("short and stout\\n", status=418, headers={"x-brewed": "never"})


${CATCH_ALL}`;

/** A POST /echo whose body arrives in two parts: `between` runs while the component waits for the second. */
function slowPost(url: string, parts: [string, string], between: () => Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const post = request(
      `${url}/echo`,
      { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': parts.join('').length } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(text));
      },
    );
    post.on('error', reject);
    post.write(parts[0]);
    // Time for the request to reach the component, which then awaits the rest of the body.
    sleep(500)
      .then(between)
      .then(() => post.end(parts[1]), reject);
  });
}

describe('wash dev, WASI 0.3: http-server (async def handle) with keyvalue, blobstore, config and logging', () => {
  const c = devProject('asyncweb', ['http-server', 'keyvalue', 'blobstore', 'config', 'logging'], {
    args: () => ['--wasi', '0.3', '--greeting', 'Howdy partner'],
    edit: (project) => edit(project, 'app.py', CATCH_ALL, USER_ROUTES),
  });

  it('is the 0.3 world: async routes, exported as wasi:http/handler@0.3.0', () => {
    expect(read(c.project, 'app.py')).toMatch(/^@app\.get\("\/health"\)\nasync def health\(request: Request\) -> Response:$/m);
    expect(read(c.project, 'app.py')).toMatch(/^HttpHandler = http_handler\(app\)$/m);
    expect(read(c.project, 'wit/world.wit')).toMatch(/^ {2}export wasi:http\/handler@0\.3\.0;$/m);
    expect(read(c.project, '.wash/config.yaml')).toContain('--export-interface-name wasi:http/handler@0.3.0=http_handler');
  });

  it("answers GET /health 200 ok, and a route's own status and header", async () => {
    expect(await c.get('/health')).toEqual({ status: 200, type: 'text/plain; charset=utf-8', text: 'ok\n' });
    const teapot = await c.fetch('/teapot', { method: 'PUT' });
    expect([teapot.status, teapot.headers.get('x-brewed'), teapot.body.toString()]).toEqual([418, 'never', 'short and stout\n']);
  });

  it('echoes a 1 MiB POST byte for byte, read and written through streams in chunks, with its content-type', async () => {
    const body = randomBytes(1 << 20);
    const echoed = await c.fetch('/echo', { method: 'POST', body, headers: { 'content-type': 'application/x-test' } });
    expect([echoed.status, echoed.headers.get('content-type'), echoed.body.length]).toEqual([200, 'application/x-test', body.length]);
    expect(echoed.body.equals(body)).toBe(true);
  });

  it('serves other requests while one waits for the rest of its body', async () => {
    const echoed = await slowPost(c.dev.url, ['first half, ', 'second half'], async () => {
      expect((await c.get('/health')).text).toBe('ok\n');
    });
    expect(echoed).toBe('first half, second half');
  });

  it('greets with the method and path, and counts each path 1, 2, 3 in the key-value store', async () => {
    const first = await c.get('/counted?q=1');
    expect([first.status, first.type, first.text.split('\n')[0]]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'Hello from asyncweb! GET /counted?q=1',
    ]);
    const counts = [/^count: (\d+)$/m.exec(first.text)?.[1]];
    for (let i = 0; i < 2; i++) counts.push(/^count: (\d+)$/m.exec((await c.get('/counted?q=1')).text)?.[1]);
    expect(counts).toEqual(['1', '2', '3']);
    expect((await c.get('/other')).text).toMatch(/^count: 1$/m);
  });

  it('stores a POSTed or PUT body as a blob and reads it back byte for byte on a GET', async () => {
    expect((await c.get('/notes/today')).text).toMatch(/^nothing stored for \/notes\/today in asyncweb$/m);
    expect((await c.get('/notes/today', { method: 'POST', body: 'twenty bytes of text' })).text).toMatch(
      /^stored 20 bytes in asyncweb: twenty bytes of text$/m,
    );
    for (let i = 0; i < 2; i++) expect((await c.get('/notes/today')).text).toMatch(/^read 20 bytes from asyncweb: twenty bytes of text$/m);
    const big = 'é'.repeat(50_000) + 'end';
    expect((await c.get('/big', { method: 'PUT', body: big })).text).toContain(`stored 100003 bytes in asyncweb: ${big}\n`);
    expect((await c.get('/big')).text).toContain(`read 100003 bytes from asyncweb: ${big}\n`);
  });

  it('serves the greeting from .wash/config.yaml, which app.py does not hold', async () => {
    expect((await c.get('/')).text).toMatch(/^greeting: Howdy partner$/m);
    expect(read(c.project, 'app.py')).not.toContain('Howdy');
    expect(read(c.project, '.wash/config.yaml')).toMatch(/^ {4}greeting: "Howdy partner"$/m);
  });

  it("logs each request at info with the component as context, in wash dev's output", async () => {
    await c.get('/logged/a');
    await c.get('/logged/b', { method: 'POST', body: 'four' });
    await waitFor(c.dev, /handling \/logged\/b \(4 bytes\)/, 'the second log line', 10_000);
    const lines = c.dev
      .output()
      .split('\n')
      .filter((l) => /wasi\.logging\.log.*handling \/logged\//.test(l));
    expect(lines.map((l) => /: (handling \S+ \(\d+ bytes\))/.exec(l)?.[1])).toEqual(['handling /logged/a (0 bytes)', 'handling /logged/b (4 bytes)']);
    expect(lines.every((l) => /level=Level::Info context="asyncweb"/.test(l))).toBe(true);
  });

  it("answers 500 with a short text when the handler raises, and says why in wash dev's output", async () => {
    expect(await c.get('/boom')).toEqual({ status: 500, type: 'text/plain; charset=utf-8', text: 'internal server error\n' });
    await waitFor(c.dev, /^500 for GET \/boom: RuntimeError\('boom'\) at app\.py:\d+$/m, 'the line of the failed request', 10_000);
    expect((await c.get('/health')).status).toBe(200);
  });
});
