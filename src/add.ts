/**
 * `create-wasmcloud-python add <interfaces>`: grows a generated project, as a pipeline of stages
 * (src/stages/). It finds the project from the working directory (as git finds a repository), renders it
 * from the answers it recorded (`.yo-rc.json`) and again with the new interfaces, and merges each file
 * three ways with the one on disk (src/stages/merge.ts): the user's edits stay wherever the new interfaces
 * do not change the same lines. Where they do, nothing is written, the patch from the user's files to
 * what add proposes is printed, and the exit code is 4 (EXIT.conflict); once it is applied, the same
 * `add` goes through. With --merge, the files are written with conflict markers instead (still exit 4).
 */
import { resolve } from 'node:path';
import { CreateError, EXIT } from './errors.js';
import type { InterfaceId } from './interfaces/index.js';
import { resolveInterfaces, resolveModel, type Inputs } from './model.js';
import { VALUE_OPTIONS } from './options.js';
import { BIN, type Io } from './stages/args.js';
import { findProject, planAdd } from './stages/merge.js';
import { promptInterfacesToAdd } from './stages/prompts.js';
import { fail, reportAdd, reportConflicts, settingWarnings } from './stages/report.js';
import { relativePosix, writePlan } from './writer.js';

interface AddFlags {
  json: boolean;
  dryRun: boolean;
  /** On a conflict, write the files with conflict markers (and everything else merged) instead of nothing. */
  merge: boolean;
}

export async function runAdd(io: Io, values: Record<string, unknown>, ids: string[], flags: AddFlags, interactive: boolean): Promise<number> {
  let directory: string | undefined;
  try {
    // Answers: the values to change, the interfaces to add (each list named as it was typed), the project.
    const overrides: Inputs = {};
    for (const o of VALUE_OPTIONS) {
      if (o.key === 'directory' || o.key === 'interfaces' || values[o.flag] === undefined) continue;
      (overrides as Record<string, unknown>)[o.key] = values[o.flag];
    }
    const listed = (values.interfaces as string[] | undefined) ?? [];
    const named: InterfaceId[] = [
      ...(ids.length > 0 ? resolveInterfaces(ids, false, 'add') : []),
      ...(listed.length > 0 ? resolveInterfaces(listed, false, '--interfaces') : []),
    ];
    const project = findProject(resolve(io.cwd, typeof values.directory === 'string' ? values.directory : '.'));
    directory = project.directory;
    if (named.length === 0) {
      if (!interactive) {
        throw new CreateError(
          'usage',
          'add: name the interfaces to add.',
          'interfaces',
          `e.g. ${BIN} add keyvalue,config (--list-interfaces lists them)`,
        );
      }
      named.push(...resolveInterfaces(await promptInterfacesToAdd(resolveModel(project.inputs, io.cwd).interfaces, project.inputs), false, 'add'));
    }
    // Render twice and merge with the files on disk; write only without conflicts, or with --merge.
    const { model, added, plan, conflicts, marked, warnings, notes } = await planAdd(project, named, overrides, io.cwd);
    warnings.push(...settingWarnings(overrides, model));
    if (!flags.json) {
      for (const warning of warnings) io.err(`${BIN}: warning: ${warning}\n`);
      const dir = relativePosix(io.cwd, directory);
      if (added.length > 0 && dir !== '') io.err(`Adding ${added.join(', ')} to ${model.names.component} in ${dir}/\n`);
    }
    if (conflicts.length > 0) {
      const written = flags.merge && !flags.dryRun;
      if (written) writePlan(directory, marked);
      return reportConflicts(io, flags, { directory, model, added, conflicts, files: flags.merge ? marked : undefined, written, warnings });
    }
    if (!flags.dryRun) writePlan(directory, plan);
    reportAdd(io, flags, { directory, requested: named, model, added, plan, warnings, notes });
    return EXIT.ok;
  } catch (error) {
    return fail(error, { json: flags.json, dryRun: flags.dryRun, force: false }, io, { operation: 'add', directory });
  }
}
