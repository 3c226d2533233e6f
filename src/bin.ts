#!/usr/bin/env node
// No top-level await: the bundle turns this module into a CommonJS chunk that dist/src/bin.js loads
// with V8's code cache (scripts/bundle.mjs), and CommonJS has none.
import { main } from './cli.js';
import { debugging, unexpectedLine } from './errors.js';

/**
 * `npm run create -- ...` in a clone of this repository runs in the clone's root, wherever it was typed: npm
 * starts package scripts there and keeps the directory it was typed in as INIT_CWD. The command works where
 * it was typed (so `npm run create -- add keyvalue` inside a project grows that project).
 */
const typedIn = (env: NodeJS.ProcessEnv): string | undefined =>
  env.npm_lifecycle_event === 'create' && env.npm_package_name === 'create-wasmcloud-python' ? env.INIT_CWD : undefined;

const io = {
  argv: process.argv.slice(2),
  env: process.env,
  cwd: typedIn(process.env) ?? process.cwd(),
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};
void main(io)
  .catch((error: unknown) => {
    // main reports every failure itself; this is the last guard: one line, the trace only with DEBUG.
    process.stderr.write(`create-wasmcloud-python: ${unexpectedLine(error, 'run', (path) => path)}\n`);
    if (debugging(process.env, 'create-wasmcloud-python') && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  })
  .then((code) => {
    process.exitCode = code;
    // Nothing should keep the process alive now; if something does, do not hang a script.
    setTimeout(() => process.exit(code), 1000).unref();
  });
