#!/usr/bin/env node
// Maintainer script: refreshes the vendored WIT (each text in the wit/ of the interface folder that declares it,
// src/interfaces/<id>/wit/, shared ones in src/interfaces/common/wit/) from the WIT that registry crates ship.
// `cargo info NAME@VERSION` downloads a crate's source into cargo's registry cache; we copy
// the files each package needs into one `package.wit` per package. Run it after changing
// an interface's `wit` (or src/interfaces/common/wit.ts), then commit its wit/. Generation never runs it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { WIT_PACKAGES } = await import(join(root, 'dist/src/interfaces/wit.js'));
const cacheRoot = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'registry', 'src');

function crateDir(crate) {
  const find = () =>
    existsSync(cacheRoot)
      ? readdirSync(cacheRoot)
          .map((index) => join(cacheRoot, index, crate.replace('@', '-')))
          .find(existsSync)
      : undefined;
  if (!find()) execFileSync('cargo', ['info', crate], { stdio: 'ignore' });
  const dir = find();
  if (!dir) throw new Error(`cargo did not unpack ${crate} under ${cacheRoot}`);
  return dir;
}

const reference = process.env.CWP_REFERENCE ?? join(root, '..', 'shared', 'reference');
for (const pkg of Object.values(WIT_PACKAGES)) {
  const out = join(root, pkg.path);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  if ('reference' in pkg.source) {
    // No crate ships it: the host's own text, byte for byte.
    writeFileSync(join(out, 'package.wit'), readFileSync(join(reference, pkg.source.reference)));
    console.log(`${pkg.key} <- ${pkg.source.upstream} (via ../shared/reference/${pkg.source.reference})`);
    continue;
  }
  const src = join(crateDir(pkg.source.crate), pkg.source.dir);
  if (pkg.source.verbatim) {
    // One file that is the whole package already: its bytes, as the crate ships them.
    writeFileSync(join(out, 'package.wit'), readFileSync(join(src, `${pkg.source.files[0]}.wit`)));
    console.log(`${pkg.key} <- ${pkg.source.crate} ${pkg.source.dir}/${pkg.source.files[0]}.wit (verbatim)`);
    continue;
  }
  const bodies = pkg.source.files.map((file) =>
    readFileSync(join(src, `${file}.wit`), 'utf8')
      .replace(/^package [^;]+;\s*\n/m, '')
      .trim(),
  );
  const text = `package ${pkg.id};\n\n${bodies.join('\n\n')}\n`;
  writeFileSync(join(out, 'package.wit'), text);
  console.log(`${pkg.key} <- ${pkg.source.crate} ${pkg.source.dir} (${pkg.source.files.join(', ')})`);
}
