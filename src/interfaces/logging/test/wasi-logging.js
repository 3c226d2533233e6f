// wasi:logging/logging@0.1.0-draft for jco. Map with
//   --map 'wasi:logging/*=<abs path of this file>#*'
// Each call is recorded as {"kind":"log","level":"info","context":"...","message":"..."}.
// Set CWP_LOG_STDERR=1 to also print the lines on stderr.
import process from 'node:process';
import { record } from '../../../../test/support/hosts/record.js';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'critical']);

export const logging = {
  log(level, context, message) {
    if (!LEVELS.has(level)) throw new TypeError(`wasi:logging: unknown level ${String(level)}`);
    record({ kind: 'log', level, context, message });
    if (process.env.CWP_LOG_STDERR === '1') process.stderr.write(`[${level}] ${context}: ${message}\n`);
  },
};
