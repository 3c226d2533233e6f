/**
 * A throwaway PostgreSQL server for the wasmcloud:postgres suites: a fresh cluster in a temp dir, trust
 * authentication, listening on a free 127.0.0.1 port only (its Unix socket in the temp dir), stopped and
 * removed by stop(). PostgreSQL refuses to run as root, so as root the cluster belongs to, and the server
 * runs as, the `postgres` user (Debian's package creates it); otherwise it runs as the current user.
 *
 * The binaries come from `pg_config --bindir`, else the newest /usr/lib/postgresql/<major>/bin (Debian's
 * layout, where initdb is not on PATH). Missing binaries, or no `postgres` user as root, are an error,
 * never a skip: `.ci/run` installs Debian's `postgresql` package when initdb is missing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectStale, freePort, sleep, stopChild, track } from './jco.js';

export interface Postgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres: `dev.postgres_url` for `wash dev`. */
  url: string;
  port: number;
  /** Runs `sql` with psql as the superuser `postgres` in the database `postgres`; returns its unaligned, tuples-only output. */
  psql(sql: string): string;
  /** What the server printed so far (its log). */
  output(): string;
  /** Milliseconds from initdb to the first accepted query. */
  startupMs: number;
  /** Fast shutdown (SIGINT: disconnects clients), then removes the cluster. */
  stop(): Promise<void>;
}

const SERVER_BINARIES = ['initdb', 'postgres', 'psql'];

/** The directory holding initdb, postgres and psql; throws, naming every place looked at, when there is none. */
function postgresBinDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
  } catch {
    // no pg_config on PATH: Debian's layout below
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((v) => join(debian, v, 'bin')));
  }
  const found = candidates.find((dir) => SERVER_BINARIES.every((bin) => existsSync(join(dir, bin))));
  if (found) return found;
  throw new Error(
    `PostgreSQL server binaries (${SERVER_BINARIES.join(', ')}) not found in ${candidates.length > 0 ? candidates.join(', ') : '`pg_config --bindir` (no pg_config) or /usr/lib/postgresql/*/bin (none)'}: ` +
      'install them (Debian: `apt-get install -y postgresql`; .ci/run does it)',
  );
}

/** uid and gid of the `postgres` user, to run the server as when we are root. */
function postgresUser(): { uid: number; gid: number } {
  try {
    const id = (flag: string): number =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch (error) {
    throw new Error(
      `running as root, and PostgreSQL refuses to: the server must run as the \`postgres\` user, which does not exist (${(error as Error).message.trim()})`,
    );
  }
}

// Cluster dirs are named cwp-pg-<pid of the test process>-XXXXXX, so that jco.ts's collectStale() ends the
// servers of test processes that are gone and removes their dirs.

function exitedHow(child: ChildProcess): string | undefined {
  if (child.exitCode !== null) return `exited (${child.exitCode})`;
  if (child.signalCode !== null) return `exited (${child.signalCode})`;
  return undefined;
}

/** Runs a PostgreSQL binary (as `user` when given), collecting its output; throws with the output if it fails. */
function run(bin: string, args: string[], cwd: string, user?: { uid: number; gid: number }): string {
  try {
    return execFileSync(bin, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, ...user });
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/**
 * A fresh cluster on a free loopback port, running and accepting queries. Rejects, with the server's
 * output, if the server exits first or does not answer within `timeoutMs` (default 60 s).
 */
export async function postgresServer(timeoutMs = 60_000): Promise<Postgres> {
  const bin = postgresBinDir();
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  collectStale();
  const dir = mkdtempSync(join(tmpdir(), `cwp-pg-${process.pid}-`));
  try {
    const data = join(dir, 'data');
    const sockets = join(dir, 'sockets');
    mkdirSync(sockets);
    if (user) {
      chownSync(dir, user.uid, user.gid);
      chownSync(sockets, user.uid, user.gid);
    }
    const started = Date.now();
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], dir, user);
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        return await startOn(bin, dir, data, sockets, port, started, timeoutMs, user);
      } catch (error) {
        lastError = error as Error;
        // Another process took the port between freePort() and the server's bind: try another one.
        if (!/could not bind|Address already in use/i.test(lastError.message)) throw lastError;
      }
    }
    throw lastError;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startOn(
  bin: string,
  dir: string,
  data: string,
  sockets: string,
  port: number,
  started: number,
  timeoutMs: number,
  user: { uid: number; gid: number } | undefined,
): Promise<Postgres> {
  // The postmaster itself is the child (no pg_ctl daemon): track() ends its process group if the test process exits.
  const args = ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', sockets, '-c', 'fsync=off', '-c', 'max_connections=50'];
  const child = spawn(join(bin, 'postgres'), args, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...user });
  track(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let failed: string | undefined;
  child.once('error', (error) => (failed = `failed to start: ${error.message}`));

  const psqlArgs = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres'];
  const psql = (sql: string): string => {
    try {
      return execFileSync(join(bin, 'psql'), [...psqlArgs, '-c', sql], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
        env: { ...process.env, PGCONNECT_TIMEOUT: '5', PGPASSWORD: '' },
      });
    } catch (error) {
      const e = error as Error & { stdout?: string; stderr?: string };
      throw new Error(`psql -c ${JSON.stringify(sql)} on 127.0.0.1:${port} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  };
  const stopServer = async (): Promise<void> => {
    if (exitedHow(child) === undefined) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGINT'); // fast shutdown: ends open sessions (a wash dev pool's) instead of waiting for them
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((done) => (timer = setTimeout(done, 15_000)))]);
      clearTimeout(timer);
    }
    await stopChild(child); // SIGTERM, then SIGKILL to the group, if it is still there
  };

  try {
    const deadline = started + timeoutMs;
    for (;;) {
      const gone = failed ?? exitedHow(child);
      if (gone !== undefined) throw new Error(`postgres ${gone} before accepting connections on 127.0.0.1:${port}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms:\n${output}`);
      if (/ready to accept connections/.test(output)) {
        try {
          psql('SELECT 1');
          break;
        } catch {
          // still starting
        }
      }
      await sleep(100);
    }
  } catch (error) {
    await stopServer();
    throw error;
  }
  const startupMs = Date.now() - started;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    psql,
    output: () => output,
    startupMs,
    stop: async () => {
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
