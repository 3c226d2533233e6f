import { INTERFACE_IDS, SETTINGS, type InterfaceId } from './interfaces/index.js';
import { DEFAULT_INTERFACES, DEFAULT_NAMESPACE } from './model.js';

/** One value a user can supply: its flag, its key in an answers file and in Inputs, and its help. */
interface ValueOption {
  key: string;
  flag: string;
  short?: string;
  placeholder: string;
  help: string;
  /** Shown in --help; `{name}` stands for the component name. */
  default: string;
  multiple?: boolean;
  /** The interface this value configures: setting it without that interface has no effect. */
  interface?: InterfaceId;
}

/** The project's own values, then every interface's settings (declared in its folder), in catalog order. */
export const VALUE_OPTIONS: ValueOption[] = [
  { key: 'wasmcloud', flag: 'wasmcloud', placeholder: '2|1', help: 'wasmCloud major: 2 (current), or 1 (legacy: wadm, providers)', default: '2' },
  {
    key: 'wasi',
    flag: 'wasi',
    placeholder: '0.2|0.3',
    help: 'WASI revision (wasmCloud 2): 0.2, or 0.3 (async def handlers, secrets)',
    default: '0.2',
  },
  { key: 'directory', flag: 'directory', short: 'd', placeholder: 'DIR', help: 'Directory to create the project in', default: './{name}' },
  {
    key: 'interfaces',
    flag: 'interfaces',
    short: 'i',
    placeholder: 'LIST',
    help: `Comma-separated interfaces (repeatable): ${INTERFACE_IDS.join(', ')}`,
    default: DEFAULT_INTERFACES.join(','),
    multiple: true,
  },
  { key: 'namespace', flag: 'namespace', placeholder: 'NS', help: 'WIT package namespace (`<ns>:<name>`)', default: DEFAULT_NAMESPACE },
  {
    key: 'description',
    flag: 'description',
    placeholder: 'TEXT',
    help: 'One-line description',
    default: '{name}: a wasmCloud component written in Python',
  },
  ...SETTINGS.map((s) => ({
    key: s.key,
    flag: s.flag,
    placeholder: s.placeholder,
    help: s.help,
    default: s.default('{name}'),
    interface: s.interface,
  })),
];

interface BooleanOption {
  flag: string;
  short?: string;
  help: string;
}

export const BOOLEAN_OPTIONS: BooleanOption[] = [
  { flag: 'yes', short: 'y', help: 'Never prompt: take defaults for everything but the name' },
  { flag: 'interactive', help: 'Prompt for missing values even when CI is set (needs a terminal)' },
  { flag: 'force', short: 'f', help: 'Write into a non-empty directory: only generated files change; stale vendored WIT is removed' },
  { flag: 'dry-run', help: 'Print what would be created, overwritten or removed; write nothing' },
  { flag: 'merge', help: 'add: where your edits and the new interfaces change the same lines, write conflict markers (exit 4)' },
  { flag: 'json', help: 'Print one JSON document on stdout (results or error); nothing else' },
  { flag: 'list-interfaces', help: 'Print the interface catalog and exit' },
  { flag: 'help', short: 'h', help: 'Show this help' },
  { flag: 'version', short: 'v', help: 'Print the version' },
];

export const ANSWERS_OPTION = {
  flag: 'answers',
  placeholder: 'FILE',
  help: 'JSON or YAML file of answers (keys as in --json output, or snake_case or flag names); flags win',
};
