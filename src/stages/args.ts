/**
 * The arguments stage: the command line parsed from the option tables (src/options.ts), --help,
 * --version and --list-interfaces, and whether a terminal may be used.
 */
import { parseArgs } from 'node:util';
import { CreateError } from '../errors.js';
import { CATALOG, INTERFACE_IDS, revisionsOf, witOf } from '../interfaces/index.js';
import type { Inputs } from '../model.js';
import { ANSWERS_OPTION, BOOLEAN_OPTIONS, VALUE_OPTIONS } from '../options.js';
import { packageVersion } from '../paths.js';
import { DEFAULT_NAME } from '../questions.js';
import { versioned } from '../component.js';
import { MAJORS, type Target } from '../versions.js';

export const BIN = 'create-wasmcloud-python';

/** Everything the command reads from and writes to its process. */
export interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface Flags {
  json: boolean;
  dryRun: boolean;
  force: boolean;
}

function helpText(): string {
  const lefts = [
    ...VALUE_OPTIONS.map((o) => `  ${o.short ? `-${o.short}, ` : '    '}--${o.flag} <${o.placeholder}>`),
    `      --${ANSWERS_OPTION.flag} <${ANSWERS_OPTION.placeholder}>`,
    ...BOOLEAN_OPTIONS.map((o) => `  ${o.short ? `-${o.short}, ` : '    '}--${o.flag}`),
  ];
  // Every description starts in one column, two spaces past the longest flag.
  const width = Math.max(...lefts.map((l) => l.length)) + 2;
  const valueLines = VALUE_OPTIONS.map((o) => {
    const left = `  ${o.short ? `-${o.short}, ` : '    '}--${o.flag} <${o.placeholder}>`;
    return `${left.padEnd(width)}${o.help} (default: ${o.default})`;
  });
  const answers = `      --${ANSWERS_OPTION.flag} <${ANSWERS_OPTION.placeholder}>`.padEnd(width) + ANSWERS_OPTION.help;
  const boolLines = BOOLEAN_OPTIONS.map((o) => `${`  ${o.short ? `-${o.short}, ` : '    '}--${o.flag}`.padEnd(width)}${o.help}`);
  return `Create a wasmCloud component in Python that builds with componentize-py and wash.

Usage: ${BIN} [name] [options]
       ${BIN} add <interfaces> [options]     in a generated project: add interfaces to it
       npm create wasmcloud-python@latest [name] -- [options]

Options:
${[...valueLines, answers, ...boolLines].join('\n')}

Without a terminal, with --yes or with CI set, nothing is asked: the name is required and everything
else takes its default.

Examples:
  ${BIN} hello
  ${BIN} hello --yes
  ${BIN} counter --interfaces http-server,keyvalue,logging --keyvalue-backend redis --yes
  ${BIN} worker -i messaging-handler,messaging-publisher --subscription 'jobs.>' --json --yes
  ${BIN} fetcher --wasi 0.3 -i http-server,http-client,secrets --yes     # async def handlers

Exit codes: 0 success, 1 unexpected failure, 2 bad usage or input, 3 target exists and would change,
4 add and your edits change the same lines (nothing written, the patch is printed; with --merge, conflict
markers written), 130 cancelled at a prompt. On any other failure nothing is written.
DEBUG=create-wasmcloud-python prints the trace of an unexpected failure.
`;
}

function catalogText(json: boolean): string {
  const rows = INTERFACE_IDS.map((id) => {
    const m = CATALOG[id];
    const wit = (target: Target) => {
      const of = witOf(m, target.wasi);
      return { imports: of.imports.map((i) => versioned(i, target)), exports: of.exports.map((i) => versioned(i, target)) };
    };
    const revisions = revisionsOf(m);
    const majors = revisions.includes('0.2') ? MAJORS : [];
    return {
      id,
      title: m.title,
      direction: m.direction,
      summary: m.summary,
      wasi: revisions,
      // What each host serves it as with WASI 0.2, and what WASI 0.3 (wasmCloud 2) changes.
      wasmcloud: Object.fromEntries(majors.map((major) => [major, wit({ wasmcloud: major, wasi: '0.2' })])),
      ...(revisions.includes('0.3') ? { 'wasi-0.3': { summary: witOf(m, '0.3').summary, ...wit({ wasmcloud: 2, wasi: '0.3' }) } } : {}),
    };
  });
  if (json) return `${JSON.stringify(rows, null, 2)}\n`;
  const width = Math.max(...INTERFACE_IDS.map((id) => id.length)) + 2;
  const only = (r: (typeof rows)[number]) => (r.wasi.length === 1 ? ` [WASI ${r.wasi[0]} only]` : '');
  return `${rows.map((r) => `${r.id.padEnd(width)}${r.direction.padEnd(8)}${r.summary}${only(r)}`).join('\n')}\n`;
}

function isTruthyEnv(value: string | undefined): boolean {
  return value !== undefined && value !== '' && !/^(0|false|no|off)$/i.test(value);
}

export function parseArguments(argv: string[]) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const o of VALUE_OPTIONS)
    options[o.flag] = { type: 'string', ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  for (const o of BOOLEAN_OPTIONS) options[o.flag] = { type: 'boolean', ...(o.short ? { short: o.short } : {}) };
  options[ANSWERS_OPTION.flag] = { type: 'string' };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/, '');
    throw new CreateError('usage', message, undefined, `see ${BIN} --help`);
  }
  const { values, positionals, tokens } = parsed;
  // After `--` every argument is a name (or an interface of add), even one that starts with `-`; no name does.
  const terminator = tokens.find((t) => t.kind === 'option-terminator')?.index;
  const flagLike = tokens.flatMap((t) =>
    terminator !== undefined && t.kind === 'positional' && t.index > terminator && /^-./.test(t.value) ? [t.value] : [],
  );
  if (terminator !== undefined && flagLike.length > 0) {
    const what = positionals[0] === 'add' ? 'an interface' : 'a name';
    throw new CreateError(
      'usage',
      `${flagLike.join(' ')} ${flagLike.length > 1 ? 'come' : 'comes'} after --, which makes every argument after it ${what}, not an option.`,
      undefined,
      `drop the --: ${[BIN, ...argv.filter((_, i) => i !== terminator)].map(shellQuote).join(' ')}`,
    );
  }
  return { values, positionals, terminated: terminator !== undefined };
}

/** `s` as a shell word: as it is when it is safe, else in single quotes. */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:,=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

type Values = ReturnType<typeof parseArguments>['values'];

export function flagsOf(values: Values): Flags {
  return { json: values.json === true, dryRun: values['dry-run'] === true, force: values.force === true };
}

/** What --help, --version or --list-interfaces print instead of running a command, if one is given. */
export function infoText(values: Values, json: boolean): string | undefined {
  if (values.help) return helpText();
  if (values.version) return `${packageVersion()}\n`;
  if (values['list-interfaces']) return catalogText(json);
  return undefined;
}

/**
 * Whether to prompt: only at a terminal, never with --json, and not with --yes or CI set, unless
 * --interactive (which `add` does not take) insists; --interactive without a terminal is a usage error.
 */
export function isInteractive(io: Io, values: Values, json: boolean, command: 'create' | 'add'): boolean {
  const tty = io.stdinIsTTY && io.stdoutIsTTY;
  const automated = values.yes === true || isTruthyEnv(io.env.CI) || !tty;
  if (command === 'add') return tty && !automated && !json;
  if (values.interactive === true && !tty) {
    throw new CreateError(
      'usage',
      '--interactive needs a terminal on stdin and stdout.',
      'interactive',
      'drop --interactive and pass the values as flags',
    );
  }
  return tty && (values.interactive === true || !automated) && !json;
}

/** The command that would succeed: every input given, plus a placeholder for what is missing. */
export function suggestedCommand(inputs: Inputs, missingName: boolean): string {
  const parts = [BIN, missingName ? DEFAULT_NAME : shellQuote(inputs.name as string)];
  for (const o of VALUE_OPTIONS) {
    const value = inputs[o.key];
    if (value === undefined) continue;
    parts.push(`--${o.flag}`, shellQuote(Array.isArray(value) ? value.join(',') : value));
  }
  parts.push('--yes');
  return parts.join(' ');
}
