/**
 * README's deploy step as written: `wash oci push --insecure <the manifest's image> <the artifact>` to a
 * local registry on plain HTTP (CNCF distribution's `registry`, on the host and port the manifest names),
 * and `wash oci pull --insecure` of the manifest's image gives back the same bytes. Without --insecure the
 * same push fails, which is why README says when it is needed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/build.js';
import { readToolchain } from './support/jco.js';
import { generate, read } from './support/project.js';
import { start, waitFor, washBuildOffline, type Proc } from './support/wash.js';

/** The `wash oci push` line of README's shell blocks, split as a shell would split it. */
function readmePush(project: string): string[] {
  const line = read(project, 'README.md')
    .split('\n')
    .find((l) => /^wash oci push\b/.test(l));
  if (!line) throw new Error('no wash oci push command in README.md');
  return line.trim().split(/\s+/);
}

describe('deploy: README pushes the component to the registry the manifest names', () => {
  let project: string;
  let image: string;
  let registry: Proc;
  beforeAll(async () => {
    project = await generate('shipped', ['--interfaces', 'http-server']);
    const built = await washBuildOffline(project);
    expect(built.code, built.output).toBe(0);
    const docs = parseAllDocuments(read(project, 'manifests/workloaddeployment.yaml')).map((d) => d.toJS() as { kind: string; spec: any });
    image = docs.find((d) => d.kind === 'WorkloadDeployment')?.spec.template.spec.components[0].image as string;
    const address = image.split('/')[0] as string;
    expect(address).toBe('localhost:5000');
    const root = mkdtempSync(join(tmpdir(), 'cwp-registry-'));
    const config = join(root, 'config.yml');
    writeFileSync(config, `version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: ${root}/data\nhttp:\n  addr: ${address}\n`);
    registry = start([readToolchain().paths.registry, 'serve', config], root);
    await waitFor(registry, /listening on/, 'registry', 60_000);
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('fails without --insecure against a plain-HTTP registry', () => {
    const tc = readToolchain();
    const argv = readmePush(project).filter((a) => a !== '--insecure');
    const ran = run([tc.paths.wash, ...argv.slice(1)], project, 120_000);
    expect(ran.status).not.toBe(0);
  });

  it("pushes with README's exact command, and pulls the manifest's image back byte for byte", () => {
    const tc = readToolchain();
    const argv = readmePush(project);
    expect(argv).toEqual(['wash', 'oci', 'push', '--insecure', image, 'build/shipped.wasm']);
    const pushed = run([tc.paths.wash, ...argv.slice(1)], project, 120_000);
    expect(pushed.status, pushed.output).toBe(0);
    const pulled = join(mkdtempSync(join(tmpdir(), 'cwp-pulled-')), 'component.wasm');
    const pull = run([tc.paths.wash, 'oci', 'pull', '--insecure', image, pulled], project, 120_000);
    expect(pull.status, pull.output).toBe(0);
    expect(readFileSync(pulled).equals(readFileSync(join(project, 'build', 'shipped.wasm')))).toBe(true);
  });
});
