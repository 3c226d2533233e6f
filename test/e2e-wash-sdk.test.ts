/**
 * A service, not a demo: an app.py written only against wasmcloud_sdk (no binding in sight), with the CPython tests
 * its author would write on wasmcloud_sdk.testing, then the same requests to it under `wash dev` with NATS (keyvalue,
 * blobstore and messaging live there) and a PostgreSQL server of the suite's own, on WASI 0.2 and 0.3. JSON documents
 * in keyvalue, files in blobstore byte for byte, a row of every converted type round-tripped through PostgreSQL, an
 * upstream's JSON fetched, an event published, a WARNING logged: the real host answers what the CPython tests say.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/build.js';
import { readToolchain } from './support/jco.js';
import { devProject } from './support/wash-e2e.js';
import { natsCollect, waitFor } from './support/wash.js';

/** The service, for WASI 0.2 (`async` false) or 0.3: the same code, `async def` and `await` where 0.3 has them. */
function service(upstream: string, async: boolean): string {
  const a = async ? 'async ' : '';
  const aw = async ? 'await ' : '';
  return `"""notes: a small service written only against wasmcloud_sdk."""

import json
import logging
from datetime import UTC, date, datetime, time
from decimal import Decimal
from uuid import UUID

from wasmcloud_sdk import blobstore, http_client, keyvalue, messaging, postgres
from wasmcloud_sdk.http import App, Request, Response, ${async ? 'http_handler' : 'incoming_handler'}

UPSTREAM_URL = ${JSON.stringify(upstream)}
EVENTS = "notes.events"
log = logging.getLogger("notes")
app = App()

# A row of every type wasmcloud_sdk.postgres converts, and the columns that hold it.
ROW = (
    True,
    -9007199254740993,
    0.1,
    "héllo, wörld",
    bytes([0, 1, 254, 255]),
    Decimal("12345.6789"),
    date(2026, 12, 2),
    time(13, 48, 26, 500000),
    datetime(2026, 12, 2, 13, 48, 26, 123456),
    datetime(2026, 12, 2, 13, 48, 26, 123456, tzinfo=UTC),
    UUID("12345678-1234-5678-1234-567812345678"),
    {"a": [1, 2.5, {"b": None}], "c": "d"},
    None,
)
COLUMNS = (
    "b bool, i int8, f float8, t text, by bytea, n numeric, d date, tm time, ts timestamp, tz timestamptz, u uuid,"
    " j jsonb, x text"
)


@app.put("/notes/{note_id}")
${a}def put_note(request: Request, note_id: str) -> Response:
    document = request.json()
    keyvalue.open("notes").set(f"note.{note_id}", json.dumps(document))
    return Response.json({"stored": note_id}, status=201)


@app.get("/notes/{note_id}")
${a}def get_note(request: Request, note_id: str) -> Response:
    found = keyvalue.open("notes").get(f"note.{note_id}")
    if found is None:
        return Response.json({"error": f"no note {note_id}"}, status=404)
    return Response(found, content_type="application/json")


@app.get("/notes")
${a}def list_notes(request: Request) -> Response:
    names = [key.removeprefix("note.") for key in keyvalue.open("notes").keys() if key.startswith("note.")]
    return Response.json(sorted(names))


@app.delete("/notes/{note_id}")
${a}def delete_note(request: Request, note_id: str) -> Response:
    bucket = keyvalue.open("notes")
    if not bucket.exists(f"note.{note_id}"):
        return Response.json({"error": f"no note {note_id}"}, status=404)
    bucket.delete(f"note.{note_id}")
    return Response(status=204)


@app.post("/counters/{name}")
${a}def count(request: Request, name: str) -> Response:
    return Response.json({"count": keyvalue.open("notes").increment(f"count.{name}", 2)})


@app.put("/files/{name:path}")
${a}def put_file(request: Request, name: str) -> Response:
    blobstore.container("files").put(name, request.body)
    return Response.json({"stored": name, "bytes": len(request.body)}, status=201)


@app.get("/files/{name:path}")
${a}def get_file(request: Request, name: str) -> Response:
    data = blobstore.container("files").get(name)
    if data is None:
        return Response.json({"error": f"no file {name}"}, status=404)
    return Response(data, content_type="application/octet-stream")


@app.get("/files")
${a}def list_files(request: Request) -> Response:
    return Response.json(sorted(blobstore.container("files").names()))


@app.post("/rows")
${a}def round_trip(request: Request) -> Response:
    """Every converted type into PostgreSQL and back: what came back, and whether each is what went in."""
    postgres.execute_script(f"CREATE TABLE IF NOT EXISTS kinds ({COLUMNS}); DELETE FROM kinds")
    postgres.execute(f"INSERT INTO kinds VALUES ({', '.join(f'\${i}' for i in range(1, len(ROW) + 1))})", *ROW)
    # wash dev 2.10's PostgreSQL plugin cannot return a numeric column (it panics): n comes back as text.
    [row] = postgres.query("SELECT b, i, f, t, by, n::text, d, tm, ts, tz, u, j, x FROM kinds")
    back = (*row[:5], Decimal(str(row[5])), *row[6:])
    return Response.json({"same": [got == sent for got, sent in zip(back, ROW, strict=True)], "types": [type(v).__name__ for v in back]})


@app.get("/upstream")
${a}def upstream(request: Request) -> Response:
    try:
        answer = ${aw}http_client.get(UPSTREAM_URL, headers={"accept": "application/json"})
    except http_client.HttpError as error:
        return Response.json({"error": str(error), "reason": error.reason}, status=502)
    return Response.json({"status": answer.status, "type": answer.headers.get("content-type"), "upstream": answer.json()})


@app.post("/events")
${a}def publish(request: Request) -> Response:
    ${aw}messaging.publish(EVENTS, request.body)
    return Response.json({"published": len(request.body)}, status=202)


@app.get("/warn")
${a}def warn(request: Request) -> Response:
    log.warning("disk almost full: %d%%", 93)
    return Response.text("warned\\n")


${async ? 'HttpHandler = http_handler(app)' : 'IncomingHandler = incoming_handler(app)'}
`;
}

/** The CPython tests of the service, on wasmcloud_sdk.testing: each case of cases.json, in order, then what the service sent. */
const TESTS = `"""The service's tests in plain CPython: the cases the real-host suite replays (cases.json), on in-memory hosts."""

import base64
import json
from pathlib import Path

import pytest

import app
from wasmcloud_sdk.testing import Client, Hosts

CASES = json.loads((Path(__file__).parent / "cases.json").read_text())


@pytest.fixture(autouse=True)
def upstream_and_database(hosts: Hosts) -> None:
    hosts.http_client.respond(app.UPSTREAM_URL, json={"hello": "upstream", "n": [1, 2, 3]})
    hosts.postgres.answer("SELECT b, i, f", [app.ROW])


def test_the_service_answers_each_case(client: Client, hosts: Hosts) -> None:
    for case in CASES:
        response = client.request(case["method"], case["path"], body=base64.b64decode(case["body"]))
        assert response.status == case["status"], case["path"]
        if "json" in case:
            assert response.json() == case["json"], case["path"]
        if "bytes" in case:
            assert response.body == base64.b64decode(case["bytes"]), case["path"]
    assert [(message.subject, message.body) for message in hosts.messaging.published] == [("notes.events", b"an event")]
    assert ("warn", "notes", "disk almost full: 93%") in hosts.log.records
    assert hosts.postgres.statements[1][1] == app.ROW
`;

interface Case {
  method: string;
  path: string;
  body?: Buffer | string;
  status: number;
  json?: unknown;
  bytes?: Buffer;
}

/** 100,003 bytes of every value: more than one chunk of every stream on the way, and a length no chunk size divides. */
const FILE = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 7 + (i >> 8)) % 256));

const CASES: Case[] = [
  { method: 'GET', path: '/notes/first', status: 404, json: { error: 'no note first' } },
  {
    method: 'PUT',
    path: '/notes/first',
    body: JSON.stringify({ title: 'first', tags: ['a', 'b'], done: false }),
    status: 201,
    json: { stored: 'first' },
  },
  { method: 'PUT', path: '/notes/second', body: JSON.stringify({ title: 'zweite', n: 2.5 }), status: 201, json: { stored: 'second' } },
  { method: 'GET', path: '/notes/first', status: 200, json: { title: 'first', tags: ['a', 'b'], done: false } },
  { method: 'GET', path: '/notes', status: 200, json: ['first', 'second'] },
  { method: 'DELETE', path: '/notes/first', status: 204 },
  { method: 'DELETE', path: '/notes/first', status: 404, json: { error: 'no note first' } },
  { method: 'GET', path: '/notes', status: 200, json: ['second'] },
  { method: 'POST', path: '/counters/visits', status: 200, json: { count: 2 } },
  { method: 'POST', path: '/counters/visits', status: 200, json: { count: 4 } },
  { method: 'GET', path: '/files/docs/big.bin', status: 404, json: { error: 'no file docs/big.bin' } },
  { method: 'PUT', path: '/files/docs/big.bin', body: FILE, status: 201, json: { stored: 'docs/big.bin', bytes: FILE.length } },
  { method: 'PUT', path: '/files/empty', body: '', status: 201, json: { stored: 'empty', bytes: 0 } },
  { method: 'GET', path: '/files/docs/big.bin', status: 200, bytes: FILE },
  { method: 'GET', path: '/files/empty', status: 200, bytes: Buffer.alloc(0) },
  { method: 'GET', path: '/files', status: 200, json: ['docs/big.bin', 'empty'] },
  {
    method: 'POST',
    path: '/rows',
    status: 200,
    json: {
      same: Array(13).fill(true),
      types: ['bool', 'int', 'float', 'str', 'bytes', 'Decimal', 'date', 'time', 'datetime', 'datetime', 'UUID', 'dict', 'NoneType'],
    },
  },
  { method: 'GET', path: '/upstream', status: 200, json: { status: 200, type: 'application/json', upstream: { hello: 'upstream', n: [1, 2, 3] } } },
  { method: 'POST', path: '/events', body: 'an event', status: 202, json: { published: 8 } },
  { method: 'GET', path: '/warn', status: 200 },
  { method: 'GET', path: '/nowhere', status: 404 },
  { method: 'DELETE', path: '/notes', status: 405 },
];

const asJson = (cases: Case[]): string =>
  JSON.stringify(
    cases.map(({ body, bytes, ...rest }) => ({
      ...rest,
      body: Buffer.from(body ?? '').toString('base64'),
      ...(bytes ? { bytes: bytes.toString('base64') } : {}),
    })),
    null,
    1,
  );

/** Where the data lives: NATS for keyvalue, blobstore and messaging, or Redis for keyvalue and files on disk for blobs. */
type Backend = 'nats' | 'redis';

describe.each([
  ['0.2', 'nats'],
  ['0.3', 'nats'],
  ['0.2', 'redis'],
] as Array<['0.2' | '0.3', Backend]>)('wash dev + PostgreSQL, WASI %s, data in %s: a service written only on wasmcloud_sdk', (wasi, backend) => {
  let upstream: Server;
  beforeAll(async () => {
    upstream = createServer((request, response) => {
      const wanted = request.headers.accept;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ hello: 'upstream', n: [1, 2, 3], ...(wanted === 'application/json' ? {} : { accept: wanted }) }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => upstream?.close());
  const url = (): string => `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/data`;
  const name = `notes${wasi === '0.3' ? '3' : '2'}${backend === 'redis' ? 'r' : ''}`;
  const c = devProject(name, ['http-server', 'http-client', 'keyvalue', 'blobstore', 'postgres', 'messaging-publisher', 'logging'], {
    ...(backend === 'nats' ? { nats: true } : { redis: true }),
    args: () => ['--wasi', wasi, '--http-client-url', url(), '--keyvalue-bucket', 'notes', '--blobstore-container', 'files'],
    // devProject then runs the project's tools on it: ruff, mypy --strict, pyright and its pytest, these tests too.
    edit: (project) => {
      writeFileSync(join(project, 'app.py'), service(url(), wasi === '0.3'));
      writeFileSync(join(project, 'tests', 'test_app.py'), TESTS);
      writeFileSync(join(project, 'tests', 'cases.json'), asJson(CASES));
      // As the author's editor saves them: formatted by the project's ruff.
      const formatted = run([readToolchain().paths.ruff, 'format', 'app.py', 'tests'], project);
      expect(formatted.status, formatted.output).toBe(0);
    },
  });

  const replay = async (): Promise<void> => {
    for (const test of CASES) {
      const answer = await c.fetch(test.path, {
        method: test.method,
        ...(test.body === undefined ? {} : { body: typeof test.body === 'string' ? test.body : new Uint8Array(test.body) }),
      });
      const said = (): string =>
        c.dev
          .output()
          .split('\n')
          .filter((l) => / for [A-Z]+ \//.test(l))
          .slice(-3)
          .join('\n');
      expect(answer.status, `${test.method} ${test.path}: ${answer.body.toString().slice(0, 300)}\n${said()}`).toBe(test.status);
      if (test.json !== undefined) expect(JSON.parse(answer.body.toString()), `${test.method} ${test.path}`).toEqual(test.json);
      if (test.bytes !== undefined) expect(answer.body.equals(test.bytes), `${test.method} ${test.path}: ${answer.body.length} bytes`).toBe(true);
    }
  };

  it('answers each case on the real host as the CPython tests say, byte for byte', async () => {
    if (backend === 'nats') expect(await natsCollect(c.nats, 'notes.events', 1, replay, 20_000)).toEqual(['an event']);
    else await replay();
    // wasi:logging at its level, with the logger's name as the context.
    await waitFor(c.dev, /level=Level::Warn context="notes".*disk almost full: 93%/, 'the warning', 10_000);
  });

  it(`kept the row in PostgreSQL, and the documents and the counter in ${backend === 'nats' ? 'NATS' : 'Redis'}`, async () => {
    expect(c.postgres?.psql("SELECT t, n, j->'a'->>1 FROM kinds").trim()).toBe('héllo, wörld|12345.6789|2.5');
    if (backend === 'nats') {
      const kv = await c.nats?.client.jetstream().views.kv('notes');
      expect(JSON.parse((await kv?.get('note.second'))?.string() ?? 'null')).toEqual({ title: 'zweite', n: 2.5 });
      // NATS keeps a counter as a big-endian u64, as wash dev's atomics write it.
      const counter = (await kv?.get('count.visits'))?.value ?? new Uint8Array(8);
      expect(Buffer.from(counter).readBigUInt64BE()).toBe(4n);
    } else {
      const keys = (c.redis?.cli('KEYS', '*') ?? '').split('\n').filter(Boolean);
      const note = keys.find((k) => k.endsWith('note.second')) as string;
      expect(JSON.parse(c.redis?.cli('GET', note) ?? '')).toEqual({ title: 'zweite', n: 2.5 });
      expect(c.redis?.cli('GET', keys.find((k) => k.endsWith('count.visits')) as string).trim()).toBe('4');
    }
  });
});
