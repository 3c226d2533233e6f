/**
 * Literals for each target language. Names are validated upstream; these make every other value
 * safe to interpolate, and the property tests parse what they produce.
 */

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

const NAMED: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/** A double-quoted literal: named escapes, `control(code)` for what else must be escaped, the rest as is. */
function quoted(value: string, control: (code: number) => string | undefined): string {
  let out = '"';
  for (const char of value.toWellFormed()) out += NAMED[char] ?? control(char.codePointAt(0) as number) ?? char;
  return `${out}"`;
}

/** A TOML basic string. Lone surrogates cannot be written in TOML and are replaced with U+FFFD. */
export function toml(value: string): string {
  return quoted(value, (code) => (code < 0x20 || code === 0x7f ? `\\u${hex(code, 4)}` : undefined));
}

// Plain only when it starts with a letter (no number, date or sexagesimal reading) and is no YAML 1.1 keyword.
const YAML_PLAIN = /^[A-Za-z][A-Za-z0-9._/@-]*(:[A-Za-z0-9._/@-]+)*$/;
const YAML_SPECIAL = /^(true|false|null|yes|no|on|off|y|n)$/i;

/** A YAML scalar: plain where that is unambiguous, else double-quoted (JSON's escapes are a subset of YAML's). */
export function yaml(value: string): string {
  if (YAML_PLAIN.test(value) && !YAML_SPECIAL.test(value)) return value;
  return JSON.stringify(value.toWellFormed()).replace(/[\u0080-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}

/** A Python str literal. */
export function python(value: string): string {
  return quoted(value, (code) => {
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${hex(code, 2)}`;
    return code === 0x2028 || code === 0x2029 ? `\\u${hex(code, 4)}` : undefined;
  });
}

/** Markdown inline code for a value shown in the generated README. */
export function markdownCode(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  const fence = clean.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${clean}${fence.length > 1 ? ' ' : ''}${fence}`;
}
