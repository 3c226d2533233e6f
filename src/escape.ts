/**
 * Literals for each target language. Names are validated upstream; these make every other value
 * safe to interpolate, and the property tests parse what they produce.
 */

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/** A TOML basic string. Lone surrogates cannot be written in TOML and are replaced with U+FFFD. */
export function toml(value: string): string {
  let out = '"';
  for (const char of value.toWellFormed()) {
    const code = char.codePointAt(0) as number;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\u${hex(code, 4)}`;
    else out += char;
  }
  return `${out}"`;
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
  let out = '"';
  for (const char of value.toWellFormed()) {
    const code = char.codePointAt(0) as number;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
      out += code > 0xff ? `\\u${hex(code, 4)}` : `\\x${hex(code, 2)}`;
    } else out += char;
  }
  return `${out}"`;
}

/** Markdown inline code for a value shown in the generated README. */
export function markdownCode(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  const fence = clean.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${clean}${fence.length > 1 ? ' ' : ''}${fence}`;
}
