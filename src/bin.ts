#!/usr/bin/env node
import { main } from './cli.js';

const code = await main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = code;
// Nothing should keep the process alive now; if something does, do not hang a script.
setTimeout(() => process.exit(code), 1000).unref();
