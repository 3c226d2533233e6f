/**
 * The `create-wasmcloud-python` command. It owns everything a Yeoman host would otherwise decide:
 * parsing, whether a terminal may be used, prompts, validation before any write, exit codes and
 * output. The generator only renders the resolved model.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CreateError, EXIT } from './errors.js';
import { CATALOG, INTERFACE_IDS } from './interfaces/index.js';
import { resolveMajor, resolveModel, type Inputs, type ProjectModel } from './model.js';
import { nameProblem, suggestName } from './names.js';
import { ANSWERS_OPTION, BOOLEAN_OPTIONS, VALUE_OPTIONS } from './options.js';
import { packageVersion } from './paths.js';
import { DEFAULT_NAME, interfaceChoices, validateInterfaces, validateName } from './questions.js';
import { PLATFORMS } from './platforms/index.js';
import { bindingsArgv, buildArgv, versioned } from './render.js';
import type { Major } from './versions.js';
import { checkTarget, planFiles, relativePosix, writePlan, type PlannedFile } from './writer.js';

const BIN = 'create-wasmcloud-python';

interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

interface Flags {
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
130 cancelled at a prompt. On any failure nothing is written.
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

const ANSWER_KEYS = new Set<string>(['name', ...VALUE_OPTIONS.map((o) => o.key)]);

export async function parseAnswers(text: string, file: string): Promise<Inputs> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    try {
      // Only an answers file that is not JSON loads the YAML parser.
      // yaml is CommonJS for Node: native ESM exposes `parse` by name, a bundle only on `default`.
      const yaml = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
      data = (yaml.default ?? yaml).parse(text);
    } catch (error) {
      throw new CreateError('usage', `--answers: ${file} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`, 'answers');
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CreateError('usage', `--answers: ${file} must hold an object of answers.`, 'answers');
  }
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!ANSWER_KEYS.has(key)) {
      throw new CreateError('usage', `--answers: unknown key ${JSON.stringify(key)} in ${file}.`, 'answers', `known keys: ${[...ANSWER_KEYS].join(', ')}`);
    }
    if (key === 'wasmcloud' && typeof value === 'number') {
      inputs[key] = String(value);
    } else if (key === 'interfaces') {
      if (typeof value === 'string') inputs[key] = [value];
      else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) inputs[key] = value;
      else throw new CreateError('usage', `--answers: interfaces in ${file} must be a list of strings.`, 'answers');
    } else if (typeof value === 'string') inputs[key] = value;
    else throw new CreateError('usage', `--answers: ${key} in ${file} must be a string.`, 'answers');
  }
  return inputs as Inputs;
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

async function prompt(inputs: Inputs): Promise<Inputs> {
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
  if (result.interfaces === undefined) {
    result.interfaces = await checkbox({
      message: 'Interfaces (space to toggle, enter to confirm)',
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
  return result;
}

/** Renders the model with the Yeoman generator into memory and returns the files, unwritten. */
export async function renderProject(model: ProjectModel, cwd: string): Promise<Array<{ path: string; contents: Buffer }>> {
  const [{ EnvironmentBase }, { default: AppGenerator }] = await Promise.all([
    import('yeoman-environment'),
    import('../generators/app/index.js'),
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

function nextCommands(model: ProjectModel, cwd: string): string[] {
  const dir = relativePosix(cwd, model.directory) || '.';
  return [
    ...(dir === '.' ? [] : [`cd ${/^[A-Za-z0-9_./-]+$/.test(dir) ? dir : JSON.stringify(dir)}`]),
    'python3 -m venv .venv && . .venv/bin/activate && pip install --upgrade pip && pip install --group dev',
    `${bindingsArgv(model).join(' ')} && mypy`,
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
    let inputs = await gatherInputs(values, positionals, io.cwd);
    const tty = io.stdinIsTTY && io.stdoutIsTTY;
    const automated = values.yes === true || isTruthyEnv(io.env.CI) || !tty;
    const interactive = tty && (values.interactive === true || !automated) && !flags.json;
    if (values.interactive === true && !tty) {
      throw new CreateError('usage', '--interactive needs a terminal on stdin and stdout.', 'interactive', 'drop --interactive and pass the values as flags');
    }
    if (interactive) {
      inputs = await prompt(inputs);
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

function fail(error: unknown, flags: Flags, io: Io, model?: ProjectModel): number {
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

