import { join } from 'node:path';
import helpers, { result } from 'yeoman-test';
import { describe, expect, it } from 'vitest';
import AppGenerator from '../generators/app/index.js';
import { generate, listFiles, read } from './support/project.js';

const HTTP_FILES = [
  '.github/workflows/ci.yml',
  '.gitignore',
  '.python-version',
  '.wash/config.yaml',
  '.yo-rc.json',
  'README.md',
  'app.py',
  'build/.gitkeep',
  'conftest.py',
  'manifests/workloaddeployment.yaml',
  'pyproject.toml',
  'tests/test_app.py',
  'tools/__init__.py',
  'tools/backends.py',
  'tools/bindings.py',
  'tools/cpython.py',
  'tools/dev.py',
  'tools/serve.py',
  'tools/stand_ins.py',
  'tools/wash.py',
  'wasmcloud_sdk/__init__.py',
  'wasmcloud_sdk/http.py',
  'wasmcloud_sdk/testing.py',
  'wit/deps/wasi-cli-0.2.0/package.wit',
  'wit/deps/wasi-clocks-0.2.0/package.wit',
  'wit/deps/wasi-http-0.2.0/package.wit',
  'wit/deps/wasi-io-0.2.0/package.wit',
  'wit/deps/wasi-random-0.2.0/package.wit',
  'wit/world.wit',
];

describe('yeoman generator', () => {
  it('writes exactly the http-server file set from inputs', async () => {
    await helpers.run(AppGenerator as never).withOptions({ inputs: { name: 'hello', interfaces: ['http-server'] } } as never);
    const dir = join(result.cwd, 'hello');
    expect(listFiles(dir)).toEqual(HTTP_FILES);
    expect(read(dir, 'wit/world.wit')).toBe('package local:hello;\n\nworld hello {\n  export wasi:http/incoming-handler@0.2.0;\n}\n');
    // app.py holds the routes, on the SDK; the tool's wasmcloud_sdk/http.py the plumbing the host calls.
    const app = read(dir, 'app.py');
    expect(app).toContain('@app.get("/health")\ndef health(request: Request) -> Response:');
    expect(app).toContain('from wasmcloud_sdk.http import App, Request, Response, incoming_handler');
    expect(app).toMatch(/^IncomingHandler = incoming_handler\(app\)$/m);
    expect(app).not.toMatch(/wit_world|componentize_py_types|from hello import/);
    const plumbing = read(dir, 'wasmcloud_sdk/http.py');
    expect(plumbing).toContain('    class IncomingHandler(exports.IncomingHandler):');
    expect(plumbing).toContain('from componentize_py_types import Err, Ok');
    expect(read(dir, 'tests/test_app.py')).toContain('from wasmcloud_sdk.testing import Client');
    expect(read(dir, 'conftest.py')).toContain('pytest_plugins = ["wasmcloud_sdk.testing"]');
    expect(read(dir, '.wash/config.yaml')).toContain(
      '  command: "componentize-py -d wit -w hello --import-interface-name wasi:http/types@0.2.0=http_types componentize app -o build/hello.wasm"',
    );
    expect(read(dir, 'manifests/workloaddeployment.yaml')).toContain('image: localhost:5000/hello:0.1.0');
    expect(read(dir, 'build/.gitkeep')).toBe('');
  });

  it('writes the wasmCloud 1.x file set for wasmcloud 1', async () => {
    await helpers
      .run(AppGenerator as never)
      .withOptions({ inputs: { name: 'legacy', wasmcloud: '1', interfaces: ['http-server', 'config'] } } as never);
    const dir = join(result.cwd, 'legacy');
    const files = listFiles(dir);
    expect(files).toEqual(expect.arrayContaining(['wadm.yaml', 'wasmcloud.toml', 'wit/deps/wasi-config-0.2.0-draft/package.wit']));
    expect(files.filter((f) => f.startsWith('.wash/') || f.startsWith('manifests/'))).toEqual([]);
    expect(read(dir, 'wasmcloud.toml')).toContain(
      'build_command = "componentize-py -d wit -w legacy --import-interface-name wasi:config/store@0.2.0-draft=config_store --import-interface-name wasi:http/types@0.2.0=http_types componentize app -o build/legacy.wasm"',
    );
    expect(read(dir, 'wadm.yaml')).toContain('image: file://./build/legacy_s.wasm');
    expect(read(dir, 'wit/world.wit')).toContain('import wasi:config/store@0.2.0-draft;');
  });

  it('prompts for the name and interfaces when a Yeoman host runs it without them', async () => {
    await helpers.run(AppGenerator as never).withAnswers({ name: 'counter', interfaces: ['http-server', 'keyvalue'] });
    const dir = join(result.cwd, 'counter');
    const files = listFiles(dir);
    expect(files).toContain('wit/deps/wasi-keyvalue-0.2.0-draft/package.wit');
    expect(read(dir, 'wit/world.wit')).toContain('import wasi:keyvalue/atomics@0.2.0-draft;');
    expect(read(dir, 'manifests/workloaddeployment.yaml')).toMatch(/package: keyvalue\n {10}interfaces: \[store, atomics\]/);
  });

  it('asks, as the bin does, for the key-value provider of a wasmCloud 1.x project with keyvalue', async () => {
    await helpers
      .run(AppGenerator as never)
      .withOptions({ inputs: { wasmcloud: '1' } } as never)
      .withAnswers({ name: 'kv', interfaces: ['http-server', 'keyvalue'], keyvalueBackend: 'redis' });
    expect(read(join(result.cwd, 'kv'), 'wadm.yaml')).toContain('keyvalue-redis');
  });

  it('vendors each package once when interfaces share one', async () => {
    await helpers
      .run(AppGenerator as never)
      .withOptions({ inputs: { name: 'both', interfaces: ['http-server', 'http-client', 'messaging-handler', 'messaging-publisher'] } } as never);
    const dir = join(result.cwd, 'both');
    const deps = listFiles(dir).filter((f) => f.startsWith('wit/deps/'));
    expect(deps).toEqual([...new Set(deps)]);
    expect(deps).toContain('wit/deps/wasmcloud-messaging-0.2.0/package.wit');
    const world = read(dir, 'wit/world.wit');
    expect(world.match(/import wasmcloud:messaging\/consumer@0\.2\.0;/g)).toHaveLength(1);
    const manifest = read(dir, 'manifests/workloaddeployment.yaml');
    expect(manifest.match(/package: messaging/g)).toHaveLength(1);
    expect(manifest.match(/package: http\n/g)).toHaveLength(1);
  });
});

describe('the bundled generator (dist/generators/app/index.js)', () => {
  it('runs under yeoman-test and writes what the source generator writes', async () => {
    const { default: Bundled } = await import(join(import.meta.dirname, '..', 'dist', 'generators', 'app', 'index.js'));
    await helpers.run(Bundled).withOptions({ inputs: { name: 'bundled', interfaces: ['http-server', 'keyvalue'] } } as never);
    const fromBundle = join(result.cwd, 'bundled');
    const bundledFiles = new Map(listFiles(fromBundle).map((f) => [f, read(fromBundle, f)]));
    await helpers.run(AppGenerator as never).withOptions({ inputs: { name: 'bundled', interfaces: ['http-server', 'keyvalue'] } } as never);
    const fromSource = join(result.cwd, 'bundled');
    expect(bundledFiles).toEqual(new Map(listFiles(fromSource).map((f) => [f, read(fromSource, f)])));
  });
});

describe('the generated comments say what the code does, for every mix', () => {
  /** demo()'s docstring, its lines joined by a space. */
  const demoDoc = (app: string): string => (/def demo\([^)]*\)[^\n]*\n {4}"""([\s\S]*?)"""/.exec(app)?.[1] ?? '').replace(/\s+/g, ' ');

  it.each([
    [['-i', 'http-server'], false],
    [['-i', 'messaging-handler'], false],
    [['-i', 'http-server,messaging-handler,keyvalue,postgres,logging,http-client,config,messaging-publisher'], false],
    [['--wasi', '0.3', '-i', 'http-server,secrets'], false],
    [['-i', 'http-server,blobstore'], true],
    [['-i', 'messaging-handler,blobstore'], true],
    [['--wasmcloud', '1', '-i', 'http-server,messaging-handler,blobstore'], true],
  ])('app.py %j says the body is stored only when blobstore stores it (%s)', async (args, stores) => {
    const app = read(await generate('mix', args), 'app.py');
    expect(app).not.toMatch(/body is kept/);
    if (stores) expect(demoDoc(app)).toMatch(/blobstore then stores its body/);
    else expect(app).not.toMatch(/stores its body|body is stored|stored|kept/);
  });

  it('demo() names only the callers the project has: requests, messages or both', async () => {
    const http = demoDoc(read(await generate('web', ['-i', 'http-server']), 'app.py'));
    expect(http).toContain('one request,');
    expect(http).not.toMatch(/message/);
    const messages = demoDoc(read(await generate('worker', ['-i', 'messaging-handler']), 'app.py'));
    expect(messages).toContain('one message,');
    expect(messages).toContain('`write` is true for every message');
    expect(messages).not.toMatch(/request|POST|PUT|route/);
    const both = demoDoc(read(await generate('both', ['-i', 'http-server,messaging-handler']), 'app.py'));
    expect(both).toContain('`write` is true for a POST, a PUT or a message.');
    expect(both).toContain('your routes and handler grow');
  });

  it('.wash/config.yaml and README say why a keyvalue backend is first, true whether --keyvalue-backend was given or not', async () => {
    for (const [args, first] of [
      [[], 'NATS JetStream (a server run with -js), first since --keyvalue-backend is nats'],
      [['--keyvalue-backend', 'nats'], 'NATS JetStream (a server run with -js), first since --keyvalue-backend is nats'],
      [['--keyvalue-backend', 'redis'], 'Redis (a running Redis server), first since --keyvalue-backend is redis'],
    ] as const) {
      const project = await generate('kv', ['-i', 'http-server,keyvalue', ...args]);
      const config = read(project, '.wash/config.yaml');
      expect(config).toContain(`  # ${first}: uncomment to use it.\n`);
      expect(config).not.toContain('chosen');
      expect(read(project, 'README.md')).not.toContain('as chosen with');
    }
  });

  it("the messaging block names only the chosen stores that share wash dev's NATS server", async () => {
    const line = async (interfaces: string) =>
      /^ {2}# run `nats-server -js` and uncomment this line.*$/m.exec(read(await generate('nats', ['-i', interfaces]), '.wash/config.yaml'))?.[0];
    expect(await line('messaging-handler')).toBe('  # run `nats-server -js` and uncomment this line.');
    expect(await line('messaging-handler,keyvalue')).toBe(
      '  # run `nats-server -js` and uncomment this line (keyvalue then uses the same NATS server).',
    );
    expect(await line('messaging-handler,blobstore,keyvalue')).toBe(
      '  # run `nats-server -js` and uncomment this line (keyvalue and blobstore then use the same NATS server).',
    );
  });

  it('.gitignore gives wash 1.x as the reason for build/.gitkeep only in a wasmCloud 1 project', async () => {
    expect(read(await generate('two'), '.gitignore')).not.toContain('wash 1.x');
    expect(read(await generate('one', ['--wasmcloud', '1']), '.gitignore')).toContain('wash 1.x needs the directory to exist');
  });

  it('conftest.py names only files the project has (or that its bindings step writes)', async () => {
    for (const args of [[], ['--wasi', '0.3'], ['--wasmcloud', '1', '-i', 'messaging-handler']]) {
      const project = await generate('named', args);
      const conftest = read(project, 'conftest.py');
      const files = listFiles(project);
      const named = [...conftest.matchAll(/\b([\w/]+\.py)\b/g)].map((m) => m[1] as string);
      expect(named.length).toBeGreaterThan(0);
      for (const file of named) expect(files, file).toContain(file);
      for (const module of conftest.match(/"(wasmcloud_sdk\.\w+)"/g) ?? []) {
        expect(files).toContain(`${module.slice(1, -1).replace('.', '/')}.py`);
      }
    }
  });
});
