// Shared by the host shims in this folder: what a component did is appended, one JSON object a line,
// to the file named by CWP_RECORD, so the test process (another process) can read it back.
// Each line is written with one appendFileSync call (O_APPEND), so lines from concurrent writers
// do not interleave.
import { appendFileSync } from 'node:fs';
import process from 'node:process';

/** Appends `entry` as one JSON line to $CWP_RECORD; does nothing when CWP_RECORD is unset. */
export function record(entry) {
  const file = process.env.CWP_RECORD;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Bytes from the component as text (invalid UTF-8 becomes U+FFFD). */
export function text(bytes) {
  return decoder.decode(bytes);
}

/**
 * A failed `result<_, E>` for jco: the generated bindings lower `payload` as the `err` value of
 * the import's result type. Thrown from a host function, it becomes `err(payload)` in the guest;
 * any other thrown Error traps the component.
 */
export class HostError extends Error {
  constructor(payload) {
    super(typeof payload === 'string' ? payload : JSON.stringify(payload));
    this.payload = payload;
  }
}
