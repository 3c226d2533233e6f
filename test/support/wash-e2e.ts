import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { InterfaceId } from '../../src/interfaces/index.js';
import { expectCleanPython } from './build.js';
import { freePort } from './jco.js';
import { postgresServer, type Postgres } from './postgres.js';
import { redisServer, type Redis } from './redis.js';
import { generate } from './project.js';
import { edit, natsServer, poeDev, washBuildOffline, washDev, type Dev, type Nats } from './wash.js';

interface DevProject {
  project: string;
  dev: Dev;
  nats?: Nats;
  /** A PostgreSQL server of its own, started for a project with the postgres interface. */
  postgres?: Postgres;
  /** A Redis server of its own, when keyvalue is to live there (`redis`). */
  redis?: Redis;
  get(path: string, init?: RequestInit): Promise<{ status: number; type: string | null; text: string }>;
  /** The same request, answered in bytes, with every header. */
  fetch(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: Buffer }>;
}

/** wash dev prints this once the component is deployed and its HTTP server routes to it. */
const HTTP_READY = /listening for HTTP requests/;

/**
 * Before the suite: generates a wasmCloud 2 project, builds it with README's `wash build` command with
 * no network, and runs `wash dev` on it (with a NATS server wired in through `dev.data_nats_url`, the
 * line the generated config has commented out, when `nats` is set). Stops everything after.
 */
export function devProject(
  name: string,
  interfaces: InterfaceId[],
  options: {
    args?: () => string[];
    nats?: boolean;
    /** Keyvalue in a Redis server of the suite's own (`wasi_keyvalue_redis_url`), blobs as files (`wasi_blobstore_path`). */
    redis?: boolean;
    edit?: (project: string) => void | Promise<void>;
    /** The bin directory of the venv to build and run with (its componentize-py bundles its packages). */
    venv?: (project: string) => string;
    /** `dev.postgres_url` to use instead of a PostgreSQL server of the suite's own (a postgres project only). */
    postgresUrl?: () => string;
    /** Run `poe dev` (tools/dev.py, which runs wash dev) rather than `wash dev` itself (an HTTP project only). */
    poe?: boolean;
    /** The URL the config gets for a backend the suite started (a fault proxy's, test/support/fault-proxy.ts); its own by default. */
    through?: (backend: 'nats' | 'redis' | 'postgres', url: string) => Promise<string>;
  } = {},
): DevProject {
  const state = {} as DevProject;
  const through = (backend: 'nats' | 'redis' | 'postgres', url: string): Promise<string> =>
    options.through ? options.through(backend, url) : Promise.resolve(url);
  beforeAll(async () => {
    const port = await freePort();
    const http = interfaces.includes('http-server') ? ['--http-address', `127.0.0.1:${port}`] : [];
    state.project = await generate(name, ['--interfaces', interfaces.join(','), ...http, ...(options.args?.() ?? [])]);
    await options.edit?.(state.project);
    const bin = options.venv?.(state.project);
    // The toolchain's type checkers cannot see a venv's own packages: they check the generated code.
    if (!bin) expectCleanPython(state.project, name);
    const built = await washBuildOffline(state.project, bin);
    expect(built.code, built.output).toBe(0);
    expect(statSync(join(state.project, 'build', `${name.replace(/-/g, '_')}.wasm`)).size).toBeGreaterThan(1_000_000);
    // wash dev always serves HTTP (the config says 127.0.0.1:8000): keep a messaging-only component off that port.
    if (http.length === 0) edit(state.project, '.wash/config.yaml', /^ {2}address: \S+$/m, `  address: 127.0.0.1:${port}`);
    if (options.nats) {
      state.nats = await natsServer();
      edit(state.project, '.wash/config.yaml', /# data_nats_url: \S+/, `data_nats_url: ${await through('nats', state.nats.url)}`);
    }
    if (options.redis) {
      state.redis = await redisServer();
      edit(
        state.project,
        '.wash/config.yaml',
        /# wasi_keyvalue_redis_url: \S+/,
        `wasi_keyvalue_redis_url: ${await through('redis', state.redis.url)}`,
      );
      const blobs = mkdtempSync(join(tmpdir(), 'cwp-blobs-'));
      edit(state.project, '.wash/config.yaml', /# wasi_blobstore_path: \S+/, `wasi_blobstore_path: ${JSON.stringify(blobs)}`);
    }
    // wash dev connects to dev.postgres_url at start: point it at a server of the suite's own, as README says.
    if (interfaces.includes('postgres')) {
      const url = options.postgresUrl?.() ?? (await through('postgres', (state.postgres = await postgresServer()).url));
      edit(state.project, '.wash/config.yaml', /^  postgres_url: \S+$/m, `  postgres_url: ${url}`);
    }
    state.dev = options.poe ? await poeDev(state.project, port, bin) : await washDev(state.project, HTTP_READY, port, bin);
    state.get = async (path, init) => {
      const response = await fetch(`${state.dev.url}${path}`, init);
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    };
    state.fetch = async (path, init) => {
      const response = await fetch(`${state.dev.url}${path}`, init);
      return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
    };
  });
  afterAll(async () => {
    await state.dev?.stop();
    await state.nats?.stop();
    await state.postgres?.stop();
    await state.redis?.stop();
  });
  return state;
}
