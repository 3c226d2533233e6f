/**
 * A small WIT reader: enough to know which interfaces a package defines, what each one `use`s,
 * and the items (types and functions) it declares, in a normal form that ignores comments,
 * formatting, feature gates and item order. It is not a validator: componentize-py is.
 */

export interface WitInterface {
  name: string;
  /** Fully qualified ids of the interfaces this one `use`s, e.g. `wasi:io/streams@0.2.0`. */
  uses: string[];
  /** One normalised string per item, e.g. `func get-random-bytes : func ( len : u64 ) -> list < u8 >`. */
  items: string[];
}

export interface WitPackageText {
  /** `namespace:name@version` as declared by `package`. */
  id: string;
  interfaces: Map<string, WitInterface>;
  worlds: Map<string, string[]>;
}

const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|(->|[{}()<>,;:=./*@_]|%?[A-Za-z0-9][A-Za-z0-9-]*)/y;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new Error(`WIT: unexpected character ${JSON.stringify(text[at])} at offset ${at}`);
    if (match[1] !== undefined) tokens.push(match[1]);
  }
  return dropGates(tokens);
}

/** Removes `@since(...)`, `@unstable(...)` and `@deprecated(...)` feature gates. */
function dropGates(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (tokens[i] === '@' && next !== undefined && /^(since|unstable|deprecated)$/.test(next) && tokens[i + 2] === '(') {
      let j = i + 3;
      while (j < tokens.length && tokens[j] !== ')') j++;
      i = j;
      continue;
    }
    out.push(tokens[i] as string);
  }
  return out;
}

/** Joins `0 . 2 . 0 - draft` style token runs back into a version after `@`. */
function readVersion(tokens: string[], start: number): [string, number] {
  let version = '';
  let i = start;
  while (i < tokens.length) {
    const t = tokens[i] as string;
    if (t === '.' && tokens[i + 1] === '{') break;
    if (t === '.' || t === '-' || /^[A-Za-z0-9-]+$/.test(t)) {
      version += t;
      i++;
      continue;
    }
    break;
  }
  return [version, i];
}

function readPath(tokens: string[], start: number): [string, number] {
  // `ns:pkg/iface@ver` or a bare local name; returns the text and the index after it.
  let text = tokens[start] as string;
  let i = start + 1;
  while (i < tokens.length && (tokens[i] === ':' || tokens[i] === '/')) {
    text += `${tokens[i]}${tokens[i + 1]}`;
    i += 2;
  }
  if (tokens[i] === '@') {
    const [version, next] = readVersion(tokens, i + 1);
    text += `@${version}`;
    i = next;
  }
  return [text, i];
}

/** Index just past the statement or block that starts at `start` (inside a body). */
function itemEnd(tokens: string[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '{') depth++;
    else if (t === '}') {
      depth--;
      if (depth === 0) return tokens[i + 1] === ';' ? i + 2 : i + 1;
      if (depth < 0) return i;
    } else if (t === ';' && depth === 0) return i + 1;
  }
  throw new Error('WIT: unterminated item');
}

function qualify(path: string, pkg: { ns: string; name: string; version: string }): string {
  if (path.includes(':')) return path;
  return `${pkg.ns}:${pkg.name}/${path}${pkg.version ? `@${pkg.version}` : ''}`;
}

export function parsePackage(text: string): WitPackageText {
  const tokens = tokenize(text);
  if (tokens[0] !== 'package') throw new Error('WIT: a vendored package must start with `package`');
  const [id, afterId] = readPath(tokens, 1);
  const match = /^([^:]+):([^@]+)(?:@(.+))?$/.exec(id);
  if (!match) throw new Error(`WIT: bad package id ${id}`);
  const pkg = { ns: match[1] as string, name: match[2] as string, version: match[3] ?? '' };
  const interfaces = new Map<string, WitInterface>();
  const worlds = new Map<string, string[]>();
  let i = afterId + 1;
  while (i < tokens.length) {
    const kind = tokens[i];
    const name = tokens[i + 1] as string;
    if ((kind !== 'interface' && kind !== 'world') || tokens[i + 2] !== '{') {
      throw new Error(`WIT: expected interface or world at token ${i} (${kind} ${name})`);
    }
    const end = itemEnd(tokens, i + 2);
    const body = tokens.slice(i + 3, end - 1);
    if (kind === 'interface') interfaces.set(name, readInterface(name, body, pkg));
    else
      worlds.set(
        name,
        splitItems(body).map((item) => item.join(' ')),
      );
    i = end;
  }
  return { id, interfaces, worlds };
}

function splitItems(body: string[]): string[][] {
  const items: string[][] = [];
  let i = 0;
  while (i < body.length) {
    const end = itemEnd(body, i);
    items.push(body.slice(i, end));
    i = end;
  }
  return items;
}

function readInterface(name: string, body: string[], pkg: { ns: string; name: string; version: string }): WitInterface {
  const uses: string[] = [];
  const items: string[] = [];
  for (const item of splitItems(body)) {
    if (item[0] === 'use') {
      const [path, next] = readPath(item, 1);
      const target = qualify(path, pkg);
      if (!uses.includes(target)) uses.push(target);
      // Normalise the used names so that `use a.{x, y}` and `use a.{y, x}` compare equal.
      const names = item
        .slice(next + 2, -2)
        .join(' ')
        .split(' , ')
        .sort();
      items.push(`use ${target} { ${names.join(' , ')} }`);
    } else {
      // Trailing commas are optional in WIT lists.
      items.push(item.join(' ').replace(/ , ([})>])/g, ' $1'));
    }
  }
  return { name, uses, items: items.sort() };
}
