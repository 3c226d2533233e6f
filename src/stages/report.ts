/**
 * The report stage: what a run prints. The human summary with the next commands, warnings, the one
 * JSON document of --json, add's conflicts, and any error as a message and an exit code.
 */
import { answersOf } from '../answers-of.js';
import { CreateError, EXIT } from '../errors.js';
import type { InterfaceId } from '../interfaces/index.js';
import type { Inputs, ProjectModel } from '../model.js';
import { VALUE_OPTIONS } from '../options.js';
import { PLATFORMS } from '../platforms/index.js';
import { bindingsArgv, buildArgv } from '../render.js';
import { relativePosix, type PlannedFile } from '../writer.js';
import { BIN, type Flags, type Io } from './args.js';
import type { Conflict } from './merge.js';

export { answersOf };

export function nextCommands(model: ProjectModel, cwd: string): string[] {
  const dir = relativePosix(cwd, model.directory) || '.';
  return [
    ...(dir === '.' ? [] : [`cd ${/^[A-Za-z0-9_./-]+$/.test(dir) ? dir : JSON.stringify(dir)}`]),
    'python3 -m venv .venv && . .venv/bin/activate && pip install --upgrade pip && pip install --group dev',
    `${bindingsArgv(model).join(' ')} && pytest && mypy`,
    ...PLATFORMS[model.wasmcloud].next(model),
  ];
}

const fileLines = (plan: PlannedFile[]): string => plan.map((f) => `  ${f.action.padEnd(10)} ${f.path}`).join('\n');

export function summary(model: ProjectModel, plan: PlannedFile[], cwd: string, dryRun: boolean): string {
  const dir = relativePosix(cwd, model.directory) || '.';
  const next = nextCommands(model, cwd);
  return `${dryRun ? `Would write ${dir}/ (dry run: nothing written)` : `Created ${model.names.component} in ${dir}/`} for wasmCloud ${model.wasmcloud} with ${model.interfaces.join(', ')}:
${fileLines(plan)}

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

/** add stopped: files the user changed that the new interfaces change too, with the diffs to apply by hand. */
export function reportConflicts(io: Io, json: boolean, directory: string, added: InterfaceId[], conflicts: Conflict[]): number {
  const message = `add ${added.join(', ')}: ${conflicts.map((c) => c.path).join(', ')} ${conflicts.length > 1 ? 'have' : 'has'} changes of yours, and the new interfaces change ${conflicts.length > 1 ? 'them' : 'it'} too; nothing was written.`;
  const hint = 'make the changes below by hand (they are what add would have made), then run the same add again';
  if (json) {
    io.out(`${JSON.stringify({ ok: false, error: { code: 'conflict', exitCode: EXIT.conflict, message, hint }, directory, conflicts }, null, 2)}\n`);
  } else {
    io.err(`${BIN}: ${message}\n  fix: ${hint}\n\n${conflicts.map((c) => c.diff).join('\n')}`);
  }
  return EXIT.conflict;
}

export interface AddReport {
  directory: string;
  /** The interfaces asked for, as given. */
  requested: string[];
  model: ProjectModel;
  added: InterfaceId[];
  plan: PlannedFile[];
}

/** Interfaces added (or, with --dry-run, planned), or nothing to add. */
export function reportAdd(io: Io, flags: { json: boolean; dryRun: boolean }, { directory, requested, model, added, plan }: AddReport): void {
  const dir = relativePosix(io.cwd, directory) || '.';
  // Without the `cd` and the venv set-up: the project has them already.
  const next = nextCommands(model, io.cwd).slice(dir === '.' ? 1 : 2);
  if (flags.json) {
    io.out(
      `${JSON.stringify({ ok: true, dryRun: flags.dryRun, directory, added, answers: answersOf(model), files: plan.map((f) => ({ path: f.path, action: f.action })), next }, null, 2)}\n`,
    );
  } else if (added.length === 0) {
    io.out(`Nothing to add: ${dir}/ already has ${requested.join(', ')}.\n`);
  } else {
    io.out(`${flags.dryRun ? `Would add (dry run: nothing written)` : 'Added'} ${added.join(', ')} to ${model.names.component}${dir === '.' ? '' : ` in ${dir}/`}:
${fileLines(plan)}

Next:
${next.map((c) => `  ${c}`).join('\n')}
`);
  }
}

/** Any error as the message and exit code it stands for: one JSON document with --json, else a line on stderr and the fix. */
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
