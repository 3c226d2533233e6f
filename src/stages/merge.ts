/**
 * add's plan stage: the project rendered from the answers it recorded (`.yo-rc.json`) and again with
 * the new interfaces, merged three ways with the files on disk. For each file:
 * - the new text equals the old one, or the file already has it: left alone (the user's edits stay);
 * - the file is as generated: rewritten;
 * - the user changed it and the new interfaces change it too: a conflict, with the exact change to
 *   make by hand as a diff.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasAddedLines, unifiedDiff } from '../diff.js';
import { CreateError } from '../errors.js';
import type { InterfaceId } from '../interfaces/index.js';
import { resolveInterfaces, resolveModel, type Inputs, type ProjectModel } from '../model.js';
import { YO_RC_KEY } from '../render.js';
import type { PlannedFile } from '../writer.js';
import { renderProject } from './generate.js';

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

/** `.yo-rc.json` with this generator's key replaced by the one in `rendered`, or undefined when it has it already. */
function updatedYoRc(target: string, rendered: string): string | undefined {
  const current = readFileSync(target, 'utf8');
  const data = JSON.parse(current) as Record<string, unknown>;
  const ours = (JSON.parse(rendered) as Record<string, unknown>)[YO_RC_KEY];
  if (JSON.stringify(data[YO_RC_KEY]) === JSON.stringify(ours)) return undefined;
  return `${JSON.stringify({ ...data, [YO_RC_KEY]: ours }, null, 2)}${current.endsWith('\n') ? '\n' : ''}`;
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
    if (file.path === '.yo-rc.json') {
      // Yeoman's shared file: only this generator's key is ours; every other key, and its order, stays.
      const yoRc = updatedYoRc(target, file.contents.toString('utf8'));
      if (yoRc !== undefined) plan.push({ path: file.path, contents: Buffer.from(yoRc), action: 'overwrite' });
      continue;
    }
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
