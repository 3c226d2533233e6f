/**
 * The messaging interfaces and the all-in-one project: generated, type-checked, built as wash 1.x builds
 * it, and run under jco on Node 22 (served over HTTP, and its message handler called directly).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interfacesFor } from '../src/interfaces/index.js';
import { expectAllInOneAnswers, expectAllInOneReadBack, generateAndBuild, servedComponent, type Built } from './support/e2e.js';
import { callMessageHandler, readRecord, serve, type Served } from './support/jco.js';
import { tempDir } from './support/project.js';

const records = () => join(tempDir('cwp-record-'), 'record.jsonl');

describe('messaging-handler alone', () => {
  let built: Built;
  beforeAll(async () => {
    built = await generateAndBuild('worker', ['messaging-handler'], ['--subscription', 'jobs.>']);
  });

  it('answers on reply-to with a greeting for the subject', async () => {
    const record = records();
    const result = await callMessageHandler(
      built.wasm,
      { subject: 'jobs.42', body: 'ping', replyTo: 'reply.here' },
      { record, interfaces: ['messaging-handler'] },
    );
    expect(result).toEqual({ ok: true });
    expect(readRecord(record)).toEqual([{ kind: 'publish', subject: 'reply.here', body: 'Hello from worker! jobs.42', replyTo: null }]);
  });

  it('publishes nothing for a message without reply-to', async () => {
    const record = records();
    expect(
      await callMessageHandler(built.wasm, { subject: 'jobs.43', body: 'fire and forget' }, { record, interfaces: ['messaging-handler'] }),
    ).toEqual({ ok: true });
    expect(readRecord(record)).toEqual([]);
  });
});

describe('messaging-publisher', () => {
  const component = servedComponent('announcer', ['http-server', 'messaging-publisher']);

  it('publishes the path of each request to the events subject', async () => {
    const text = await (await fetch(`${component.served.url}/orders/7`)).text();
    expect(text).toMatch(/^published \/orders\/7 to announcer\.events$/m);
    expect(readRecord(component.record)).toEqual([{ kind: 'publish', subject: 'announcer.events', body: '/orders/7', replyTo: null }]);
  });
});

describe('every interface in one component', () => {
  let built: Built;
  let served: Served;
  let record: string;
  let upstream: Server;
  beforeAll(async () => {
    upstream = createServer((_, response) => response.writeHead(202).end());
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const port = (upstream.address() as AddressInfo).port;
    built = await generateAndBuild('all', interfacesFor('0.2'), ['--http-client-url', `http://127.0.0.1:${port}/`]);
    record = records();
    served = await serve(built.wasm, { record, config: { greeting: 'hola' }, interfaces: interfacesFor('0.2') });
  });
  afterAll(async () => {
    await served?.stop();
    upstream?.close();
  });

  it('uses every imported capability for each HTTP request', async () => {
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push(await (await fetch(`${served.url}/x`, { method: 'POST', body: `body ${i}` })).text());
    expectAllInOneAnswers(texts);
    const kinds = readRecord(record).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'log')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'publish')).toHaveLength(3);
    const writes = readRecord(record).filter((r) => r.kind === 'blobstore' && r.op === 'write').length;
    expectAllInOneReadBack(await (await fetch(`${served.url}/x`)).text());
    expect(readRecord(record).filter((r) => r.kind === 'blobstore' && r.op === 'write')).toHaveLength(writes);
  });

  it('uses them for each message too, and answers on reply-to', async () => {
    const messages = records();
    const result = await callMessageHandler(
      built.wasm,
      { subject: 'all.requests', body: 'ping', replyTo: 'inbox.1' },
      { record: messages, config: { greeting: 'hola' }, interfaces: interfacesFor('0.2') },
    );
    expect(result).toEqual({ ok: true });
    const published = readRecord(messages).filter((r) => r.kind === 'publish');
    expect(published.map((p) => p.subject)).toEqual(['all.events', 'inbox.1']);
    const reply = published[1]?.body as string;
    expect(reply.split('\n')[0]).toBe('Hello from all! all.requests');
    expect(reply).toMatch(/^count: 1$/m);
    expect(reply).toMatch(/^stored 4 bytes in all: ping$/m);
    expect(reply).toMatch(/^greeting: hola$/m);
  });

  it('stays far below the 50 MB wasmCloud accepts', async () => {
    const { statSync } = await import('node:fs');
    expect(statSync(built.wasm).size).toBeLessThan(50_000_000);
  });
});
