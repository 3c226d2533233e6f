/**
 * wasmCloud 1.x: the interfaces whose WIT differs from wasmCloud 2's (blobstore on wasi:io 0.2.6, config
 * @0.2.0-draft), generated, type-checked, built as wash 1.x builds it, and served by jco on Node 22 with
 * JavaScript hosts for their imports. wash dev proves the rest on the real host (e2e-wash-*.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAndBuild, servedComponent } from './support/e2e.js';
import { readRecord, serve, type Served } from './support/jco.js';
import { tempDir } from './support/project.js';

async function get(served: Served, path: string, init?: RequestInit): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${served.url}${path}`, init);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const records = () => join(tempDir('cwp-record-'), 'record.jsonl');

describe('blobstore', () => {
  const component = servedComponent('blobs', ['http-server', 'blobstore']);

  it('stores the body of a POST, and a GET reads it back without writing', async () => {
    expect((await get(component.served, '/notes/today')).text).toMatch(/^nothing stored for \/notes\/today in blobs$/m);
    const response = await get(component.served, '/notes/today', { method: 'POST', body: 'hello blob' });
    expect(response.text).toMatch(/^stored 10 bytes in blobs: hello blob$/m);
    const writes = () => readRecord(component.record).filter((r) => r.kind === 'blobstore' && r.op === 'write');
    expect(writes()).toEqual([expect.objectContaining({ container: 'blobs', name: 'notes_today', size: 10 })]);
    expect((await get(component.served, '/notes/today')).text).toMatch(/^read 10 bytes from blobs: hello blob$/m);
    expect(writes()).toHaveLength(1);
  });

  it('round-trips a body larger than one stream chunk, and an empty one', async () => {
    const big = 'é'.repeat(50_000);
    expect((await get(component.served, '/big', { method: 'PUT', body: big })).text).toContain(`stored 100000 bytes in blobs: ${big}`);
    expect((await get(component.served, '/big')).text).toContain(`read 100000 bytes from blobs: ${big}`);
    expect((await get(component.served, '/empty', { method: 'POST', body: '' })).text).toMatch(/^stored 0 bytes in blobs: $/m);
    expect((await get(component.served, '/empty')).text).toMatch(/^read 0 bytes from blobs: $/m);
  });

  it('answers its routes with their status, headers and body, and echoes a binary body byte for byte', async () => {
    expect(await get(component.served, '/health')).toEqual({ status: 200, type: 'text/plain; charset=utf-8', text: 'ok\n' });
    const body = randomBytes(300_000);
    const echoed = await fetch(`${component.served.url}/echo`, { method: 'POST', body, headers: { 'content-type': 'application/x-test' } });
    expect([echoed.status, echoed.headers.get('content-type')]).toEqual([200, 'application/x-test']);
    expect(Buffer.from(await echoed.arrayBuffer()).equals(body)).toBe(true);
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

  it('falls back to the generic default, not the value given at generation, when the host has none', async () => {
    const served = await serve(wasm, { record: records(), config: {}, interfaces: ['http-server', 'config'] });
    try {
      expect((await get(served, '/')).text).toMatch(/^greeting: Hello$/m);
    } finally {
      await served.stop();
    }
  });
});
