/**
 * Runs built components under jco (Node 22) with the JavaScript hosts of their non-WASI imports (each in the
 * test/ of the interface folder that owns the WIT family, on ./hosts' shared record.js and preview2.js), and
 * reads back what they did.
 *
 * - serve(): `jco serve` on a free 127.0.0.1 port, for components that export
 *   wasi:http/incoming-handler. One process, one component instance for every request (no
 *   --isolate-requests: with it jco instantiates with a WASI-only import object and the --jco-map
 *   hosts are dropped), so in-memory keyvalue/blobstore state lasts across requests.
 * - callMessageHandler(s)(): `jco transpile` (cached per wasm file) plus a small Node 22 driver
 *   that calls the exported wasmcloud:messaging/handler@0.2.0 `handleMessage`.
 * - The hosts append JSON lines to the file named by CWP_RECORD; readRecord() parses it.
 *
 * This file runs in the tests' Node (20); the components only ever run in the toolchain's Node 22.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOG, INTERFACE_IDS, isInterfaceId, witOf } from '../../src/interfaces/index.js';
import { FAMILY_OWNERS } from '../../src/interfaces/wit.js';
import { ROOT } from './project.js';

const HOSTS = join(import.meta.dirname, 'hosts');
const WATCHDOG = join(HOSTS, 'watchdog.js');
const TOOLCHAIN_MANIFEST = join(ROOT, '.toolchain', 'toolchain.json');

interface ToolchainPaths {
  python: string;
  componentizePy: string;
  mypy: string;
  ruff: string;
  pytest: string;
  poe: string;
  uv: string;
  checkJsonschema: string;
  pyright: string;
  wash: string;
  natsServer: string;
  registry: string;
  node: string;
  jco: string;
}

interface Toolchain {
  versions: Record<string, string>;
  paths: ToolchainPaths;
}

/** .toolchain/toolchain.json (written by scripts/toolchain.mjs). Missing toolchain = an error, never a skip. */
export function readToolchain(): Toolchain {
  if (!existsSync(TOOLCHAIN_MANIFEST)) {
    throw new Error(
      `${TOOLCHAIN_MANIFEST} is missing: run \`node scripts/toolchain.mjs\` (npm test does) to install componentize-py, wash, nats-server, Node 22 and jco`,
    );
  }
  const data = JSON.parse(readFileSync(TOOLCHAIN_MANIFEST, 'utf8')) as Toolchain;
  for (const key of ['python', 'componentizePy', 'mypy', 'ruff', 'pytest', 'pyright', 'wash', 'natsServer', 'node', 'jco'] as const) {
    const path = data.paths?.[key];
    if (!path || !existsSync(path))
      throw new Error(`toolchain ${key} is missing at ${String(path)} (from ${TOOLCHAIN_MANIFEST}): rerun \`node scripts/toolchain.mjs\``);
  }
  return data;
}

/**
 * The JavaScript host of a WIT family, for a 1.x component under jco: `test/<family>.js` in the folder of the
 * interface that owns the family (src/interfaces/<owner>/test/wasi-keyvalue.js; shared families in common/).
 * A family without one needs none: WASI's own (preview2-shim's, real fetches for wasi:http) or an export's.
 */
function familyHost(family: string): string | undefined {
  const owner = FAMILY_OWNERS[family];
  const file = owner && join(ROOT, 'src', 'interfaces', owner, 'test', `${family.replace(':', '-')}.js`);
  return file && existsSync(file) ? file : undefined;
}

/**
 * The import maps (`<package>/*=<file URL of host>#*`) for `jco transpile --map` / `jco serve
 * --jco-map`. Without `interfaces`: all hosts (a map for a package the component does not import
 * is ignored by jco, so this is always safe). With generator interface ids: only those needed.
 */
function hostMaps(interfaces?: readonly string[]): string[] {
  const files = new Map<string, string>();
  for (const id of interfaces ?? INTERFACE_IDS) {
    if (!isInterfaceId(id)) throw new Error(`hostMaps: unknown interface id ${JSON.stringify(id)} (known: ${INTERFACE_IDS.join(', ')})`);
    for (const family of witOf(CATALOG[id], '0.2').packages) {
      const host = familyHost(family);
      if (host) files.set(family, host);
    }
  }
  const maps: string[] = [];
  for (const [pkg, file] of files) {
    const url = pathToFileURL(file).href;
    // jco splits each mapping on '=' and the module part on '#'.
    if (url.includes('=') || url.includes('#')) throw new Error(`host path ${url} contains '=' or '#', which jco's --map cannot carry`);
    maps.push(`${pkg}/*=${url}#*`);
  }
  return maps;
}

interface RunOptions {
  /** File the hosts append JSON lines to (CWP_RECORD). Created if missing. */
  record: string;
  /** wasi:config values (CWP_CONFIG). */
  config?: Record<string, string>;
  /** Generator interface ids of the component; default: map every host. */
  interfaces?: readonly string[];
  /** Replies for wasmcloud:messaging/consumer.request, subject -> text (CWP_REPLIES). */
  replies?: Record<string, string>;
  /** More environment for the Node 22 process. */
  env?: Record<string, string>;
  /** Bound on startup (serve) or on the whole run (message handler); default 120 s. */
  timeoutMs?: number;
}

function hostEnv(opts: RunOptions, tc: Toolchain): NodeJS.ProcessEnv {
  if (!existsSync(opts.record)) writeFileSync(opts.record, '');
  return {
    ...process.env,
    ...opts.env,
    CWP_RECORD: resolve(opts.record),
    CWP_CONFIG: JSON.stringify(opts.config ?? {}),
    CWP_REPLIES: JSON.stringify(opts.replies ?? {}),
    CWP_JCO: tc.paths.jco,
    CWP_OWNER_PID: String(process.pid),
    // jco serve starts the transpiled server with this node (it defaults to its own argv[0]).
    JCO_RUN_PATH: tc.paths.node,
  };
}

/** The preview2-shim package jco resolves; transpiled output must import exactly this one (see hosts/preview2.js). */
function preview2ShimDir(tc: Toolchain): string {
  const io = createRequire(tc.paths.jco).resolve('@bytecodealliance/preview2-shim/io');
  // <pkg>/dist/nodejs/io.js
  return realpathSync(resolve(dirname(io), '..', '..'));
}

/**
 * Temp dirs are named cwp-<kind>-<pid of the test process>-XXXXXX. Vitest ends its workers without
 * running 'exit' handlers, so the first scratchDir() of a process removes the dirs of test
 * processes that are gone, and ends the processes still running from them (a `jco serve` whose
 * test process died before stop()): exactly those whose command line names such a dir.
 */
const SCRATCH = /^cwp-(?:jco|serve|msg|pg)-(\d+)-/;
let collected = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killProcessesUsing(dir: string): void {
  if (!existsSync('/proc')) return;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(join('/proc', entry, 'cmdline'), 'utf8');
      if (cmdline.includes(dir)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone, or not ours to read
    }
  }
}

/** Removes the scratch dirs of test processes that are gone (and ends the servers still running from them). */
export function collectStale(): void {
  if (collected) return;
  collected = true;
  const root = tmpdir();
  for (const name of readdirSync(root)) {
    const owner = SCRATCH.exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || alive(Number(owner))) continue;
    const dir = join(root, name);
    // A `jco serve`, or a PostgreSQL server (its command line names its data dir; its backends exit with it).
    if (name.startsWith('cwp-serve-') || name.startsWith('cwp-pg-')) killProcessesUsing(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function scratchDir(kind: 'jco' | 'serve' | 'msg'): string {
  collectStale();
  return mkdtempSync(join(tmpdir(), `cwp-${kind}-${process.pid}-`));
}

const live = new Set<ChildProcess>();
let exitHook = false;
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of live) killGroup(c, 'SIGKILL');
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The group may still hold jco's own child (the transpiled server).
    killGroup(child, 'SIGKILL');
    return;
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  // jco serve's transpiled server is jco's child in the same group: make sure it is gone too.
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // group already empty
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean): void => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.setTimeout(2_000, () => finish(false));
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export interface Served {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  port: number;
  /** What jco and the component printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Milliseconds from spawn to the port answering (transpile + compile + listen). */
  startupMs: number;
  /** Kills the process group and removes the transpiled files. */
  stop(): Promise<void>;
}

/**
 * `jco serve <wasm>` on 127.0.0.1 with the hosts mapped. Resolves once the server accepts TCP
 * connections (no HTTP request is sent, so no request reaches the component before the test's).
 * Rejects, with jco's output, if jco exits first or `timeoutMs` (default 120 s) passes.
 */
export async function serve(wasmPath: string, opts: RunOptions): Promise<Served> {
  const tc = readToolchain();
  const wasm = resolve(wasmPath);
  if (!existsSync(wasm)) throw new Error(`serve: ${wasm} does not exist`);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await serveOn(wasm, port, opts, tc, timeoutMs);
    } catch (error) {
      lastError = error as Error;
      // Another process took the port between freePort() and jco's listen: try another one.
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError;
}

async function serveOn(wasm: string, port: number, opts: RunOptions, tc: Toolchain, timeoutMs: number): Promise<Served> {
  const dir = scratchDir('serve');
  const args = [tc.paths.jco, 'serve', wasm, '--host', '127.0.0.1', '--port', String(port), '--jco-dir', dir, '--jco-import', WATCHDOG];
  for (const map of hostMaps(opts.interfaces)) args.push('--jco-map', map);
  const started = Date.now();
  const child = spawn(tc.paths.node, args, { detached: true, env: hostEnv(opts, tc), stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited (${signal ?? code})`));
  child.once('error', (error) => (exited = `failed to start: ${error.message}`));

  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = started + timeoutMs;
    for (;;) {
      if (exited !== undefined) throw new Error(`jco serve ${exited} before listening on 127.0.0.1:${port}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`jco serve did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${output}`);
      // jco prints "Server listening @ host:port..." once the port is bound; the TCP probe confirms it is ours.
      if (/listening/i.test(output) && (await canConnect(port))) break;
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, output: () => output, startupMs: Date.now() - started, stop };
}

interface Message {
  subject: string;
  /** UTF-8 text of the body. */
  body: string;
  replyTo?: string;
}

interface HandlerResult {
  ok: boolean;
  /** The handler's err(string), when ok is false. */
  error?: string;
}

interface Transpiled {
  dir: string;
  /** File name of the module under dir (jco's --name). */
  module: string;
  transpileMs: number;
}

const transpiled = new Map<string, Promise<Transpiled>>();
const transpileDirs = new Set<string>();
let transpileCleanupHook = false;

function spawnCollect(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; what: string },
): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      fail(new Error(`${options.what} timed out after ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(new Error(`${options.what} failed to start: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done(output);
      else fail(Object.assign(new Error(`${options.what} failed (${signal ?? code}):\n${output}`), { output }));
    });
  });
}

/**
 * `jco transpile` of `wasmPath` with the host maps into a temp dir that can be imported from Node
 * 22 (package.json type module, node_modules/@bytecodealliance/preview2-shim linked to jco's).
 * Cached per (file, size, mtime, maps) for the life of the test process; removed on exit.
 */
function transpile(wasmPath: string, interfaces?: readonly string[], timeoutMs = 120_000): Promise<Transpiled> {
  const tc = readToolchain();
  const wasm = resolve(wasmPath);
  if (!existsSync(wasm)) return Promise.reject(new Error(`transpile: ${wasm} does not exist`));
  const stat = statSync(wasm);
  const maps = hostMaps(interfaces);
  const key = createHash('sha256')
    .update(JSON.stringify([wasm, stat.size, stat.mtimeMs, maps]))
    .digest('hex');
  let pending = transpiled.get(key);
  if (!pending) {
    pending = (async () => {
      const dir = scratchDir('jco');
      transpileDirs.add(dir);
      if (!transpileCleanupHook) {
        transpileCleanupHook = true;
        process.once('exit', () => {
          for (const d of transpileDirs) rmSync(d, { recursive: true, force: true });
        });
      }
      const name = basename(wasm, extname(wasm)).replace(/[^A-Za-z0-9_-]/g, '_') || 'component';
      const started = Date.now();
      const args = [tc.paths.jco, 'transpile', wasm, '-o', dir, '--name', name, '--quiet', '--no-typescript'];
      for (const map of maps) args.push('--map', map);
      await spawnCollect(tc.paths.node, args, { timeoutMs, what: `jco transpile ${wasm}` });
      const transpileMs = Date.now() - started;
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      const scope = join(dir, 'node_modules', '@bytecodealliance');
      mkdirSync(scope, { recursive: true });
      symlinkSync(preview2ShimDir(tc), join(scope, 'preview2-shim'), 'dir');
      writeFileSync(join(dir, '_handle_messages.mjs'), DRIVER(`./${name}.js`));
      return { dir, module: `${name}.js`, transpileMs };
    })();
    pending.catch(() => transpiled.delete(key));
    transpiled.set(key, pending);
  }
  return pending;
}

/** Node 22 driver: argv[2] = JSON file of messages, argv[3] = where to write the results. */
const DRIVER = (module: string): string => `
import ${JSON.stringify(pathToFileURL(WATCHDOG).href)};
import { readFileSync, writeFileSync } from 'node:fs';
const [input, output] = process.argv.slice(2);
const messages = JSON.parse(readFileSync(input, 'utf8'));
const results = [];
const finish = (code) => { writeFileSync(output, JSON.stringify(results)); process.exit(code); };
let mod;
try {
  mod = await import(${JSON.stringify(module)});
} catch (error) {
  results.push({ trap: 'instantiate: ' + (error?.stack ?? String(error)) });
  finish(3);
}
const handler = mod.handler ?? mod['wasmcloud:messaging/handler@0.2.0'];
if (typeof handler?.handleMessage !== 'function') {
  results.push({ trap: 'the component exports no wasmcloud:messaging/handler@0.2.0 handleMessage (exports: ' + Object.keys(mod).join(', ') + ')' });
  finish(3);
}
for (const msg of messages) {
  const brokerMessage = { subject: msg.subject, body: new TextEncoder().encode(msg.body) };
  if (msg.replyTo !== undefined) brokerMessage.replyTo = msg.replyTo;
  try {
    handler.handleMessage(brokerMessage);
    results.push({ ok: true });
  } catch (error) {
    if (error && Object.hasOwn(error, 'payload')) {
      results.push({ ok: false, error: String(error.payload) });
    } else {
      results.push({ trap: error?.stack ?? String(error) });
      finish(4);
    }
  }
}
finish(0);
`;

interface HandlerRun {
  results: HandlerResult[];
  /** What the component and node printed. */
  output: string;
  transpileMs: number;
  runMs: number;
}

/**
 * Delivers `messages` in order to one instance of the component (so keyvalue/blobstore state
 * carries from one to the next) through its exported handle-message. A handler err(string) is
 * `{ ok: false, error }`; a trap (or a failing instantiation) rejects, with the output.
 */
async function callMessageHandlers(wasmPath: string, messages: readonly Message[], opts: RunOptions): Promise<HandlerRun> {
  const tc = readToolchain();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const { dir, transpileMs } = await transpile(wasmPath, opts.interfaces, timeoutMs);
  const io = scratchDir('msg');
  try {
    const input = join(io, 'messages.json');
    const outputFile = join(io, 'results.json');
    writeFileSync(input, JSON.stringify(messages));
    const started = Date.now();
    let output = '';
    let failure: Error | undefined;
    try {
      output = await spawnCollect(tc.paths.node, [join(dir, '_handle_messages.mjs'), input, outputFile], {
        cwd: dir,
        env: hostEnv(opts, tc),
        timeoutMs,
        what: `handle-message in ${wasmPath}`,
      });
    } catch (error) {
      failure = error as Error;
    }
    const runMs = Date.now() - started;
    const raw = existsSync(outputFile) ? (JSON.parse(readFileSync(outputFile, 'utf8')) as Array<HandlerResult & { trap?: string }>) : [];
    const trap = raw.find((r) => r.trap !== undefined);
    if (trap) {
      const printed = (failure as (Error & { output?: string }) | undefined)?.output ?? output;
      throw new Error(`component trapped in handle-message (${wasmPath}).\nIt printed:\n${printed}\nTrap: ${trap.trap}`);
    }
    if (failure) throw failure;
    if (raw.length !== messages.length)
      throw new Error(`handle-message driver returned ${raw.length} results for ${messages.length} messages:\n${output}`);
    return { results: raw.map((r) => (r.ok ? { ok: true } : { ok: false, error: r.error ?? '' })), output, transpileMs, runMs };
  } finally {
    rmSync(io, { recursive: true, force: true });
  }
}

/** One message through the component's handle-message (a fresh instance each call). */
export async function callMessageHandler(wasmPath: string, msg: Message, opts: RunOptions): Promise<HandlerResult> {
  const run = await callMessageHandlers(wasmPath, [msg], opts);
  return run.results[0] as HandlerResult;
}

/** Entries recorded by the hosts (one JSON object a line); [] when the file does not exist yet. */
export function readRecord(path: string): Array<Record<string, unknown>> {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`${path}:${i + 1} is not JSON: ${line}`);
      }
    });
}
