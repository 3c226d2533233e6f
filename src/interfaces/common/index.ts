/**
 * What more than one interface uses, written once: Python helpers and fakes (in this folder's `.py`
 * files), and the fakes of the messaging consumer both messaging interfaces import.
 */
import { pythonBlock, pythonBlocks } from '../python.js';
import type { PythonFragment, TestFragment } from '../types.js';

/** capabilities.py: a name every key-value and blob store accepts, whatever the request path or subject holds. */
export const SAFE_NAME = pythonBlock('common', 'safe_name.py');

/** tests/test_capabilities.py: what safe_name() keeps. */
export const SAFE_NAME_TEST = pythonBlock('common', 'test_safe_name.py');

/** tests/conftest.py: a resource used in a `with` block. */
export const FAKE_RESOURCE = pythonBlock('common', 'fake_resource.py');

/** tests/conftest.py: consumer.publish records what it was given. */
export const PUBLISH_FAKE: Omit<TestFragment, 'tests'> = {
  modules: ['consumer', 'messaging_types'],
  state: ['published: list[tuple[str, bytes, str | None]] = field(default_factory=list)'],
  methods: [pythonBlock('common', 'publish_host.py')],
  patches: ['monkeypatch.setattr(consumer, "publish", fake.publish)'],
};

/**
 * WASI 0.3, capabilities.py: publish_bytes(), which sends a message whose body is a stream<u8>, and what it
 * imports. The handler (its reply, from wasmcloud_messaging.py) and the publisher (its events) share the one copy.
 */
export const PUBLISH_BYTES: Required<Pick<PythonFragment, 'helpers' | 'fromImports' | 'moduleImports' | 'stdlib'>> = {
  helpers: [pythonBlock('common', 'p3/publish_bytes.py')],
  fromImports: [{ iface: 'wasmcloud:messaging/types', names: ['BrokerMessage'] }],
  moduleImports: [{ iface: 'wasmcloud:messaging/consumer', alias: 'consumer' }],
  stdlib: ['asyncio'],
};

/**
 * WASI 0.3, tests/conftest.py: wit_world.byte_stream() makes fake streams, and consumer.publish reads each body to
 * its end before it records the message (or refuses it with `publish_error`).
 */
export const PUBLISH_FAKE_P3: Omit<TestFragment, 'tests'> = {
  modules: ['consumer', 'messaging_types'],
  fakes: pythonBlocks('common', 'p3/fake_stream.py'),
  state: ['published: list[tuple[str, bytes, str | None]] = field(default_factory=list)', 'publish_error: str | None = None'],
  methods: pythonBlocks('common', 'p3/publish_host.py'),
  patches: ['monkeypatch.setattr(consumer, "publish", fake.publish)', 'monkeypatch.setattr("wit_world.byte_stream", fake.byte_stream)'],
};

/** The NATS server a development host's brokered and stored data can live in. */
export const DEV_NATS_URL = 'nats://127.0.0.1:4222';

/** How to put a development host's messaging on a real NATS server (README). */
export const NATS_DEV = `To reach it from outside under \`wash dev\`, run a NATS server with JetStream (\`nats-server -js\`), uncomment
\`data_nats_url\` in \`.wash/config.yaml\` and restart \`wash dev\` (keyvalue and blobstore then live in NATS too).`;
