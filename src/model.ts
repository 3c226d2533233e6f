import { resolve } from 'node:path';
import { CreateError, invalid } from './errors.js';
import { CATALOG, EXPORT_IDS, INTERFACE_IDS, isInterfaceId, type InterfaceId } from './interfaces/index.js';
import type { KeyvalueBackend, Settings } from './interfaces/types.js';
import { deriveNames, type Names } from './names.js';
import { DEFAULT_MAJOR, MAJORS, type Major } from './versions.js';

/** Everything a user can supply, from flags, an answers file or prompts. All optional here. */
export interface Inputs {
  name?: string;
  /** The wasmCloud major: `2` (default) or `1` (legacy). */
  wasmcloud?: string;
  directory?: string;
  namespace?: string;
  description?: string;
  interfaces?: string[];
  httpAddress?: string;
  keyvalueBackend?: string;
  keyvalueBucket?: string;
  blobstoreRoot?: string;
  blobstoreContainer?: string;
  subscription?: string;
  eventsSubject?: string;
  httpClientUrl?: string;
  greeting?: string;
}

export type SettingKey = keyof Settings;

/** The fully resolved project: every template renders from this and nothing else. */
export interface ProjectModel {
  names: Names;
  /** The wasmCloud major the project is for. */
  wasmcloud: Major;
  /** Absolute path of the project directory. */
  directory: string;
  description: string;
  /** Selected interfaces, in catalog order. */
  interfaces: InterfaceId[];
  settings: Settings;
}

export const DEFAULT_NAMESPACE = 'local';
export const DEFAULT_INTERFACES: InterfaceId[] = ['http-server'];

export function defaultSettings(component: string): Settings {
  return {
    httpAddress: '0.0.0.0:8000',
    keyvalueBackend: 'nats',
    keyvalueBucket: component,
    blobstoreRoot: `/tmp/${component}-blobs`,
    blobstoreContainer: component,
    subscription: `${component}.requests`,
    eventsSubject: `${component}.events`,
    httpClientUrl: 'https://example.com/',
    greeting: 'Hello',
  };
}

export function defaultDescription(component: string): string {
  return `${component}: a wasmCloud component written in Python`;
}

const FREE_TEXT_MAX = 200;

function freeText(field: string, value: string): string {
  if (value.length > FREE_TEXT_MAX) throw invalid(field, `is longer than ${FREE_TEXT_MAX} characters.`, 'shorten it');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    throw invalid(field, 'contains a line break or control character.', 'use one line of printable text');
  }
  return value;
}

function matching(field: string, value: string, pattern: RegExp, expected: string): string {
  if (!pattern.test(value)) throw invalid(field, `${JSON.stringify(value)} is not ${expected}.`);
  return value;
}

const SUBJECT_TOKEN = '[A-Za-z0-9_-]+';

/** Checks every setting; the error names the flag that sets it. */
export function validateSettings(settings: Settings): Settings {
  const address = /^(?<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(?<port>[0-9]{1,5})$/.exec(settings.httpAddress);
  const port = Number(address?.groups?.port);
  if (!address || port < 1 || port > 65535) {
    throw invalid('--http-address', `${JSON.stringify(settings.httpAddress)} is not HOST:PORT with a port from 1 to 65535.`, 'e.g. 0.0.0.0:8000');
  }
  if (settings.keyvalueBackend !== 'nats' && settings.keyvalueBackend !== 'redis') {
    throw invalid('--keyvalue-backend', `${JSON.stringify(settings.keyvalueBackend)} is not a backend.`, 'use nats or redis');
  }
  const bucketLike = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
  matching('--keyvalue-bucket', settings.keyvalueBucket, bucketLike, 'letters, digits, `_` and `-` (up to 63)');
  matching('--blobstore-container', settings.blobstoreContainer, bucketLike, 'letters, digits, `_` and `-` (up to 63)');
  matching('--blobstore-root', settings.blobstoreRoot, /^\/[A-Za-z0-9._/-]{0,200}$/, 'an absolute path of letters, digits, `.`, `_`, `-` and `/`');
  matching(
    '--subscription',
    settings.subscription,
    new RegExp(`^(${SUBJECT_TOKEN}|\\*)(\\.(${SUBJECT_TOKEN}|\\*))*(\\.>)?$|^>$`),
    'a NATS subject (tokens separated by `.`, with `*` or a final `>` as wildcards)',
  );
  matching('--events-subject', settings.eventsSubject, new RegExp(`^${SUBJECT_TOKEN}(\\.${SUBJECT_TOKEN})*$`), 'a NATS subject without wildcards');
  let url: URL | undefined;
  try {
    url = new URL(settings.httpClientUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.href !== settings.httpClientUrl || url.username || url.password) {
    throw invalid('--http-client-url', `${JSON.stringify(settings.httpClientUrl)} is not a plain http(s) URL.`, `e.g. ${url && /^https?:$/.test(url.protocol) ? url.href : 'https://example.com/'}`);
  }
  freeText('--greeting', settings.greeting);
  return settings;
}

/** Parses an interface list (`a,b` or repeated) and orders it like the catalog. */
export function resolveInterfaces(values: readonly string[], requireExport = true): InterfaceId[] {
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
      '--interfaces',
      `unknown interface${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}: interface ids are lowercase.`,
      `use ${lowered.map((u) => u.toLowerCase()).join(',')}`,
    );
  }
  if (unknown.length > 0) {
    throw invalid('--interfaces', `unknown interface${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}.`, `choose from ${INTERFACE_IDS.join(', ')} (--list-interfaces describes them)`);
  }
  if (wanted.size === 0) throw invalid('--interfaces', 'is empty.', `choose at least one of ${INTERFACE_IDS.join(', ')}`);
  if (requireExport && ![...wanted].some((id) => CATALOG[id].direction === 'export')) {
    throw invalid(
      '--interfaces',
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
    throw invalid('--wasmcloud', `${JSON.stringify(value)} is not a wasmCloud major this generator writes for.`, `use ${MAJORS.join(' (current) or ')} (legacy)`);
  }
  return Number(major) as Major;
}

/** Turns complete inputs into the model, or throws a CreateError naming the first bad field. */
export function resolveModel(inputs: Inputs, cwd: string): ProjectModel {
  if (inputs.name === undefined) throw new CreateError('usage', 'name: missing.', 'name', 'pass it as the first argument');
  const wasmcloud = resolveMajor(inputs.wasmcloud);
  const names = deriveNames(inputs.name, inputs.namespace ?? DEFAULT_NAMESPACE);
  const interfaces = resolveInterfaces(inputs.interfaces ?? DEFAULT_INTERFACES);
  const defaults = defaultSettings(names.component);
  const settings = validateSettings({
    httpAddress: inputs.httpAddress ?? defaults.httpAddress,
    keyvalueBackend: (inputs.keyvalueBackend ?? defaults.keyvalueBackend) as KeyvalueBackend,
    keyvalueBucket: inputs.keyvalueBucket ?? defaults.keyvalueBucket,
    blobstoreRoot: inputs.blobstoreRoot ?? defaults.blobstoreRoot,
    blobstoreContainer: inputs.blobstoreContainer ?? defaults.blobstoreContainer,
    subscription: inputs.subscription ?? defaults.subscription,
    eventsSubject: inputs.eventsSubject ?? defaults.eventsSubject,
    httpClientUrl: inputs.httpClientUrl ?? defaults.httpClientUrl,
    greeting: inputs.greeting ?? defaults.greeting,
  });
  const description = freeText('--description', inputs.description ?? defaultDescription(names.component));
  const directory = resolve(cwd, inputs.directory ?? names.component);
  return { names, wasmcloud, directory, description, interfaces, settings };
}
