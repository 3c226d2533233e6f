import { resolve } from 'node:path';
import { CreateError, invalid } from './errors.js';
import { freeText } from './interfaces/checks.js';
import { CATALOG, EXPORT_IDS, INTERFACE_IDS, isInterfaceId, SETTINGS, unfitFor, type InterfaceId } from './interfaces/index.js';
import type { Context, SettingValues } from './interfaces/types.js';
import { deriveNames, type Names } from './names.js';
import { closest } from './suggest.js';
import { DEFAULT_MAJOR, DEFAULT_WASI, MAJOR_WASI, MAJORS, WASI_REVISIONS, type Major, type WasiRevision } from './versions.js';

/**
 * Everything a user can supply, from flags, an answers file or prompts. All optional here. Besides the
 * keys below, each interface's settings (src/interfaces/<id>/) are keys of their own.
 */
export interface Inputs {
  name?: string;
  /** The wasmCloud major: `2` (default) or `1` (legacy). */
  wasmcloud?: string;
  /** The WASI revision: `0.2` (default) or `0.3` (async), wasmCloud 2 only. */
  wasi?: string;
  directory?: string;
  namespace?: string;
  description?: string;
  interfaces?: string[];
  [setting: string]: string | string[] | undefined;
}

/** The fully resolved project: every template renders from this and nothing else. */
export interface ProjectModel {
  names: Names;
  /** The wasmCloud major the project is for. */
  wasmcloud: Major;
  /** The WASI revision its exports and async imports are written for. */
  wasi: WasiRevision;
  /** Absolute path of the project directory. */
  directory: string;
  description: string;
  /** Selected interfaces, in catalog order. */
  interfaces: InterfaceId[];
  /** Every interface setting, by key: given or defaulted, and checked. */
  settings: SettingValues;
}

export const DEFAULT_NAMESPACE = 'local';
export const DEFAULT_INTERFACES: InterfaceId[] = ['http-server'];

function defaultDescription(component: string): string {
  return `${component}: a wasmCloud component written in Python`;
}

/** Each interface setting from `inputs` or its default, checked; the error names the flag that sets it. */
function resolveSettings(inputs: Inputs, component: string): SettingValues {
  const settings: Record<string, string> = {};
  for (const setting of SETTINGS) {
    const value = inputs[setting.key] ?? setting.default(component);
    if (typeof value !== 'string') throw invalid(`--${setting.flag}`, 'must be a string.');
    const problem = setting.check(value);
    if (problem) throw invalid(`--${setting.flag}`, problem.problem, problem.fix);
    settings[setting.key] = value;
  }
  return settings;
}

/**
 * Parses an interface list (`a,b` or repeated) and orders it like the catalog. `source` is where the
 * list was typed, as its errors name it: `--interfaces`, or `add` for add's positional list.
 */
export function resolveInterfaces(values: readonly string[], requireExport = true, source = '--interfaces'): InterfaceId[] {
  const wanted = new Set<InterfaceId>();
  const unknown: string[] = [];
  for (const raw of values.flatMap((v) => v.split(','))) {
    const id = raw.trim();
    if (!id) continue;
    if (isInterfaceId(id)) wanted.add(id);
    else unknown.push(id);
  }
  const lowered = unknown.filter((u) => isInterfaceId(u.toLowerCase()));
  if (unknown.length > 0 && lowered.length === unknown.length) {
    throw invalid(
      source,
      `unknown interface${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}: interface ids are lowercase.`,
      `use ${lowered.map((u) => u.toLowerCase()).join(',')}`,
    );
  }
  if (unknown.length > 0) {
    const guesses = unknown.map((u) => closest(u, INTERFACE_IDS));
    const named = unknown.map((u, k) => `${JSON.stringify(u)}${guesses[k] ? ` (did you mean ${JSON.stringify(guesses[k])}?)` : ''}`);
    const fix = guesses.every((g) => g !== undefined)
      ? `use ${[...new Set([...wanted, ...(guesses as string[])])].join(',')} (the interfaces: ${INTERFACE_IDS.join(', ')})`
      : `choose from ${INTERFACE_IDS.join(', ')} (--list-interfaces describes them)`;
    throw invalid(source, `unknown interface${unknown.length > 1 ? 's' : ''} ${named.join(', ')}.`, fix);
  }
  if (wanted.size === 0) throw invalid(source, 'is empty.', `choose at least one of ${INTERFACE_IDS.join(', ')}`);
  if (requireExport && ![...wanted].some((id) => CATALOG[id].direction === 'export')) {
    throw invalid(
      source,
      `a component needs at least one export, and ${[...wanted].join(', ')} only import${wanted.size > 1 ? '' : 's'}.`,
      `add ${EXPORT_IDS.join(' or ')} (e.g. --interfaces http-server,${[...wanted].join(',')})`,
    );
  }
  return INTERFACE_IDS.filter((id) => wanted.has(id));
}

/** `2`, `1` (also `v2`, `2.x`, ...) → the major; anything else names the valid ones. */
export function resolveMajor(value: string | undefined): Major {
  if (value === undefined) return DEFAULT_MAJOR;
  const major = /^v?([12])(\.x)?$/i.exec(value.trim())?.[1];
  if (!major) {
    throw invalid(
      '--wasmcloud',
      `${JSON.stringify(value)} is not a wasmCloud major this generator writes for.`,
      `use ${MAJORS.join(' (current) or ')} (legacy)`,
    );
  }
  return Number(major) as Major;
}

/** `0.2`, `0.3` (also `p2`, `p3`, `wasi-0.3`, `0.3.0`) → the revision, for a major whose host serves it. */
export function resolveWasi(value: string | undefined, major: Major): WasiRevision {
  if (value === undefined) return DEFAULT_WASI;
  const written = /^(?:wasi[-:@]?)?(?:0\.([23])(?:\.0)?|p([23]))$/i.exec(value.trim());
  const wasi = written ? (`0.${written[1] ?? written[2]}` as WasiRevision) : undefined;
  if (!wasi)
    throw invalid(
      '--wasi',
      `${JSON.stringify(value)} is not a WASI revision this generator writes for.`,
      `use ${WASI_REVISIONS.join(' (default) or ')} (async handlers)`,
    );
  if (!MAJOR_WASI[major].includes(wasi)) {
    throw invalid(
      '--wasi',
      `WASI ${wasi} needs wasmCloud 2: a wasmCloud ${major} host serves WASI ${MAJOR_WASI[major].join(', ')} only.`,
      `use --wasmcloud 2 --wasi ${wasi}, or drop --wasi for wasmCloud ${major}`,
    );
  }
  return wasi;
}

/** Every chosen interface must be written for the revision. */
function checkRevision(interfaces: readonly InterfaceId[], wasi: WasiRevision, major: Major): void {
  const found = unfitFor(interfaces, wasi);
  if (!found) return;
  const { unfit, needs } = found;
  throw invalid(
    '--interfaces',
    `${unfit.join(', ')} needs WASI ${needs}, and this project is WASI ${wasi}${major === 1 ? ' (wasmCloud 1)' : ''}: its interface is async.`,
    major === 2 ? `add --wasi ${needs}, or leave out ${unfit.join(', ')}` : `use --wasmcloud 2 --wasi ${needs}, or leave out ${unfit.join(', ')}`,
  );
}

/** What an interface's functions see of the model: the names, the settings and the WASI revision. */
export function context(model: ProjectModel): Context {
  return { names: model.names, settings: model.settings, wasi: model.wasi };
}

/** Turns complete inputs into the model, or throws a CreateError naming the first bad field. */
export function resolveModel(inputs: Inputs, cwd: string): ProjectModel {
  if (inputs.name === undefined) throw new CreateError('usage', 'name: missing.', 'name', 'pass it as the first argument');
  const wasmcloud = resolveMajor(inputs.wasmcloud);
  const wasi = resolveWasi(inputs.wasi, wasmcloud);
  const names = deriveNames(inputs.name, inputs.namespace ?? DEFAULT_NAMESPACE);
  const interfaces = resolveInterfaces(inputs.interfaces ?? DEFAULT_INTERFACES);
  checkRevision(interfaces, wasi, wasmcloud);
  const settings = resolveSettings(inputs, names.component);
  const description = inputs.description ?? defaultDescription(names.component);
  const problem = freeText(description);
  if (problem) throw invalid('--description', problem.problem, problem.fix);
  const directory = resolve(cwd, inputs.directory ?? names.component);
  return { names, wasmcloud, wasi, directory, description, interfaces, settings };
}

/**
 * The answers that give this project again: what `--json` reports (with the directory) and what
 * `.yo-rc.json` records for `add`. Only the settings of the chosen interfaces: fed back through
 * `--answers`, they give the same project, warning-free.
 */
export function modelAnswers(model: ProjectModel, directory?: string): Record<string, unknown> {
  return {
    name: model.names.component,
    wasmcloud: String(model.wasmcloud),
    // Only where there is a choice: a wasmCloud 1 project is WASI 0.2.
    ...(MAJOR_WASI[model.wasmcloud].length > 1 ? { wasi: model.wasi } : {}),
    ...(directory === undefined ? {} : { directory }),
    namespace: model.names.witPackage.split(':')[0],
    description: model.description,
    interfaces: model.interfaces,
    ...Object.fromEntries(SETTINGS.filter((s) => model.interfaces.includes(s.interface)).map((s) => [s.key, model.settings[s.key]])),
  };
}
