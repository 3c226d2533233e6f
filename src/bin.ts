#!/usr/bin/env node
// No top-level await: the bundle turns this module into a CommonJS chunk that dist/src/bin.js loads
// with V8's code cache (scripts/bundle.mjs), and CommonJS has none.
import { main } from './cli.js';

void main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
  // Nothing should keep the process alive now; if something does, do not hang a script.
  setTimeout(() => process.exit(code), 1000).unref();
});
