// The very @bytecodealliance/preview2-shim modules the transpiled component imports, so resources
// made here (output-stream, input-stream, pollable) pass jco's `instanceof` checks.
//
// jco serve (and test/support/jco.ts) link <out>/node_modules/@bytecodealliance/preview2-shim to
// the package jco itself resolves; Node loads ES modules by their real path, so importing the
// same real file here yields the same module instance. The package is found from CWP_JCO (the
// path of jco's dist/jco.js, set by jco.ts), else from the repo's .toolchain/toolchain.json.
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

function jcoPath() {
  if (process.env.CWP_JCO) return process.env.CWP_JCO;
  const manifest = new URL('../../../.toolchain/toolchain.json', import.meta.url);
  return JSON.parse(readFileSync(manifest, 'utf8')).paths.jco;
}

const require = createRequire(jcoPath());

async function load(subpath) {
  const file = realpathSync(require.resolve(`@bytecodealliance/preview2-shim/${subpath}`));
  return import(pathToFileURL(file).href);
}

export const io = await load('io');
export const clocks = await load('clocks');
