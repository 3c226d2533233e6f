import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CreateError, fileError } from './errors.js';
import { WIT_PACKAGES } from './interfaces/wit.js';

export interface GeneratedFile {
  /** Relative to the project directory, with `/`. */
  path: string;
  contents: Buffer;
}

export type FileAction = 'create' | 'overwrite' | 'unchanged' | 'remove';

export interface PlannedFile extends GeneratedFile {
  /** For `remove`, `contents` is empty: nothing is written. */
  action: FileAction;
}

/** Every folder under wit/deps/ that some run of the generator could have vendored a package into. */
const VENDORED_WIT_DIRS: ReadonlySet<string> = new Set(Object.values(WIT_PACKAGES).map((p) => p.dir));

/** How to get past a non-empty target, wherever it is refused. */
export const TARGET_HINT = 'choose another name or --directory, or pass --force to write only the generated files into it';

/**
 * Refuses a target that exists and is not an empty directory, unless `force`; and, force or not, one whose
 * `.yo-rc.json` is a directory, where the project records its answers (add reads them): bad input, exit 2.
 */
export function checkTarget(directory: string, force: boolean): void {
  if (!existsSync(directory)) return;
  if (!statSync(directory).isDirectory()) {
    throw new CreateError('target-exists', `${directory} exists and is not a directory.`, 'directory', 'choose another --directory');
  }
  const yoRc = join(directory, '.yo-rc.json');
  if (existsSync(yoRc) && statSync(yoRc).isDirectory()) {
    throw new CreateError(
      'usage',
      `${yoRc} is a directory: the project records its answers in a file of that name, which add reads.`,
      'directory',
      'move or remove that .yo-rc.json directory, or choose another --directory',
    );
  }
  if (!force && isNonEmptyDirectory(directory)) {
    throw new CreateError('target-exists', `${directory} is not empty.`, 'directory', TARGET_HINT);
  }
}

/** A directory with something in it: what --force is needed to write into. */
export function isNonEmptyDirectory(directory: string): boolean {
  return existsSync(directory) && statSync(directory).isDirectory() && readdirSync(directory).length > 0;
}

export function planFiles(directory: string, files: GeneratedFile[]): PlannedFile[] {
  const writes = files.map((file): PlannedFile => {
    const target = join(directory, file.path);
    let action: FileAction = 'create';
    if (existsSync(target)) {
      if (!statSync(target).isFile()) {
        throw new CreateError('target-exists', `${target} exists and is not a file.`, 'directory', 'move it away, or choose another --directory');
      }
      action = readFileSync(target).equals(file.contents) ? 'unchanged' : 'overwrite';
    }
    return { ...file, action };
  });
  return [...writes, ...staleWit(directory, files)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Vendored WIT that this run does not write: left in place, wit-parser would still read it, and a
 * package from another run (another interface, the other wasmCloud major) can clash with the new one.
 * Only `package.wit` in a folder the generator names is ours to remove; anything else is the user's.
 */
function staleWit(directory: string, files: GeneratedFile[]): PlannedFile[] {
  const deps = join(directory, 'wit', 'deps');
  if (!existsSync(deps) || !statSync(deps).isDirectory()) return [];
  const planned = new Set(files.map((f) => f.path));
  return readdirSync(deps)
    .filter((dir) => VENDORED_WIT_DIRS.has(dir))
    .map((dir) => `wit/deps/${dir}/package.wit`)
    .filter((path) => !planned.has(path) && existsSync(join(directory, path)) && statSync(join(directory, path)).isFile())
    .map((path) => ({ path, contents: Buffer.alloc(0), action: 'remove' as const }));
}

/**
 * Writes the plan. If anything fails, every file it created is removed, every file it overwrote or
 * removed is restored and every directory it made or removed is put back as it was, then the error is
 * rethrown.
 */
export function writePlan(directory: string, plan: PlannedFile[]): void {
  const createdDirs: string[] = [];
  const createdFiles: string[] = [];
  // Overwritten and removed files alike: restoring either is writing the old bytes back.
  const replaced: Array<[string, Buffer]> = [];
  const removedDirs: string[] = [];
  const ensureDir = (dir: string): void => {
    if (existsSync(dir)) return;
    ensureDir(dirname(dir));
    mkdirSync(dir);
    createdDirs.push(dir);
  };
  // The step under way, for the one line an unexpected failure prints (Node names no path for some).
  let doing: [verb: string, path: string] = ['write', '.'];
  try {
    for (const file of plan) {
      if (file.action === 'unchanged') continue;
      const target = join(directory, file.path);
      doing = [file.action === 'remove' ? 'remove' : 'write', file.path];
      if (file.action === 'remove') {
        replaced.push([target, readFileSync(target)]);
        rmSync(target);
        if (readdirSync(dirname(target)).length === 0) {
          rmdirSync(dirname(target));
          removedDirs.push(dirname(target));
        }
        continue;
      }
      ensureDir(dirname(target));
      // Recorded before the write, so that a half-written file is undone too.
      if (file.action === 'overwrite') replaced.push([target, readFileSync(target)]);
      else createdFiles.push(target);
      writeFileSync(target, file.contents);
    }
  } catch (error) {
    // Each step on its own: one that fails must not keep the others from running.
    const attempt = (step: () => void): void => {
      try {
        step();
      } catch {
        // best effort; the original error is what the user needs to see
      }
    };
    for (const file of createdFiles) attempt(() => rmSync(file, { force: true }));
    for (const dir of removedDirs) attempt(() => mkdirSync(dir, { recursive: true }));
    for (const [file, contents] of replaced) attempt(() => writeFileSync(file, contents));
    // A directory that is not empty holds something else's files: rmdir refuses, and it stays.
    for (const dir of createdDirs.reverse()) attempt(() => rmdirSync(dir));
    throw fileError(error, ...doing);
  }
}

export function relativePosix(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}
