/**
 * wasmCloud 2 messaging for real: `wash dev` wired to a NATS server through `dev.data_nats_url` (the
 * line the generated .wash/config.yaml has commented out), and NATS clients on the other side.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StringCodec } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interfacesFor } from '../src/interfaces/index.js';
import { expectAllInOneAnswers, expectAllInOneReadBack } from './support/e2e.js';
import { devProject } from './support/wash-e2e.js';
import { edit, natsCollect, natsRequest, waitFor, type Nats } from './support/wash.js';

const sc = StringCodec();

describe("wash dev + NATS: messaging-handler, raising on a subject of the user's choice", () => {
  const raises = '    if message.subject == "jobs.boom":\n        raise RuntimeError("boom")\n    lines = [';
  const c = devProject('worker', ['messaging-handler'], {
    nats: true,
    args: () => ['--subscription', 'jobs.>'],
    edit: (project) => edit(project, 'app.py', '    lines = [', raises),
  });

  it('answers a request published on its subscription', async () => {
    expect(await natsRequest(c.nats, 'jobs.42', 'ping')).toBe('Hello from worker! jobs.42');
    expect(await natsRequest(c.nats, 'jobs.a.b', '')).toBe('Hello from worker! jobs.a.b');
  });

  it("says why a message failed in wash dev's output, and goes on answering", async () => {
    (c.nats as Nats).client.publish('jobs.boom', sc.encode('ping'));
    await waitFor(c.dev, /^message on jobs\.boom failed: RuntimeError\('boom'\) at app\.py:\d+$/m, 'the line of the failed message', 10_000);
    expect(await natsRequest(c.nats, 'jobs.43', 'ping')).toBe('Hello from worker! jobs.43');
  });
});

describe('wash dev + NATS: messaging-publisher', () => {
  const c = devProject('announcer', ['http-server', 'messaging-publisher'], { nats: true });

  it("publishes each request's path to the events subject", async () => {
    const events = await natsCollect(c.nats, 'announcer.events', 1, async () => {
      expect((await c.get('/orders/7')).text).toMatch(/^published \/orders\/7 to announcer\.events$/m);
    });
    expect(events).toEqual(['/orders/7']);
  });
});

describe('wash dev + NATS: every interface in one component', () => {
  let upstream: Server;
  beforeAll(async () => {
    upstream = createServer((_, response) => response.writeHead(202).end());
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => upstream?.close());
  const c = devProject('all', interfacesFor('0.2'), {
    nats: true,
    args: () => ['--http-client-url', `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`, '--greeting', 'hola'],
  });

  it('uses every capability for each HTTP request', async () => {
    const texts: string[] = [];
    const events = await natsCollect(c.nats, 'all.events', 3, async () => {
      for (let i = 0; i < 3; i++) texts.push((await c.get('/x', { method: 'POST', body: `body ${i}` })).text);
    });
    expectAllInOneAnswers(texts);
    expect(events).toEqual(['/x', '/x', '/x']);
    await waitFor(c.dev, /(handling \/x \(6 bytes\)[\s\S]*){3}/, 'three log lines', 10_000);
    // In NATS too (data_nats_url), a GET reads back what the last POST stored.
    expectAllInOneReadBack((await c.get('/x')).text);
  });

  it('uses them for each message too, and answers on reply-to', async () => {
    const reply = await natsRequest(c.nats, 'all.requests', 'ping');
    expect(reply.split('\n')[0]).toBe('Hello from all! all.requests');
    expect(reply).toMatch(/^count: 1$/m);
    expect(reply).toMatch(/^stored 4 bytes in all: ping$/m);
    expect(reply).toMatch(/^greeting: hola$/m);
  });
});
