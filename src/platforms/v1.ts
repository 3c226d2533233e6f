/** wasmCloud 1.x (legacy): wasmcloud.toml for wash 0.x, and a wadm application with providers and links. */
import { toml, yaml } from '../escape.js';
import { CATALOG } from '../interfaces/index.js';
import type { LinkSpec, ProviderSpec } from '../interfaces/types.js';
import type { ProjectModel } from '../model.js';
import { buildArgv, context, PROJECT_VERSION } from '../render.js';
import { PROVIDER_IMAGES } from '../versions.js';
import type { Platform } from './types.js';

interface ConfigView {
  name: string;
  properties: Array<[string, string]>;
}

interface LinkView {
  target: string;
  namespace: string;
  package: string;
  interfaces: string;
  sourceConfig?: ConfigView;
  targetConfig?: ConfigView;
}

interface WadmComponentView {
  name: string;
  type: 'component' | 'capability';
  image: string;
  config?: ConfigView;
  links: LinkView[];
}

const configView = (config?: { name: string; properties: Record<string, string> }): ConfigView | undefined =>
  config && { name: yaml(config.name), properties: Object.entries(config.properties).map(([k, v]) => [k, yaml(v)]) };

const linkView = (link: LinkSpec): LinkView => ({
  target: yaml(link.target),
  namespace: yaml(link.namespace),
  package: yaml(link.package),
  interfaces: `[${link.interfaces.map(yaml).join(', ')}]`,
  sourceConfig: configView(link.sourceConfig),
  targetConfig: configView(link.targetConfig),
});

/** The wadm spec: the component with its outgoing links, then each provider with its links. */
export function wadmView(model: ProjectModel): WadmComponentView[] {
  const ctx = context(model);
  const contributions = model.interfaces.map((id) => CATALOG[id].wadm(ctx));
  const providers = new Map<string, ProviderSpec>();
  for (const provider of contributions.flatMap((c) => c.providers ?? [])) {
    const existing = providers.get(provider.name);
    providers.set(provider.name, existing ? { ...existing, links: [...existing.links, ...provider.links] } : provider);
  }
  const componentLinks = [...new Map(contributions.flatMap((c) => c.componentLinks ?? []).map((l) => [JSON.stringify(l), l])).values()];
  const configs = contributions.flatMap((c) => (c.config ? [c.config] : []));
  const component: WadmComponentView = {
    name: yaml(model.names.wadmComponent),
    type: 'component',
    image: yaml(`file://./${model.names.signedArtifact}`),
    config: configView(configs[0]),
    links: componentLinks.map(linkView),
  };
  return [
    component,
    ...[...providers.values()].map((p) => ({
      name: yaml(p.name),
      type: 'capability' as const,
      image: yaml(PROVIDER_IMAGES[p.provider]),
      links: p.links.map(linkView),
    })),
  ];
}

/**
 * wash 1.x fetches every WIT package from the registries before it builds (offline that fails, online it
 * rewrites wit/deps). `--skip-fetch` builds from the vendored packages as they are, on wash 1.x and 2.x alike.
 */
export const WASH_BUILD_OFFLINE = 'wash build --skip-fetch';

export const v1: Platform = {
  major: 1,
  templates: [
    { source: 'v1/wasmcloud.toml.ejs', destination: 'wasmcloud.toml' },
    { source: 'v1/wadm.yaml.ejs', destination: 'wadm.yaml' },
    { source: 'v1/README.md.ejs', destination: 'README.md' },
  ],
  view: (model) => {
    const build = buildArgv(model).join(' ');
    return {
      toml: {
        name: toml(model.names.project),
        version: toml(PROJECT_VERSION),
        buildCommand: toml(build),
        artifact: toml(model.names.artifact),
        destination: toml(model.names.signedArtifact),
        world: toml(model.names.world),
      },
      wadm: { name: yaml(model.names.project), description: yaml(model.description), components: wadmView(model) },
      washBuild: WASH_BUILD_OFFLINE,
      nats: model.interfaces.includes('messaging-handler'),
      redis: model.interfaces.includes('keyvalue') && model.settings.keyvalueBackend === 'redis',
    };
  },
  next: (model) => [
    WASH_BUILD_OFFLINE,
    'wash up -d && wash app deploy wadm.yaml',
    ...(model.interfaces.includes('http-server') ? [`curl localhost:${model.settings.httpAddress.split(':').pop()}`] : []),
  ],
};
