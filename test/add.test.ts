/**
 * `create-wasmcloud-python add`: a generated project grows, and the user's edits survive. The real-host
 * proof (the counter and the greeting served by wash dev) is in e2e-wash-http.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectCleanPython } from './support/build.js';
import { generate, listFiles, read, runCli, snapshotTree, tempDir } from './support/project.js';
import { washBuildOffline } from './support/wash.js';

const MINE = '\n\n\ndef mine() -> int:\n    """A function of the user\'s own."""\n    return 42\n';

/** Edits app.py as a user would: a comment at the top, a function of their own at the end. */
function editAsUser(project: string): void {
  const app = read(project, 'app.py');
  writeFileSync(join(project, 'app.py'), `# my notes\n${app.trimEnd()}${MINE}`);
}

// Several tests type-check, test and build a project: a minute each on two idle cores, more under load.
describe('add', { timeout: 240_000 }, () => {
  it('grows an edited HTTP project by keyvalue, then config, keeping the edits; it type-checks, tests and builds offline', async () => {
    const project = await generate('grown', ['--interfaces', 'http-server']);
    editAsUser(project);
    const edited = read(project, 'app.py');
    const first = await runCli(['add', 'keyvalue'], project);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Added keyvalue to grown:$/m);
    expect(first.stdout).toMatch(/^ {2}create {5}wit\/deps\/wasi-keyvalue-0\.2\.0-draft\/package\.wit$/m);
    const second = await runCli(['add', 'config', '--greeting', 'Howdy'], project);
    expect(second.code, second.stderr).toBe(0);
    expect(read(project, 'app.py')).toBe(edited);
    const world = read(project, 'wit/world.wit');
    expect(world).toContain('import wasi:keyvalue/store@0.2.0-draft;');
    expect(world).toContain('import wasi:config/store@0.2.0-rc.1;');
    expect(read(project, 'wasmcloud_sdk/keyvalue.py')).toContain('def open(bucket: str) -> Bucket:');
    // app.py has the user's edits: add wires keyvalue and says where README shows how to call it, nothing more.
    expect(first.stdout).toContain(
      "Note: app.py has your edits, so add left it and tests/test_app.py as they are: keyvalue is wired (wasmcloud_sdk/keyvalue.py, the WIT, the host's config); README.md's \"Key-value store",
    );
    expect(read(project, '.wash/config.yaml')).toMatch(/^ {4}greeting: Howdy$/m);
    expect(read(project, 'manifests/workloaddeployment.yaml')).toMatch(/package: keyvalue/);
    expect(read(project, 'README.md')).toContain('### Key-value store');
    expect(JSON.parse(read(project, '.yo-rc.json'))['create-wasmcloud-python'].answers).toMatchObject({
      interfaces: ['http-server', 'keyvalue', 'config'],
      greeting: 'Howdy',
    });
    expectCleanPython(project, 'grown');
    const built = await washBuildOffline(project);
    expect(built.code, built.output).toBe(0);
  });

  it('grows a WASI 0.3 project by secrets and keyvalue; refuses secrets on 0.2, and refuses to change the revision', async () => {
    const project = await generate('awaiting', ['--wasi', '0.3', '--interfaces', 'http-server']);
    const added = await runCli(['add', 'secrets,keyvalue', '--secret-name', 'db-password'], project);
    expect(added.code, added.stderr).toBe(0);
    expect(read(project, 'wit/world.wit')).toContain('import wasmcloud:secrets/reveal@2.1.0;');
    // app.py as generated takes the new demo lines: the secret's line, awaited.
    expect(read(project, 'app.py')).toMatch(/^async def demo\(/m);
    expect(read(project, 'app.py')).toContain('lines.append(await describe_secret(SECRET_NAME))');
    expect(read(project, 'tests/test_app.py')).toContain('async def test_a_missing_secret_is_a_line_of_the_answer(');
    expect(added.stdout).not.toContain('Note:');
    expect(read(project, '.wash/config.yaml')).toMatch(/^ {8}db-password: dev-only-not-a-secret$/m);
    expect(JSON.parse(read(project, '.yo-rc.json'))['create-wasmcloud-python'].answers).toMatchObject({
      wasi: '0.3',
      interfaces: ['http-server', 'keyvalue', 'secrets'],
      secretName: 'db-password',
    });
    expectCleanPython(project, 'awaiting');
    const change = await runCli(['add', 'config', '--wasi', '0.2'], project);
    expect(change.code).toBe(2);
    expect(change.stderr).toMatch(/--wasi: the project is written for WASI 0.3; add cannot change that/);
    const sync = await generate('syncing', ['--interfaces', 'http-server']);
    const before = snapshotTree(sync);
    const refused = await runCli(['add', 'secrets'], sync);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/add: secrets needs WASI 0.3, and syncing is written for WASI 0.2[\s\S]*fix: generate a WASI 0.3 project/);
    expect(snapshotTree(sync)).toEqual(before);
  });

  it("keeps another generator's key in .yo-rc.json, and takes a record that lists every setting (as 0.1.0 wrote it)", async () => {
    const project = await generate('shared', ['--interfaces', 'http-server']);
    const yoRc = JSON.parse(read(project, '.yo-rc.json')) as Record<string, { answers: Record<string, unknown> }>;
    const ours = yoRc['create-wasmcloud-python'] as { answers: Record<string, unknown> };
    // Settings of interfaces the project lacks, as the record held them before it kept only the chosen ones.
    ours.answers = { ...ours.answers, keyvalueBucket: 'older', greeting: 'Hi' };
    writeFileSync(join(project, '.yo-rc.json'), `${JSON.stringify({ 'generator-other': { answer: 42 }, ...yoRc }, null, 2)}\n`);
    const added = await runCli(['add', 'keyvalue'], project);
    expect(added.code, added.stderr).toBe(0);
    const after = JSON.parse(read(project, '.yo-rc.json')) as Record<string, { answers: Record<string, unknown> }>;
    expect(Object.keys(after)).toEqual(['generator-other', 'create-wasmcloud-python']);
    expect(after['generator-other']).toEqual({ answer: 42 });
    expect(after['create-wasmcloud-python']?.answers).toMatchObject({ interfaces: ['http-server', 'keyvalue'], keyvalueBucket: 'older' });
    expect(after['create-wasmcloud-python']?.answers).not.toHaveProperty('greeting');
    expect(read(project, 'app.py')).toContain('KEYVALUE_BUCKET = "older"');
  });

  it('of an interface the project has is a no-op with exit 0', async () => {
    const project = await generate('same', ['--interfaces', 'http-server,keyvalue']);
    const before = snapshotTree(project);
    const result = await runCli(['add', 'keyvalue'], project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to add');
    expect(snapshotTree(project)).toEqual(before);
  });

  it('adds a second export, messaging-handler, to an HTTP project as generated', async () => {
    const project = await generate('both', ['--interfaces', 'http-server']);
    const result = await runCli(['add', 'messaging-handler', '--subscription', 'jobs.>'], project);
    expect(result.code, result.stderr).toBe(0);
    expect(read(project, 'app.py')).toMatch(/^Handler = message_handler\(handle_message\)$/m);
    expect(read(project, 'wasmcloud_sdk/messaging.py')).toContain('class Handler(exports.Handler):');
    expect(result.stdout).toMatch(/^ {2}create {5}wasmcloud_sdk\/messaging\.py$/m);
    expect(read(project, '.wash/config.yaml')).toContain('subscriptions: "jobs.>"');
    expectCleanPython(project, 'both');
  });

  it('a new export is merged into an edited app.py (the component needs its handler): exit 4 where add and the edits change the same lines, writes nothing, prints the patch; once it is in, goes through', async () => {
    // The user's function right after the export, where add puts the new export's handler.
    const atExport = (app: string): string =>
      app.replace('IncomingHandler = incoming_handler(app)\n', `IncomingHandler = incoming_handler(app)${MINE}`);
    const project = await generate('clash', ['--interfaces', 'http-server']);
    writeFileSync(join(project, 'app.py'), atExport(read(project, 'app.py')));
    // Elsewhere in app.py, the same edit merges: the handler goes in beside it.
    const apart = await generate('apart', ['--interfaces', 'http-server']);
    editAsUser(apart);
    const merged = await runCli(['add', 'messaging-handler'], apart);
    expect(merged.code, merged.stderr).toBe(0);
    expect(read(apart, 'app.py')).toMatch(/^# my notes\n[\s\S]*^Handler = message_handler\(handle_message\)$[\s\S]*def mine\(\) -> int:/m);
    const before = snapshotTree(project);
    const result = await runCli(['add', 'messaging-handler'], project);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^create-wasmcloud-python: add messaging-handler: your edits and the new interfaces change the same lines of app\.py \(lines \d+-\d+\); nothing was written\.$/m,
    );
    expect(result.stderr).toContain('+Handler = message_handler(handle_message)');
    expect(result.stderr).toContain('+from wasmcloud_sdk.messaging import Message, message_handler');
    expect(snapshotTree(project)).toEqual(before);
    // Two users: one applies the printed patch with patch -p1, the other makes the change by hand.
    const byHand = join(tempDir(), 'clash');
    cpSync(project, byHand, { recursive: true });
    // The whole of stderr, message and all, as README says.
    const patched = spawnSync('patch', ['-p1', '--batch', '--no-backup-if-mismatch'], { cwd: project, input: result.stderr, encoding: 'utf8' });
    expect(patched.status, `${patched.stdout}${patched.stderr}`).toBe(0);
    const reference = await generate('clash', ['--interfaces', 'http-server,messaging-handler']);
    writeFileSync(join(byHand, 'app.py'), atExport(read(reference, 'app.py')));
    for (const dir of [project, byHand]) {
      const again = await runCli(['add', 'messaging-handler', '--json'], dir);
      expect(again.code, again.stdout).toBe(0);
      const doc = JSON.parse(again.stdout);
      expect(doc.added).toEqual(['messaging-handler']);
      expect(doc.files.map((f: { path: string }) => f.path)).not.toContain('app.py');
      expect(read(dir, 'app.py')).toContain('def mine() -> int:');
      expect(read(dir, 'app.py')).toContain('Handler = message_handler(handle_message)');
    }
    expectCleanPython(project, 'clash');
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const project = await generate('dry', ['--interfaces', 'http-server']);
    const before = snapshotTree(project);
    const result = await runCli(['add', 'blobstore', '--dry-run'], project);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Would add \(dry run: nothing written\) blobstore to dry:$/m);
    expect(result.stdout).toContain('overwrite  app.py');
    expect(result.stdout).toContain('create     wasmcloud_sdk/blobstore.py');
    expect(snapshotTree(project)).toEqual(before);
  });

  it('grows a wasmCloud 1.x project: wasmcloud.toml, wadm.yaml, the 1.x WIT', async () => {
    const project = await generate('legacy', ['--wasmcloud', '1', '--interfaces', 'http-server']);
    editAsUser(project);
    const result = await runCli(['add', 'keyvalue,config', '--keyvalue-backend', 'redis'], project);
    expect(result.code, result.stderr).toBe(0);
    expect(read(project, 'wadm.yaml')).toContain('image: ghcr.io/wasmcloud/keyvalue-redis:');
    expect(read(project, 'wasmcloud.toml')).toContain('--import-interface-name wasi:config/store@0.2.0-draft=config_store');
    expect(listFiles(project)).toContain('wit/deps/wasi-config-0.2.0-draft/package.wit');
    expect(listFiles(project).filter((f) => f.startsWith('.wash/') || f.startsWith('manifests/'))).toEqual([]);
    expect(read(project, 'app.py')).toContain('def mine() -> int:');
    expectCleanPython(project, 'legacy');
  });

  it('refuses a directory that is not a generated project, and unknown interfaces, with exit 2 and nothing written', async () => {
    const cwd = tempDir();
    const result = await runCli(['add', 'keyvalue'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /is not in a project create-wasmcloud-python generated: no \.yo-rc\.json with a "create-wasmcloud-python" key there or in a folder above it, up to \/, the filesystem root\.\n {2}fix: run add inside a generated project/,
    );
    const project = await generate('known', ['--interfaces', 'http-server']);
    const before = snapshotTree(project);
    const bad = await runCli(['add', 'kv', '-d', project], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown interface "kv"');
    expect(snapshotTree(project)).toEqual(before);
    expect(readFileSync(join(project, '.yo-rc.json'), 'utf8')).toContain('"http-server"');
  });

  it('a .yo-rc.json that is a directory, where add looks for the project, is bad input: exit 2 naming it and the fix, nothing written', async () => {
    const expected = (path: string) =>
      `create-wasmcloud-python: ${path} is a directory, not the file a generated project records its answers in, which add reads.\n` +
      '  fix: move or remove that .yo-rc.json directory, then run add again (inside the project, or name it with --directory)\n';
    const cwd = tempDir();
    mkdirSync(join(cwd, '.yo-rc.json'));
    const here = await runCli(['add', 'keyvalue'], cwd);
    expect(here.code).toBe(2);
    expect(here.stderr).toBe(expected(join(cwd, '.yo-rc.json')));
    expect(listFiles(cwd)).toEqual([]);
    const named = await runCli(['add', 'keyvalue', '--directory', cwd, '--json'], tempDir());
    expect(JSON.parse(named.stdout).error).toMatchObject({ code: 'usage', exitCode: 2, field: 'directory' });
    expect(named.stdout).not.toMatch(/\n\s+at /);
    // On the way up from a folder of a project: found before the project's own.
    const project = await generate('nested', ['--interfaces', 'http-server']);
    mkdirSync(join(project, 'notes', '.yo-rc.json'), { recursive: true });
    const before = snapshotTree(project);
    const below = await runCli(['add', 'keyvalue'], join(project, 'notes'));
    expect(below.code).toBe(2);
    expect(below.stderr).toBe(expected(join(project, 'notes', '.yo-rc.json')));
    expect(snapshotTree(project)).toEqual(before);
  });
});
