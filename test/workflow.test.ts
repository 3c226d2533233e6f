/**
 * This repository's own CI workflow, .github/workflows/ci.yml (not the one a generated project gets): valid for
 * GitHub, and doing on each Node of its matrix what .ci/run does.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TEST_TOOLCHAIN } from '../src/versions.js';
import { readToolchain } from './support/jco.js';
import { ROOT, tempDir } from './support/project.js';

const FILE = join(ROOT, '.github', 'workflows', 'ci.yml');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Job {
  'runs-on': string;
  strategy: { matrix: { node: string[] } };
  defaults: { run: { shell: string; 'working-directory': string } };
  env: Record<string, string>;
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = readFileSync(FILE, 'utf8');
const workflow = parse(text) as Workflow;
const jobs = Object.values(workflow.jobs);
const job = jobs[0] as Job;
const steps = job.steps;
const action = (name: string): Step[] => steps.filter((s) => s.uses?.split('@')[0] === name);
const runs = steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));
const indexOfRun = (command: string): number => steps.findIndex((s) => s.run?.split('\n').some((line) => line.trim() === command));

describe('.github/workflows/ci.yml', () => {
  it('runs on every push and pull request, one job on ubuntu-latest', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(jobs).toHaveLength(1);
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(workflow.env.CI).toBe('true');
  });

  it('has a Node matrix of 20, 22 and 24, each a major.minor the package and its test tools accept, that setup-node installs', () => {
    const versions = job.strategy.matrix.node;
    for (const v of versions) expect(v, v).toMatch(/^\d+\.\d+$/);
    const parsed = versions.map((v) => v.split('.').map(Number) as [number, number]);
    expect(parsed.map(([major]) => major)).toEqual([20, 22, 24]);
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const [floorMajor, floorMinor] = (/^>=(\d+)\.(\d+)$/.exec(engines) ?? []).slice(1).map(Number);
    for (const [major, minor] of parsed) expect(major > floorMajor! || minor >= floorMinor!, `${major}.${minor} against ${engines}`).toBe(true);
    // vite (under vitest) needs ^20.19.0 on Node 20.
    expect(parsed[0]![1]).toBeGreaterThanOrEqual(19);
    const setup = action('actions/setup-node');
    expect(setup).toHaveLength(1);
    expect(setup[0]!.with?.['node-version']).toBe('${{ matrix.node }}');
  });

  it('checks this repository out with the reference data beside it, at ../shared/reference, and says where it comes from', () => {
    const [self, reference, ...others] = action('actions/checkout');
    expect(others).toHaveLength(0);
    const here = self!.with?.path as string;
    expect(self!.with?.repository).toBeUndefined();
    expect(job.defaults.run['working-directory']).toBe(here);
    // The layout test/support/project.ts's REFERENCE defaults to, and CWP_REFERENCE naming the same place.
    expect(reference!.with?.path).toBe(posix.join(here, '..', 'shared', 'reference'));
    expect(job.env.CWP_REFERENCE).toBe('${{ github.workspace }}/shared/reference');
    // The reference repository is a variable of the repository running the workflow, documented at the top.
    expect(reference!.with?.repository).toBe('${{ env.CWP_REFERENCE_REPOSITORY }}');
    expect(workflow.env.CWP_REFERENCE_REPOSITORY).toBe('${{ vars.CWP_REFERENCE_REPOSITORY }}');
    expect(text.split('\n', 20).join('\n')).toContain('set the repository variable CWP_REFERENCE_REPOSITORY');
    // Unset, the job fails first, with a message; it never runs the suite without the data.
    expect(steps[0]!.run).toMatch(
      /if \[ -z "\$CWP_REFERENCE_REPOSITORY" \]; then\n\s+echo "::error::[^\n]*CWP_REFERENCE_REPOSITORY[^\n]*"\n\s+exit 1/,
    );
  });

  it('installs what .ci/run installs for the real-host suites, the same way, before npm test', () => {
    const ciRun = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    const packages = [...ciRun.matchAll(/apt-get install [^\n]*? (\S+) >\/dev\/null$/gm)].map((m) => m[1]);
    expect(packages).toEqual(['postgresql', 'redis-server', 'patch', 'wrk']);
    const test = indexOfRun('npm test');
    for (const pkg of packages) {
      const at = steps.findIndex((s) => new RegExp(`apt-get install -y -qq --no-install-recommends ${pkg}$`, 'm').test(s.run ?? ''));
      expect(at, pkg).toBeGreaterThanOrEqual(0);
      expect(at, pkg).toBeLessThan(test);
    }
    const postgres = runs.find((r) => r.includes(' postgresql\n')) as string;
    expect(postgres).toContain("echo 'create_main_cluster = false' | sudo tee /etc/postgresql-common/createcluster.conf");
    expect(postgres.indexOf('create_main_cluster = false')).toBeLessThan(postgres.indexOf('apt-get install'));
  });

  it('gives scripts/toolchain.mjs the Python and Go it builds the toolchain with', () => {
    const python = action('actions/setup-python');
    expect(python).toHaveLength(1);
    expect(python[0]!.with?.['python-version']).toBe(TEST_TOOLCHAIN.python);
    expect(steps[indexOfRun('npm test')]!.env?.TOOLCHAIN_PYTHON).toBe(`\${{ steps.${python[0]!.id}.outputs.python-path }}`);
    expect(action('actions/setup-go')).toHaveLength(1);
  });

  it("runs README's two commands in order, then the automation check, as .ci/run does", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const commands = (/```sh\n([^`]*)```/.exec(readme)?.[1] ?? '')
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean)
      .flatMap((line) => line.split(' && '));
    expect(commands).toEqual(['npm ci', 'npm run create -- hello --yes', 'npm test']);
    const at = commands.map(indexOfRun);
    for (const [i, command] of commands.entries()) expect(at[i], command).toBeGreaterThanOrEqual(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(indexOfRun('bash scripts/automation-check.sh')).toBe(steps.length - 1);
  });

  it("validates against schemastore's GitHub workflow schema (check-jsonschema's copy), and the check can fail", () => {
    const tc = readToolchain();
    const check = (file: string) => spawnSync(tc.paths.checkJsonschema, ['--builtin-schema', 'vendor.github-workflows', file], { encoding: 'utf8' });
    const ok = check(FILE);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    const broken = join(tempDir(), 'ci.yml');
    writeFileSync(broken, text.replace('runs-on: ubuntu-latest', 'runs-on: [1, 2]').replace('steps:', 'stepz:'));
    expect(check(broken).status).not.toBe(0);
  });
});
