/**
 * The `create-wasmcloud-python` command. It owns everything a Yeoman host would otherwise decide:
 * parsing, whether a terminal may be used, prompts, validation before any write, exit codes and
 * output. The generator only renders the resolved model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateError, EXIT } from './errors.js';
import { CATALOG, INTERFACE_IDS } from './interfaces/index.js';
import { resolveMajor, resolveModel, type Inputs, type ProjectModel } from './model.js';
import { MAX_NAME_LENGTH, nameProblem, suggestName } from './names.js';
import { ANSWERS_OPTION, BOOLEAN_OPTIONS, VALUE_OPTIONS } from './options.js';
import { packageVersion } from './paths.js';
import { DEFAULT_NAME, interfaceChoices, validateInterfaces, validateName } from './questions.js';
import { PLATFORMS } from './platforms/index.js';
import { bindingsArgv, buildArgv, versioned } from './render.js';
import type { Major } from './versions.js';
import { TARGET_HINT, checkTarget, isNonEmptyDirectory, planFiles, relativePosix, writePlan, type PlannedFile } from './writer.js';

const BIN = 'create-wasmcloud-python';

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

export function helpText(): string {
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

Exit codes: 0 success, 1 unexpected failure, 2 bad usage or input, 3 target exists and would change,
4 add must change a file you edited (nothing written; the lines to add are printed), 130 cancelled at a prompt. On any failure nothing is written.
`;
}

export function catalogText(json: boolean): string {
  const rows = INTERFACE_IDS.map((id) => {
    const m = CATALOG[id];
    const wit = (major: Major) => ({ imports: m.imports.map((i) => versioned(i, major)), exports: m.exports.map((i) => versioned(i, major)) });
    return { id, title: m.title, direction: m.direction, summary: m.summary, wasmcloud: { 2: wit(2), 1: wit(1) } };
  });
  if (json) return `${JSON.stringify(rows, null, 2)}\n`;
  const width = Math.max(...INTERFACE_IDS.map((id) => id.length)) + 2;
  return `${rows.map((r) => `${r.id.padEnd(width)}${r.direction.padEnd(8)}${r.summary}`).join('\n')}\n`;
}

function isTruthyEnv(value: string | undefined): boolean {
  return value !== undefined && value !== '' && !/^(0|false|no|off)$/i.test(value);
}

function parse(argv: string[]) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const o of VALUE_OPTIONS) options[o.flag] = { type: 'string', ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  for (const o of BOOLEAN_OPTIONS) options[o.flag] = { type: 'boolean', ...(o.short ? { short: o.short } : {}) };
  options[ANSWERS_OPTION.flag] = { type: 'string' };
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/, '');
    throw new CreateError('usage', message, undefined, `see ${BIN} --help`);
  }
}

async function readAnswers(file: string, cwd: string): Promise<Inputs> {
  let text: string;
  const path = file.startsWith('/') ? file : `${cwd}/${file}`;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CreateError('usage', `--answers: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, 'answers');
  }
  return parseAnswers(text, file);
}

const ANSWER_KEYS: readonly string[] = ['name', ...VALUE_OPTIONS.map((o) => o.key)];

export async function parseAnswers(text: string, file: string): Promise<Inputs> {
  // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
  const data = await parseAnswersText(text.replace(/^\uFEFF/, ''), file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CreateError('usage', `--answers: ${file} must hold an object of answers.`, 'answers');
  }
  const inputs: Record<string, unknown> = {};
  for (const [written, key, value] of answerEntries(data as Record<string, unknown>, file)) {
    if (key === 'wasmcloud' && typeof value === 'number') {
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
  const problem = message
    .replace(/,? (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '')
    .replace(/( in JSON)? at position \d+.*$/s, '');
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
  const wanted = camelCase(written).toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const key of ANSWER_KEYS) {
    const distance = levenshtein(wanted, key.toLowerCase());
    // At most 3 edits, and never most of a short key: `ab` is not a typo of `name`.
    if (distance > Math.min(3, Math.floor(key.length / 2))) continue;
    if (!best || distance < best.distance) best = { key, distance };
  }
  return best?.key;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Flags over the answers file. */
async function gatherInputs(values: Record<string, unknown>, positionals: string[], cwd: string): Promise<Inputs> {
  if (positionals.length > 1) {
    throw new CreateError('usage', `expected at most one name, got ${positionals.length}: ${positionals.join(' ')}.`, 'name', 'quote a name with spaces, or pass options with --');
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

/** The command that would succeed: every input given, plus a placeholder for what is missing. */
function suggestedCommand(inputs: Inputs, missingName: boolean): string {
  const quote = (s: string) => (/^[A-Za-z0-9_./:,=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = [BIN, missingName ? DEFAULT_NAME : quote(inputs.name as string)];
  for (const o of VALUE_OPTIONS) {
    const value = inputs[o.key];
    if (value === undefined) continue;
    parts.push(`--${o.flag}`, quote(Array.isArray(value) ? value.join(',') : value));
  }
  parts.push('--yes');
  return parts.join(' ');
}

/** What the prompts settled: the inputs, and whether to write into a non-empty target (as --force). */
interface Prompted {
  inputs: Inputs;
  force: boolean;
}

async function prompt(inputs: Inputs, cwd: string, force: boolean): Promise<Prompted> {
  const { input, checkbox, select } = await import('@inquirer/prompts');
  const result = { ...inputs };
  const given = result.name;
  const givenProblem = given === undefined ? undefined : nameProblem(given);
  if (given === undefined || givenProblem) {
    // An invalid name given as an argument is offered back, made valid, as the default.
    result.name = await input({
      message: given === undefined ? 'Component name' : `Component name (${JSON.stringify(given)} ${givenProblem})`,
      default: given === undefined ? DEFAULT_NAME : suggestName(given),
      validate: validateName,
    });
  }
  // Asked before anything else, so that no answer is given for a project that is not going to be written.
  const writeInto = force || (await settleTarget(result, cwd));
  if (result.interfaces === undefined) {
    result.interfaces = await checkbox({
      message: 'Interfaces',
      choices: interfaceChoices(),
      validate: (choices) => validateInterfaces(choices.map((c) => c.value)),
      pageSize: INTERFACE_IDS.length,
    });
  }
  // The backend picks a wasmCloud 1.x provider; wash dev's backends are commented alternatives in its config.
  if (resolveMajor(result.wasmcloud) === 1 && result.keyvalueBackend === undefined && result.interfaces.join(',').split(',').includes('keyvalue')) {
    result.keyvalueBackend = await select({
      message: 'Key-value provider',
      choices: [
        { name: 'NATS JetStream (keyvalue-nats)', value: 'nats' },
        { name: 'Redis (keyvalue-redis)', value: 'redis' },
      ],
    });
  }
  return { inputs: result, force: writeInto };
}

/**
 * At a terminal a non-empty target is a question rather than an error, as create-vite asks it: another
 * name (or directory, when --directory chose it), write only the generated files into it (--force), or
 * stop with exit 3, as without a terminal. Updates `result`; returns whether to write into the target.
 */
async function settleTarget(result: Inputs, cwd: string): Promise<boolean> {
  const { input, select } = await import('@inquirer/prompts');
  for (;;) {
    const directory = resolve(cwd, result.directory ?? (result.name as string));
    if (!isNonEmptyDirectory(directory)) return false;
    const byName = result.directory === undefined;
    const choice = await select({
      message: `Target directory ${JSON.stringify(relativePosix(cwd, directory) || '.')} is not empty. What now?`,
      choices: [
        { name: byName ? 'Choose another name' : 'Choose another directory', value: 'another' },
        { name: 'Overwrite the generated files (other files are left alone, as --force)', value: 'force' },
        { name: 'Cancel (nothing is written, exit 3)', value: 'cancel' },
      ] as const,
    });
    if (choice === 'force') return true;
    if (choice === 'cancel') {
      throw new CreateError('target-exists', `${directory} is not empty; cancelled, nothing was written.`, 'directory', TARGET_HINT);
    }
    if (byName) {
      result.name = await input({ message: 'Component name', default: freeName(result.name as string, cwd), validate: validateName });
    } else {
      result.directory = await input({
        message: 'Directory',
        default: freeDirectory(result.directory as string, cwd),
        validate: (value) => value.trim() !== '' || 'Enter a directory.',
      });
    }
  }
}

/** `name2`, `name3`, ...: the first valid name with no directory of that name. (`name-2` is no WIT name.) */
function freeName(name: string, cwd: string): string {
  for (let n = 2; ; n++) {
    const suffix = String(n);
    const candidate = `${name.slice(0, MAX_NAME_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!nameProblem(candidate) && !existsSync(resolve(cwd, candidate))) return candidate;
  }
}

/** `dir-2`, `dir-3`, ...: the first that does not exist, spelled relative to `cwd` unless given absolute. */
function freeDirectory(directory: string, cwd: string): string {
  const base = resolve(cwd, directory);
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!existsSync(candidate)) return isAbsolute(directory) ? candidate : relativePosix(cwd, candidate);
  }
}

/** Renders the model with the Yeoman generator into memory and returns the files, unwritten. */
export async function renderProject(
  model: ProjectModel,
  cwd: string,
  kind: 'app' | 'add' = 'app',
): Promise<Array<{ path: string; contents: Buffer }>> {
  const [{ EnvironmentBase }, { default: AppGenerator }] = await Promise.all([
    import('yeoman-environment'),
    kind === 'app' ? import('../generators/app/index.js') : import('../generators/add/index.js'),
  ]);
  // The environment's cwd must exist already: Yeoman creates it otherwise, and a dry run writes nothing.
  const env = new EnvironmentBase({ cwd, skipInstall: true });
  let files: Array<{ path: string; contents: Buffer }> = [];
  const customCommit = async (): Promise<void> => {
    files = env.sharedFs
      .all()
      .filter((file) => (file as { state?: string }).state === 'modified' && file.contents)
      .map((file) => ({ path: relativePosix(model.directory, file.path), contents: file.contents as Buffer }));
  };
  const generator = await env.instantiate(AppGenerator as never, { generatorArgs: [], generatorOptions: { model, customCommit } as never });
  await env.runGenerator(generator as never);
  return files;
}

function summary(model: ProjectModel, plan: PlannedFile[], cwd: string, dryRun: boolean): string {
  const dir = relativePosix(cwd, model.directory) || '.';
  const lines = plan.map((f) => `  ${f.action.padEnd(10)} ${f.path}`);
  const next = nextCommands(model, cwd);
  return `${dryRun ? `Would write ${dir}/ (dry run: nothing written)` : `Created ${model.names.component} in ${dir}/`} for wasmCloud ${model.wasmcloud} with ${model.interfaces.join(', ')}:
${lines.join('\n')}

Next:
${next.map((c) => `  ${c}`).join('\n')}
`;
}

export function nextCommands(model: ProjectModel, cwd: string): string[] {
  const dir = relativePosix(cwd, model.directory) || '.';
  return [
    ...(dir === '.' ? [] : [`cd ${/^[A-Za-z0-9_./-]+$/.test(dir) ? dir : JSON.stringify(dir)}`]),
    'python3 -m venv .venv && . .venv/bin/activate && pip install --upgrade pip && pip install --group dev',
    `${bindingsArgv(model).join(' ')} && pytest && mypy`,
    ...PLATFORMS[model.wasmcloud].next(model),
  ];
}

export async function main(io: Io): Promise<number> {
  let flags: Flags = { json: io.argv.includes('--json'), dryRun: false, force: false };
  let resolved: ProjectModel | undefined;
  try {
    const { values, positionals } = parse(io.argv);
    flags = { json: values.json === true, dryRun: values['dry-run'] === true, force: values.force === true };
    if (values.help) {
      io.out(helpText());
      return EXIT.ok;
    }
    if (values.version) {
      io.out(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    if (values['list-interfaces']) {
      io.out(catalogText(flags.json));
      return EXIT.ok;
    }
    if (positionals[0] === 'add') {
      const tty = io.stdinIsTTY && io.stdoutIsTTY;
      const interactive = tty && values.yes !== true && !isTruthyEnv(io.env.CI) && !flags.json;
      const { runAdd } = await import('./add.js');
      return await runAdd(io, values, positionals.slice(1), flags, interactive);
    }
    let inputs = await gatherInputs(values, positionals, io.cwd);
    const tty = io.stdinIsTTY && io.stdoutIsTTY;
    const automated = values.yes === true || isTruthyEnv(io.env.CI) || !tty;
    const interactive = tty && (values.interactive === true || !automated) && !flags.json;
    if (values.interactive === true && !tty) {
      throw new CreateError('usage', '--interactive needs a terminal on stdin and stdout.', 'interactive', 'drop --interactive and pass the values as flags');
    }
    if (interactive) {
      const prompted = await prompt(inputs, io.cwd, flags.force);
      inputs = prompted.inputs;
      flags.force = prompted.force;
    } else if (inputs.name === undefined) {
      throw new CreateError('usage', 'missing input: name (the component name, the first argument).', 'name', `run: ${suggestedCommand(inputs, true)}`);
    }
    const model = resolveModel(inputs, io.cwd);
    resolved = model;
    checkTarget(model.directory, flags.force);
    const warnings = VALUE_OPTIONS.filter((o) => o.interface && inputs[o.key] !== undefined && !model.interfaces.includes(o.interface)).map(
      (o) => `--${o.flag} has no effect without the ${o.interface} interface`,
    );
    const files = await renderProject(model, io.cwd);
    const plan = planFiles(model.directory, files);
    if (!flags.dryRun) writePlan(model.directory, plan);
    warnings.push(...overwriteWarnings(plan, flags.dryRun));
    if (flags.json) {
      io.out(
        `${JSON.stringify(
          {
            ok: true,
            dryRun: flags.dryRun,
            directory: model.directory,
            answers: answersOf(model),
            files: plan.map((f) => ({ path: f.path, action: f.action })),
            next: nextCommands(model, io.cwd),
            build: buildArgv(model),
            warnings,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const warning of warnings) io.err(`${BIN}: warning: ${warning}\n`);
      io.out(summary(model, plan, io.cwd, flags.dryRun));
    }
    return EXIT.ok;
  } catch (error) {
    return fail(error, flags, io, resolved);
  }
}

/**
 * --force keeps no backup, so each file it replaced is named. Whether the user or an earlier run with
 * other answers made the difference is unknowable; either way the old text is gone.
 */
function overwriteWarnings(plan: PlannedFile[], dryRun: boolean): string[] {
  return plan
    .filter((f) => f.action === 'overwrite')
    .map((f) =>
      dryRun
        ? `would overwrite ${f.path}, which differs from what this run writes (the old file would not be kept)`
        : `overwrote ${f.path}, which differed from what this run writes (the old file is not kept)`,
    );
}

export function answersOf(model: ProjectModel): Record<string, unknown> {
  return {
    name: model.names.component,
    wasmcloud: String(model.wasmcloud),
    directory: model.directory,
    namespace: model.names.witPackage.split(':')[0],
    description: model.description,
    interfaces: model.interfaces,
    // Only the settings of the chosen interfaces: fed back through --answers, they give the same project, warning-free.
    ...Object.fromEntries(
      Object.entries(model.settings).filter(([key]) => {
        const option = VALUE_OPTIONS.find((o) => o.key === key);
        return !option?.interface || model.interfaces.includes(option.interface);
      }),
    ),
  };
}

export function fail(error: unknown, flags: Flags, io: Io, model?: ProjectModel): number {
  let code: number = EXIT.unexpected;
  let kind = 'unexpected';
  let message: string;
  let hint: string | undefined;
  if (error instanceof CreateError) {
    code = error.exitCode;
    kind = error.code;
    message = error.message;
    hint = error.hint;
  } else if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
    code = EXIT.cancelled;
    kind = 'cancelled';
    message = 'cancelled; nothing was written.';
  } else {
    message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  if (flags.json) {
    io.out(`${JSON.stringify({ ok: false, error: { code: kind, exitCode: code, message, hint, field: (error as CreateError).field }, directory: model?.directory }, null, 2)}\n`);
  } else {
    io.err(`${BIN}: ${message}${hint ? `\n  fix: ${hint}` : ''}\n`);
  }
  return code;
}

