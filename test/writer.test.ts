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

  it('plans the removal of package.wit in a known vendored folder that the run does not write, and of nothing else', () => {
    const dir = tempDir();
    const put = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    put('wit/deps/wasi-keyvalue-0.2.0-draft/package.wit', 'stale');
    put('wit/deps/wasi-http-0.2.0/package.wit', 'current');
    put('wit/deps/wasi-io-0.2.6/other.wit', 'not package.wit');
    put('wit/deps/mine/package.wit', 'not a folder the generator names');
    const plan = planFiles(dir, [file('wit/deps/wasi-http-0.2.0/package.wit', 'current')]);
    expect(plan.map((p) => [p.path, p.action])).toEqual([
      ['wit/deps/wasi-http-0.2.0/package.wit', 'unchanged'],
      ['wit/deps/wasi-keyvalue-0.2.0-draft/package.wit', 'remove'],
    ]);
    writePlan(dir, plan);
    expect(listFiles(dir)).toEqual(['wit/deps/mine/package.wit', 'wit/deps/wasi-http-0.2.0/package.wit', 'wit/deps/wasi-io-0.2.6/other.wit']);
    expect(existsSync(join(dir, 'wit/deps/wasi-keyvalue-0.2.0-draft'))).toBe(false);
  });

  it('rolls back a removal too: the removed file and its folder come back when a later write fails', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'wit/deps/wasi-keyvalue-0.2.0-draft'), { recursive: true });
    writeFileSync(join(dir, 'wit/deps/wasi-keyvalue-0.2.0-draft/package.wit'), 'stale but mine to keep on failure');
    writeFileSync(join(dir, 'zz'), 'a file where a directory is needed');
    const plan = planFiles(dir, [file('wit/world.wit', 'world'), file('zz/later.txt', 'x')]);
    expect(plan.map((p) => p.action)).toEqual(['remove', 'create', 'create']);
    expect(() => writePlan(dir, plan)).toThrow(/ENOTDIR|EEXIST/);
    expect(listFiles(dir)).toEqual(['wit/deps/wasi-keyvalue-0.2.0-draft/package.wit', 'zz']);
    expect(readFileSync(join(dir, 'wit/deps/wasi-keyvalue-0.2.0-draft/package.wit'), 'utf8')).toBe('stale but mine to keep on failure');
  });
});
