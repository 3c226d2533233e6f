/**
 * `create-wasmcloud-python add <interfaces>`: grows a generated project, as a pipeline of stages
 * (src/stages/). It renders the project from the answers it recorded (`.yo-rc.json`) and again with the
 * new interfaces, and merges the two with the files on disk (src/stages/merge.ts): the user's edits stay;
 * a file the user changed that the new interfaces change too is a conflict. Then nothing is written, the
 * exact change is printed as a diff to make by hand, and the exit code is 4 (EXIT.conflict); once the
 * lines are in, the same `add` goes through.
 */
import { resolve } from 'node:path';
import { CreateError, EXIT } from './errors.js';
import { resolveModel, type Inputs } from './model.js';
import { VALUE_OPTIONS } from './options.js';
import { BIN, type Io } from './stages/args.js';
import { planAdd, recordedInputs } from './stages/merge.js';
import { promptInterfacesToAdd } from './stages/prompts.js';
import { fail, reportAdd, reportConflicts } from './stages/report.js';
import { writePlan } from './writer.js';

export async function runAdd(io: Io, values: Record<string, unknown>, ids: string[], flags: { json: boolean; dryRun: boolean }, interactive: boolean): Promise<number> {
  try {
    // Answers: the project's directory, the values to change, the interfaces to add (asked at a terminal if none).
    const directory = resolve(io.cwd, typeof values.directory === 'string' ? values.directory : '.');
    const overrides: Inputs = {};
    for (const o of VALUE_OPTIONS) {
      if (o.key === 'directory' || o.key === 'interfaces' || values[o.flag] === undefined) continue;
      (overrides as Record<string, unknown>)[o.key] = values[o.flag];
    }
    const requested = [...ids, ...((values.interfaces as string[] | undefined) ?? [])];
    if (requested.length === 0) {
      if (!interactive) {
        throw new CreateError('usage', 'add: name the interfaces to add.', 'interfaces', `e.g. ${BIN} add keyvalue,config (--list-interfaces lists them)`);
      }
      requested.push(...(await promptInterfacesToAdd(resolveModel(recordedInputs(directory), io.cwd).interfaces)));
    }
    // Render twice and merge with the files on disk; write only without conflicts.
    const { model, added, plan, conflicts } = await planAdd(directory, requested, overrides, io.cwd);
    if (conflicts.length > 0) return reportConflicts(io, flags.json, directory, added, conflicts);
    if (!flags.dryRun) writePlan(directory, plan);
    reportAdd(io, flags, { directory, requested, model, added, plan });
    return EXIT.ok;
  } catch (error) {
    return fail(error, { json: flags.json, dryRun: flags.dryRun, force: false }, io);
  }
}
