/**
 * The catalog: one folder per interface (src/interfaces/<id>/), each declaring its settings, its
 * needs, its Python (the folder's `.py` files) and its README section. Adding an interface is adding
 * its folder and its line here.
 */
import { blobstore } from './blobstore/index.js';
import { config } from './config/index.js';
import { httpClient } from './http-client/index.js';
import { httpServer } from './http-server/index.js';
import { keyvalue } from './keyvalue/index.js';
import { logging } from './logging/index.js';
import { messagingHandler } from './messaging-handler/index.js';
import { messagingPublisher } from './messaging-publisher/index.js';
import { postgres } from './postgres/index.js';
import { secrets } from './secrets/index.js';
import type { InterfaceModule, Setting } from './types.js';
import type { WasiRevision } from '../versions.js';

/** The catalog, in the order interfaces appear in prompts, worlds, app.py and README. */
const MODULES = [httpServer, messagingHandler, httpClient, keyvalue, blobstore, postgres, messagingPublisher, logging, config, secrets] as const;

export type InterfaceId = (typeof MODULES)[number]['id'];

export const CATALOG = Object.fromEntries(MODULES.map((m) => [m.id, m as InterfaceModule])) as Record<InterfaceId, InterfaceModule>;

export const INTERFACE_IDS = MODULES.map((m) => m.id) as InterfaceId[];

export function isInterfaceId(value: string): value is InterfaceId {
  return Object.hasOwn(CATALOG, value);
}

export const EXPORT_IDS = INTERFACE_IDS.filter((id) => CATALOG[id].direction === 'export');

/** Every interface's settings, in catalog order, each with the interface it belongs to. */
export const SETTINGS: ReadonlyArray<Setting & { interface: InterfaceId }> = INTERFACE_IDS.flatMap((id) =>
  CATALOG[id].settings.map((s) => ({ ...s, interface: id })),
);

/** An interface's WIT for a WASI revision: its summary, the interfaces it imports and exports, their packages. */
interface InterfaceWit {
  summary: string;
  imports: string[];
  exports: string[];
  packages: string[];
}

export function witOf(module: InterfaceModule, wasi: WasiRevision): InterfaceWit {
  const base = { summary: module.summary, imports: module.imports, exports: module.exports, packages: module.packages };
  return wasi === '0.3' ? { ...base, ...module.p3 } : base;
}

/** The WASI revisions an interface is written for. */
export function revisionsOf(module: InterfaceModule): readonly WasiRevision[] {
  return module.wasi ?? ['0.2', '0.3'];
}

/** The interfaces written for a WASI revision, in catalog order. */
export function interfacesFor(wasi: WasiRevision): InterfaceId[] {
  return INTERFACE_IDS.filter((id) => revisionsOf(CATALOG[id]).includes(wasi));
}

/** The chosen interfaces not written for `wasi`, and the revisions the first of them needs (`0.3`); none: undefined. */
export function unfitFor(ids: readonly InterfaceId[], wasi: WasiRevision): { unfit: InterfaceId[]; needs: string } | undefined {
  const unfit = ids.filter((id) => !revisionsOf(CATALOG[id]).includes(wasi));
  const first = unfit[0];
  return first === undefined ? undefined : { unfit, needs: revisionsOf(CATALOG[first]).join(' or ') };
}
