/**
 * A throwaway Redis server for the suites whose keyvalue lives in Redis (`dev.wasi_keyvalue_redis_url`): Debian's
 * `redis-server` on a free 127.0.0.1 port, nothing saved to disk, stopped by stop(). A missing binary is an error,
 * never a skip: `.ci/run` installs Debian's `redis-server` package when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './jco.js';
import { start, waitFor } from './wash.js';

export interface Redis {
  /** redis://127.0.0.1:PORT */
  url: string;
  /** Runs one command with redis-cli; its raw output. */
  cli(...args: string[]): string;
  stop(): Promise<void>;
}

export async function redisServer(): Promise<Redis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cwp-redis-'));
  let proc;
  try {
    proc = start(['redis-server', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], dir);
  } catch (error) {
    throw new Error(
      `redis-server could not start (${(error as Error).message}): install it (Debian: \`apt-get install -y redis-server\`; .ci/run does it)`,
    );
  }
  await waitFor(proc, /Ready to accept connections/, 'redis-server', 30_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    cli: (...args) => execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--raw', ...args], { encoding: 'utf8' }),
    stop: () => proc.stop(),
  };
}
