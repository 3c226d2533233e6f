/**
 * The answers stage: an answers file (JSON or YAML) read and checked, with the line and column of a
 * JSON error and a did-you-mean for an unknown key, and the flags merged over it.
 */
import { readFileSync } from 'node:fs';
import { CreateError } from '../errors.js';
import type { Inputs } from '../model.js';
import { VALUE_OPTIONS } from '../options.js';
import { closest } from '../suggest.js';

async function readAnswers(file: string, cwd: string): Promise<Inputs> {
  let text: string;
  const path = file.startsWith('/') ? file : `${cwd}/${file}`;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CreateError(
      'usage',
      `--answers: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      'answers',
    );
  }
  return parseAnswers(text, file);
}

const ANSWER_KEYS: readonly string[] = ['name', ...VALUE_OPTIONS.map((o) => o.key)];

async function parseAnswers(text: string, file: string): Promise<Inputs> {
  // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
  const data = await parseAnswersText(text.replace(/^\uFEFF/, ''), file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CreateError('usage', `--answers: ${file} must hold an object of answers.`, 'answers');
  }
  const inputs: Record<string, unknown> = {};
  for (const [written, key, value] of answerEntries(data as Record<string, unknown>, file)) {
    if ((key === 'wasmcloud' || key === 'wasi') && typeof value === 'number') {
      inputs[key] = String(value);
    } else if (key === 'interfaces') {
      if (typeof value === 'string') inputs[key] = [value];
      else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) inputs[key] = value;
      else throw new CreateError('usage', `--answers: ${written} in ${file} must be a list of strings.`, 'answers');
    } else if (typeof value === 'string') inputs[key] = value;
    else throw new CreateError('usage', `--answers: ${written} in ${file} must be a string.`, 'answers');
  }
  return inputs as Inputs;
}

/** A `.json` file is JSON and nothing else, so its errors are JSON's; any other file may be JSON or YAML. */
async function parseAnswersText(text: string, file: string): Promise<unknown> {
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      const { line, column, problem } = jsonSyntaxError((error as Error).message, text);
      const hint = `correct line ${line}, column ${column} of ${file} (a .json file is read as JSON only; name it .yaml to write YAML)`;
      throw new CreateError('usage', `--answers: ${file}:${line}:${column}: ${problem}`, 'answers', hint);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    try {
      // Only an answers file that is not JSON loads the YAML parser.
      // yaml is CommonJS for Node: native ESM exposes `parse` by name, a bundle only on `default`.
      const yaml = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
      return (yaml.default ?? yaml).parse(text);
    } catch (error) {
      throw new CreateError('usage', `--answers: ${file} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`, 'answers');
    }
  }
}

/**
 * Where and what JSON.parse's error is. V8 names the position as `at position N`, newer releases add
 * `(line L column C)`, and `Unexpected token` and `Unexpected end` messages name none: those are located
 * by scanning the text.
 */
export function jsonSyntaxError(message: string, text: string): { line: number; column: number; problem: string } {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  const problem = message.replace(/,? (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '').replace(/( in JSON)? at position \d+.*$/s, '');
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]), problem };
  const offset = position ? Number(position[1]) : jsonErrorOffset(text);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n'), problem };
}

/** The offset of the first character that keeps `text` from being JSON (its length if the text ends too soon). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const expect = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = (): void => {
    expect('"');
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) if (!/[0-9a-fA-F]/.test(text[++i] ?? '')) fail();
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const digits = (): void => {
    if (!/[0-9]/.test(text[i] ?? '')) fail();
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const sequence = (close: string, item: () => void): void => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      if (text[i] === close) {
        i++;
        return;
      }
      expect(',');
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      sequence('}', () => {
        space();
        string();
        space();
        expect(':');
        value();
      });
    } else if (c === '[') sequence(']', value);
    else if (c === '"') string();
    else if (c === 't') expect('true');
    else if (c === 'f') expect('false');
    else if (c === 'n') expect('null');
    else if (c !== undefined && /[-0-9]/.test(c)) number();
    else fail();
    space();
  };
  try {
    value();
    if (i < text.length) fail();
    return text.length;
  } catch (error) {
    if (error instanceof JsonStop) return Math.min(error.offset, text.length);
    throw error;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}

/** `keyvalue_backend` and `keyvalue-backend` (the flag's name) both mean `keyvalueBackend`. */
function camelCase(key: string): string {
  return key.replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The answers as `[key as written, canonical key, value]`. Every unknown or doubly given key is reported
 * at once, so that one run shows everything there is to fix.
 */
function answerEntries(data: Record<string, unknown>, file: string): Array<[string, string, unknown]> {
  const entries: Array<[string, string, unknown]> = [];
  const problems: string[] = [];
  const hints = new Set<string>();
  const seen = new Map<string, string>();
  for (const [written, value] of Object.entries(data)) {
    const key = camelCase(written);
    if (!ANSWER_KEYS.includes(key)) {
      const guess = closestKey(written);
      problems.push(`unknown key ${JSON.stringify(written)}${guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ''}`);
      hints.add(`rename or remove the unknown keys; known keys: ${ANSWER_KEYS.join(', ')} (snake_case and --flag spellings work too)`);
      continue;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(`${JSON.stringify(earlier)} and ${JSON.stringify(written)} are the same key`);
      hints.add(`keep only one of ${JSON.stringify(earlier)} and ${JSON.stringify(written)}`);
      continue;
    }
    seen.set(key, written);
    entries.push([written, key, value]);
  }
  if (problems.length > 0) {
    throw new CreateError('usage', `--answers: ${file}: ${problems.join(', ')}.`, 'answers', [...hints].join('; '));
  }
  return entries;
}

/** The known key an unknown one was probably meant to be, if any is close. */
export function closestKey(written: string): string | undefined {
  return closest(camelCase(written), ANSWER_KEYS);
}

/** Flags over the answers file. `terminated`: the command line has a `--` already, so the fix is not to add one. */
export async function gatherInputs(values: Record<string, unknown>, positionals: string[], cwd: string, terminated = false): Promise<Inputs> {
  if (positionals.length > 1) {
    throw new CreateError(
      'usage',
      `expected at most one name, got ${positionals.length}: ${positionals.join(' ')}.`,
      'name',
      terminated ? 'quote a name with spaces' : 'quote a name with spaces, or pass options with --',
    );
  }
  const inputs: Inputs = typeof values.answers === 'string' ? await readAnswers(values.answers, cwd) : {};
  if (positionals[0] !== undefined) inputs.name = positionals[0];
  for (const o of VALUE_OPTIONS) {
    const value = values[o.flag];
    if (value === undefined) continue;
    (inputs as Record<string, unknown>)[o.key] = value;
  }
  return inputs;
}
