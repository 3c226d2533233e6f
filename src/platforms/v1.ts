/**
 * wasmCloud 1.x (legacy): wasmcloud.toml for wash 0.x, and a wadm application with providers and links.
 * Translates the interfaces' needs: the provider of each one's chosen backend, linked to the component
 * in the direction of each bound interface, and the values the component reads as its config.
 */
import { toml, yaml } from '../escape.js';
import { CATALOG, INTERFACE_IDS } from '../interfaces/index.js';
import type { NamedConfig } from '../interfaces/types.js';
import { context, type ProjectModel } from '../model.js';
import { buildArgv, PROJECT_VERSION } from '../component.js';
import { chosen } from '../needs.js';
import { WASH_BUILD_OFFLINE, type Platform } from './types.js';

interface LinkSpec {
  /** The component or provider the link points at. */
  target: string;
  namespace: string;
  package: string;
  interfaces: string[];
  /** Named config on the source side (`source.config`) or the target side (`target.config`). */
  sourceConfig?: NamedConfig;
  targetConfig?: NamedConfig;
}

interface ProviderSpec {
  name: string;
  /** Its image. */
  image: string;
  /** Links whose source is this provider (the provider calls the component). */
  links: LinkSpec[];
}

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

const configView = (config?: NamedConfig): ConfigView | undefined =>
  config && { name: yaml(config.name), properties: Object.entries(config.properties).map(([k, v]) => [k, yaml(v)]) };

const linkView = (link: LinkSpec): LinkView => ({
  target: yaml(link.target),
  namespace: yaml(link.namespace),
  package: yaml(link.package),
  interfaces: `[${link.interfaces.map(yaml).join(', ')}]`,
  sourceConfig: configView(link.sourceConfig),
  targetConfig: configView(link.targetConfig),
});

/** The name of every provider any interface can deploy: a component may not share one (wadm rejects duplicate names). */
function providerNames(model: ProjectModel): Set<string> {
  const ctx = context(model);
  return new Set(INTERFACE_IDS.flatMap((id) => CATALOG[id].needs(ctx).backends ?? []).flatMap((b) => (b.provider ? [b.provider.name] : [])));
}

/** The wadm component name: the component's, unless a provider has it. */
function wadmComponentName(model: ProjectModel): string {
  const name = model.names.component;
  return providerNames(model).has(name) ? `${name}-component` : name;
}

/** The wadm spec: the component with its outgoing links, then each provider with its links. */
function wadmView(model: ProjectModel): WadmComponentView[] {
  const component = wadmComponentName(model);
  const providers = new Map<string, ProviderSpec>();
  const componentLinks = new Map<string, LinkSpec>();
  const values: Record<string, string> = {};
  for (const { module, needs } of chosen(model)) {
    Object.assign(values, needs.values);
    const provider = needs.backends?.[0]?.provider;
    if (!provider || !needs.binds) continue;
    const { namespace, package: pkg, interfaces } = needs.binds;
    // The provider calls the component for what it exports; the component calls the provider for the rest.
    const exported = interfaces.filter((i) => module.exports.includes(`${namespace}:${pkg}/${i}`));
    const imported = interfaces.filter((i) => !exported.includes(i));
    const links: LinkSpec[] = [];
    if (exported.length > 0) {
      links.push({
        target: component,
        namespace,
        package: pkg,
        interfaces: exported,
        ...(module.direction === 'export' && provider.link ? { sourceConfig: provider.link } : {}),
      });
    }
    if (imported.length > 0) {
      const link: LinkSpec = {
        target: provider.name,
        namespace,
        package: pkg,
        interfaces: imported,
        ...(module.direction === 'import' && provider.link ? { targetConfig: provider.link } : {}),
      };
      componentLinks.set(JSON.stringify(link), link);
    }
    const existing = providers.get(provider.name);
    providers.set(
      provider.name,
      existing ? { ...existing, links: [...existing.links, ...links] } : { name: provider.name, image: provider.image, links },
    );
  }
  const config = Object.keys(values).length > 0 ? { name: `${model.names.component}-config`, properties: values } : undefined;
  return [
    {
      name: yaml(component),
      type: 'component',
      image: yaml(`file://./${model.names.signedArtifact}`),
      config: configView(config),
      links: [...componentLinks.values()].map(linkView),
    },
    ...[...providers.values()].map((p) => ({
      name: yaml(p.name),
      type: 'capability' as const,
      image: yaml(p.image),
      links: p.links.map(linkView),
    })),
  ];
}

export const v1: Platform = {
  major: 1,
  host: { providers: true },
  tryOnHost: 'build and deploy it on a wasmCloud 1.x host',
  // wash 1.x's own dev loop builds, deploys and watches.
  dev: { command: 'wash dev', help: 'wash dev: build, deploy on a local host, and redeploy on a change' },
  buildConfig: 'wasmcloud.toml',
  // wash 1.x is not on PyPI: cargo builds it (about 16 minutes).
  devTools: () => [],
  build: WASH_BUILD_OFFLINE,
  ciInstall: [{ name: 'wash 1.x, built by cargo (slow: about 16 minutes)', run: 'cargo install --locked wash-cli --version 0.39.0' }],
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
    };
  },
};
