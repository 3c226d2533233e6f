/**
 * What we generate against the reference data in ../shared/reference: wadm's manifest schema, the
 * wash 1.x build contract, and the WIT packages wasmCloud itself ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { INTERFACE_IDS } from '../src/interfaces/index.js';
import { WIT_DIR } from '../src/paths.js';
import { WIT_PACKAGES, type WitPackageId } from '../src/versions.js';
import { parsePackage, tokenize, type WitPackageText } from '../src/wit.js';
import { generate, listFiles, read, REFERENCE } from './support/project.js';

/** Where each vendored package's counterpart lives in the reference data (null: it has none). */
const REFERENCE_DIRS: Record<WitPackageId, string | null> = {
  'wasi:io@0.2.0': 'wasi-io-0.2.0',
  'wasi:io@0.2.6': null,
  'wasi:clocks@0.2.0': 'wasi-clocks-0.2.0',
  'wasi:random@0.2.0': 'wasi-random-0.2.0',
  'wasi:cli@0.2.0': 'wasi-cli-0.2.0',
  'wasi:http@0.2.0': 'wasi-http-0.2.0',
  'wasi:keyvalue@0.2.0-draft': 'wasi-keyvalue',
  'wasi:blobstore@0.2.0-draft': 'wasi-blobstore',
  'wasi:config@0.2.0-draft': 'wasi-config',
  'wasi:logging@0.1.0-draft': 'wasi-logging',
  'wasmcloud:messaging@0.2.0': 'wasmcloud-messaging-0.2.0',
};

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

const ALL = INTERFACE_IDS.join(',');

describe('vendored WIT packages', () => {
  for (const pkg of Object.values(WIT_PACKAGES)) {
    const ours = () => parsePackage(readFileSync(join(WIT_DIR, pkg.dir, 'package.wit'), 'utf8'));

    it(`${pkg.id} declares itself and parses`, () => {
      expect(ours().id).toBe(pkg.id);
    });

    it(`${pkg.id} lists exactly the packages it refers to as deps`, () => {
      const refs = referencedPackages(readFileSync(join(WIT_DIR, pkg.dir, 'package.wit'), 'utf8'));
      refs.delete(pkg.id);
      expect([...refs].sort()).toEqual([...pkg.deps].sort());
    });

    const refDir = REFERENCE_DIRS[pkg.id];
    if (refDir === null) {
      it(`${pkg.id} has no counterpart in the reference data (documented)`, () => {
        expect(readdirSync(join(REFERENCE, 'wit'))).not.toContain(pkg.dir);
      });
      continue;
    }
    it(`${pkg.id} has the same interfaces, functions and types as ${refDir} in the reference`, () => {
      const reference = readReferencePackage(join(REFERENCE, 'wit', refDir));
      const mine = ours();
      expect(mine.id).toBe(reference.id);
      expect([...mine.interfaces.keys()].sort()).toEqual([...reference.interfaces.keys()].sort());
      for (const [name, iface] of reference.interfaces) {
        expect(mine.interfaces.get(name)?.items, `${pkg.id} interface ${name}`).toEqual(iface.items);
      }
    });
  }

  it('the comparison notices a changed function', () => {
    const text = readFileSync(join(WIT_DIR, WIT_PACKAGES['wasi:random@0.2.0'].dir, 'package.wit'), 'utf8');
    const changed = parsePackage(text.replace('get-random-u64: func() -> u64', 'get-random-u64: func() -> u32'));
    const reference = readReferencePackage(join(REFERENCE, 'wit', 'wasi-random-0.2.0'));
    expect(changed.interfaces.get('random')?.items).not.toEqual(reference.interfaces.get('random')?.items);
  });
});

describe('generated configuration', () => {
  let dir: string;
  let schema: object;
  beforeAll(async () => {
    dir = await generate('conform', ['--interfaces', ALL]);
    schema = JSON.parse(readFileSync(join(REFERENCE, 'wadm', 'oam.schema.json'), 'utf8')) as object;
  });

  const validate = (manifest: unknown) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const check = ajv.compile(schema);
    return { ok: check(manifest), errors: check.errors };
  };

  it('wadm.yaml of every single interface and of all of them validates against wadm’s schema', async () => {
    for (const id of INTERFACE_IDS) {
      const interfaces = id === 'http-server' || id === 'messaging-handler' ? id : `http-server,${id}`;
      const project = await generate(`w-${id}`, ['--interfaces', interfaces]);
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

  it('.wash/config.yaml builds the same artifact for wash 2.x', () => {
    const config = parseYaml(read(dir, '.wash/config.yaml'));
    const manifest = parseToml(read(dir, 'wasmcloud.toml')) as Record<string, any>;
    expect(config.build.command).toBe(manifest.component.build_command);
    expect(config.build.component_path).toBe(manifest.component.build_artifact);
  });

  it('world.wit refers only to vendored packages, and every vendored package is reachable', () => {
    const world = read(dir, 'wit/world.wit');
    const vendored = new Set(
      listFiles(dir)
        .filter((f) => f.startsWith('wit/deps/'))
        .map((f) => parsePackage(read(dir, f)).id),
    );
    for (const ref of referencedPackages(world)) expect(vendored, ref).toContain(ref);
    const reachable = new Set<string>();
    const visit = (id: string) => {
      if (reachable.has(id)) return;
      reachable.add(id);
      WIT_PACKAGES[id as WitPackageId].deps.forEach(visit);
    };
    referencedPackages(world).forEach(visit);
    expect([...vendored].sort()).toEqual([...reachable].sort());
  });

  it('pyproject.toml pins componentize-py 0.25.x for development', () => {
    const pyproject = parseToml(read(dir, 'pyproject.toml')) as Record<string, any>;
    expect(pyproject['dependency-groups'].dev).toContain('componentize-py==0.25.1');
    expect(pyproject.project.name).toBe('conform');
  });

  it('.gitignore keeps build/.gitkeep and ignores build output, bindings and venvs', () => {
    const ignore = read(dir, '.gitignore');
    for (const line of ['build/*', '!build/.gitkeep', 'bindings/', '__pycache__/', '.venv/']) expect(ignore.split('\n')).toContain(line);
  });
});
