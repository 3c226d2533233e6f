import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CreateError } from '../src/errors.js';
import { checkTarget, planFiles, writePlan } from '../src/writer.js';
import { listFiles, tempDir } from './support/project.js';

const file = (path: string, text: string) => ({ path, contents: Buffer.from(text) });

describe('writing a plan', () => {
  it('rolls back a write that fails part-way: created files and directories removed, overwritten files restored', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'keep.txt'), 'original');
    writeFileSync(join(dir, 'wit'), 'a file where a directory is needed');
    const plan = planFiles(dir, [file('a/new.txt', 'new'), file('keep.txt', 'changed'), file('wit/world.wit', 'world')]);
    expect(plan.map((p) => [p.path, p.action])).toEqual([
      ['a/new.txt', 'create'],
      ['keep.txt', 'overwrite'],
      ['wit/world.wit', 'create'],
    ]);
    expect(() => writePlan(dir, plan)).toThrow(/ENOTDIR|EEXIST/);
    expect(listFiles(dir)).toEqual(['keep.txt', 'wit']);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('original');
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('leaves unchanged files untouched and writes the rest', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'same.txt'), 'same');
    const plan = planFiles(dir, [file('same.txt', 'same'), file('deep/er/new.txt', 'x')]);
    expect(plan.find((p) => p.path === 'same.txt')?.action).toBe('unchanged');
    writePlan(dir, plan);
    expect(readFileSync(join(dir, 'deep/er/new.txt'), 'utf8')).toBe('x');
  });

  it('refuses a target that is a file, or a non-empty directory without force', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), '');
    expect(() => checkTarget(join(dir, 'f'), true)).toThrow(CreateError);
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'x'), '');
    expect(() => checkTarget(join(dir, 'd'), false)).toThrow(/not empty/);
    expect(() => checkTarget(join(dir, 'd'), true)).not.toThrow();
    expect(() => checkTarget(join(dir, 'missing'), false)).not.toThrow();
  });
});
