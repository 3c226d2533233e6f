/**
 * `add` merges like git (issue 15): each file three ways (as generated, as the user has it, as the new
 * interfaces render it), so a user's edits survive anywhere outside what add changes; real conflicts give
 * a patch that `git apply` and `patch -p1` take, or conflict markers with --merge; the project is found
 * from a subdirectory; the version, typos and unexpected failures get one clear message each.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { diffIndices } from 'node-diff3';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { conflictsOf, merge3, mergedText, unifiedDiff, withMarkers } from '../src/diff.js';
import { EXPORT_IDS, INTERFACE_IDS, interfacesFor, type InterfaceId } from '../src/interfaces/index.js';
import type { WasiRevision } from '../src/versions.js';
import { toolOwned } from '../src/stages/merge.js';
import { pytest } from './support/build.js';
import { generate, listFiles, read, runCli, snapshotTree, tempDir } from './support/project.js';

const lines = (...l: string[]): string => l.map((x) => `${x}\n`).join('');

/** A function of the user's right after the HTTP export, where add puts a new export's handler. */
const atExport = (app: string): string =>
  app.replace('IncomingHandler = incoming_handler(app)\n', 'IncomingHandler = incoming_handler(app)\n\n\ndef mine() -> int:\n    return 42\n');

/** `patch` applied in `dir` by `tool`, as a user would from the project's root (the patch file kept outside it). */
function applyPatch(dir: string, patch: string, tool: 'git' | 'patch', check = false): { status: number | null; output: string } {
  const file = join(tempDir('cwp-patch-'), 'add.patch');
  writeFileSync(file, patch);
  const argv =
    tool === 'git'
      ? ['git', 'apply', ...(check ? ['--check'] : []), file]
      : ['patch', '-p1', '--batch', '--forward', '--no-backup-if-mismatch', ...(check ? ['--dry-run'] : []), '-i', file];
  const ran = spawnSync(argv[0] as string, argv.slice(1), { cwd: dir, encoding: 'utf8' });
  return { status: ran.status, output: `${ran.stdout}${ran.stderr}${ran.error ? String(ran.error) : ''}` };
}

describe('merge3: a three-way line merge', () => {
  const base = lines('a', 'b', 'c', 'd', 'e', 'f', 'g');

  it('takes what each side changed on lines of its own, keeping the lines in place', () => {
    const chunks = merge3(lines('a', 'B', 'c', 'd', 'e', 'f', 'g', 'mine'), base, lines('a', 'b', 'c', 'd', 'new', 'e', 'f', 'g'));
    expect(conflictsOf(chunks)).toEqual([]);
    expect(mergedText(chunks)).toBe(lines('a', 'B', 'c', 'd', 'new', 'e', 'f', 'g', 'mine'));
  });

  it('merges a change on the line next to an insertion, the insertion outside it (git would stop there)', () => {
    // The user changed `c`; add inserts right after it, and right before it.
    expect(mergedText(merge3(lines('a', 'b', 'C', 'd', 'e', 'f', 'g'), base, lines('a', 'b', 'c', 'x', 'd', 'e', 'f', 'g')))).toBe(
      lines('a', 'b', 'C', 'x', 'd', 'e', 'f', 'g'),
    );
    expect(mergedText(merge3(lines('a', 'b', 'C', 'd', 'e', 'f', 'g'), base, lines('a', 'b', 'x', 'c', 'd', 'e', 'f', 'g')))).toBe(
      lines('a', 'b', 'x', 'C', 'd', 'e', 'f', 'g'),
    );
    // Two changes of adjacent lines.
    expect(mergedText(merge3(lines('a', 'b', 'C', 'd', 'e', 'f', 'g'), base, lines('a', 'b', 'c', 'D', 'e', 'f', 'g')))).toBe(
      lines('a', 'b', 'C', 'D', 'e', 'f', 'g'),
    );
  });

  it('stops where both changed the same lines differently, or inserted at one place', () => {
    const same = merge3(lines('a', 'b', 'mine', 'd', 'e', 'f', 'g'), base, lines('a', 'b', 'theirs', 'd', 'e', 'f', 'g'));
    expect(conflictsOf(same)).toEqual([
      { ours: { start: 2, lines: ['mine\n'] }, base: { start: 2, lines: ['c\n'] }, theirs: { start: 2, lines: ['theirs\n'] } },
    ]);
    // The proposal for changed lines is the new text; for two insertions, the user's lines then the new ones.
    expect(mergedText(same)).toBe(lines('a', 'b', 'theirs', 'd', 'e', 'f', 'g'));
    const both = merge3(`${base}mine\n`, base, `${base}theirs\n`);
    expect(conflictsOf(both)).toHaveLength(1);
    expect(mergedText(both)).toBe(`${base}mine\ntheirs\n`);
    expect(mergedText(both, withMarkers({ ours: 'yours', base: 'generated', theirs: 'add x' }))).toBe(
      `${base}<<<<<<< yours\nmine\n||||||| generated\n=======\ntheirs\n>>>>>>> add x\n`,
    );
  });

  it("takes the user's side where it already has the new lines (add's change made by hand, or its patch applied)", () => {
    const theirs = lines('a', 'b', 'c', 'x', 'y', 'd', 'e', 'f', 'g');
    expect(mergedText(merge3(lines('a', 'b', 'c', 'x', 'y', 'mine', 'd', 'e', 'f', 'g'), base, theirs))).toBe(
      lines('a', 'b', 'c', 'x', 'y', 'mine', 'd', 'e', 'f', 'g'),
    );
    expect(mergedText(merge3(lines('a', 'b', 'C', 'x', 'y', 'd', 'e', 'f', 'g'), base, theirs))).toBe(
      lines('a', 'b', 'C', 'x', 'y', 'd', 'e', 'f', 'g'),
    );
    // The changed line itself, next to a change of the user's.
    expect(conflictsOf(merge3(lines('a', 'B', 'C2', 'd', 'e', 'f', 'g'), base, lines('a', 'b', 'C2', 'd', 'e', 'f', 'g')))).toEqual([]);
  });

  it('keeps a last line without a newline as it is, on either side', () => {
    expect(mergedText(merge3('mine\na\nb\nc', 'a\nb\nc', 'a\nb\nc\nd\n'))).toBe('mine\na\nb\nc\nd\n');
    expect(mergedText(merge3('a\nb\nc\n', 'a\nb\nc\n', 'a\nb\nc'))).toBe('a\nb\nc');
  });
});

describe('unifiedDiff: a patch that git apply and patch -p1 take', () => {
  const text = fc
    .tuple(fc.array(fc.constantFrom('a', 'b', 'c', '', '  d', 'e e'), { maxLength: 14 }), fc.boolean())
    .map(([l, newline]) => (l.length === 0 ? '' : l.join('\n') + (newline ? '\n' : '')));

  it('turns any text into any other, byte for byte, with exact hunk counts and "\\ No newline at end of file"', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const patch = unifiedDiff(before, after, 'dir/file.txt');
        if (before === after) return patch === '';
        expect(patch.startsWith('--- a/dir/file.txt\n+++ b/dir/file.txt\n@@ -')).toBe(true);
        for (const tool of ['git', 'patch'] as const) {
          const dir = tempDir('cwp-diff-');
          mkdirSync(join(dir, 'dir'));
          writeFileSync(join(dir, 'dir', 'file.txt'), before);
          const applied = applyPatch(dir, patch, tool);
          expect(applied.status, `${tool}: ${applied.output}\n${patch}`).toBe(0);
          expect(readFileSync(join(dir, 'dir', 'file.txt'), 'utf8')).toBe(after);
          rmSync(dir, { recursive: true });
        }
        return true;
      }),
      { numRuns: 40 },
    );
  });
});

describe('add merges the files the README invites users to edit', () => {
  it('README.md with notes of the user, then add keyvalue: merged', async () => {
    const project = await generate('noted', ['--interfaces', 'http-server']);
    const readme = read(project, 'README.md');
    const edited = `${readme.replace(/^## Prerequisites$/m, '## Prerequisites (my team has them all)')}\n## My notes\n\nDeploy on Fridays only.\n`;
    writeFileSync(join(project, 'README.md'), edited);
    const result = await runCli(['add', 'keyvalue'], project);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ {2}overwrite {2}README\.md$/m);
    const after = read(project, 'README.md');
    expect(after).toContain('## Prerequisites (my team has them all)\n');
    expect(after.endsWith('\n## My notes\n\nDeploy on Fridays only.\n')).toBe(true);
    expect(after).toContain('### Key-value store');
    expect(after).toContain('Interfaces: `http-server`, `keyvalue`.');
  });

  it('.wash/config.yaml with dev.address changed and data_nats_url uncommented, then add config: merged, and the YAML holds both', async () => {
    const project = await generate('tuned', ['--interfaces', 'http-server,messaging-publisher']);
    const config = read(project, '.wash/config.yaml');
    expect(config).toContain('  # data_nats_url: nats://127.0.0.1:4222\n');
    writeFileSync(
      join(project, '.wash/config.yaml'),
      config
        .replace('address: "127.0.0.1:8000"', 'address: "127.0.0.1:9090"')
        .replace('  # data_nats_url: nats://127.0.0.1:4222', '  data_nats_url: nats://10.0.0.5:4222'),
    );
    const result = await runCli(['add', 'config', '--greeting', 'Howdy'], project);
    expect(result.code, result.stderr).toBe(0);
    const yaml = parseYaml(read(project, '.wash/config.yaml')) as {
      build: { command: string };
      dev: Record<string, string>;
      workload: { config: Record<string, string> };
    };
    expect(yaml.dev.address).toBe('127.0.0.1:9090');
    expect(yaml.dev.data_nats_url).toBe('nats://10.0.0.5:4222');
    expect(yaml.workload.config.greeting).toBe('Howdy');
    expect(yaml.build.command).toContain('wasi:config/store@0.2.0-rc.1=config_store');
  });

  it('dev.address changed, then add keyvalue, which inserts right after that line: merged', async () => {
    const project = await generate('moved', ['--interfaces', 'http-server']);
    writeFileSync(
      join(project, '.wash/config.yaml'),
      read(project, '.wash/config.yaml').replace('address: "127.0.0.1:8000"', 'address: "127.0.0.1:9090"  # mine'),
    );
    const result = await runCli(['add', 'keyvalue'], project);
    expect(result.code, result.stderr).toBe(0);
    expect(read(project, '.wash/config.yaml')).toMatch(/^ {2}address: "127\.0\.0\.1:9090" {2}# mine\n\n {2}# Keyvalue backend/m);
  });

  it('a merge that does not parse is a conflict: exit 4, nothing written, the file named', async () => {
    const project = await generate('flowed', ['--interfaces', 'http-server']);
    // Valid YAML, and so is add's; merged, blobstore's indented lines follow a flow mapping.
    writeFileSync(
      join(project, '.wash/config.yaml'),
      read(project, '.wash/config.yaml').replace(/^dev:\n(?: {2}#.*\n)* {2}address: .*\n/m, 'dev: { address: "127.0.0.1:9090" }\n'),
    );
    expect(() => parseYaml(read(project, '.wash/config.yaml'))).not.toThrow();
    const before = snapshotTree(project);
    const result = await runCli(['add', 'blobstore'], project);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/\.wash\/config\.yaml \(merged, but not valid YAML: .+\); nothing was written/);
    expect(snapshotTree(project)).toEqual(before);
  });
});

describe("add and the user's Python: app.py is theirs, wasmcloud_sdk/ the tool's", () => {
  const mine = (text: string) => `${text}\n\ndef mine() -> int:\n    return 42\n`;

  it('the demo in app.py changed, then add blobstore: app.py and its tests kept, the SDK grows, README named; the tests pass', async () => {
    const project = await generate('visits', ['--interfaces', 'http-server,keyvalue']);
    writeFileSync(join(project, 'app.py'), mine(read(project, 'app.py')));
    const [app, tests] = [read(project, 'app.py'), read(project, 'tests/test_app.py')];
    const result = await runCli(['add', 'blobstore', '--json'], project);
    expect(result.code, result.stdout).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).not.toContain('app.py');
    expect(doc.files).toContainEqual({ path: 'wasmcloud_sdk/blobstore.py', action: 'create' });
    expect(doc.notes).toEqual([
      expect.stringMatching(
        /^app\.py has your edits, so add left it and tests\/test_app\.py as they are: blobstore is wired \(wasmcloud_sdk\/blobstore\.py, .*README\.md's "Blob store \(`wasi:blobstore\/blobstore`\)" section shows how to call it$/,
      ),
    ]);
    expect([read(project, 'app.py'), read(project, 'tests/test_app.py')]).toEqual([app, tests]);
    expect(read(project, 'README.md')).toContain('### Blob store');
    const ran = pytest(project);
    expect(ran.status, ran.output).toBe(0);
  });

  it("the SDK edited, then add: the tool's package is written as it renders (a change of the user's belongs in their modules)", async () => {
    const project = await generate('patched', ['--interfaces', 'http-server,keyvalue']);
    writeFileSync(join(project, 'wasmcloud_sdk/keyvalue.py'), `${read(project, 'wasmcloud_sdk/keyvalue.py')}\n# mine\n`);
    const result = await runCli(['add', 'config'], project);
    expect(result.code, result.stderr).toBe(0);
    const fresh = await generate('patched', ['--interfaces', 'http-server,keyvalue,config']);
    for (const file of listFiles(fresh).filter((f) => f.startsWith('wasmcloud_sdk/'))) expect(read(project, file), file).toBe(read(fresh, file));
    // app.py as generated takes config's demo line.
    expect(read(project, 'app.py')).toBe(read(fresh, 'app.py'));
  });

  it('--merge writes conflict markers into the files that need them, everything else merged, and exits 4', async () => {
    const project = await generate('marked', ['--interfaces', 'http-server']);
    writeFileSync(join(project, 'app.py'), atExport(read(project, 'app.py')));
    const result = await runCli(['add', 'messaging-handler', '--merge'], project);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^create-wasmcloud-python: add messaging-handler: wrote conflict markers into app\.py \(lines \d+-\d+\); everything else is merged and written\.$/m,
    );
    expect(result.stdout).toMatch(/^Added messaging-handler to marked, with conflicts to resolve:$/m);
    expect(result.stdout).toMatch(/^ {2}overwrite {2}app\.py {2}\(conflict markers: lines \d+-\d+\)$/m);
    expect(result.stdout).toMatch(/^ {2}create {5}wit\/deps\/wasmcloud-messaging-0\.2\.0\/package\.wit$/m);
    const app = read(project, 'app.py');
    expect(app).toMatch(
      /\n<<<<<<< yours\ndef mine\(\) -> int:\n {4}return 42\n\n\n\|\|\|\|\|\|\| generated\n=======\ndef handle_message[\s\S]*\n>>>>>>> add messaging-handler\ndef demo/,
    );
    // What did not conflict is in: the imports at the top, the world, the config.
    expect(app).toContain('from wasmcloud_sdk.messaging import Message, message_handler\n');
    expect(read(project, 'wit/world.wit')).toContain('export wasmcloud:messaging/handler@0.2.0;');
    // The project records the interface: once the markers are resolved, there is no add left to run.
    writeFileSync(join(project, 'app.py'), app.replace(/^(<<<<<<< yours|\|\|\|\|\|\|\| generated|=======|>>>>>>> add messaging-handler)\n/gm, ''));
    const again = await runCli(['add', 'messaging-handler', '--json'], project);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [], files: [] });
  });

  it('--merge --json names the files with markers; with --dry-run it writes nothing', async () => {
    const project = await generate('dryly', ['--interfaces', 'http-server']);
    writeFileSync(join(project, 'app.py'), atExport(read(project, 'app.py')));
    const before = snapshotTree(project);
    const result = await runCli(['add', 'messaging-handler', '--merge', '--dry-run', '--json'], project);
    expect(result.code).toBe(4);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ ok: false, error: { code: 'conflict', exitCode: 4 }, dryRun: true, markers: ['app.py'] });
    expect(doc.files).toContainEqual({ path: 'app.py', action: 'overwrite' });
    expect(snapshotTree(project)).toEqual(before);
  });
});

describe('add finds the project, and says what it changes', () => {
  it('from tests/ and deeper, naming the project it changes', async () => {
    const project = await generate('found', ['--interfaces', 'http-server']);
    mkdirSync(join(project, 'tests', 'deeper'));
    const result = await runCli(['add', 'keyvalue'], join(project, 'tests'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('Adding keyvalue to found in ../\n');
    expect(result.stdout).toMatch(/^Added keyvalue to found in \.\.\/:$/m);
    expect(result.stdout).toMatch(/^ {2}cd \.\.$/m);
    expect(read(project, 'app.py')).toContain('keyvalue.open(KEYVALUE_BUCKET)');
    const deeper = await runCli(['add', 'config', '--json'], join(project, 'tests', 'deeper'));
    expect(deeper.code, deeper.stdout).toBe(0);
    expect(JSON.parse(deeper.stdout)).toMatchObject({ directory: project, added: ['config'] });
  });

  it('stops at a git root: a repository inside the project is not the project', async () => {
    const project = await generate('rooted', ['--interfaces', 'http-server']);
    const repo = join(project, 'tests', 'vendored');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const before = snapshotTree(project);
    const result = await runCli(['add', 'keyvalue'], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${repo} is not in a project create-wasmcloud-python generated: it has no .yo-rc.json with a "create-wasmcloud-python" key.`,
    );
    const from = await runCli(['add', 'keyvalue', '-d', join(project, 'tests')], tempDir());
    expect(from.code, from.stderr).toBe(0);
    expect(snapshotTree(project).get('app.py')).not.toBe(before.get('app.py'));
  });

  it('skips a .yo-rc.json of another generator on the way up', async () => {
    const project = await generate('nested', ['--interfaces', 'http-server']);
    writeFileSync(join(project, 'tests', '.yo-rc.json'), '{ "generator-other": {} }\n');
    const result = await runCli(['add', 'logging'], join(project, 'tests'));
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(project, 'tests', '.yo-rc.json'), 'utf8')).toBe('{ "generator-other": {} }\n');
  });

  it('says when another version generated the project, and takes its own rendering as the base', async () => {
    const project = await generate('older', ['--interfaces', 'http-server']);
    const yoRc = JSON.parse(read(project, '.yo-rc.json'));
    yoRc['create-wasmcloud-python'].version = '0.0.1';
    writeFileSync(join(project, '.yo-rc.json'), `${JSON.stringify(yoRc, null, 2)}\n`);
    const human = await runCli(['add', 'keyvalue', '--dry-run'], project);
    expect(human.code).toBe(0);
    expect(human.stderr).toMatch(
      /^create-wasmcloud-python: warning: older was generated by create-wasmcloud-python 0\.0\.1, and this is \d+\.\d+\.\d+\S*: add takes this version's rendering/m,
    );
    const json = await runCli(['add', 'keyvalue', '--json'], project);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/generated by create-wasmcloud-python 0\.0\.1/);
    expect(JSON.parse(read(project, '.yo-rc.json'))['create-wasmcloud-python'].version).not.toBe('0.0.1');
  });
});

describe('add: messages', () => {
  it('suggests the interface a typo meant, naming where it was typed; nothing written', async () => {
    const project = await generate('typo', ['--interfaces', 'http-server']);
    const before = snapshotTree(project);
    const positional = await runCli(['add', 'keyvaleu'], project);
    expect(positional.code).toBe(2);
    expect(positional.stderr).toBe(
      'create-wasmcloud-python: add: unknown interface "keyvaleu" (did you mean "keyvalue"?).\n  fix: use keyvalue (the interfaces: ' +
        INTERFACE_IDS.join(', ') +
        ')\n',
    );
    const flag = await runCli(['add', '--interfaces', 'blobstor,logging'], project);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(
      /^create-wasmcloud-python: --interfaces: unknown interface "blobstor" \(did you mean "blobstore"\?\)\.\n {2}fix: use logging,blobstore /,
    );
    const cwd = tempDir();
    const create = await runCli(['other', '-i', 'http-server,confg', '--yes'], cwd);
    expect(create.stderr).toContain('--interfaces: unknown interface "confg" (did you mean "config"?).');
    const merge = await runCli(['other', '--merge', '--yes'], cwd);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toMatch(/^create-wasmcloud-python: --merge is for add/);
    expect(listFiles(cwd)).toEqual([]);
    expect(snapshotTree(project)).toEqual(before);
  });

  it('an unexpected failure is one line naming the operation and the path; DEBUG=create-wasmcloud-python adds the trace', async () => {
    const project = await generate('blocked', ['--interfaces', 'http-server']);
    rmSync(join(project, 'app.py'));
    mkdirSync(join(project, 'app.py'));
    const before = snapshotTree(project);
    const result = await runCli(['add', 'keyvalue'], project);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('create-wasmcloud-python: add: cannot read app.py: EISDIR (a directory is where a file is expected)\n');
    expect(snapshotTree(project)).toEqual(before);
    const traced = await runCli(['add', 'keyvalue'], project, { DEBUG: 'create-wasmcloud-python' });
    expect(traced.code).toBe(1);
    expect(traced.stderr).toMatch(/^create-wasmcloud-python: add: cannot read app\.py: EISDIR .*\nFileError: [\s\S]*\n {4}at /);
    const json = await runCli(['add', 'keyvalue', '--json'], project);
    expect(JSON.parse(json.stdout).error).toEqual({
      code: 'unexpected',
      exitCode: 1,
      message: 'add: cannot read app.py: EISDIR (a directory is where a file is expected)',
    });
  });

  it('create too: a file where a directory must go is one line, and what was written is undone', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'walled'));
    writeFileSync(join(cwd, 'walled', 'wit'), 'not a directory');
    const result = await runCli(['walled', '--yes', '--force'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^create-wasmcloud-python: create: cannot write wit\/\S+: ENOTDIR \(a file is where a directory is expected\)\n$/);
    expect(listFiles(join(cwd, 'walled'))).toEqual(['wit']);
  });
});

/** The comment a user would write in a file of this kind, or a plain line for README. */
function noteFor(path: string, n: number): string {
  if (path.endsWith('.md')) return `edit ${n} of mine`;
  if (path.endsWith('.wit')) return `// edit ${n} of mine`;
  return `# edit ${n} of mine`;
}

type Edit = { kind: 'insert' | 'replace' | 'delete'; line: number; text: string };

/** `text` with `edits` made at the lines given (each line at most once), from the bottom up. */
function applyEdits(text: string, edits: Edit[], at: (line: number) => number): string {
  const l = text.split(/(?<=\n)/);
  for (const e of [...edits].sort((x, y) => y.line - x.line)) {
    const k = at(e.line);
    if (e.kind === 'insert') l.splice(k + 1, 0, `${e.text}\n`);
    else if (e.kind === 'delete') l.splice(k, 1);
    else l[k] = `${e.text}\n`;
  }
  return l.join('');
}

/**
 * Whether add inserts inside one change of the user's: edits on touching lines make one change (a diff
 * sees one hunk), and a place strictly inside it, between two lines the user changed, overlaps it.
 */
function insideUserChange(edits: Edit[], inserts: Set<number>): boolean {
  // Each edit as the range of base lines it changes: a line [L, L+1), an insertion after L the place [L+1, L+1).
  const ranges = edits
    .map((e) => (e.kind === 'insert' ? [e.line + 1, e.line + 1] : [e.line, e.line + 1]) as [number, number])
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const runs: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = runs.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else runs.push([...r]);
  }
  return runs.some(([start, end]) => [...inserts].some((p) => start < p && p < end));
}

describe('property: add keeps every edit outside what it changes', () => {
  // Each target with the interfaces written for its WASI revision.
  const fits = (wasi: WasiRevision) => interfacesFor(wasi);
  const scenario = fc
    .constantFrom(['2', '0.2'] as const, ['2', '0.3'] as const, ['1', '0.2'] as const)
    .chain(([major, wasi]) =>
      fc.record({
        major: fc.constant(major),
        wasi: fc.constant(wasi),
        exports: fc.subarray([...EXPORT_IDS], { minLength: 1 }),
        imports: fc.subarray(
          fits(wasi).filter((id) => !EXPORT_IDS.includes(id)),
          { maxLength: 3 },
        ),
      }),
    )
    .filter((s) => s.exports.length + s.imports.length < fits(s.wasi).length)
    .chain((s) =>
      fc.record({
        major: fc.constant(s.major),
        wasi: fc.constant(s.wasi),
        start: fc.constant([...s.exports, ...s.imports] as InterfaceId[]),
        added: fc.subarray(
          fits(s.wasi).filter((id) => !s.exports.includes(id) && !s.imports.includes(id)),
          { minLength: 1, maxLength: 2 },
        ),
        // `near`: a line next to one that add changes (where merging is hardest), else any line.
        edits: fc.array(
          fc.record({ file: fc.nat(), line: fc.nat(), near: fc.boolean(), kind: fc.constantFrom('insert', 'replace', 'replace', 'delete') }),
          { minLength: 1, maxLength: 24 },
        ),
      }),
    );

  it('random line edits of the generated files, then add: the result is a fresh generation with the same edits', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ major, wasi, start, added, edits }) => {
        const args = (ids: InterfaceId[]) => ['--wasmcloud', major, ...(major === '2' ? ['--wasi', wasi] : []), '--interfaces', ids.join(',')];
        const project = await generate('prop', args(start));
        const fresh = await generate('prop', args([...start, ...added]));
        // The files add merges: not the tool's own (written as they render) nor the user's Python (kept once edited).
        const files = listFiles(project).filter(
          (f) => f !== '.yo-rc.json' && !f.startsWith('wit/deps/') && !toolOwned(f) && f !== 'app.py' && f !== 'tests/test_app.py',
        );
        const planned = new Map<string, Edit[]>();
        // Per file: where each base line that add leaves alone is in the new rendering, and the places add inserts at.
        const layouts = new Map<string, { base: string[]; map: Map<number, number>; inserts: Set<number>; changes: number[] }>();
        const layout = (path: string) => {
          const known = layouts.get(path);
          if (known) return known;
          const base = read(project, path).split(/(?<=\n)/);
          const theirs = read(fresh, path).split(/(?<=\n)/);
          const map = new Map<number, number>();
          const inserts = new Set<number>();
          const changes: number[] = [];
          let i = 0;
          let j = 0;
          for (const h of [...diffIndices(base, theirs), { buffer1: [base.length, 0], buffer2: [theirs.length, 0] }]) {
            while (i < (h.buffer1[0] as number)) map.set(i++, j++);
            if (h.buffer1[1] === 0 && (h.buffer2[1] as number) > 0) inserts.add(h.buffer1[0] as number);
            if (h.buffer1[0] !== base.length || h.buffer2[0] !== theirs.length) changes.push(h.buffer1[0] as number);
            i += h.buffer1[1] as number;
            j = (h.buffer2[0] as number) + (h.buffer2[1] as number);
          }
          const made = { base, map, inserts, changes };
          layouts.set(path, made);
          return made;
        };
        let n = 0;
        for (const e of edits) {
          const path = files[e.file % files.length] as string;
          const { base, map, inserts, changes } = layout(path);
          const line =
            e.near && changes.length > 0
              ? Math.max(0, (changes[e.line % changes.length] as number) + ((e.line >> 4) % 5) - 2)
              : e.line % Math.max(1, base.length);
          const text = base[line] ?? '';
          const kind = e.kind === 'delete' && !path.endsWith('.md') ? 'replace' : e.kind;
          const taken = planned.get(path) ?? [];
          if (!map.has(line) || taken.some((t) => t.line === line)) continue;
          // An insertion where add inserts too has no order; a changed line must not be one of a run of equal lines.
          if (
            kind === 'insert'
              ? inserts.has(line + 1)
              : text.trim() === '' || text === base[line - 1] || text === base[line + 1] || /\\$/.test(text.trimEnd())
          )
            continue;
          // A replacement keeps the line's syntax: a note appended as a comment (README: any text).
          const note = noteFor(path, n++);
          const edit: Edit = { kind, line, text: kind === 'insert' ? note : path.endsWith('.md') ? note : `${text.replace(/\n$/, '')}  ${note}` };
          // Edits on touching lines are one change of the user's: add may not insert inside it.
          if (insideUserChange([...taken, edit], inserts)) continue;
          taken.push(edit);
          planned.set(path, taken);
        }
        if (planned.size === 0) return true;
        for (const [path, list] of planned)
          writeFileSync(
            join(project, path),
            applyEdits(read(project, path), list, (k) => k),
          );
        const result = await runCli(['add', added.join(',')], project);
        expect(result.code, result.stderr).toBe(0);
        // Expected: the fresh project with each edit made where its line went.
        const expected = snapshotTree(fresh);
        for (const [path, list] of planned) {
          const { map } = layout(path);
          expected.set(
            path,
            applyEdits(expected.get(path) as string, list, (k) => map.get(k) as number),
          );
        }
        const actual = snapshotTree(project);
        for (const [path, list] of planned) for (const e of list) if (e.kind !== 'delete') expect(actual.get(path)).toContain(e.text);
        expect(actual).toEqual(expected);
        rmSync(join(project, '..'), { recursive: true, force: true });
        rmSync(join(fresh, '..'), { recursive: true, force: true });
        return true;
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 150) },
    );
  }, 240_000);
});
