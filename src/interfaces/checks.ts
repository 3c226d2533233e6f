/** Checks the settings of several interfaces share; each says what is wrong and, where it can, the fix. */
import type { Problem } from './types.js';

type Check = (value: string) => Problem | undefined;

const show = (value: string): string => JSON.stringify(value);

/** Matches `pattern`, or is not `expected`. */
export const matching =
  (pattern: RegExp, expected: string, fix?: string): Check =>
  (value) =>
    pattern.test(value) ? undefined : { problem: `${show(value)} is not ${expected}.`, ...(fix ? { fix } : {}) };

/** A bucket, container or database name: letters, digits, `_` and `-`. */
export const storeName = matching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, 'letters, digits, `_` and `-` (up to 63)');

/** One of a few values. */
export const oneOf =
  (values: readonly string[], what: string): Check =>
  (value) =>
    values.includes(value) ? undefined : { problem: `${show(value)} is not ${what}.`, fix: `use ${values.join(' or ')}` };

/** `HOST:PORT`, with a port from 1 to 65535. */
export const hostPort =
  (example: string): Check =>
  (value) => {
    const address = /^(?<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(?<port>[0-9]{1,5})$/.exec(value);
    const port = Number(address?.groups?.port);
    return address && port >= 1 && port <= 65535
      ? undefined
      : { problem: `${show(value)} is not HOST:PORT with a port from 1 to 65535.`, fix: `e.g. ${example}` };
  };

/** A URL of one of `schemes` as the URL parser writes it, without credentials unless `credentials`. */
export const url =
  (schemes: readonly string[], what: string, example: string, credentials = false): Check =>
  (value) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    const scheme = parsed !== undefined && schemes.includes(parsed.protocol);
    if (parsed && scheme && parsed.href === value && (credentials || (!parsed.username && !parsed.password))) return undefined;
    return { problem: `${show(value)} is not ${what}.`, fix: `e.g. ${parsed && scheme ? parsed.href : example}` };
  };

const FREE_TEXT_MAX = 200;

/** One line of printable text, at most 200 characters. */
export const freeText: Check = (value) => {
  if (value.length > FREE_TEXT_MAX) return { problem: `is longer than ${FREE_TEXT_MAX} characters.`, fix: 'shorten it' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value))
    return { problem: 'contains a line break or control character.', fix: 'use one line of printable text' };
  return undefined;
};

const SUBJECT_TOKEN = '[A-Za-z0-9_-]+';

/** A NATS subject to subscribe to: `*` and a final `>` are wildcards. */
export const subscription = matching(
  new RegExp(`^(${SUBJECT_TOKEN}|\\*)(\\.(${SUBJECT_TOKEN}|\\*))*(\\.>)?$|^>$`),
  'a NATS subject (tokens separated by `.`, with `*` or a final `>` as wildcards)',
);

/** A NATS subject to publish to. */
export const subject = matching(new RegExp(`^${SUBJECT_TOKEN}(\\.${SUBJECT_TOKEN})*$`), 'a NATS subject without wildcards');
