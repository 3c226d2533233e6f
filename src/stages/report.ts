/**
 * The report stage: what a run prints. The human summary with the next commands, warnings, the one
 * JSON document of --json, add's conflicts, and any error as a message and an exit code.
 */
import { isAbsolute } from 'node:path';
import { answersOf } from '../answers-of.js';
import { CreateError, debugging, EXIT, unexpectedLine } from '../errors.js';
import type { InterfaceId } from '../interfaces/index.js';
import type { Inputs, ProjectModel } from '../model.js';
import { VALUE_OPTIONS } from '../options.js';
import { buildArgv } from '../component.js';
import { relativePosix, type PlannedFile } from '../writer.js';
import { BIN, type Flags, type Io } from './args.js';
import type { Conflict } from './merge.js';

/** The dev install and the dev loop: uv's one-word route (README.md also gives pip's). */
const DEV_INSTALL = 'uv sync';
const DEV_LOOP = 'uv run poe dev';

function nextCommands(model: ProjectModel, cwd: string): string[] {
  const dir = relativePosix(cwd, model.directory) || '.';
  return [...(dir === '.' ? [] : [`cd ${/^[A-Za-z0-9_./-]+$/.test(dir) ? dir : JSON.stringify(dir)}`]), DEV_INSTALL, DEV_LOOP];
}

/** After `add`, in a project that has its venv: the tests (which regenerate the bindings), then the dev loop. */
function addNextCommands(): string[] {
  return ['uv run poe test', DEV_LOOP];
}

const fileLines = (plan: PlannedFile[]): string => plan.map((f) => `  ${f.action.padEnd(10)} ${f.path}`).join('\n');

/** What a project holds at its top, `wit/deps/` as one count: the short form of the file list. */
function topLevel(paths: readonly string[]): string[] {
  const entries = new Set<string>();
  let packages = 0;
  for (const path of paths) {
    if (path.startsWith('wit/deps/')) packages++;
    const [first, ...rest] = path.split('/');
    entries.add(rest.length > 0 ? `${first}/` : (first as string));
  }
  return [...entries]
    .sort()
    .map((entry) => (entry === 'wit/' ? `wit/ (world.wit, ${packages} WIT package${packages === 1 ? '' : 's'} in deps/)` : entry));
}

/** Words in lines of at most `width` columns, each indented by two spaces, `gap` between words. */
function wrapped(words: string[], width = 100, gap = '  '): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + gap.length + word.length <= width) lines[lines.length - 1] = `${last}${gap}${word}`;
    else lines.push(`  ${word}`);
  }
  return lines;
}

/** Short, as create-vite ends: what was made, then three commands. A dry run lists the whole plan. */
function summary(model: ProjectModel, plan: PlannedFile[], cwd: string, dryRun: boolean): string {
  const dir = relativePosix(cwd, model.directory) || '.';
  const next = nextCommands(model, cwd).map((c) => (c === DEV_INSTALL ? `${c.padEnd(16)}# the dev tools; pip works too (README.md)` : c));
  if (dryRun)
    return `Would write ${dir}/ (dry run: nothing written): a wasmCloud ${model.wasmcloud} component with ${model.interfaces.join(', ')}.\n${fileLines(plan)}\n`;
  // Into a directory that had files (--force): what this run replaced or removed, by name.
  const replaced = plan.filter((f) => f.action === 'overwrite' || f.action === 'remove');
  return `Created ${model.names.component} in ${dir}/, a wasmCloud ${model.wasmcloud} component with:
${wrapped(
  model.interfaces.map((id, i) => (i < model.interfaces.length - 1 ? `${id},` : id)),
  100,
  ' ',
).join('\n')}
${wrapped(topLevel(plan.filter((f) => f.action !== 'remove').map((f) => f.path))).join('\n')}
${replaced.length > 0 ? `${fileLines(replaced)}\n` : ''}
Next:
${next.map((c) => `  ${c}`).join('\n')}
`;
}

/** A value given for an interface the project does not have changes nothing. */
export function settingWarnings(inputs: Inputs, model: ProjectModel): string[] {
  return VALUE_OPTIONS.filter((o) => o.interface && inputs[o.key] !== undefined && !model.interfaces.includes(o.interface)).map(
    (o) => `--${o.flag} has no effect without the ${o.interface} interface`,
  );
}

/**
 * --force keeps no backup, so each file it replaced is named. Whether the user or an earlier run with
 * other answers made the difference is unknowable; either way the old text is gone.
 */
export function overwriteWarnings(plan: PlannedFile[], dryRun: boolean): string[] {
  return plan
    .filter((f) => f.action === 'overwrite')
    .map((f) =>
      dryRun
        ? `would overwrite ${f.path}, which differs from what this run writes (the old file would not be kept)`
        : `overwrote ${f.path}, which differed from what this run writes (the old file is not kept)`,
    );
}

/** A created (or, with --dry-run, planned) project: one JSON document, or the warnings and the summary. */
export function reportCreate(io: Io, flags: Flags, model: ProjectModel, plan: PlannedFile[], warnings: string[]): void {
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
}

/** `lines 40-45`, `line 40`, `between lines 39 and 40`: where in the user's file a conflict is. */
function describeLines({ start, end }: { start: number; end: number }): string {
  if (end >= start) return end === start ? `line ${start}` : `lines ${start}-${end}`;
  return start === 1 ? 'at the top' : `after line ${end}`;
}

/** `app.py (lines 40-45, line 60)`, or `wadm.yaml (merged, but not valid YAML: ...)`. */
function describeConflict(c: Conflict): string {
  const where = c.lines.map(describeLines);
  if (c.invalid !== undefined) where.push(c.lines.length > 0 ? c.invalid : `merged, but ${c.invalid}`);
  return `${c.path} (${where.join('; ')})`;
}

interface ConflictReport {
  directory: string;
  model: ProjectModel;
  added: InterfaceId[];
  conflicts: Conflict[];
  /** With --merge: every file written (or, with --dry-run, that would be). */
  files?: PlannedFile[];
  /** Whether --merge wrote them. */
  written: boolean;
  warnings: string[];
}

/**
 * add stopped on files where the user's edits and the new interfaces change the same lines (or whose
 * merge does not parse): the patch to apply by hand, or with --merge the files that hold conflict markers.
 */
export function reportConflicts(io: Io, flags: { json: boolean; dryRun: boolean; merge: boolean }, report: ConflictReport): number {
  const { directory, model, added, conflicts, files, written, warnings } = report;
  const ids = added.join(', ');
  const marked = conflicts.filter((c) => c.lines.length > 0).map((c) => c.path);
  const unparsed = conflicts.filter((c) => c.lines.length === 0).map((c) => c.path);
  const named = conflicts.map(describeConflict).join(', ');
  const patch = conflicts.map((c) => c.patch).join('');
  let message: string;
  let hint: string;
  if (files !== undefined) {
    const parts = [
      ...(marked.length > 0
        ? [
            `${written ? 'wrote' : 'would write'} conflict markers into ${conflicts
              .filter((c) => c.lines.length > 0)
              .map(describeConflict)
              .join(', ')}`,
          ]
        : []),
      ...(unparsed.length > 0
        ? [
            `${written ? 'wrote' : 'would write'} ${conflicts
              .filter((c) => c.lines.length === 0)
              .map(describeConflict)
              .join(', ')}`,
          ]
        : []),
    ];
    message = `add ${ids}: ${parts.join(', and ')}; ${written ? 'everything else is merged and written.' : 'dry run: nothing written.'}`;
    hint = `resolve each conflict (your editor's merge tool, or by hand: keep what belongs between <<<<<<< yours and >>>>>>> add ${ids}, then remove the markers)${unparsed.length > 0 ? ' and make each file parse' : ''}; .yo-rc.json records ${ids} already, so no add is left to run`;
  } else {
    message = `add ${ids}: your edits and the new interfaces change the same lines of ${named}; nothing was written.`;
    hint = `apply the patch below from the project's root (git apply, or patch -p1): it goes from your files as they are to what add proposes, with everything else merged; review it, then run the same add again (or run it with --merge to get conflict markers in the files instead)`;
  }
  if (flags.json) {
    const doc = {
      ok: false,
      error: { code: 'conflict', exitCode: EXIT.conflict, message, hint },
      dryRun: flags.dryRun,
      directory,
      added,
      conflicts: conflicts.map((c) => ({ path: c.path, lines: c.lines, ...(c.invalid === undefined ? {} : { invalid: c.invalid }), patch: c.patch })),
      patch,
      ...(files === undefined ? {} : { markers: marked, files: files.map((f) => ({ path: f.path, action: f.action })) }),
      warnings,
    };
    io.out(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.conflict;
  }
  io.err(`${BIN}: ${message}\n  fix: ${hint}\n`);
  if (files === undefined) {
    io.err(`\n${patch}`);
  } else {
    const dir = relativePosix(io.cwd, directory) || '.';
    const notes = new Map(
      conflicts.map((c) => [
        c.path,
        c.lines.length > 0 ? `conflict markers: ${c.lines.map(describeLines).join(', ')}` : `does not parse: ${c.invalid}`,
      ]),
    );
    io.out(`${written ? 'Added' : 'Would add (dry run: nothing written)'} ${ids} to ${model.names.component}${dir === '.' ? '' : ` in ${dir}/`}, with conflicts to resolve:
${files.map((f) => `  ${f.action.padEnd(10)} ${f.path}${notes.has(f.path) ? `  (${notes.get(f.path)})` : ''}`).join('\n')}
`);
  }
  return EXIT.conflict;
}

interface AddReport {
  directory: string;
  /** The interfaces asked for. */
  requested: string[];
  model: ProjectModel;
  added: InterfaceId[];
  plan: PlannedFile[];
  warnings: string[];
  /** What add left alone and why (an edited app.py), with where README shows how to go on. */
  notes: string[];
}

/** Interfaces added (or, with --dry-run, planned), or nothing to add. */
export function reportAdd(
  io: Io,
  flags: { json: boolean; dryRun: boolean },
  { directory, requested, model, added, plan, warnings, notes }: AddReport,
): void {
  const dir = relativePosix(io.cwd, directory) || '.';
  // The project has its venv already; with the `cd` when it is elsewhere (add found it above cwd, or --directory).
  const next = [...nextCommands(model, io.cwd).filter((c) => c.startsWith('cd ')), ...addNextCommands()];
  if (flags.json) {
    io.out(
      `${JSON.stringify({ ok: true, dryRun: flags.dryRun, directory, added, answers: answersOf(model), files: plan.map((f) => ({ path: f.path, action: f.action })), next, warnings, notes }, null, 2)}\n`,
    );
  } else if (added.length === 0) {
    io.out(`Nothing to add: ${dir}/ already has ${requested.join(', ')}.\n`);
  } else {
    io.out(`${flags.dryRun ? `Would add (dry run: nothing written)` : 'Added'} ${added.join(', ')} to ${model.names.component}${dir === '.' ? '' : ` in ${dir}/`}:
${fileLines(plan)}
${notes.map((note) => `\nNote: ${note}.\n`).join('')}
Next:
${next.map((c) => `  ${c}`).join('\n')}
`);
  }
}

/** Where a failure happened: the operation (`create`, `add`) and the project directory, for the paths it names. */
interface FailureContext {
  operation: 'create' | 'add';
  directory?: string;
}

/**
 * Any error as the message and exit code it stands for: one JSON document with --json, else a line on
 * stderr and the fix. An unexpected failure is one line naming the operation and the path, never a stack
 * trace, unless DEBUG names the command (`DEBUG=create-wasmcloud-python`): then the trace follows it.
 */
export function fail(error: unknown, flags: Flags, io: Io, context: FailureContext): number {
  let code: number = EXIT.unexpected;
  let kind = 'unexpected';
  let message: string;
  let hint: string | undefined;
  const debug = debugging(io.env, BIN);
  let trace: string | undefined;
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
    const inside = (path: string): string => {
      const base = context.directory ?? io.cwd;
      const rel = relativePosix(base, path);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
    };
    message = unexpectedLine(error, context.operation, inside);
    trace = error instanceof Error ? error.stack : undefined;
  }
  if (flags.json) {
    const doc = {
      ok: false,
      error: { code: kind, exitCode: code, message, hint, field: (error as CreateError).field, ...(debug && trace ? { stack: trace } : {}) },
      directory: context.directory,
    };
    io.out(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    io.err(`${BIN}: ${message}${hint ? `\n  fix: ${hint}` : ''}\n`);
    if (debug && trace) io.err(`${trace}\n`);
  }
  return code;
}
