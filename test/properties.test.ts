/**
 * Property-based: escaping round-trips for every string, and every input the command accepts yields files
 * that all parse, while every input it rejects writes nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { python, toml, yaml } from '../src/escape.js';
import { INTERFACE_IDS } from '../src/interfaces/index.js';
import { nameProblem } from '../src/names.js';
import { listFiles, read, runCli, tempDir } from './support/project.js';
import { pythonLiterals, pythonParse } from './support/python.js';
import { parsePackage } from './support/wit.js';

const anyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

describe('escaping', () => {
  it('TOML strings round-trip (lone surrogates become U+FFFD)', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        expect((parseToml(`v = ${toml(value)}`) as { v: string }).v).toBe(value.toWellFormed());
      }),
      { numRuns: 3000 },
    );
  });

  it('YAML scalars round-trip as strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyString, fc.constantFrom('true', 'no', '~', '1.5', '0x1F', '.inf', 'null', '- a', 'a: b', '#c', '0.0.0.0:8000')),
        (value) => {
          expect((parseYaml(`v: ${yaml(value)}`) as { v: unknown }).v).toBe(value.toWellFormed());
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('Python literals evaluate to the same string', () => {
    const values = fc.sample(anyString, 3000).map((v) => v.toWellFormed());
    const results = pythonLiterals(values.map(python));
    results.forEach((result, i) => expect(result, JSON.stringify(values[i])).toEqual({ value: values[i] }));
  });
});

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('"""', "it's", 'a\\b', '{x}', '${HOME}', '`cmd`', '<%= x %>', '"; rm -rf /'),
);
const nameLike = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z][a-z0-9]{0,6}){0,3}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('world', 'use', '9x', 'a/b', '..', 'Foo', 'x'.repeat(60)) },
);

const inputs = fc.record({
  name: nameLike,
  namespace: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, nameLike),
  description: fc.oneof(fc.constant(undefined), text),
  greeting: fc.oneof(fc.constant(undefined), text),
  subscription: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    fc.constantFrom('a.b', 'jobs.>', 'x.*.y', 'bad subject', '>', '.'),
    fc.string({ maxLength: 12 }),
  ),
  httpAddress: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    fc.constantFrom('127.0.0.1:9000', '[::1]:80', 'host:0', 'x:70000', 'nohost'),
    fc.string({ maxLength: 12 }),
  ),
  // secrets is WASI 0.3 only, and 0.3 wasmCloud 2 only: the combinations that are refused are refused whole.
  interfaces: fc.subarray(INTERFACE_IDS, { minLength: 1 }),
  wasi: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, fc.constantFrom('0.2', '0.3', 'p3', '0.4', '')),
  wasmcloud: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, fc.constantFrom('1', '2', 'v2', '3', '')),
});

function argvOf(input: typeof inputs extends fc.Arbitrary<infer T> ? T : never): string[] {
  const argv = [input.name, '--yes', '--interfaces', input.interfaces.join(',')];
  const flags: Array<[string, string | undefined]> = [
    ['--namespace', input.namespace],
    ['--description', input.description],
    ['--greeting', input.greeting],
    ['--subscription', input.subscription],
    ['--http-address', input.httpAddress],
    ['--wasmcloud', input.wasmcloud],
    ['--wasi', input.wasi],
  ];
  for (const [flag, value] of flags) if (value !== undefined) argv.push(`${flag}=${value}`);
  return argv;
}

describe('generated files for arbitrary input', () => {
  it('accepted input yields TOML, YAML, Python and WIT that parse; rejected input writes nothing', async () => {
    const samples = fc.sample(inputs, 1500);
    const pythonSources: Array<{ source: string; argv: string[] }> = [];
    let accepted = 0;
    for (const sample of samples) {
      const argv = argvOf(sample);
      const cwd = tempDir('cwp-prop-');
      const result = await runCli(argv, cwd);
      if (result.code !== 0) {
        expect(result.code, `${JSON.stringify(argv)}: ${result.stderr}`).toBe(2);
        expect(readdirSync(cwd), JSON.stringify(argv)).toEqual([]);
        continue;
      }
      accepted++;
      expect(nameProblem(sample.name)).toBeUndefined();
      const dir = join(cwd, sample.name);
      for (const file of listFiles(dir)) {
        const body = read(dir, file);
        if (file.endsWith('.toml')) expect(() => parseToml(body), `${file} ${JSON.stringify(argv)}`).not.toThrow();
        if (file.endsWith('.yaml'))
          expect(
            parseAllDocuments(body).flatMap((d) => d.errors),
            `${file} ${JSON.stringify(argv)}`,
          ).toEqual([]);
        if (file.endsWith('.wit')) expect(() => parsePackage(body), `${file} ${JSON.stringify(argv)}`).not.toThrow();
      }
      const toml = parseToml(read(dir, 'pyproject.toml')) as { project: { description: string } };
      if (sample.description !== undefined) expect(toml.project.description).toBe(sample.description);
      const deployed = existsSync(join(dir, 'wadm.yaml'))
        ? parseYaml(read(dir, 'wadm.yaml'))
        : parseAllDocuments(read(dir, 'manifests/workloaddeployment.yaml'))
            .map((d) => d.toJS())
            .find((d) => d.kind === 'WorkloadDeployment');
      expect((deployed as { metadata: { name: string } }).metadata.name).toBe(sample.name);
      expect(existsSync(join(dir, 'wadm.yaml'))).toBe(sample.wasmcloud === '1');
      pythonSources.push({ source: read(dir, 'app.py'), argv });
    }
    expect(accepted).toBeGreaterThan(50);
    expect(samples.length - accepted).toBeGreaterThan(50);
    const errors = pythonParse(pythonSources.map((p) => p.source));
    errors.forEach((error, i) => expect(error, JSON.stringify(pythonSources[i]?.argv)).toBeNull());
  }, 300_000);
});
