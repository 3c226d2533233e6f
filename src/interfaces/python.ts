/**
 * The Python of each interface lives in `.py` files in its folder, so that it reads as Python and a test
 * can lint it; this module reads them. The files hold top-level blocks (functions, classes, tests, or a
 * FakeHost method written as a top-level `def` taking `self`), separated as ruff formats them: by two
 * blank lines. None holds a value of the project: those are constants the renderer writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

/** Where the interface folders are, in the source tree and in the published package alike. */
export const INTERFACES_DIR = join(PACKAGE_ROOT, 'src', 'interfaces');

const cache = new Map<string, string[]>();

/** A block that stands for the blocks of another file, which two revisions of a module share: `# shared: <folder>/<file> (...)`. */
const SHARED = /^# shared: ([a-z0-9-]+)\/([a-z0-9_/]+\.py)\b[^\n]*$/;

/** The top-level blocks of `src/interfaces/<folder>/<file>`, in order, each `# shared:` block replaced by the blocks it names. */
export function pythonBlocks(folder: string, file: string): string[] {
  const path = join(INTERFACES_DIR, folder, file);
  let blocks = cache.get(path);
  if (!blocks) {
    blocks = readFileSync(path, 'utf8')
      .trimEnd()
      .split(/\n\n\n(?=\S)/)
      .flatMap((block) => {
        const shared = SHARED.exec(block);
        return shared ? pythonBlocks(shared[1] as string, shared[2] as string) : [block];
      });
    cache.set(path, blocks);
  }
  return blocks;
}

/** The whole of a file: a step, or a module the tool owns, imports and all. */
export function pythonBlock(folder: string, file: string): string {
  return pythonBlocks(folder, file).join('\n\n\n');
}
