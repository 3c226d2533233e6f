import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CreateError } from './errors.js';

export interface GeneratedFile {
  /** Relative to the project directory, with `/`. */
  path: string;
  contents: Buffer;
}

export type FileAction = 'create' | 'overwrite' | 'unchanged';

export interface PlannedFile extends GeneratedFile {
  action: FileAction;
}

/** Refuses a target that exists and is not an empty directory, unless `force`. */
export function checkTarget(directory: string, force: boolean): void {
  if (!existsSync(directory)) return;
  if (!statSync(directory).isDirectory()) {
    throw new CreateError('target-exists', `${directory} exists and is not a directory.`, 'directory', 'choose another --directory');
  }
  if (!force && readdirSync(directory).length > 0) {
    throw new CreateError(
      'target-exists',
      `${directory} is not empty.`,
      'directory',
      'choose another name or --directory, or pass --force to write only the generated files into it',
    );
  }
}

export function planFiles(directory: string, files: GeneratedFile[]): PlannedFile[] {
  return files
    .map((file) => {
      const target = join(directory, file.path);
      let action: FileAction = 'create';
      if (existsSync(target)) {
        if (!statSync(target).isFile()) {
          throw new CreateError('target-exists', `${target} exists and is not a file.`, 'directory', 'move it away, or choose another --directory');
        }
        action = readFileSync(target).equals(file.contents) ? 'unchanged' : 'overwrite';
      }
      return { ...file, action };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Writes the plan. If anything fails, every file it created is removed, every file it overwrote is
 * restored and every directory it made is removed, then the error is rethrown.
 */
export function writePlan(directory: string, plan: PlannedFile[]): void {
  const createdDirs: string[] = [];
  const createdFiles: string[] = [];
  const overwritten: Array<[string, Buffer]> = [];
  const ensureDir = (dir: string): void => {
    if (existsSync(dir)) return;
    ensureDir(dirname(dir));
    mkdirSync(dir);
    createdDirs.push(dir);
  };
  try {
    for (const file of plan) {
      if (file.action === 'unchanged') continue;
      const target = join(directory, file.path);
      ensureDir(dirname(target));
      // Recorded before the write, so that a half-written file is undone too.
      if (file.action === 'overwrite') overwritten.push([target, readFileSync(target)]);
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
    for (const [file, contents] of overwritten) attempt(() => writeFileSync(file, contents));
    // A directory that is not empty holds something else's files: rmdir refuses, and it stays.
    for (const dir of createdDirs.reverse()) attempt(() => rmdirSync(dir));
    throw error;
  }
}

export function relativePosix(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}
