/**
 * The generator's output against the trees committed in test/golden/: a change of output is a diff of real
 * files in review. A meant change is committed with `npm run golden`.
 */
import { describe, expect, it } from 'vitest';
import { committedTree, differences, generateCase, goldenCases } from '../scripts/golden.mjs';

describe('golden trees (test/golden/)', () => {
  const cases = goldenCases();

  it('cover both majors, both WASI levels and the all-in-ones', () => {
    const args = cases.map((c) => c.args.join(' '));
    expect(args.some((a) => a.includes('--wasmcloud 1'))).toBe(true);
    expect(args.some((a) => a.includes('--wasi 0.3'))).toBe(true);
    expect(cases.filter((c) => c.name.endsWith('-all'))).toHaveLength(3);
  });

  it.each(cases.map((c) => [c.name, c]))('%s is generated as committed', (_name, testCase) => {
    const actual = generateCase(testCase);
    const expected = committedTree(testCase.name);
    const diff = differences(expected, actual);
    expect(diff, 'run `npm run golden` and commit the diff if the change is meant').toEqual([]);
    for (const [file, text] of actual) expect(text, file).toBe(expected.get(file));
  });

  it('a change of output is caught, naming the file', () => {
    const [first] = cases;
    const expected = committedTree(first!.name);
    const changed = new Map(expected);
    changed.set('app.py', `${expected.get('app.py')}# an edit\n`);
    changed.delete('README.md');
    changed.set('extra.txt', 'x');
    expect(differences(expected, changed)).toEqual(['- README.md', '~ app.py', '+ extra.txt']);
  });
});
