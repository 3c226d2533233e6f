// wasmcloud:messaging/consumer@0.2.0 for jco. Map with
//   --map 'wasmcloud:messaging/*=<abs path of this file>#*'
// publish(msg) is recorded as {"kind":"publish","subject":"...","body":"<utf-8 text>","replyTo":"..."|null}.
// request(subject, body, timeout) is recorded as {"kind":"request","subject":..,"body":..,"timeoutMs":..};
// it answers with CWP_REPLIES[subject] (CWP_REPLIES: JSON object subject -> reply text), and
// fails with err("no responders for <subject>") when there is none, as NATS does.
import process from 'node:process';
import { HostError, record, text } from '../../../../test/support/hosts/record.js';

function replies() {
  const raw = process.env.CWP_REPLIES;
  return raw ? JSON.parse(raw) : {};
}

export const consumer = {
  publish(msg) {
    record({ kind: 'publish', subject: msg.subject, body: text(msg.body), replyTo: msg.replyTo ?? null });
  },
  request(subject, body, timeoutMs) {
    record({ kind: 'request', subject, body: text(body), timeoutMs });
    const all = replies();
    if (!Object.hasOwn(all, subject)) throw new HostError(`no responders for ${subject}`);
    return { subject, body: new TextEncoder().encode(String(all[subject])), replyTo: undefined };
  },
};
