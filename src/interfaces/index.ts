import { blobstore } from './blobstore.js';
import { config } from './config.js';
import { httpClient } from './http-client.js';
import { httpServer } from './http-server.js';
import { keyvalue } from './keyvalue.js';
import { logging } from './logging.js';
import { messagingHandler, messagingPublisher } from './messaging.js';
import type { InterfaceId, InterfaceModule } from './types.js';

export type { InterfaceId, InterfaceModule } from './types.js';

/** The catalog, in the order interfaces appear in prompts, worlds, app.py and README. */
export const CATALOG: Record<InterfaceId, InterfaceModule> = {
  'http-server': httpServer,
  'messaging-handler': messagingHandler,
  'http-client': httpClient,
  keyvalue,
  blobstore,
  'messaging-publisher': messagingPublisher,
  logging,
  config,
};

export const INTERFACE_IDS = Object.keys(CATALOG) as InterfaceId[];

export function isInterfaceId(value: string): value is InterfaceId {
  return Object.hasOwn(CATALOG, value);
}

export const EXPORT_IDS = INTERFACE_IDS.filter((id) => CATALOG[id].direction === 'export');
