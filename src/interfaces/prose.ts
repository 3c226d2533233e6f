/**
 * The README prose of each interface lives in Markdown files in its folder (`readme/<name>.md`), so that it
 * reads as Markdown; this module reads them. A file only interpolates: `{{name}}` is replaced by a value the
 * interface computed (escaped for Markdown where it is a value of the project). Which file is read (a host's,
 * a WASI revision's) is the interface's choice, in code; a file never decides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTERFACES_DIR } from './python.js';

const cache = new Map<string, string>();
const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

/**
 * `src/interfaces/<folder>/readme/<name>.md`, without its final newline, with every `{{key}}` replaced by
 * `values[key]`. A placeholder without a value, or a value no placeholder takes, is a bug of the interface.
 */
export function prose(folder: string, name: string, values: Readonly<Record<string, string>> = {}): string {
  const path = join(INTERFACES_DIR, folder, 'readme', `${name}.md`);
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8').replace(/\n$/, '');
    cache.set(path, text);
  }
  const used = new Set<string>();
  const out = text.replace(PLACEHOLDER, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${folder}/readme/${name}.md: no value for {{${key}}}`);
    used.add(key);
    return value;
  });
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) throw new Error(`${folder}/readme/${name}.md: no {{${unused[0]}}} for the value given`);
  return out;
}
