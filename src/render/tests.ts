/** tests/: the fake host and the tests of each module, from the interfaces' test fragments. */
import { CATALOG } from '../interfaces/index.js';
import { context, type ProjectModel } from '../model.js';
import { fromImport, indent, isortOrder } from './python.js';

/** A test module: its tests and what they import. */
export interface TestModuleView {
  tests: string[];
  /** What the tests use (pytest, the FakeHost, app, capabilities), in isort's sections. */
  imports: string;
}

/**
 * tests/: the fake host in conftest.py (tool-owned, with the fixture that puts it in place of every
 * imported capability), tests of capabilities.py (tool-owned) and tests of app.py (the user's).
 */
export interface TestView {
  fakes: string[];
  state: string[];
  /** FakeHost methods, indented into the class. */
  methods: string[];
  patches: string[];
  /** conftest.py's imports, in isort's sections. */
  stdlib: string[];
  thirdParty: string[];
  firstParty: string[];
  capabilities: TestModuleView;
  app: TestModuleView;
}

function testModule(tests: string[]): TestModuleView {
  const code = tests.join('\n');
  const uses = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  const thirdParty = uses('pytest') ? ['import pytest'] : [];
  const firstParty = [...['app', 'capabilities'].filter((m) => uses(m)).map((m) => `import ${m}`), ...(uses('FakeHost') ? ['from tests.conftest import FakeHost'] : [])];
  return { tests, imports: [thirdParty, firstParty].filter((section) => section.length > 0).map((section) => section.join('\n')).join('\n\n') };
}

/**
 * A test of use_capabilities() as a WASI 0.3 project has it: use_capabilities is `async def` there, so the
 * test awaits it, and is `async def` itself (pytest-asyncio runs it). Other tests are as they are.
 */
export function awaitingTest(test: string): string {
  if (!/\buse_capabilities\(/.test(test)) return test;
  return test.replace(/^def test_/gm, 'async def test_').replace(/(?<!await )\bcapabilities\.use_capabilities\(/g, 'await capabilities.use_capabilities(');
}

export function testView(model: ProjectModel): TestView {
  const ctx = context(model);
  const parts = model.interfaces.flatMap((id) => {
    const tests = CATALOG[id].python(ctx).tests;
    if (!tests) return [];
    // An import's tests are written once, for both revisions; an export's are its revision's own.
    const adapted = model.wasi === '0.3' && CATALOG[id].direction === 'import' ? { ...tests, tests: tests.tests.map(awaitingTest) } : tests;
    return [{ ...adapted, direction: CATALOG[id].direction }];
  });
  const all = (pick: (t: (typeof parts)[number]) => string[] | undefined) => [...new Set(parts.flatMap((t) => pick(t) ?? []))];
  const view = {
    fakes: all((t) => t.fakes),
    state: all((t) => t.state),
    methods: all((t) => t.methods).map((m) => indent(m, '    ')),
    patches: all((t) => t.patches),
  };
  const code = [...view.fakes, ...view.state, ...view.methods, ...view.patches].join('\n');
  const used = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  const types = ['Err', 'Ok'].filter(used);
  const modules = all((t) => t.modules).sort(isortOrder);
  return {
    ...view,
    stdlib: [
      ...(used('asyncio') ? ['import asyncio'] : []),
      `from dataclasses import ${['dataclass', ...(used('field') ? ['field'] : [])].join(', ')}`,
      ...(used('Self') ? ['from typing import Self'] : []),
    ],
    thirdParty: [
      'import pytest',
      ...(types.length > 0 ? [`from componentize_py_types import ${types.join(', ')}`] : []),
      ...(modules.length > 0 ? [fromImport('wit_world.imports', modules)] : []),
    ],
    firstParty: used('capabilities') ? ['import capabilities'] : [],
    capabilities: testModule(all((t) => (t.direction === 'import' ? t.tests : []))),
    app: testModule(all((t) => (t.direction === 'export' ? t.tests : []))),
  };
}
