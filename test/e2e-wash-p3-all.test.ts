/**
 * WASI 0.3 for real, all at once: every interface of a 0.3 project in one component under `wash dev`,
 * with NATS (`dev.data_nats_url`) and a PostgreSQL server of the suite's own. The same behaviours the
 * 0.2 all-in-one shows (e2e-wash-messaging.test.ts): each HTTP request and each message uses every
 * capability, the async ones (two outgoing requests, the event, the secret) awaited beside the sync ones.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interfacesFor } from '../src/interfaces/index.js';
import { DEV_SECRET_VALUE } from '../src/interfaces/secrets/index.js';
import { expectAllInOneAnswers, expectAllInOneReadBack } from './support/e2e.js';
import { devProject } from './support/wash-e2e.js';
import { natsCollect, natsRequest, waitFor } from './support/wash.js';

describe('wash dev + NATS + PostgreSQL, WASI 0.3: every interface in one component', () => {
  let upstream: Server;
  let inFlight = 0;
  let most = 0;
  beforeAll(async () => {
    // Holds each answer a little, so that the two requests of one greeting are seen together.
    upstream = createServer((_, response) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        response.writeHead(202).end();
      }, 300);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => upstream?.close());
  const c = devProject('all', interfacesFor('0.3'), {
    nats: true,
    args: () => ['--wasi', '0.3', '--http-client-url', `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`, '--greeting', 'hola'],
  });
  const secretLine = `secret api-key: ${DEV_SECRET_VALUE.length} bytes, sha256 ${createHash('sha256').update(DEV_SECRET_VALUE).digest('hex').slice(0, 8)}`;

  it('uses every capability for each HTTP request, the async ones awaited', async () => {
    const texts: string[] = [];
    const events = await natsCollect(
      c.nats,
      'all.events',
      3,
      async () => {
        for (let i = 0; i < 3; i++) texts.push((await c.get('/x', { method: 'POST', body: `body ${i}` })).text);
      },
      20_000,
    );
    expectAllInOneAnswers(texts);
    expect(texts.map((t) => t.match(/^upstream .*: 202$/gm)?.length)).toEqual([2, 2, 2]);
    expect(most).toBe(2);
    expect(texts[2]).toContain(`\n${secretLine}\n`);
    expect(events).toEqual(['/x', '/x', '/x']);
    await waitFor(c.dev, /(handling \/x \(6 bytes\)[\s\S]*){3}/, 'three log lines', 10_000);
    expectAllInOneReadBack((await c.get('/x')).text);
  });

  it('uses them for each message too, and answers on reply-to', async () => {
    const reply = await natsRequest(c.nats, 'all.requests', 'ping', 20_000);
    expect(reply.split('\n')[0]).toBe('Hello from all! all.requests');
    expect(reply).toMatch(/^count: 1$/m);
    expect(reply).toMatch(/^stored 4 bytes in all: ping$/m);
    expect(reply).toMatch(/^greeting: hola$/m);
    expect(reply).toContain(secretLine);
  });

  it("never shows the secret's value: not in an answer, not in wash dev's output", async () => {
    expect((await c.get('/y')).text).not.toContain(DEV_SECRET_VALUE);
    expect(c.dev.output()).not.toContain(DEV_SECRET_VALUE);
  });
});
