/**
 * What more than one interface uses, written once: app.py's safe_name() (in this folder's `.py` files), and
 * the SDK's messaging module both messaging interfaces bring.
 */
import type { WasiRevision } from '../../versions.js';
import { pythonBlock } from '../python.js';
import type { SdkModule } from '../types.js';

/** app.py: a name every key-value and blob store accepts, whatever the request path or subject holds. */
export const SAFE_NAME = pythonBlock('common', 'safe_name.py');

/** tests/test_app.py: what safe_name() keeps. */
export const SAFE_NAME_TEST = pythonBlock('common', 'test_safe_name.py');

/**
 * wasmcloud_sdk/messaging.py: Message and publish() for both messaging interfaces; the handler's file adds the
 * export's plumbing (a project that only publishes has no export to refer to). The handler's, listed first, wins.
 */
export const MESSAGING_SDK = (wasi: WasiRevision): SdkModule => ({
  name: 'messaging',
  source: `${wasi === '0.3' ? 'p3/' : ''}sdk/messaging.py`,
  imports: [{ iface: 'wasmcloud:messaging/consumer', alias: 'consumer' }, { iface: 'wasmcloud:messaging/types' }],
  host: 'published: each message the code published',
});

/** The NATS server a development host's brokered and stored data can live in. */
export const DEV_NATS_URL = 'nats://127.0.0.1:4222';

/** The wasmCloud 1.x provider both messaging interfaces deploy, as wasmCloud's examples and wash's defaults reference it. */
export const MESSAGING_NATS = 'ghcr.io/wasmcloud/messaging-nats:0.27.0';
