import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { InterfaceId } from '../../src/interfaces/index.js';
import { typecheck, washBuild } from './build.js';
import { generate } from './project.js';

export interface Built {
  project: string;
  wasm: string;
  world: string;
  buildSeconds: number;
}

/** Generates a project, checks its bindings with mypy --strict, and builds it as wash 1.x would. */
export async function generateAndBuild(name: string, interfaces: InterfaceId[], extra: string[] = []): Promise<Built> {
  const project = await generate(name, ['--interfaces', interfaces.join(','), ...extra]);
  const { bindings, mypy } = typecheck(project, name);
  expect(bindings.status, bindings.output).toBe(0);
  expect(readdirSync(join(project, 'bindings', 'wit_world'))).toContain('exports');
  expect(mypy.status, mypy.output).toBe(0);
  expect(mypy.output).toMatch(/^Success: no issues found in 1 source file$/m);
  const started = Date.now();
  const { ran, artifact } = washBuild(project);
  expect(ran.status, ran.output).toBe(0);
  expect(existsSync(artifact), `${artifact} after: ${ran.output}`).toBe(true);
  expect(statSync(artifact).size).toBeGreaterThan(1_000_000);
  return { project, wasm: artifact, world: name, buildSeconds: (Date.now() - started) / 1000 };
}
