import { markdownCode, python } from '../escape.js';
import { FAKE_RESOURCE, SAFE_NAME, SAFE_NAME_TEST } from './python.js';
import type { InterfaceModule } from './types.js';

export const blobstore: InterfaceModule = {
  id: 'blobstore',
  title: 'Blob store',
  summary: 'Store and read objects in containers (imports wasi:blobstore/blobstore)',
  direction: 'import',
  imports: ['wasi:blobstore/blobstore'],
  exports: [],
  packages: ['wasi:blobstore'],
  python: (ctx) => ({
    fromImports: [
      { iface: 'wasi:blobstore/types', names: ['IncomingValue', 'OutgoingValue'] },
      { iface: 'wasi:blobstore/container', names: ['Container'] },
    ],
    moduleImports: [{ iface: 'wasi:blobstore/blobstore', alias: 'blobstore' }],
    constants: [
      ['BLOB_CONTAINER', python(ctx.settings.blobstoreContainer)],
      ['MAX_CHUNK', '4096'],
    ],
    stdlib: ['re'],
    helpers: [SAFE_NAME],
    code: `def read_range(container: Container, name: str, start: int, end: int) -> bytes:
    """Bytes \`start\` to \`end\` of an object, streamed, or none when the host has none there."""
    try:
        stream = IncomingValue.incoming_value_consume_async(container.get_data(name, start, end))
    except Err:
        return b""
    data = bytearray()
    with stream:
        while True:
            try:
                data += stream.blocking_read(MAX_CHUNK)
            except Err:
                return bytes(data)  # the stream is closed: everything has been read


def read_object(container: Container, name: str, size: int) -> bytes:
    """Read all \`size\` bytes of an object.

    The WIT makes \`get-data\`'s end offset inclusive, but hosts differ: wasmCloud 2's in-memory
    blobstore reads it as exclusive, its NATS one returns the whole object. Asking again for what
    is still missing, and keeping no more than \`size\` bytes, reads every byte from each.
    """
    data = bytearray()
    while len(data) < size:
        start = len(data)
        end = min(start + MAX_CHUNK, size) - 1
        chunk = read_range(container, name, start, end) or read_range(container, name, start, end + 1)
        if not chunk:
            break
        data += chunk[: size - start]
    return bytes(data)


def store_and_read_back(key: str, body: bytes) -> bytes:
    """Store \`body\` as an object named after \`key\`, then read the object back."""
    if blobstore.container_exists(BLOB_CONTAINER):
        container = blobstore.get_container(BLOB_CONTAINER)
    else:
        container = blobstore.create_container(BLOB_CONTAINER)
    with container:
        name = safe_name(key)
        value = OutgoingValue.new_outgoing_value()
        container.write_data(name, value)
        with value.outgoing_value_write_body() as stream:
            for start in range(0, len(body), MAX_CHUNK):
                stream.blocking_write_and_flush(body[start : start + MAX_CHUNK])
        OutgoingValue.finish(value)
        return read_object(container, name, len(body))`,
    steps: [
      `try:
    stored = store_and_read_back(key, body)
    lines.append(f"stored {len(stored)} bytes in {BLOB_CONTAINER}: {stored.decode(errors='replace')}")
except Err as error:
    lines.append(f"blobstore error: {error.value}")`,
    ],
    tests: {
      modules: ['blobstore'],
      fakes: [
        FAKE_RESOURCE,
        `class FakeStream(FakeResource):
    """An input or output stream over bytes."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = bytearray(data)

    def blocking_write_and_flush(self, chunk: bytes) -> None:
        self.data += chunk

    def blocking_read(self, size: int) -> bytes:
        if not self.data:
            raise Err("closed")
        chunk = bytes(self.data[:size])
        del self.data[:size]
        return chunk`,
        `class FakeOutgoingValue:
    """A value being written: finish() stores it under the name write_data() gave it."""

    def __init__(self) -> None:
        self.stream = FakeStream()
        self.target: tuple[dict[str, bytes], str] | None = None

    @staticmethod
    def new_outgoing_value() -> FakeOutgoingValue:
        return FakeOutgoingValue()

    def outgoing_value_write_body(self) -> FakeStream:
        return self.stream

    @staticmethod
    def finish(value: FakeOutgoingValue) -> None:
        assert value.target is not None, "finished before write_data"
        objects, name = value.target
        objects[name] = bytes(value.stream.data)`,
        `class FakeIncomingValue:
    """The bytes get_data() answered with."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    @staticmethod
    def incoming_value_consume_async(value: FakeIncomingValue) -> FakeStream:
        return FakeStream(value.data)`,
        `class FakeContainer(FakeResource):
    """A container whose get_data() reads the end offset as inclusive, as the WIT says, or as exclusive."""

    def __init__(self, objects: dict[str, bytes], inclusive: bool) -> None:
        self.objects = objects
        self.inclusive = inclusive

    def write_data(self, name: str, value: FakeOutgoingValue) -> None:
        value.target = (self.objects, name)

    def get_data(self, name: str, start: int, end: int) -> FakeIncomingValue:
        if name not in self.objects:
            raise Err(f"object {name} does not exist")
        return FakeIncomingValue(self.objects[name][start : end + 1 if self.inclusive else end])`,
      ],
      state: ['containers: dict[str, dict[str, bytes]] = field(default_factory=dict)', 'inclusive_end: bool = True'],
      methods: [
        `def container_exists(self, name: str) -> bool:
    return name in self.containers`,
        `def get_container(self, name: str) -> FakeContainer:
    return FakeContainer(self.containers[name], self.inclusive_end)`,
        `def create_container(self, name: str) -> FakeContainer:
    self.containers[name] = {}
    return self.get_container(name)`,
      ],
      patches: [
        'monkeypatch.setattr(blobstore, "container_exists", fake.container_exists)',
        'monkeypatch.setattr(blobstore, "get_container", fake.get_container)',
        'monkeypatch.setattr(blobstore, "create_container", fake.create_container)',
        'monkeypatch.setattr(capabilities, "OutgoingValue", FakeOutgoingValue)',
        'monkeypatch.setattr(capabilities, "IncomingValue", FakeIncomingValue)',
      ],
      tests: [
        `@pytest.mark.parametrize("inclusive", [True, False], ids=["inclusive-end", "exclusive-end"])
@pytest.mark.parametrize("size", [0, 1, 20, 3 * capabilities.MAX_CHUNK + 5])
def test_a_blob_round_trips_byte_for_byte(host: FakeHost, inclusive: bool, size: int) -> None:
    host.inclusive_end = inclusive
    body = bytes(i % 251 for i in range(size))
    assert capabilities.store_and_read_back("/notes/today", body) == body
    assert host.containers[capabilities.BLOB_CONTAINER]["notes_today"] == body`,
        SAFE_NAME_TEST,
      ],
    },
  }),
  host: (ctx) => ({
    hostInterfaces: [{ namespace: 'wasi', package: 'blobstore', interfaces: ['blobstore'], config: { buckets: ctx.settings.blobstoreContainer } }],
  }),
  wadm: (ctx) => ({
    providers: [{ name: 'blobstore', provider: 'blobstore-fs', links: [] }],
    componentLinks: [
      {
        target: 'blobstore',
        namespace: 'wasi',
        package: 'blobstore',
        interfaces: ['blobstore'],
        targetConfig: { name: 'root-directory', properties: { root: ctx.settings.blobstoreRoot } },
      },
    ],
  }),
  readme: (ctx) => ({
    title: 'Blob store (`wasi:blobstore/blobstore`)',
    body: `\`store_and_read_back\` writes the request (or message) body to the container
${markdownCode(ctx.settings.blobstoreContainer)} under a name taken from the path, reads it back and reports it. The
\`blobstore\` provider keeps objects as files under ${markdownCode(ctx.settings.blobstoreRoot)} on the host.`,
  }),
};
