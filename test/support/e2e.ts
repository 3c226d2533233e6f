import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { InterfaceId } from '../../src/interfaces/index.js';
import { expectCleanPython, washBuild } from './build.js';
import { serve, type Served } from './jco.js';
import { generate, tempDir } from './project.js';

export interface Built {
  project: string;
  wasm: string;
  world: string;
  buildSeconds: number;
}

/** Generates a wasmCloud 1.x project, checks its bindings with mypy --strict, and builds it as wash 1.x would. */
export async function generateAndBuild(name: string, interfaces: InterfaceId[], extra: string[] = []): Promise<Built> {
  const project = await generate(name, ['--wasmcloud', '1', '--interfaces', interfaces.join(','), ...extra]);
  expectCleanPython(project, name);
  expect(readdirSync(join(project, 'bindings', 'wit_world'))).toContain('exports');
  const started = Date.now();
  const { ran, artifact } = washBuild(project);
  expect(ran.status, ran.output).toBe(0);
  expect(existsSync(artifact), `${artifact} after: ${ran.output}`).toBe(true);
  expect(statSync(artifact).size).toBeGreaterThan(1_000_000);
  return { project, wasm: artifact, world: name, buildSeconds: (Date.now() - started) / 1000 };
}

interface ServedComponent {
  built: Built;
  served: Served;
  /** The JSON-lines file the hosts record to. */
  record: string;
}

/**
 * Generates and builds `name` before the suite's tests and serves it under jco with the hosts for its
 * interfaces; stops it after. The returned object is filled in by the time the tests run.
 */
export function servedComponent(
  name: string,
  interfaces: InterfaceId[],
  options: { args?: () => string[]; config?: Record<string, string> } = {},
): ServedComponent {
  const state = {} as ServedComponent;
  beforeAll(async () => {
    state.built = await generateAndBuild(name, interfaces, options.args?.() ?? []);
    state.record = join(tempDir('cwp-record-'), 'record.jsonl');
    state.served = await serve(state.built.wasm, { record: state.record, interfaces, config: options.config });
  });
  afterAll(() => state.served?.stop());
  return state;
}

/**
 * The answers of the all-in-one component ('all', greeting `hola`, an upstream answering 202) to three POSTs
 * of `body 0`..`body 2` to /x: every imported capability used once per request, on whichever host runs it.
 */
export function expectAllInOneAnswers(texts: string[]): void {
  expect(texts.map((t) => /^count: (\d+)$/m.exec(t)?.[1])).toEqual(['1', '2', '3']);
  expect(texts.map((t) => /^visits: (\d+)$/m.exec(t)?.[1])).toEqual(['1', '2', '3']);
  const last = texts[2] as string;
  expect(last.split('\n')[0]).toBe('Hello from all! POST /x');
  expect(last).toMatch(/^upstream http:\/\/127\.0\.0\.1:\d+\/: 202$/m);
  expect(last).toMatch(/^stored 6 bytes in all: body 2$/m);
  expect(last).toMatch(/^published \/x to all\.events$/m);
  expect(last).toMatch(/^greeting: hola$/m);
}

/** The all-in-one's answer to a GET of /x after those POSTs: it reads back what the last one stored, and writes nothing. */
export function expectAllInOneReadBack(text: string): void {
  expect(text.split('\n')[0]).toBe('Hello from all! GET /x');
  expect(text).toMatch(/^read 6 bytes from all: body 2$/m);
  expect(text).toMatch(/^count: 4$/m);
  expect(text).not.toMatch(/^stored /m);
}
