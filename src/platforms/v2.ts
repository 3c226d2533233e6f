/**
 * wasmCloud 2: `.wash/config.yaml` for wash 2.x (`wash build`, `wash dev`), and a WorkloadDeployment
 * whose hostInterfaces declare every capability the component imports or exports.
 */
import { yaml } from '../escape.js';
import { CATALOG } from '../interfaces/index.js';
import type { HostInterfaceSpec } from '../interfaces/types.js';
import type { ProjectModel } from '../model.js';
import { buildArgv, context, PROJECT_VERSION } from '../render.js';
import { WASH_BUILD_OFFLINE } from './v1.js';
import type { Platform } from './types.js';

/** Where the README and the `Next:` lines run a NATS server for `wash dev`. */
export const DEV_NATS_URL = 'nats://127.0.0.1:4222';
const DEV_REDIS_URL = 'redis://127.0.0.1:6379';

/** Every capability's host interfaces, one entry per `namespace:package` (the CRD allows one unnamed entry each). */
export function hostInterfaces(model: ProjectModel): HostInterfaceSpec[] {
  const ctx = context(model);
  const merged = new Map<string, HostInterfaceSpec>();
  for (const entry of model.interfaces.flatMap((id) => CATALOG[id].host(ctx).hostInterfaces)) {
    const key = `${entry.namespace}:${entry.package}`;
    const existing = merged.get(key);
    merged.set(
      key,
      existing
        ? {
            ...existing,
            interfaces: [...new Set([...existing.interfaces, ...entry.interfaces])],
            ...(existing.config || entry.config ? { config: { ...existing.config, ...entry.config } } : {}),
          }
        : { ...entry, interfaces: [...entry.interfaces] },
    );
  }
  return [...merged.values()];
}

export function allowedHosts(model: ProjectModel): string[] {
  const ctx = context(model);
  return [...new Set(model.interfaces.flatMap((id) => CATALOG[id].host(ctx).allowedHosts ?? []))];
}

/** The OCI reference the manifest deploys and the README pushes to. */
export function imageRef(model: ProjectModel): string {
  return `localhost:5000/${model.names.component}:${PROJECT_VERSION}`;
}

interface HostInterfaceView {
  namespace: string;
  package: string;
  interfaces: string;
  config: Array<[string, string]>;
}

const entryView = (entry: HostInterfaceSpec): HostInterfaceView => ({
  namespace: yaml(entry.namespace),
  package: yaml(entry.package),
  interfaces: `[${entry.interfaces.map(yaml).join(', ')}]`,
  config: Object.entries(entry.config ?? {}).map(([k, v]) => [yaml(k), yaml(v)]),
});

/** A commented-out `dev` setting: why, and the line to uncomment. */
interface Alternative {
  comment: string;
  line: string;
}

function keyvalueAlternatives(model: ProjectModel): Alternative[] {
  const nats = { comment: 'NATS JetStream (a server run with -js)', line: `wasi_keyvalue_nats_url: ${DEV_NATS_URL}` };
  const redis = { comment: 'Redis (a running Redis server)', line: `wasi_keyvalue_redis_url: ${DEV_REDIS_URL}` };
  const file = { comment: 'Files on disk', line: `wasi_keyvalue_path: ${yaml(`/tmp/${model.names.component}-keyvalue`)}` };
  const chosen = model.settings.keyvalueBackend === 'nats' ? nats : redis;
  return [{ ...chosen, comment: `${chosen.comment}, as chosen with --keyvalue-backend` }, model.settings.keyvalueBackend === 'nats' ? redis : nats, file];
}

/**
 * One shell line per chosen capability that exercises it under `wash dev`, with what to look for. Imports
 * run once per request (or message), so an HTTP component shows them all through curl.
 */
export function tryIt(model: ProjectModel): string[] {
  const has = (id: (typeof model.interfaces)[number]) => model.interfaces.includes(id);
  const s = model.settings;
  const lines: Array<[string, string]> = [];
  if (has('http-server')) {
    const base = `localhost:${s.httpAddress.split(':').pop()}`;
    lines.push([`curl ${base}/hello`, `Hello from ${model.names.component}! GET /hello`]);
    if (has('keyvalue')) lines.push([`curl ${base}/hello`, 'again: count: 2']);
    if (has('blobstore')) lines.push([`curl -d 'some bytes' ${base}/notes`, `stored 10 bytes in ${s.blobstoreContainer}: some bytes`]);
    if (has('config')) lines.push([`curl ${base}/`, 'greeting: the value in workload.config']);
    if (has('http-client')) lines.push([`curl ${base}/`, `upstream ${s.httpClientUrl}: its status`]);
    if (has('logging')) lines.push([`curl ${base}/logged`, 'wash dev prints: handling /logged (0 bytes)']);
  }
  if (has('messaging-publisher')) lines.push([`nats sub '${s.eventsSubject}'`, 'with NATS wired in: each request or message arrives']);
  if (has('messaging-handler')) lines.push([`nats req '${s.subscription.replace(/>$/, 'hi').replace(/\*/g, 'x')}' 'hi'`, 'with NATS wired in: prints the reply']);
  const width = Math.max(...lines.map(([command]) => command.length)) + 2;
  return lines.map(([command, note]) => `${command.padEnd(width)}# ${note}`);
}

export const v2: Platform = {
  major: 2,
  templates: [
    { source: 'v2/wash-config.yaml.ejs', destination: '.wash/config.yaml' },
    { source: 'v2/workloaddeployment.yaml.ejs', destination: 'manifests/workloaddeployment.yaml' },
    { source: 'v2/README.md.ejs', destination: 'README.md' },
  ],
  view: (model) => {
    const entries = hostInterfaces(model);
    const has = (id: (typeof model.interfaces)[number]) => model.interfaces.includes(id);
    const find = (namespace: string, pkg: string) => entries.find((e) => e.namespace === namespace && e.package === pkg);
    // wash dev serves workload.config through wasi:config, and its messaging (in memory and on NATS) subscribes
    // the handler to workload.config's `subscriptions`: without them the handler gets every subject, its own
    // publishes too.
    const subscriptions = find('wasmcloud', 'messaging')?.config?.subscriptions;
    const config = { ...find('wasi', 'config')?.config, ...(subscriptions ? { subscriptions } : {}) };
    // On NATS, wash dev's blobstore allows only the containers its wasi:blobstore entry lists.
    const buckets = find('wasi', 'blobstore')?.config?.buckets;
    const hosts = allowedHosts(model).map(yaml);
    return {
      wash: {
        command: yaml(buildArgv(model).join(' ')),
        componentPath: yaml(model.names.artifact),
        address: has('http-server') ? yaml(model.settings.httpAddress) : undefined,
        keyvalue: has('keyvalue') ? keyvalueAlternatives(model) : [],
        blobstorePath: has('blobstore') ? yaml(model.settings.blobstoreRoot) : undefined,
        messaging: has('messaging-handler') || has('messaging-publisher'),
        natsUrl: DEV_NATS_URL,
        blobstoreBuckets: buckets === undefined ? undefined : yaml(buckets),
        subscribes: subscriptions !== undefined,
        workloadConfig: Object.entries(config).map(([k, v]) => [yaml(k), yaml(v)]),
        allowedHosts: hosts,
      },
      manifest: {
        name: yaml(model.names.component),
        image: yaml(imageRef(model)),
        service: has('http-server') ? yaml(model.names.component) : undefined,
        hostInterfaces: entries.map(entryView),
        allowedHosts: hosts,
      },
      washBuild: WASH_BUILD_OFFLINE,
      image: imageRef(model),
      tryIt: tryIt(model),
    };
  },
  next: (model) => [
    WASH_BUILD_OFFLINE,
    'wash dev',
    ...(model.interfaces.includes('http-server') ? [`curl localhost:${model.settings.httpAddress.split(':').pop()}`] : []),
  ],
};
