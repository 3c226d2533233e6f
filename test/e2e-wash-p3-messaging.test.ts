/**
 * WASI 0.3 messaging for real: a component that handles and publishes through wasmcloud:messaging@0.3.0
 * (async funcs, `stream<u8>` bodies), and uses keyvalue (a sync 0.2 capability) in between, under `wash dev`
 * wired to a NATS server through `dev.data_nats_url`, with NATS clients on the other side. One `wash dev`.
 */
import { StringCodec } from 'nats';
import { describe, expect, it } from 'vitest';
import { run } from './support/build.js';
import { devProject } from './support/wash-e2e.js';
import { edit, natsCollect, natsRequest, waitFor, type Nats } from './support/wash.js';

const sc = StringCodec();

/** The user's own lines, before the generated ones: a body of `boom` raises, and one that starts `echo ` is the reply. */
const USER_LINES = `    if message.body == b"boom":
        raise RuntimeError("boom")
    if message.body.startswith(b"echo "):
        return message.body.decode()
    lines = [`;

describe('wash dev + NATS, WASI 0.3: messaging-handler, messaging-publisher and keyvalue', () => {
  const c = devProject('relay', ['messaging-handler', 'messaging-publisher', 'keyvalue'], {
    nats: true,
    args: () => ['--wasi', '0.3'],
    edit: (project) => edit(project, 'app.py', '    lines = [', USER_LINES),
  });

  it('answers a request on its subscription, counting in keyvalue, and publishes an event a subscriber sees', async () => {
    const events = await natsCollect(c.nats, 'relay.events', 1, async () => {
      expect(await natsRequest(c.nats, 'relay.requests', 'ping')).toBe(
        'Hello from relay! relay.requests\ncount: 1\npublished relay.requests to relay.events',
      );
    });
    expect(events).toEqual(['relay.requests']);
  });

  it('reads a large body whole from its stream, and streams a large reply back', async () => {
    const body = `echo ${'0123456789'.repeat(30_000)}`;
    expect(await natsRequest(c.nats, 'relay.requests', body)).toBe(body);
  });

  it("says why a message failed in wash dev's output, returns an error to the host, sends no reply, and goes on answering", async () => {
    const sub = (c.nats as Nats).client.subscribe('relay.no-reply', { timeout: 3_000 });
    (c.nats as Nats).client.publish('relay.requests', sc.encode('boom'), { reply: 'relay.no-reply' });
    await waitFor(c.dev, /^message on relay\.requests failed: RuntimeError\('boom'\) at app\.py:\d+$/m, 'the line of the failed message', 10_000);
    // The host got handle-message-error::other, with its text.
    await waitFor(c.dev, /messaging handler returned an error: other: handling the message on relay\.requests failed$/m, "the host's line", 10_000);
    const replies: string[] = [];
    await expect(
      (async () => {
        for await (const message of sub) replies.push(sc.decode(message.data));
      })(),
    ).rejects.toThrow(/TIMEOUT/);
    expect(replies).toEqual([]);
    expect(await natsRequest(c.nats, 'relay.requests', 'ping')).toMatch(/^Hello from relay! relay\.requests\ncount: 2\n/);
  });

  it('passes poe check and poe test, as the project runs them', () => {
    for (const task of ['check', 'test']) {
      const ran = run(['poe', task], c.project);
      expect(ran.status, ran.output).toBe(0);
    }
  });
});
