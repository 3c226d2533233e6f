import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersOf, recordedAnswers } from '../src/answers-of.js';
import { INTERFACE_IDS, interfacesFor } from '../src/interfaces/index.js';
import { MEASURED } from '../src/measured.js';
import { resolveModel } from '../src/model.js';
import { recordedAnswers as renderRecordedAnswers } from '../src/render.js';
import { closestKey, jsonErrorOffset, jsonSyntaxError } from '../src/stages/answers.js';
import { closest } from '../src/suggest.js';
import { listFiles, ROOT, runCli, snapshotTree, tempDir } from './support/project.js';

const BIN = join(ROOT, 'dist', 'src', 'bin.js');

/** Runs the built bin as a script would: stdin closed, no terminal. Resolves within `limitMs` or fails. */
function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, limitMs = 10_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CI: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hung for ${limitMs} ms: ${args.join(' ')}`));
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const empty = (dir: string) => readdirSync(dir).length === 0;

describe('command line: success paths', () => {
  it('generates with --yes and ends as create-vite does: what was made, then three short commands', async () => {
    const cwd = tempDir();
    const result = await runCli(['hello', '--yes'], cwd);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.slice(0, 2)).toEqual(['Created hello in hello/, a wasmCloud 2 component with:', '  http-server']);
    expect(result.stdout).toMatch(/^ {2}.*\bapp\.py\b.*$/m);
    expect(result.stdout).toContain('wit/ (world.wit, 5 WIT packages in deps/)');
    expect(result.stdout).not.toContain('wit/deps/wasi');
    expect(lines.slice(lines.indexOf('Next:') + 1).map((l) => l.trim().split(/\s+#/)[0]?.trim())).toEqual(['cd hello', 'uv sync', 'uv run poe dev']);
    expect(existsSync(join(cwd, 'hello', 'app.py'))).toBe(true);
  });

  it('keeps the ending short for the all-in-one on both majors, and --json keeps every file', async () => {
    for (const major of ['2', '1']) {
      const cwd = tempDir();
      const all = [
        'http-server',
        'messaging-handler',
        'http-client',
        'keyvalue',
        'blobstore',
        'postgres',
        'messaging-publisher',
        'logging',
        'config',
      ].join(',');
      const human = await runCli(['big', '--wasmcloud', major, '-i', all, '--yes'], cwd);
      expect(human.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(12);
      expect(human.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
      const json = JSON.parse((await runCli(['big2', '--wasmcloud', major, '-i', all, '--yes', '--json'], cwd)).stdout) as {
        files: Array<{ path: string }>;
      };
      expect(json.files.map((f) => f.path)).toContain('wit/deps/wasmcloud-postgres-0.1.1-draft/package.wit');
    }
  });

  it('takes the directory from --directory and the interfaces from repeated flags', async () => {
    const cwd = tempDir();
    const result = await runCli(['svc', '-d', 'out/here', '-i', 'http-server', '-i', 'keyvalue,logging'], cwd);
    expect(result.code).toBe(0);
    const world = readFileSync(join(cwd, 'out', 'here', 'wit', 'world.wit'), 'utf8');
    expect(world).toContain('import wasi:keyvalue/store@0.2.0-draft;');
    expect(world).toContain('import wasi:logging/logging@0.1.0-draft;');
  });

  it('prints help with every flag, its default and examples', async () => {
    const { code, stdout } = await runCli(['--help'], tempDir());
    expect(code).toBe(0);
    for (const flag of [
      '--interfaces',
      '--directory',
      '--yes',
      '--force',
      '--dry-run',
      '--json',
      '--answers',
      '--keyvalue-backend',
      '--list-interfaces',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/default: http-server/);
    expect(stdout).toMatch(/Examples:\n(.*\n){3,}/);
    // Every description starts in one column, after at least two spaces.
    const rows = stdout.split('\n').filter((l) => /^ {2}(-\w, | {4})--/.test(l));
    const columns = new Set(rows.map((l) => /^(.*?\S) {2,}\S/.exec(l)?.[0].length));
    expect(rows.length).toBeGreaterThan(20);
    expect(columns.size).toBe(1);
  });

  it('prints the version of package.json', async () => {
    const { code, stdout } = await runCli(['--version'], tempDir());
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('lists the catalog, as text and as JSON', async () => {
    const text = await runCli(['--list-interfaces'], tempDir());
    for (const id of INTERFACE_IDS) expect(text.stdout).toContain(id);
    const json = await runCli(['--list-interfaces', '--json'], tempDir());
    const rows = JSON.parse(json.stdout) as Array<{ id: string; direction: string }>;
    expect(rows.map((r) => r.id)).toEqual(INTERFACE_IDS);
    expect(rows.find((r) => r.id === 'http-server')?.direction).toBe('export');
    const config = JSON.parse(json.stdout).find((r: { id: string }) => r.id === 'config');
    expect(config.wasmcloud).toEqual({
      2: { imports: ['wasi:config/store@0.2.0-rc.1'], exports: [] },
      1: { imports: ['wasi:config/store@0.2.0-draft'], exports: [] },
    });
    // What WASI 0.3 changes: the async revisions, and an interface that has no 0.2 one.
    const byId = Object.fromEntries((JSON.parse(json.stdout) as Array<{ id: string }>).map((r) => [r.id, r])) as Record<
      string,
      Record<string, unknown>
    >;
    expect(byId['http-server']?.['wasi-0.3']).toMatchObject({ exports: ['wasi:http/handler@0.3.0'], imports: [] });
    expect(byId['http-client']?.['wasi-0.3']).toMatchObject({ imports: ['wasi:http/client@0.3.0'] });
    expect(byId['messaging-handler']?.['wasi-0.3']).toMatchObject({
      exports: ['wasmcloud:messaging/handler@0.3.0'],
      imports: ['wasmcloud:messaging/consumer@0.3.0'],
    });
    expect(byId.config?.['wasi-0.3']).toMatchObject({ imports: ['wasi:config/store@0.2.0-rc.1'] });
    expect(byId.secrets).toMatchObject({
      wasi: ['0.3'],
      wasmcloud: {},
      'wasi-0.3': { imports: ['wasmcloud:secrets/store@2.1.0', 'wasmcloud:secrets/reveal@2.1.0'] },
    });
    expect(text.stdout).toMatch(/^secrets .*\[WASI 0\.3 only\]$/m);
  });

  it('--wasi 0.3 is recorded, reported by --json, taken from an answers file, and changes the world and the Python', async () => {
    const cwd = tempDir();
    const json = await runCli(['streamer', '--wasi', 'p3', '-i', 'http-server,secrets', '--json', '--yes'], cwd);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { answers: Record<string, unknown> }).answers).toMatchObject({
      wasmcloud: '2',
      wasi: '0.3',
      secretName: 'api-key',
    });
    expect(JSON.parse(readFileSync(join(cwd, 'streamer', '.yo-rc.json'), 'utf8'))['create-wasmcloud-python'].answers.wasi).toBe('0.3');
    expect(readFileSync(join(cwd, 'streamer', 'wit', 'world.wit'), 'utf8')).toContain('export wasi:http/handler@0.3.0;');
    expect(readFileSync(join(cwd, 'streamer', 'app.py'), 'utf8')).toContain('async def demo(');
    expect(readFileSync(join(cwd, 'streamer', 'wasmcloud_sdk', 'secrets.py'), 'utf8')).toContain('async def get(');
    const pyproject = readFileSync(join(cwd, 'streamer', 'pyproject.toml'), 'utf8');
    expect(pyproject).toContain('requires-python = ">=3.12"');
    expect(pyproject).toContain('"pytest-asyncio==');
    expect(readFileSync(join(cwd, 'streamer', '.python-version'), 'utf8')).toBe('3.12\n');
    // README says what async buys and what it costs, in two lines, with what `npm run bench` measured against 0.2.
    const readme = readFileSync(join(cwd, 'streamer', 'README.md'), 'utf8').split('\n');
    const buys = readme.findIndex((line) => line.startsWith('**What WASI 0.3 buys:**'));
    expect(buys).toBeGreaterThan(0);
    expect(readme[buys + 1]).toMatch(
      /^\*\*What it costs:\*\* a bigger component, (\d+\.\d) MB \(0\.2: (\d+\.\d) MB; .*after (\d+) s \(0\.2: (\d+) s\)/,
    );
    expect(readme[buys + 1]).toContain(`${(Math.round(MEASURED.cost['0.3'].mb * 10 + 1e-9) / 10).toFixed(1)} MB`);
    expect(readme[buys + 2]).toBe('');
    writeFileSync(join(cwd, 'answers.yaml'), 'name: from-file\nwasi: 0.3\ninterfaces: [http-server]\n');
    const fromFile = await runCli(['--answers', 'answers.yaml', '--json', '--yes'], cwd);
    expect((JSON.parse(fromFile.stdout) as { answers: Record<string, unknown> }).answers.wasi).toBe('0.3');
    // wasmCloud 1 has no choice, so nothing is recorded; 0.2 stays the default on 2.
    const legacy = await runCli(['old', '--wasmcloud', '1', '--json', '--yes', '--dry-run'], cwd);
    expect((JSON.parse(legacy.stdout) as { answers: Record<string, unknown> }).answers).not.toHaveProperty('wasi');
    expect(readFileSync(join(cwd, 'from-file', 'README.md'), 'utf8')).toContain('**What WASI 0.3 buys:**');
    const sync = await runCli(['sync', '--json', '--yes', '--dry-run'], cwd);
    expect((JSON.parse(sync.stdout) as { answers: Record<string, unknown> }).answers.wasi).toBe('0.2');
  });
});

describe('command line: bad input writes nothing', () => {
  it.each([
    [['--yes'], 2, /missing input: name/],
    [['Bad Name', '--yes'], 2, /name: "Bad Name" .*\n.*fix: try "bad-name"/],
    [['ok', '--interfaces', 'http-server,nope'], 2, /unknown interface "nope"/],
    [['ok', '--interfaces', 'keyvalue'], 2, /at least one export[\s\S]*add http-server or messaging-handler/],
    [['ok', '--http-address', 'nowhere'], 2, /--http-address/],
    [['ok', '--keyvalue-backend', 'etcd'], 2, /--keyvalue-backend/],
    [['ok', '--greeting', 'two\nlines'], 2, /--greeting/],
    [['ok', '-i', 'HTTP-Server,KeyValue'], 2, /interface ids are lowercase[\s\S]*fix: use http-server,keyvalue/],
    [['ok', '--wasmcloud', '3'], 2, /--wasmcloud: "3" is not a wasmCloud major[\s\S]*fix: use 2 \(current\) or 1 \(legacy\)/],
    [
      ['ok', '--wasmcloud', '1', '--wasi', '0.3'],
      2,
      /--wasi: WASI 0.3 needs wasmCloud 2[\s\S]*fix: use --wasmcloud 2 --wasi 0.3, or drop --wasi for wasmCloud 1/,
    ],
    [['ok', '--wasi', '0.4'], 2, /--wasi: "0.4" is not a WASI revision[\s\S]*fix: use 0.2 \(default\) or 0.3/],
    [['ok', '-i', 'http-server,secrets'], 2, /secrets needs WASI 0.3, and this project is WASI 0.2[\s\S]*fix: add --wasi 0.3, or leave out secrets/],
    [['ok', '--wasmcloud', '1', '-i', 'http-server,secrets'], 2, /secrets needs WASI 0.3[\s\S]*fix: use --wasmcloud 2 --wasi 0.3/],
    [['ok', '--wasi', '0.3', '--secret-name', 'API_KEY'], 2, /--secret-name: "API_KEY" is not a secret name/],
    [['ok', '--bogus'], 2, /Unknown option '--bogus'/],
    [['a', 'b'], 2, /at most one name/],
  ])('%j exits %i', async (argv, code, message) => {
    const cwd = tempDir();
    const result = await runCli(argv as string[], cwd);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(empty(cwd)).toBe(true);
  });

  it('names the missing input and prints a command line that succeeds', async () => {
    const cwd = tempDir();
    const result = await runCli(['--interfaces', 'http-server,config', '--greeting', "it's"], cwd);
    expect(result.code).toBe(2);
    const suggested = /run: (create-wasmcloud-python .*)$/m.exec(result.stderr)?.[1];
    expect(suggested).toBeDefined();
    const argv = (suggested as string)
      .match(/'(?:[^']|'\\'')*'|\S+/g)
      ?.slice(1)
      .map((a) => (a.startsWith("'") ? a.slice(1, -1).replace(/'\\''/g, "'") : a)) as string[];
    const retry = await runCli(argv, cwd);
    expect(retry.code).toBe(0);
    expect(readFileSync(join(cwd, 'my-component', '.wash/config.yaml'), 'utf8')).toContain('greeting: "it\'s"');
  });

  it('refuses a non-empty directory with exit 3 and leaves it as it was', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'taken'));
    writeFileSync(join(cwd, 'taken', 'notes.txt'), 'mine');
    const result = await runCli(['taken', '--yes'], cwd);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/not empty[\s\S]*--force/);
    expect(listFiles(join(cwd, 'taken'))).toEqual(['notes.txt']);
  });

  it('with --force writes only its own files and leaves the others alone', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'taken'));
    writeFileSync(join(cwd, 'taken', 'notes.txt'), 'mine');
    writeFileSync(join(cwd, 'taken', 'app.py'), 'old');
    const result = await runCli(['taken', '--yes', '--force'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('overwrite  app.py');
    expect(readFileSync(join(cwd, 'taken', 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(cwd, 'taken', 'app.py'), 'utf8')).toContain('IncomingHandler');
    const again = await runCli(['taken', '--yes', '--force'], cwd);
    expect(again.stdout).not.toMatch(/^ {2}overwrite/m); // the same files again: nothing replaced
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const cwd = tempDir();
    const result = await runCli(['plan', '--yes', '--dry-run'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dry run');
    expect(result.stdout).toContain('create     manifests/workloaddeployment.yaml');
    expect(empty(cwd)).toBe(true);
  });

  it('--dry-run over an existing project reports overwrite and unchanged, and changes nothing', async () => {
    const cwd = tempDir();
    await runCli(['plan', '--yes'], cwd);
    writeFileSync(join(cwd, 'plan', 'app.py'), 'edited');
    const before = snapshotTree(join(cwd, 'plan'));
    const result = await runCli(['plan', '--yes', '--dry-run', '--force', '--json'], cwd);
    const doc = JSON.parse(result.stdout) as { files: Array<{ path: string; action: string }> };
    expect(doc.files.find((f) => f.path === 'app.py')?.action).toBe('overwrite');
    expect(doc.files.find((f) => f.path === 'manifests/workloaddeployment.yaml')?.action).toBe('unchanged');
    expect(snapshotTree(join(cwd, 'plan'))).toEqual(before);
  });
});

describe('command line: automation', () => {
  it('--json prints one document with files, answers and next commands, and nothing else', async () => {
    const cwd = tempDir();
    const result = await runCli(['auto', '--yes', '--json', '-i', 'http-server,keyvalue', '--keyvalue-backend', 'redis'], cwd);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.answers).toMatchObject({ name: 'auto', interfaces: ['http-server', 'keyvalue'], keyvalueBackend: 'redis' });
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(listFiles(join(cwd, 'auto')));
    expect(doc.next).toContain('uv sync');
    expect(doc.next).toContain('uv run poe dev');
    expect(doc.answers.wasmcloud).toBe('2');
    expect(Object.keys(doc.answers)).not.toContain('greeting');
    // Fed back as an answers file, the answers give the same project and no warnings.
    writeFileSync(join(cwd, 'answers.json'), JSON.stringify({ ...doc.answers, directory: 'again' }));
    const again = await runCli(['--answers', 'answers.json', '--json'], cwd);
    expect(JSON.parse(again.stdout).warnings).toEqual([]);
    expect(snapshotTree(join(cwd, 'again'))).toEqual(snapshotTree(join(cwd, 'auto')));
    expect(doc.build.slice(0, 2)).toEqual(['componentize-py', '-d']);
  });

  it('warns about values for interfaces that are not selected', async () => {
    const cwd = tempDir();
    const result = await runCli(['lone', '--yes', '--json', '--keyvalue-backend', 'redis', '--greeting', 'Hi'], cwd);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).warnings).toEqual([
      '--keyvalue-backend has no effect without the keyvalue interface',
      '--greeting has no effect without the config interface',
    ]);
    const human = await runCli(['lone2', '--yes', '--subscription', 'a.b'], cwd);
    expect(human.stderr).toContain('warning: --subscription has no effect without the messaging-handler interface');
  });

  it('--json reports failures as JSON with the exit code', async () => {
    const cwd = tempDir();
    const result = await runCli(['9bad', '--yes', '--json'], cwd);
    expect(result.code).toBe(2);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ ok: false, error: { code: 'invalid-input', exitCode: 2, field: 'name' } });
    expect(empty(cwd)).toBe(true);
  });

  it('reads answers from JSON and YAML files; flags win', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.json'), JSON.stringify({ name: 'from-json', interfaces: ['http-server', 'config'], greeting: 'Hi' }));
    writeFileSync(join(cwd, 'a.yaml'), 'name: from-yaml\ninterfaces:\n  - messaging-handler\n  - logging\nsubscription: "jobs.>"\n');
    expect((await runCli(['--answers', 'a.json', '--greeting', 'Flag'], cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, 'from-json', '.wash/config.yaml'), 'utf8')).toContain('greeting: Flag');
    expect((await runCli(['--answers', 'a.yaml'], cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, 'from-yaml', 'manifests/workloaddeployment.yaml'), 'utf8')).toContain('subscriptions: "jobs.>"');
    writeFileSync(join(cwd, 'b.json'), JSON.stringify({ name: 'legacy', wasmcloud: 1 }));
    expect((await runCli(['--answers', 'b.json'], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, 'legacy', 'wadm.yaml'))).toBe(true);
    const bad = await runCli(['--answers', 'a.json', '--answers', 'missing.json'], cwd);
    expect(bad.code).toBe(2);
  });

  it('rejects an answers file with an unknown key', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.json'), JSON.stringify({ name: 'x', colour: 'blue' }));
    const result = await runCli(['--answers', 'a.json'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown key "colour"');
  });

  it.each([
    [['--yes'], 2],
    [[], 2],
    [['x', '--interactive'], 2],
    [['Bad'], 2],
    [['ok', '-i', 'logging'], 2],
  ])('the bin with stdin closed and no terminal: %j exits %i within 10 s and writes nothing', async (argv, code) => {
    const cwd = tempDir();
    const result = await runBin(argv, cwd);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(/create-wasmcloud-python: /);
    expect(empty(cwd)).toBe(true);
  });

  it('the built bin reads a YAML answers file (the bundle loads the parser lazily)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.yaml'), 'name: yaml-app\ninterfaces: [http-server, logging]\n');
    const result = await runBin(['--answers', 'a.yaml', '--json'], cwd);
    expect(result.code, result.stdout).toBe(0);
    expect(JSON.parse(result.stdout).answers.interfaces).toEqual(['http-server', 'logging']);
  });

  it('the bin exits 3 on an existing target within 10 s', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'x'));
    writeFileSync(join(cwd, 'x', 'keep'), '');
    expect((await runBin(['x'], cwd)).code).toBe(3);
  });

  it('the bin generates without a terminal and with CI set, never prompting', async () => {
    const cwd = tempDir();
    const result = await runBin(['ci-app'], cwd, { CI: 'true' });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'ci-app', 'manifests', 'workloaddeployment.yaml'))).toBe(true);
  });
});

describe('answers files: what is wrong, where, and how to fix it', () => {
  /** Runs with only `file` (written with `text`) and checks that nothing but it is in cwd afterwards. */
  async function withAnswers(file: string, text: string, extra: string[] = []) {
    const cwd = tempDir();
    writeFileSync(join(cwd, file), text);
    const result = await runCli(['--answers', file, ...extra], cwd);
    return { ...result, cwd, written: readdirSync(cwd).filter((f) => f !== file) };
  }

  it("a .json file is JSON only: a syntax error names the file, the line, the column and the parser's problem", async () => {
    const result = await withAnswers('a.json', '{\n  "name": "x",\n  }');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--answers: a.json:3:3: Expected double-quoted property name\n');
    expect(result.stderr).toMatch(/fix: correct line 3, column 3 of a.json/);
    expect(result.written).toEqual([]);
  });

  it('locates the errors V8 gives no position for: an unexpected token, and the end of the text', async () => {
    const token = await withAnswers('b.json', '{\n  "name": "x",\n  "greeting": }\n');
    expect(token.stderr).toContain("--answers: b.json:3:15: Unexpected token '}'\n");
    const end = await withAnswers('c.json', '{\n  "name": "x"\n');
    expect(end.stderr).toContain('--answers: c.json:3:1: ');
    expect([token.code, end.code]).toEqual([2, 2]);
  });

  it('does not read YAML from a .json file, but does from any other name', async () => {
    const json = await withAnswers('a.json', 'name: from-yaml\n');
    expect(json.code).toBe(2);
    // `n` could begin `null`: the `a` after it is what V8 finds unexpected.
    expect(json.stderr).toContain("a.json:1:2: Unexpected token 'a'");
    expect(json.written).toEqual([]);
    const other = await withAnswers('answers.txt', 'name: from-yaml\n');
    expect(other.code, other.stderr).toBe(0);
    expect(other.written).toEqual(['from-yaml']);
  });

  it('reads both spellings of V8\'s position: "at position N" and "(line L column C)"', () => {
    const text = '{\n  "name": "x",\n  }';
    expect(jsonSyntaxError('Unexpected token } in JSON at position 19', text)).toEqual({ line: 3, column: 3, problem: 'Unexpected token }' });
    expect(jsonSyntaxError('Expected double-quoted property name in JSON at position 19 (line 3 column 3)', text)).toEqual({
      line: 3,
      column: 3,
      problem: 'Expected double-quoted property name',
    });
    expect(jsonSyntaxError('Unexpected non-whitespace character after JSON at position 2', '{}x').problem).toBe(
      'Unexpected non-whitespace character after JSON',
    );
    expect(jsonSyntaxError('Unexpected token \'}\', ..."eting": }" is not valid JSON', text).problem).toBe("Unexpected token '}'");
  });

  it('the scanner points where V8 points, whenever V8 names a position or the unexpected token', () => {
    const junk = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', 'a', '1', ' ', '\n', '-', '.', 'e', 't', '\\'), maxLength: 3 });
    fc.assert(
      fc.property(fc.json(), fc.nat(), junk, (json, at, extra) => {
        const cut = json.length ? at % json.length : 0;
        const text = json.slice(0, cut) + extra + json.slice(cut);
        let message: string | undefined;
        try {
          JSON.parse(text);
        } catch (error) {
          message = (error as Error).message;
        }
        if (message === undefined) return;
        const position = /at position (\d+)/.exec(message)?.[1];
        const token = /^Unexpected token '(.)'/.exec(message)?.[1];
        if (position !== undefined) expect(jsonErrorOffset(text)).toBe(Number(position));
        else if (token !== undefined) expect(text[jsonErrorOffset(text)]).toBe(token);
        else if (message === 'Unexpected end of JSON input') expect(jsonErrorOffset(text)).toBe(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('reports every unknown key in one error, each with the known key it is probably meant to be', async () => {
    const result = await withAnswers(
      'a.json',
      JSON.stringify({ name: 'x', interface: ['http-server'], colour: 'blue', Greeting: 'Hi', keyvalue_bakend: 'redis' }),
    );
    expect(result.code).toBe(2);
    const message = result.stderr.split('\n')[0] as string;
    expect(message).toContain('a.json');
    expect(message).toContain('unknown key "interface" (did you mean "interfaces"?)');
    expect(message).toContain('unknown key "colour",');
    expect(message).not.toContain('"colour" (did you mean');
    expect(message).toContain('unknown key "Greeting" (did you mean "greeting"?)');
    expect(message).toContain('unknown key "keyvalue_bakend" (did you mean "keyvalueBackend"?)');
    expect(result.stderr).toMatch(/fix: rename or remove the unknown keys; known keys: name, wasmcloud, /);
    expect(result.written).toEqual([]);
  });

  it.each([
    ['interfaces', 'interfaces'],
    ['Interfaces', 'interfaces'],
    ['HTTP_ADDRESS', 'httpAddress'],
    ['subscripton', 'subscription'],
    ['events_subjet', 'eventsSubject'],
    ['nam', 'name'],
    ['ab', undefined],
    ['colour', undefined],
  ])('did you mean: %s → %s', (written, known) => {
    expect(closestKey(written)).toBe(known);
  });

  it('takes snake_case keys and --flag names as the camelCase keys', async () => {
    const result = await withAnswers(
      'a.yaml',
      'name: snake\ninterfaces: [http-server, keyvalue]\nkeyvalue_backend: redis\nhttp-address: "127.0.0.1:9000"\nevents_subject: ev.x\n',
      ['--json'],
    );
    expect(result.code, result.stdout).toBe(0);
    expect(JSON.parse(result.stdout).answers).toMatchObject({ keyvalueBackend: 'redis', httpAddress: '127.0.0.1:9000' });
    expect(JSON.parse(result.stdout).warnings).toEqual(['--events-subject has no effect without the messaging-publisher interface']);
  });

  it('refuses one key given in two spellings, naming both', async () => {
    const result = await withAnswers('a.json', JSON.stringify({ name: 'x', keyvalue_backend: 'redis', 'keyvalue-backend': 'nats' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"keyvalue_backend" and "keyvalue-backend" are the same key');
    expect(result.stderr).toContain('fix: keep only one of "keyvalue_backend" and "keyvalue-backend"');
    expect(result.written).toEqual([]);
  });
});

describe('--force: what it replaces and removes', () => {
  it('warns for each overwritten file it changed, on stderr and in --json warnings, and for no other', async () => {
    const cwd = tempDir();
    await runCli(['mine', '--yes'], cwd);
    writeFileSync(join(cwd, 'mine', 'app.py'), '# my edits\n');
    writeFileSync(join(cwd, 'mine', 'README.md'), 'my readme\n');
    const dry = await runCli(['mine', '--yes', '--force', '--dry-run', '--json'], cwd);
    expect(JSON.parse(dry.stdout).warnings).toEqual([
      'would overwrite README.md, which differs from what this run writes (the old file would not be kept)',
      'would overwrite app.py, which differs from what this run writes (the old file would not be kept)',
    ]);
    expect(readFileSync(join(cwd, 'mine', 'app.py'), 'utf8')).toBe('# my edits\n');
    const human = await runCli(['mine', '--yes', '--force'], cwd);
    expect(human.code).toBe(0);
    expect(human.stderr).toContain(
      'create-wasmcloud-python: warning: overwrote app.py, which differed from what this run writes (the old file is not kept)\n',
    );
    expect(human.stderr).toContain('warning: overwrote README.md, which differed from what this run writes (the old file is not kept)\n');
    expect(human.stderr.match(/warning: /g)).toHaveLength(2);
    writeFileSync(join(cwd, 'mine', 'app.py'), '# again\n');
    const json = await runCli(['mine', '--yes', '--force', '--json'], cwd);
    expect(JSON.parse(json.stdout).warnings).toEqual(['overwrote app.py, which differed from what this run writes (the old file is not kept)']);
  });

  it('removes the vendored WIT of packages a new run no longer uses, and nothing else under wit/deps', async () => {
    const cwd = tempDir();
    expect((await runCli(['regen', '--yes', '-i', 'http-server,keyvalue,config'], cwd)).code).toBe(0);
    const deps = join(cwd, 'regen', 'wit', 'deps');
    writeFileSync(join(deps, 'wasi-config-0.2.0-rc.1', 'NOTES.md'), 'mine');
    mkdirSync(join(deps, 'vendored-by-me'));
    writeFileSync(join(deps, 'vendored-by-me', 'package.wit'), 'package me:mine;');
    const before = snapshotTree(join(cwd, 'regen'));

    const dry = await runCli(['regen', '--yes', '--force', '--dry-run', '--json'], cwd);
    const removes = (JSON.parse(dry.stdout).files as Array<{ path: string; action: string }>).filter((f) => f.action === 'remove');
    expect(removes.map((f) => f.path)).toEqual(['wit/deps/wasi-config-0.2.0-rc.1/package.wit', 'wit/deps/wasi-keyvalue-0.2.0-draft/package.wit']);
    expect(snapshotTree(join(cwd, 'regen'))).toEqual(before);

    const result = await runCli(['regen', '--yes', '--force'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  remove     wit/deps/wasi-keyvalue-0.2.0-draft/package.wit\n');
    expect(existsSync(join(deps, 'wasi-keyvalue-0.2.0-draft'))).toBe(false);
    expect(readdirSync(join(deps, 'wasi-config-0.2.0-rc.1'))).toEqual(['NOTES.md']);
    expect(readFileSync(join(deps, 'vendored-by-me', 'package.wit'), 'utf8')).toBe('package me:mine;');
    expect(readFileSync(join(cwd, 'regen', 'wit', 'world.wit'), 'utf8')).not.toContain('keyvalue');
  });
});

describe('the command as stages', () => {
  it('no module imports one that imports it back (src/ and generators/, static and dynamic imports)', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(ROOT, 'src'));
    walk(join(ROOT, 'generators'));
    const imports = new Map(
      files.map((file) => {
        const code = readFileSync(file, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '');
        return [file, [...code.matchAll(/(?:from|import\()\s*'(\.[^']+)\.js'/g)].map((m) => resolve(dirname(file), `${m[1]}.ts`))];
      }),
    );
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (file: string, path: string[]): void => {
      if (path.includes(file)) {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(ROOT, f)).join(' -> '));
        return;
      }
      if (done.has(file)) return;
      for (const next of imports.get(file) ?? []) visit(next, [...path, file]);
      done.add(file);
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("the answers --json prints and the answers .yo-rc.json records are one function's", () => {
    for (const [wasmcloud, wasi] of [
      ['2', '0.2'],
      ['2', '0.3'],
      ['1', undefined],
    ] as const) {
      for (const interfaces of [['http-server'], interfacesFor(wasi ?? '0.2')]) {
        const model = resolveModel({ name: 'same', wasmcloud, wasi, interfaces, greeting: 'Hi' }, tempDir());
        // Key order too: .yo-rc.json is written with JSON.stringify.
        expect(JSON.stringify(renderRecordedAnswers(model))).toBe(JSON.stringify(recordedAnswers(model)));
        const { directory, ...printed } = answersOf(model);
        expect(directory).toBe(model.directory);
        expect(Object.entries(printed)).toEqual(Object.entries(recordedAnswers(model)).filter(([key]) => key in printed));
      }
    }
  });
});

describe('edge cases new users found', () => {
  it('a .yo-rc.json that is a directory in the target is bad input: exit 2 naming it and the fix, with or without --force, nothing written', async () => {
    for (const args of [['--force'], [], ['--force', '--dry-run'], ['--directory', '.', '--force']]) {
      const cwd = tempDir();
      const target = args.includes('--directory') ? cwd : join(cwd, 'taken');
      mkdirSync(join(target, '.yo-rc.json'), { recursive: true });
      const before = snapshotTree(cwd);
      const result = await runCli(['taken', '--yes', ...args], cwd);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(
        `create-wasmcloud-python: ${join(target, '.yo-rc.json')} is a directory: the project records its answers in a file of that name, which add reads.\n` +
          '  fix: move or remove that .yo-rc.json directory, or choose another --directory\n',
      );
      expect(readdirSync(join(target, '.yo-rc.json'))).toEqual([]);
      expect(snapshotTree(cwd)).toEqual(before);
      expect(listFiles(target)).toEqual([]);
    }
    const cwd = tempDir();
    mkdirSync(join(cwd, 'taken', '.yo-rc.json'), { recursive: true });
    const json = await runCli(['taken', '--yes', '--force', '--json'], cwd);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'usage', exitCode: 2, field: 'directory' });
    expect(json.stdout).not.toMatch(/\n\s+at /);
  });

  it('a WIT keyword as the name is named once, as WIT code', async () => {
    const cwd = tempDir();
    const result = await runCli(['import', '--yes'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('create-wasmcloud-python: name: `import` is a WIT keyword.\n  fix: try "import-component"\n');
    const namespace = await runCli(['ok', '--namespace', 'world', '--yes'], cwd);
    expect(namespace.stderr).toBe('create-wasmcloud-python: namespace: `world` is a WIT keyword.\n  fix: try "world-component"\n');
    expect(empty(cwd)).toBe(true);
  });

  it.each([
    [['--', '-x', '--yes'], '-x --yes come after --', 'drop the --: create-wasmcloud-python -x --yes'],
    [['hello', '--', '--yes'], '--yes comes after --', 'drop the --: create-wasmcloud-python hello --yes'],
    [['--', 'hello', '-i', 'http-server,keyvalue'], '-i comes after --', 'drop the --: create-wasmcloud-python hello -i http-server,keyvalue'],
    [['--', "it's", '-y'], '-y comes after --', "drop the --: create-wasmcloud-python 'it'\\''s' -y"],
  ])('an option after -- (%j) is not told to use --', async (argv, problem, fix) => {
    const cwd = tempDir();
    const result = await runCli(argv, cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`create-wasmcloud-python: ${problem}, which makes every argument after it a name, not an option.\n  fix: ${fix}\n`);
    expect(empty(cwd)).toBe(true);
  });

  it('two names after -- are not told to use -- either; without -- the hint stays', async () => {
    const cwd = tempDir();
    const after = await runCli(['--', 'my', 'thing'], cwd);
    expect(after.code).toBe(2);
    expect(after.stderr).toBe('create-wasmcloud-python: expected at most one name, got 2: my thing.\n  fix: quote a name with spaces\n');
    const plain = await runCli(['my', 'thing'], cwd);
    expect(plain.stderr).toContain('fix: quote a name with spaces, or pass options with --\n');
    const add = await runCli(['add', '--', '-i', 'keyvalue'], cwd);
    expect(add.code).toBe(2);
    expect(add.stderr).toBe(
      'create-wasmcloud-python: -i comes after --, which makes every argument after it an interface, not an option.\n' +
        '  fix: drop the --: create-wasmcloud-python add -i keyvalue\n',
    );
    expect(empty(cwd)).toBe(true);
  });

  it('an abbreviated interface gets a did-you-mean: -i http-server,kv suggests keyvalue', async () => {
    const cwd = tempDir();
    const result = await runCli(['x', '-i', 'http-server,kv', '--yes'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'create-wasmcloud-python: --interfaces: unknown interface "kv" (did you mean "keyvalue"?).\n' +
        `  fix: use http-server,keyvalue (the interfaces: ${INTERFACE_IDS.join(', ')})\n`,
    );
    expect(empty(cwd)).toBe(true);
  });

  it.each([
    ['kv', 'keyvalue'],
    ['KV', 'keyvalue'],
    ['pg', 'postgres'],
    ['cfg', 'config'],
    ['log', 'logging'],
    ['blob', 'blobstore'],
    ['hs', 'http-server'],
    ['hc', 'http-client'],
    ['mh', 'messaging-handler'],
    ['mp', 'messaging-publisher'],
    ['keyvlaue', 'keyvalue'],
    // Unrelated words, and abbreviations of more than one interface, get none.
    ['k', undefined],
    ['hi', undefined],
    ['ci', undefined],
    ['http', undefined],
    ['msg', undefined],
    ['redis', undefined],
    ['kafka', undefined],
    ['sql', undefined],
    ['hello', undefined],
    ['db', undefined],
  ])('did you mean, of interfaces: %s → %s', (written, known) => {
    expect(closest(written, INTERFACE_IDS)).toBe(known);
  });

  it.each([
    ['ns', 'namespace'],
    ['dir', 'directory'],
    ['kb', undefined],
  ])('did you mean, of answer keys: %s → %s', (written, known) => {
    expect(closestKey(written)).toBe(known);
  });
});
