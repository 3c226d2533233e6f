#!/usr/bin/env node
/**
 * The generator's output, committed: each case of test/golden/cases.json generated with the built bin and
 * written to test/golden/<name>/, so that a change of output shows in review as a diff of real files.
 *
 *   node scripts/golden.mjs            rewrite every tree (npm run golden)
 *   node scripts/golden.mjs --check    compare only; exit 1 naming each file that differs
 *
 * Two things are stored differently from the project: `.gitignore` is kept as `_gitignore` (as create-vite
 * keeps its templates'), so that it does not ignore files of this repository; and the vendored WIT
 * (`wit/deps/`) is listed by hash in `wit/deps.sha256`, since its text is the registries' (scripts/vendor-wit.mjs).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const GOLDEN = join(ROOT, 'test', 'golden');
const BIN = join(ROOT, 'dist', 'src', 'bin.js');

export function goldenCases() {
  return JSON.parse(readFileSync(join(GOLDEN, 'cases.json'), 'utf8')).cases;
}

function walk(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, base, out);
    else out.push(relative(base, path).split('\\').join('/'));
  }
  return out.sort();
}

/** A generated project as its golden tree: path → text. */
export function goldenTree(project) {
  const tree = new Map();
  const hashes = [];
  for (const file of walk(project)) {
    const bytes = readFileSync(join(project, file));
    if (file.startsWith('wit/deps/')) hashes.push(`${createHash('sha256').update(bytes).digest('hex')}  ${file.slice('wit/deps/'.length)}`);
    else tree.set(file.replace(/(^|\/)\.gitignore$/, '$1_gitignore'), bytes.toString('utf8'));
  }
  if (hashes.length > 0) tree.set('wit/deps.sha256', `${hashes.join('\n')}\n`);
  return new Map([...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Generates one case with the built bin (no terminal, CI unset) and returns its golden tree. */
export function generateCase(testCase) {
  const cwd = mkdtempSync(join(tmpdir(), 'cwp-golden-'));
  try {
    const env = { ...process.env, CI: '', NO_COLOR: '1' };
    delete env.CI;
    execFileSync(process.execPath, [BIN, ...testCase.args, '--yes'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    return goldenTree(join(cwd, testCase.args[0]));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** The committed tree of a case. */
export function committedTree(name) {
  const dir = join(GOLDEN, name);
  return new Map(walk(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

/** The files of a case that differ: added, removed or changed. */
export function differences(expected, actual) {
  const out = [];
  for (const [file, text] of actual)
    if (!expected.has(file)) out.push(`+ ${file}`);
    else if (expected.get(file) !== text) out.push(`~ ${file}`);
  for (const file of expected.keys()) if (!actual.has(file)) out.push(`- ${file}`);
  return out.sort((a, b) => (a.slice(2) < b.slice(2) ? -1 : 1));
}

function main() {
  const check = process.argv.includes('--check');
  let failed = false;
  for (const testCase of goldenCases()) {
    const tree = generateCase(testCase);
    if (check) {
      const diff = differences(committedTree(testCase.name), tree);
      if (diff.length > 0) {
        failed = true;
        console.error(`${testCase.name}:\n${diff.map((d) => `  ${d}`).join('\n')}`);
      }
      continue;
    }
    const dir = join(GOLDEN, testCase.name);
    rmSync(dir, { recursive: true, force: true });
    for (const [file, text] of tree) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    console.log(`${testCase.name}: ${tree.size} files`);
  }
  if (failed) {
    console.error('The output differs from test/golden/: if the change is meant, run `npm run golden` and commit the diff.');
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
