/**
 * add's plan stage: the project found from the working directory, rendered from the answers it recorded
 * (`.yo-rc.json`) and again with the new interfaces, and each file merged three ways, as git merges:
 * - base: the project as this version renders its recorded answers;
 * - ours: the file on disk, with whatever the user made of it;
 * - theirs: the project rendered with the new interfaces.
 * What only one side changed is taken from it, so the user's lines stay where they were; where both
 * changed the same lines, the file is a conflict, with the patch from the user's file to what add
 * proposes. A YAML, TOML or JSON file whose merge does not parse is a conflict too.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { conflictsOf, merge3, mergedText, proposal, unifiedDiff, withMarkers, type MergeConflict } from '../diff.js';
import { CreateError, fileError } from '../errors.js';
import { CATALOG, unfitFor, type InterfaceId } from '../interfaces/index.js';
import { context, resolveModel, resolveWasi, type Inputs, type ProjectModel } from '../model.js';
import { PLATFORMS } from '../platforms/index.js';
import { packageVersion } from '../paths.js';
import { YO_RC_KEY } from '../render.js';
import type { PlannedFile } from '../writer.js';
import { renderProject } from './generate.js';

/** A generated project, as its `.yo-rc.json` records it. */
interface Project {
  directory: string;
  /** The recorded answers, with the project's directory. */
  inputs: Inputs;
  /** The version of create-wasmcloud-python that generated it (or last grew it), if recorded. */
  version: string | undefined;
}

const PROJECT_HINT = 'run add inside a generated project (or any folder in it), or name it with --directory';

/** `path` of the project read as text, or undefined when there is none; any other failure names the file. */
function readText(directory: string, path: string): string | undefined {
  const target = join(directory, path);
  if (!existsSync(target)) return undefined;
  try {
    return readFileSync(target, 'utf8');
  } catch (error) {
    throw fileError(error, 'read', path);
  }
}

/** The project whose root is `directory`, or undefined when its `.yo-rc.json` is missing or holds no key of ours. */
function projectAt(directory: string): Project | undefined {
  const yoRc = join(directory, '.yo-rc.json');
  if (existsSync(yoRc) && statSync(yoRc).isDirectory()) {
    throw new CreateError(
      'usage',
      `${yoRc} is a directory, not the file a generated project records its answers in, which add reads.`,
      'directory',
      'move or remove that .yo-rc.json directory, then run add again (inside the project, or name it with --directory)',
    );
  }
  const text = readText(directory, '.yo-rc.json');
  if (text === undefined) return undefined;
  const broken = (why: string) =>
    new CreateError(
      'usage',
      `${join(directory, '.yo-rc.json')} ${why}.`,
      'directory',
      'correct it: it records the answers the project was generated from, which add reads',
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Yeoman's file is shared: a broken one that never held our key is another generator's business.
    if (!text.includes(JSON.stringify(YO_RC_KEY))) return undefined;
    throw broken(`is not JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !(YO_RC_KEY in data)) return undefined;
  const entry = (data as Record<string, { answers?: unknown; version?: unknown } | null>)[YO_RC_KEY];
  const answers = entry?.answers;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw broken(`has no "${YO_RC_KEY}" answers`);
  return { directory, inputs: { ...(answers as Inputs), directory }, version: typeof entry?.version === 'string' ? entry.version : undefined };
}

/**
 * The project `start` is in, as git finds a repository: the nearest folder from `start` up whose
 * `.yo-rc.json` has this generator's key. The search stops at a git root (a folder with `.git`) or at the
 * filesystem root; finding none is exit 2.
 */
export function findProject(start: string): Project {
  if (!existsSync(start) || !statSync(start).isDirectory()) {
    throw new CreateError('usage', `${start} is not a directory.`, 'directory', PROJECT_HINT);
  }
  for (let directory = start; ; directory = dirname(directory)) {
    const project = projectAt(directory);
    if (project) return project;
    const stop = existsSync(join(directory, '.git'))
      ? `${directory}, the git root`
      : dirname(directory) === directory
        ? `${directory}, the filesystem root`
        : undefined;
    if (stop !== undefined) {
      const where = directory === start ? 'it has no .yo-rc.json with a' : `no .yo-rc.json with a`;
      const above = directory === start ? '' : ` there or in a folder above it, up to ${stop}`;
      throw new CreateError(
        'usage',
        `${start} is not in a project create-wasmcloud-python generated: ${where} "${YO_RC_KEY}" key${above}.`,
        'directory',
        PROJECT_HINT,
      );
    }
  }
}

/** A file the user changed where the new interfaces change it too, or whose merge does not parse. */
export interface Conflict {
  path: string;
  /** The user's lines both sides changed, 1-based and inclusive; `end` is `start - 1` for a place between two lines. */
  lines: Array<{ start: number; end: number }>;
  /** Why the merged text is not valid YAML, TOML or JSON, when that is the conflict (or the proposal does not parse either). */
  invalid?: string;
  /** From the user's file to what add proposes, with everything else merged: `git apply` or `patch -p1` it from the project's root. */
  patch: string;
}

interface AddPlan {
  model: ProjectModel;
  added: InterfaceId[];
  /** What add writes when nothing conflicts. */
  plan: PlannedFile[];
  conflicts: Conflict[];
  /** What --merge writes: the plan, and each conflicting file with conflict markers (or merged, if it only fails to parse). */
  marked: PlannedFile[];
  warnings: string[];
  /** What add did not do and why, with where to read on: app.py kept as the user has it, say. */
  notes: string[];
}

/** Files the tool owns whole (the SDK package, conftest.py, tools/): add writes them as they render. */
export const toolOwned = (path: string): boolean => path.startsWith('wasmcloud_sdk/') || path === 'conftest.py' || path.startsWith('tools/');

/**
 * The user's Python, which add changes only while it is as generated: it never merges demo code into code of the
 * user's (a new export's handler is not demo: the component needs it, so an export is merged in as any file is).
 * tests/test_app.py follows app.py: its new tests test the demo lines app.py would have.
 */
const USER_PYTHON = ['app.py', 'tests/test_app.py'];

/** `.yo-rc.json` with this generator's key replaced by the one in `rendered`, or undefined when it has it already. */
function updatedYoRc(current: string, rendered: string): string | undefined {
  const data = JSON.parse(current) as Record<string, unknown>;
  const ours = (JSON.parse(rendered) as Record<string, unknown>)[YO_RC_KEY];
  if (JSON.stringify(data[YO_RC_KEY]) === JSON.stringify(ours)) return undefined;
  return `${JSON.stringify({ ...data, [YO_RC_KEY]: ours }, null, 2)}${current.endsWith('\n') ? '\n' : ''}`;
}

/** Why `text` is not valid as the structured file `path` names (YAML, TOML, JSON), if it is not; other files are text. */
async function parseProblem(path: string, text: string): Promise<string | undefined> {
  const first = (error: unknown): string => ((error as Error).message ?? String(error)).split('\n')[0] as string;
  try {
    if (/\.json$/i.test(path)) {
      JSON.parse(text);
    } else if (/\.ya?ml$/i.test(path)) {
      // Loaded only when a merged file needs checking. yaml is CommonJS for Node: a bundle has it on `default`.
      const loaded = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
      const yaml = loaded.default ?? loaded;
      const error = yaml.parseAllDocuments(text).flatMap((doc) => ('errors' in doc ? doc.errors : []))[0];
      if (error) return `not valid YAML: ${first(error)}`;
    } else if (/\.toml$/i.test(path)) {
      const { parse } = await import('smol-toml');
      parse(text);
    }
  } catch (error) {
    return `not valid ${/\.json$/i.test(path) ? 'JSON' : 'TOML'}: ${first(error)}`;
  }
  return undefined;
}

/** The user's lines a conflict covers, 1-based. */
const linesOf = (c: MergeConflict) => ({ start: c.ours.start + 1, end: c.ours.start + c.ours.lines.length });

/** What adding `wanted` to `project` writes, and what it cannot. */
export async function planAdd(project: Project, wanted: InterfaceId[], overrides: Inputs, cwd: string): Promise<AddPlan> {
  const { directory, inputs: recorded } = project;
  const previous = resolveModel(recorded, cwd);
  if (overrides.wasmcloud !== undefined && resolveModel({ ...recorded, wasmcloud: overrides.wasmcloud }, cwd).wasmcloud !== previous.wasmcloud) {
    throw new CreateError(
      'usage',
      `--wasmcloud: the project is for wasmCloud ${previous.wasmcloud}; add cannot change that.`,
      'wasmcloud',
      'drop --wasmcloud',
    );
  }
  if (overrides.wasi !== undefined && resolveWasi(overrides.wasi, previous.wasmcloud) !== previous.wasi) {
    throw new CreateError('usage', `--wasi: the project is written for WASI ${previous.wasi}; add cannot change that.`, 'wasi', 'drop --wasi');
  }
  const added = wanted.filter((id) => !previous.interfaces.includes(id));
  const found = unfitFor(added, previous.wasi);
  if (found) {
    const { unfit, needs } = found;
    throw new CreateError(
      'usage',
      `add: ${unfit.join(', ')} needs WASI ${needs}, and ${previous.names.component} is written for WASI ${previous.wasi}.`,
      'interfaces',
      `generate a WASI ${needs} project (--wasmcloud 2 --wasi ${needs}) and move your code into it, or leave out ${unfit.join(', ')}`,
    );
  }
  const model = resolveModel({ ...recorded, ...overrides, directory, interfaces: [...previous.interfaces, ...added] }, cwd);
  const warnings: string[] = [];
  const running = packageVersion();
  if (project.version !== running) {
    warnings.push(
      `${previous.names.component} was generated by ${project.version === undefined ? 'a version of create-wasmcloud-python that recorded none' : `create-wasmcloud-python ${project.version}`}, and this is ${running}: add takes this version's rendering of the recorded answers as the project as generated, so what this version renders differently counts as your edits and is merged as such`,
    );
  }
  if (added.length === 0) return { model, added, plan: [], conflicts: [], marked: [], warnings, notes: [] };
  const [before, after] = await Promise.all([renderProject(previous, cwd), renderProject(model, cwd, 'add')]);
  const old = new Map(before.map((f) => [f.path, f.contents.toString('utf8')]));
  const markers = withMarkers({ ours: 'yours', base: 'generated', theirs: `add ${added.join(', ')}` });
  const plan: PlannedFile[] = [];
  const marked: PlannedFile[] = [];
  const conflicts: Conflict[] = [];
  const notes: string[] = [];
  // app.py as generated takes the new interfaces' demo lines (and tests/test_app.py their tests); an edited one is kept.
  const appKept = readText(directory, 'app.py') !== old.get('app.py') && added.every((id) => CATALOG[id].direction === 'import');
  if (appKept) {
    const ctx = context(model);
    const sections = added.map((id) => `"${CATALOG[id].readme(ctx, PLATFORMS[model.wasmcloud].host).title}"`);
    const modules = [...new Set(added.flatMap((id) => (CATALOG[id].python(ctx).sdk ?? []).map((m) => `wasmcloud_sdk/${m.name}.py`)))];
    notes.push(
      `app.py has your edits, so add left it and tests/test_app.py as they are: ${added.join(', ')} ${added.length === 1 ? 'is' : 'are'} wired (${modules.join(', ')}, the WIT, the host's config); README.md's ${sections.join(', ')} ${sections.length === 1 ? 'section shows' : 'sections show'} how to call ${added.length === 1 ? 'it' : 'them'}`,
    );
  }
  for (const file of after) {
    const current = readText(directory, file.path);
    if (file.path === '.yo-rc.json' && current !== undefined) {
      // Yeoman's shared file: only this generator's key is ours; every other key, and its order, stays.
      const yoRc = updatedYoRc(current, file.contents.toString('utf8'));
      if (yoRc !== undefined) plan.push({ path: file.path, contents: Buffer.from(yoRc), action: 'overwrite' });
      continue;
    }
    const next = file.contents.toString('utf8');
    const was = old.get(file.path);
    if (current === next) continue; // it has the change already
    if (toolOwned(file.path)) {
      // The tool's own: written as it renders, whatever became of it (a change of the user's belongs in their modules).
      plan.push({ ...file, action: current === undefined ? 'create' : 'overwrite' });
      continue;
    }
    if (was === next) continue; // the new interfaces do not change it
    if (USER_PYTHON.includes(file.path) && appKept) continue; // the user's: kept as it is
    if (current === undefined) {
      plan.push({ ...file, action: 'create' });
      continue;
    }
    // A file the new interfaces bring that the user has already: nothing to merge with, so theirs is the proposal.
    const chunks = merge3(current, was ?? '', next);
    const propose = was === undefined ? (c: MergeConflict) => c.theirs.lines : proposal;
    const merged = mergedText(chunks, propose);
    const clashes = conflictsOf(chunks);
    const invalid = await parseProblem(file.path, merged);
    if (clashes.length === 0 && invalid === undefined) {
      if (merged !== current) plan.push({ path: file.path, contents: Buffer.from(merged), action: 'overwrite' });
      continue;
    }
    const mine = invalid === undefined ? undefined : await parseProblem(file.path, current);
    conflicts.push({
      path: file.path,
      lines: clashes.map(linesOf),
      ...(invalid === undefined ? {} : { invalid: mine === undefined ? invalid : `${invalid} (your file as it is: ${mine})` }),
      patch: unifiedDiff(current, merged, file.path),
    });
    marked.push({ path: file.path, contents: Buffer.from(clashes.length > 0 ? mergedText(chunks, markers) : merged), action: 'overwrite' });
  }
  const byPath = (a: PlannedFile, b: PlannedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  plan.sort(byPath);
  return { model, added, plan, conflicts, marked: [...plan, ...marked].sort(byPath), warnings, notes };
}
