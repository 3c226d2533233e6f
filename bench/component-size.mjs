#!/usr/bin/env node
// Builds the component for each interface (with http-server where it needs an export) and for all of
// them together, with the pinned componentize-py from .toolchain/, and reports each size against the
// 50 MB wasmCloud 1.x accepts. Usage: npm run bench:size [-- --json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const LIMIT = 50 * 1000 * 1000;
const { interfacesFor, CATALOG } = await import(join(root, 'dist/src/interfaces/index.js'));
// WASI 0.2 projects (bench/wasi.mjs compares 0.3 with them).
const INTERFACE_IDS = interfacesFor('0.2');
const toolchain = JSON.parse(readFileSync(join(root, '.toolchain/toolchain.json'), 'utf8'));
const json = process.argv.includes('--json');

const cases = [
  ...INTERFACE_IDS.map((id) => ({ label: id, interfaces: CATALOG[id].direction === 'export' ? [id] : ['http-server', id] })),
  { label: 'all', interfaces: INTERFACE_IDS },
  // WASI 0.3 (bench/wasi.mjs compares it with 0.2 in more detail).
  { label: 'all, WASI 0.3', interfaces: interfacesFor('0.3'), args: ['--wasi', '0.3'] },
];

const rows = [];
for (const { label, interfaces, args = [] } of cases) {
  const cwd = mkdtempSync(join(tmpdir(), 'cwp-size-'));
  try {
    execFileSync(process.execPath, [join(root, 'dist/src/bin.js'), 'sized', '--yes', ...args, '--interfaces', interfaces.join(',')], {
      cwd,
      stdio: 'ignore',
    });
    const project = join(cwd, 'sized');
    const started = process.hrtime.bigint();
    // The project's own build (its componentize-py options, module names pinned), as README runs it.
    const env = { ...process.env, PATH: `${dirname(toolchain.paths.wash)}:${process.env.PATH}` };
    execFileSync(toolchain.paths.wash, ['build', '--skip-fetch'], { cwd: project, stdio: 'ignore', env });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const bytes = statSync(join(project, 'build/sized.wasm')).size;
    rows.push({
      case: label,
      interfaces: interfaces.join(','),
      bytes,
      mb: +(bytes / 1e6).toFixed(2),
      ofLimit: +(bytes / LIMIT).toFixed(3),
      buildSeconds: +seconds.toFixed(1),
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

if (json) {
  process.stdout.write(`${JSON.stringify({ componentizePy: toolchain.versions.componentizePy, limitBytes: LIMIT, rows }, null, 2)}\n`);
} else {
  process.stdout.write(`componentize-py ${toolchain.versions.componentizePy}; wasmCloud 1.x limit 50 MB (1 MB = 10^6 bytes)\n\n`);
  process.stdout.write(`${'case'.padEnd(22)}${'size MB'.padStart(9)}${'of limit'.padStart(10)}${'build s'.padStart(9)}\n`);
  for (const r of rows)
    process.stdout.write(
      `${r.case.padEnd(22)}${String(r.mb).padStart(9)}${`${(r.ofLimit * 100).toFixed(1)}%`.padStart(10)}${String(r.buildSeconds).padStart(9)}\n`,
    );
  const over = rows.filter((r) => r.bytes >= LIMIT);
  process.stdout.write(over.length ? `\nOVER THE LIMIT: ${over.map((r) => r.case).join(', ')}\n` : '\nevery component is under the limit\n');
}
