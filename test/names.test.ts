import { describe, expect, it } from 'vitest';
import { CreateError } from '../src/errors.js';
import { deriveNames, MAX_NAME_LENGTH, nameProblem, RESERVED_NAMES, suggestName, WIT_KEYWORDS } from '../src/names.js';

describe('names', () => {
  it('derives every name from the component name', () => {
    expect(deriveNames('my-component', 'acme')).toEqual({
      component: 'my-component',
      project: 'my-component',
      witPackage: 'acme:my-component',
      world: 'my-component',
      artifact: 'build/my_component.wasm',
      signedArtifact: 'build/my_component_s.wasm',
    });
  });

  it.each([
    ['', 'is empty'],
    ['a/b', 'path separator'],
    ['..', 'path separator'],
    ['9lives', 'starts with a digit'],
    ['héllo', 'ASCII'],
    ['hello world', 'ASCII'],
    ['Hello', 'kebab-case'],
    ['a--b', 'kebab-case'],
    ['a-1b', 'kebab-case'],
    ['trailing-', 'kebab-case'],
    ['world', 'WIT keyword'],
    ['interface', 'WIT keyword'],
    ['x'.repeat(MAX_NAME_LENGTH + 1), 'longer than'],
  ])('rejects %j (%s)', (name, problem) => {
    expect(nameProblem(name)).toContain(problem);
    expect(() => deriveNames(name, 'local')).toThrow(CreateError);
  });

  it.each(['a', 'hello', 'my-component', 'http2-proxy', 'a1-b2-c3', 'x'.repeat(MAX_NAME_LENGTH)])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    ['My Component', 'my-component'],
    ['myComponent', 'my-component'],
    ['  spaced__out  ', 'spaced-out'],
    ['9lives', 'lives9'],
    ['9x', 'x9'],
    ['123', 'n123'],
    ['app 2', 'app-n2'],
    ['Crème brûlée', 'creme-brulee'],
    ['world', 'world-component'],
    ['../etc/passwd', 'etc-passwd'],
  ])('suggests a valid name for %j', (input, suggestion) => {
    expect(suggestName(input)).toBe(suggestion);
    expect(nameProblem(suggestName(input))).toBeUndefined();
  });

  it('names the field and suggests a fix in the error', () => {
    try {
      deriveNames('My Component', 'local');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CreateError);
      expect((error as CreateError).field).toBe('name');
      expect((error as CreateError).hint).toContain('"my-component"');
    }
  });

  it('rejects a bad namespace under its own field', () => {
    expect(() => deriveNames('ok', 'Bad NS')).toThrow(/namespace/);
  });

  it('names a WIT keyword once, as WIT code: `name: \`import\` is a WIT keyword.`', () => {
    expect(() => deriveNames('import', 'local')).toThrow(/^name: `import` is a WIT keyword\.$/);
    expect(() => deriveNames('ok', 'world')).toThrow(/^namespace: `world` is a WIT keyword\.$/);
    for (const keyword of WIT_KEYWORDS) {
      const message = (() => {
        try {
          deriveNames(keyword, 'local');
        } catch (error) {
          return (error as CreateError).message;
        }
        return undefined;
      })();
      expect(message).toBe(`name: \`${keyword}\` is a WIT keyword.`);
    }
    // Any other name stays quoted as a string, as it may hold spaces.
    expect(() => deriveNames('My Thing', 'local')).toThrow(/^name: "My Thing" may only contain/);
  });

  it('keeps every keyword suggestion valid', () => {
    for (const keyword of WIT_KEYWORDS) expect(nameProblem(suggestName(keyword))).toBeUndefined();
  });

  it('refuses a name of a package the project uses (its SDK, its pinned tools): uv sync could not resolve it', () => {
    expect(() => deriveNames('wasmcloud-sdk', 'local')).toThrow(/is the name of a package the project uses \(its SDK, wasmcloud_sdk\/\)/);
    for (const name of RESERVED_NAMES) {
      expect(() => deriveNames(name, 'local'), name).toThrow(CreateError);
      expect(RESERVED_NAMES.has(suggestName(name))).toBe(false);
    }
  });
});
