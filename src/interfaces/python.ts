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

/**
 * A block that stands for blocks of another file, which two revisions of a module share:
 * `# shared: <folder>/<file>: <name>, <name>` (the blocks that define those functions or classes, in that order).
 */
const SHARED = /^# shared: ([a-z0-9-]+)\/([a-z0-9_/]+\.py): ([A-Za-z_][\w, ]*)$/;

/** The name a block defines: its function or class. */
const defined = (block: string): string | undefined => /^(?:@\S+\n)*(?:async def|def|class) (\w+)/.exec(block)?.[1];

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
        if (!shared) return [block];
        const from = pythonBlocks(shared[1] as string, shared[2] as string);
        return (shared[3] as string).split(',').map((name) => {
          const found = from.find((b) => defined(b) === name.trim());
          if (!found) throw new Error(`${folder}/${file}: ${shared[1]}/${shared[2]} defines no ${name.trim()}`);
          return found;
        });
      });
    cache.set(path, blocks);
  }
  return blocks;
}

/** The whole of a file: a step, or a module the tool owns, imports and all. */
export function pythonBlock(folder: string, file: string): string {
  return pythonBlocks(folder, file).join('\n\n\n');
}
