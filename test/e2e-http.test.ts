/**
 * Each HTTP-facing interface, generated, type-checked, built as wash 1.x builds it, and served by jco
 * on Node 22 with JavaScript hosts for its imports. The assertions are what the generated code does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAndBuild, servedComponent } from './support/e2e.js';
import { readRecord, serve, type Served } from './support/jco.js';
import { tempDir } from './support/project.js';

async function get(served: Served, path: string, init?: RequestInit): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${served.url}${path}`, init);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const records = () => join(tempDir('cwp-record-'), 'record.jsonl');

describe('http-server alone', () => {
  const component = servedComponent('hello', ['http-server']);

  it('answers 200, text/plain, naming the component and echoing method and path', async () => {
    const response = await get(component.served, '/some/path?q=1');
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/plain; charset=utf-8');
    expect(response.text).toBe('Hello from hello! GET /some/path?q=1\n');
    const post = await get(component.served, '/submit', { method: 'POST', body: 'x'.repeat(10_000) });
    expect(post.text).toBe('Hello from hello! POST /submit\n');
    const other = await get(component.served, '/', { method: 'PATCH' });
    expect(other.text).toBe('Hello from hello! PATCH /\n');
  });
});

describe('http-client', () => {
  const hits: string[] = [];
  const upstream: Server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(204).end();
  });
  beforeAll(() => new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve)));
  afterAll(() => upstream.close());
  const component = servedComponent('fetcher', ['http-server', 'http-client'], {
    args: () => ['--http-client-url', `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/status`],
  });

  it('fetches the configured URL and relays its status', async () => {
    const response = await get(component.served, '/');
    expect(response.text).toMatch(/^upstream http:\/\/127\.0\.0\.1:\d+\/status: 204$/m);
    expect(hits).toEqual(['/status']);
  });
});

describe('keyvalue', () => {
  const component = servedComponent('counter', ['http-server', 'keyvalue']);

  it('counts requests per path: 1, 2, 3', async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(/^count: (\d+)$/m.exec((await get(component.served, '/counted')).text)?.[1]);
    expect(counts).toEqual(['1', '2', '3']);
    expect((await get(component.served, '/other')).text).toMatch(/^count: 1$/m);
    const opened = readRecord(component.record).filter((r) => r.kind === 'keyvalue' && r.op === 'open');
    expect(opened[0]).toMatchObject({ bucket: 'counter' });
  });
});

describe('blobstore', () => {
  const component = servedComponent('blobs', ['http-server', 'blobstore']);

  it('stores the request body and reads it back', async () => {
    const response = await get(component.served, '/notes/today', { method: 'POST', body: 'hello blob' });
    expect(response.text).toMatch(/^stored 10 bytes in blobs: hello blob$/m);
    const write = readRecord(component.record).find((r) => r.kind === 'blobstore' && r.op === 'write');
    expect(write).toMatchObject({ container: 'blobs', name: 'notes_today', size: 10 });
  });

  it('round-trips a body larger than one stream chunk, and an empty one', async () => {
    const big = 'é'.repeat(50_000);
    expect((await get(component.served, '/big', { method: 'PUT', body: big })).text).toContain(`stored 100000 bytes in blobs: ${big}`);
    expect((await get(component.served, '/empty')).text).toMatch(/^stored 0 bytes in blobs: $/m);
  });
});

describe('logging', () => {
  const component = servedComponent('logger', ['http-server', 'logging']);

  it('logs each request at info with the component as context', async () => {
    await get(component.served, '/a');
    await get(component.served, '/b', { method: 'POST', body: 'four' });
    const logs = readRecord(component.record).filter((r) => r.kind === 'log');
    expect(logs).toEqual([
      { kind: 'log', level: 'info', context: 'logger', message: 'handling /a (0 bytes)' },
      { kind: 'log', level: 'info', context: 'logger', message: 'handling /b (4 bytes)' },
    ]);
  });
});

describe('config', () => {
  let wasm: string;
  beforeAll(async () => {
    wasm = (await generateAndBuild('configured', ['http-server', 'config'], ['--greeting', 'Howdy'])).wasm;
  });

  it('uses the configured greeting', async () => {
    const served = await serve(wasm, { record: records(), config: { greeting: 'hola' }, interfaces: ['http-server', 'config'] });
    try {
      expect((await get(served, '/')).text).toMatch(/^greeting: hola$/m);
    } finally {
      await served.stop();
    }
  });

  it('falls back to the default given at generation when the value is not set', async () => {
    const served = await serve(wasm, { record: records(), config: {}, interfaces: ['http-server', 'config'] });
    try {
      expect((await get(served, '/')).text).toMatch(/^greeting: Howdy$/m);
    } finally {
      await served.stop();
    }
  });
});
