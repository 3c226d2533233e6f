/** tests/test_app.py, the user's: the tests of each export's routes and of each import's demo lines, on wasmcloud_sdk.testing. */
import { CATALOG } from '../interfaces/index.js';
import { context, type ProjectModel } from '../model.js';
import { sdkModules } from '../component.js';
import { DEMO } from './python.js';

/** A test module: its tests and what they import. */
export interface TestModuleView {
  tests: string[];
  /** What the tests use (pytest, app, the test client and hosts), in isort's sections. */
  imports: string;
}

export interface TestView {
  app: TestModuleView;
}

/** What a test may use from the standard library, by the name it uses. */
const STDLIB: Record<string, string> = { asyncio: 'import asyncio', urlsplit: 'from urllib.parse import urlsplit' };

function testModule(tests: string[], sdk: string[]): TestModuleView {
  const code = tests.join('\n');
  const uses = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(code);
  const stdlib = Object.entries(STDLIB)
    .filter(([name]) => uses(name))
    .map(([, line]) => line)
    .sort((a, b) => (a.split(' ')[1] as string).localeCompare(b.split(' ')[1] as string));
  const thirdParty = uses('pytest') ? ['import pytest'] : [];
  const modules = sdk.filter((m) => new RegExp(`(?<![.\\w])${m}\\.`).test(code)).sort();
  const testing = ['Client', 'Hosts'].filter(uses);
  const firstParty = [
    ...(uses('app') ? ['import app'] : []),
    ...(modules.length > 0 ? [`from wasmcloud_sdk import ${modules.join(', ')}`] : []),
    ...(testing.length > 0 ? [`from wasmcloud_sdk.testing import ${testing.join(', ')}`] : []),
  ];
  return {
    tests,
    imports: [stdlib, thirdParty, firstParty]
      .filter((section) => section.length > 0)
      .map((section) => section.join('\n'))
      .join('\n\n'),
  };
}

/**
 * A test of demo() as a WASI 0.3 project has it: demo is `async def` there, so the test awaits it, and is
 * `async def` itself (pytest-asyncio runs it). Other tests are as they are.
 */
function awaitingTest(test: string): string {
  if (!new RegExp(`\\bapp\\.${DEMO}\\(`).test(test)) return test;
  return test.replace(/^def test_/gm, 'async def test_').replace(new RegExp(`(?<!await )\\bapp\\.${DEMO}\\(`, 'g'), `await app.${DEMO}(`);
}

export function testView(model: ProjectModel): TestView {
  const ctx = context(model);
  const tests = model.interfaces.flatMap((id) => {
    const found = CATALOG[id].python(ctx).tests ?? [];
    // An import's tests are written once, for both revisions; an export's are its revision's own.
    return model.wasi === '0.3' && CATALOG[id].direction === 'import' ? found.map(awaitingTest) : found;
  });
  return {
    app: testModule(
      [...new Set(tests)],
      sdkModules(model).map((m) => m.name),
    ),
  };
}
