/**
 * WASI 0.3 for real: http-client and secrets in one component under `wash dev` (one start). Its two
 * outgoing requests go to a loopback server that holds each answer for a second and counts the requests
 * in flight; the secret is a value the suite writes into `.wash/config.yaml`'s dev section, and only its
 * length and SHA-256 prefix may come back. Two routes of the test's own in app.py (the user's file)
 * call the helpers with a host that is not allowed and a secret the host does not have.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_SECRET_VALUE } from '../src/interfaces/secrets/index.js';
import { read } from './support/project.js';
import { devProject } from './support/wash-e2e.js';
import { edit } from './support/wash.js';

/** How long the upstream holds each answer: two requests one after the other could not overlap. */
const DELAY_MS = 1000;

/** A loopback server that answers 204 after DELAY_MS, and records the paths it was asked for and the most requests in flight at once. */
function slowUpstream(): { hits: string[]; most: () => number; port: () => number } {
  const hits: string[] = [];
  let inFlight = 0;
  let most = 0;
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '');
    most = Math.max(most, ++inFlight);
    setTimeout(() => {
      inFlight--;
      response.writeHead(204).end();
    }, DELAY_MS);
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { hits, most: () => most, port: () => (server.address() as AddressInfo).port };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('wash dev, WASI 0.3: http-client (two requests at once) and secrets', () => {
  const upstream = slowUpstream();
  const url = (): string => `http://127.0.0.1:${upstream.port()}/status`;
  // The dev value the component is to read: the suite's own, so that no default could pass for it.
  const secret = `e2e-${randomBytes(12).toString('hex')}`;
  const digest = createHash('sha256').update(secret).digest('hex').slice(0, 8);
  const c = devProject('fetcher3', ['http-server', 'http-client', 'secrets'], {
    args: () => ['--wasi', '0.3', '--http-client-url', url()],
    edit: (project) => {
      edit(project, '.wash/config.yaml', new RegExp(`^( +api-key: )${escape(DEV_SECRET_VALUE)}$`, 'm'), `$1${secret}`);
      // The same server by a host name allowedHosts does not hold: the host must refuse it before it is sent.
      const routes = `@app.get("/denied")
async def denied(request: Request) -> Response:
    return Response.text(await upstream_status("http://localhost:${upstream.port()}/denied") + "\\n")


@app.get("/missing")
async def missing(request: Request) -> Response:
    return Response.text(await describe_secret("absent") + "\\n")


@app.route("/{path:path}")
`;
      edit(project, 'app.py', '@app.route("/{path:path}")\n', routes);
    },
  });

  it('sends both GETs at once, relays each status, and shows the dev secret only by length and sha256', async () => {
    const started = Date.now();
    const answer = await c.get('/');
    const took = Date.now() - started;
    expect(answer.status).toBe(200);
    expect(answer.text.split('\n')).toEqual([
      'Hello from fetcher3! GET /',
      `upstream ${url()}: 204`,
      `upstream ${url()}: 204`,
      `secret api-key: ${secret.length} bytes, sha256 ${digest}`,
      '',
    ]);
    expect(upstream.hits).toEqual(['/status', '/status']);
    // Both were in flight at once: the upstream held the first for a second while the second arrived.
    expect(upstream.most()).toBe(2);
    expect(took).toBeGreaterThanOrEqual(DELAY_MS);
    expect(read(c.project, '.wash/config.yaml')).toContain(`api-key: ${secret}\n`);
  });

  it('answers a request to a host it does not allow, and a secret the host does not have, as lines', async () => {
    const denied = await c.get('/denied');
    expect([denied.status, denied.text]).toEqual([200, 'denied: the host allows no requests to it (add it to the allowed hosts)\n']);
    expect(upstream.hits).not.toContain('/denied');
    expect(await c.get('/missing')).toMatchObject({ status: 200, text: 'secret absent: not found\n' });
  });

  it("never shows the secret's value: not in any answer, nor in wash dev's output", async () => {
    const again = await c.get('/again');
    expect(again.text).toContain(`secret api-key: ${secret.length} bytes, sha256 ${digest}\n`);
    expect(again.text).not.toContain(secret);
    expect(c.dev.output()).toMatch(/listening for HTTP requests/);
    expect(c.dev.output()).not.toContain(secret);
    expect(upstream.most()).toBe(2);
  });
});
