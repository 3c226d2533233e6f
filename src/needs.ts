/** The chosen interfaces' needs, as every platform reads them. */
import { CATALOG, type InterfaceId } from './interfaces/index.js';
import type { InterfaceModule, Needs, TryLine } from './interfaces/types.js';
import { context, type ProjectModel } from './model.js';

export interface Chosen {
  id: InterfaceId;
  module: InterfaceModule;
  needs: Needs;
}

/** Each chosen interface with its needs, in catalog order. */
export function chosen(model: ProjectModel): Chosen[] {
  const ctx = context(model);
  return model.interfaces.map((id) => ({ id, module: CATALOG[id], needs: CATALOG[id].needs(ctx) }));
}

/** The "try it" lines of the chosen interfaces, in catalog order. */
export function tryLines(model: ProjectModel): TryLine[] {
  const ctx = context(model);
  return model.interfaces.flatMap((id) => CATALOG[id].tryIt?.(ctx) ?? []);
}

/** Where the component listens for requests (an HTTP server), if anything of it does. */
export function listenAddress(all: readonly Chosen[]): string | undefined {
  return all.find((c) => c.needs.listens)?.needs.listens;
}

/** The configuration values every chosen interface reads at run time (wasi:config), merged. */
export function componentValues(all: readonly Chosen[]): Record<string, string> {
  return Object.assign({}, ...all.map((c) => c.needs.values ?? {})) as Record<string, string>;
}
