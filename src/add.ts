/**
 * `create-wasmcloud-python add <interfaces>`: grows a generated project. It renders the project from the
 * answers it recorded (`.yo-rc.json`) and again with the new interfaces, and for each file:
 * - the new text equals the old one, or the file already has it: left alone (the user's edits stay);
 * - the file is as generated: rewritten;
 * - the user changed it and the new interfaces change it too: a conflict. Then nothing is written, the
 *   exact change is printed as a diff to make by hand, and the exit code is 4 (EXIT.conflict); once the
 *   lines are in, the same `add` goes through.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { answersOf, fail, nextCommands, renderProject, type Io } from './cli.js';
import { hasAddedLines, unifiedDiff } from './diff.js';
import { CreateError, EXIT } from './errors.js';
import { CATALOG, INTERFACE_IDS, type InterfaceId } from './interfaces/index.js';
import { resolveInterfaces, resolveModel, type Inputs, type ProjectModel } from './model.js';
import { VALUE_OPTIONS } from './options.js';
import { YO_RC_KEY } from './render.js';
import { relativePosix, writePlan, type PlannedFile } from './writer.js';

/** The answers a generated project recorded; exit 2 for a directory that is not one. */
export function recordedInputs(directory: string): Inputs {
  const file = join(directory, '.yo-rc.json');
  const notProject = (why: string) =>
    new CreateError('usage', `${directory} is not a project create-wasmcloud-python generated: ${why}.`, 'directory', 'run add inside a generated project, or name it with --directory');
  if (!existsSync(file)) throw notProject('it has no .yo-rc.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw notProject(`its .yo-rc.json is not JSON (${(error as Error).message})`);
  }
  const answers = (data as Record<string, { answers?: unknown }> | null)?.[YO_RC_KEY]?.answers;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw notProject(`its .yo-rc.json has no "${YO_RC_KEY}" answers`);
  return { ...(answers as Inputs), directory };
}

export interface Conflict {
  path: string;
  diff: string;
}

export interface AddPlan {
  model: ProjectModel;
  added: InterfaceId[];
  plan: PlannedFile[];
  conflicts: Conflict[];
}

/** What adding `requested` to the project in `directory` writes, and what it cannot. */
export async function planAdd(directory: string, requested: string[], overrides: Inputs, cwd: string): Promise<AddPlan> {
  const recorded = recordedInputs(directory);
  const previous = resolveModel(recorded, cwd);
  if (overrides.wasmcloud !== undefined && resolveModel({ ...recorded, wasmcloud: overrides.wasmcloud }, cwd).wasmcloud !== previous.wasmcloud) {
    throw new CreateError('usage', `--wasmcloud: the project is for wasmCloud ${previous.wasmcloud}; add cannot change that.`, 'wasmcloud', 'drop --wasmcloud');
  }
  const wanted = resolveInterfaces(requested, false);
  const added = wanted.filter((id) => !previous.interfaces.includes(id));
  const model = resolveModel({ ...recorded, ...overrides, directory, interfaces: [...previous.interfaces, ...added] }, cwd);
  if (added.length === 0) return { model, added, plan: [], conflicts: [] };
  const [before, after] = await Promise.all([renderProject(previous, cwd), renderProject(model, cwd, 'add')]);
  const old = new Map(before.map((f) => [f.path, f.contents.toString('utf8')]));
  const plan: PlannedFile[] = [];
  const conflicts: Conflict[] = [];
  for (const file of after) {
    const target = join(directory, file.path);
    const next = file.contents.toString('utf8');
    const was = old.get(file.path);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === next) continue;
    if (was === next) continue; // the new interfaces do not change it: whatever the user made of it stays
    if (current === undefined) plan.push({ ...file, action: 'create' });
    else if (current === was) plan.push({ ...file, action: 'overwrite' });
    else if (was !== undefined && hasAddedLines(current, was, next)) continue; // the user made the change by hand
    else conflicts.push({ path: file.path, diff: unifiedDiff(was ?? '', next, `${file.path} as generated`, `${file.path} with ${added.join(', ')}`) });
  }
  plan.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { model, added, plan, conflicts };
}

/** The interfaces a project does not have yet, to choose from at a terminal. */
async function chooseInterfaces(present: InterfaceId[]): Promise<string[]> {
  const { checkbox } = await import('@inquirer/prompts');
  const absent = INTERFACE_IDS.filter((id) => !present.includes(id));
  if (absent.length === 0) return [];
  return checkbox({
    message: 'Interfaces to add',
    choices: absent.map((id) => ({ name: `${id.padEnd(20)} ${CATALOG[id].summary}`, value: id, short: id })),
    pageSize: absent.length,
  });
}

const BIN = 'create-wasmcloud-python';

export async function runAdd(io: Io, values: Record<string, unknown>, ids: string[], flags: { json: boolean; dryRun: boolean }, interactive: boolean): Promise<number> {
  try {
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
      requested.push(...(await chooseInterfaces(resolveModel(recordedInputs(directory), io.cwd).interfaces)));
    }
    const { model, added, plan, conflicts } = await planAdd(directory, requested, overrides, io.cwd);
    const dir = relativePosix(io.cwd, directory) || '.';
    if (conflicts.length > 0) {
      const message = `add ${added.join(', ')}: ${conflicts.map((c) => c.path).join(', ')} ${conflicts.length > 1 ? 'have' : 'has'} changes of yours, and the new interfaces change ${conflicts.length > 1 ? 'them' : 'it'} too; nothing was written.`;
      const hint = 'make the changes below by hand (they are what add would have made), then run the same add again';
      if (flags.json) {
        io.out(`${JSON.stringify({ ok: false, error: { code: 'conflict', exitCode: EXIT.conflict, message, hint }, directory, conflicts }, null, 2)}\n`);
      } else {
        io.err(`${BIN}: ${message}\n  fix: ${hint}\n\n${conflicts.map((c) => c.diff).join('\n')}`);
      }
      return EXIT.conflict;
    }
    if (!flags.dryRun) writePlan(directory, plan);
    const next = nextCommands(model, io.cwd).slice(dir === '.' ? 1 : 2);
    if (flags.json) {
      io.out(
        `${JSON.stringify({ ok: true, dryRun: flags.dryRun, directory, added, answers: answersOf(model), files: plan.map((f) => ({ path: f.path, action: f.action })), next }, null, 2)}\n`,
      );
    } else if (added.length === 0) {
      io.out(`Nothing to add: ${dir}/ already has ${requested.join(', ')}.\n`);
    } else {
      io.out(`${flags.dryRun ? `Would add (dry run: nothing written)` : 'Added'} ${added.join(', ')} to ${model.names.component}${dir === '.' ? '' : ` in ${dir}/`}:
${plan.map((f) => `  ${f.action.padEnd(10)} ${f.path}`).join('\n')}

Next:
${next.map((c) => `  ${c}`).join('\n')}
`);
    }
    return EXIT.ok;
  } catch (error) {
    return fail(error, { json: flags.json, dryRun: flags.dryRun, force: false }, io);
  }
}
