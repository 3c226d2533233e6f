import { markdownCode, python } from '../escape.js';
import type { InterfaceModule } from './types.js';

export const blobstore: InterfaceModule = {
  id: 'blobstore',
  title: 'Blob store',
  summary: 'Store and read objects in containers (imports wasi:blobstore/blobstore)',
  direction: 'import',
  imports: ['wasi:blobstore/blobstore@0.2.0-draft'],
  exports: [],
  packages: ['wasi:blobstore@0.2.0-draft'],
  python: (ctx) => ({
    fromImports: [{ iface: 'wasi:blobstore/types@0.2.0-draft', names: ['IncomingValue', 'OutgoingValue'] }],
    moduleImports: [{ iface: 'wasi:blobstore/blobstore@0.2.0-draft', alias: 'blobstore' }],
    constants: [['BLOB_CONTAINER', python(ctx.settings.blobstoreContainer)]],
    code: `def store_and_read_back(key: str, body: bytes) -> bytes:
    """Store \`body\` as an object named after \`key\`, then read the object back."""
    if blobstore.container_exists(BLOB_CONTAINER):
        container = blobstore.get_container(BLOB_CONTAINER)
    else:
        container = blobstore.create_container(BLOB_CONTAINER)
    with container:
        name = key.strip("/").replace("/", "_") or "index"
        value = OutgoingValue.new_outgoing_value()
        container.write_data(name, value)
        with value.outgoing_value_write_body() as stream:
            for start in range(0, len(body), 4096):
                stream.blocking_write_and_flush(body[start : start + 4096])
        OutgoingValue.finish(value)
        if not body:
            return b""
        # The range is inclusive: bytes 0 to len(body) - 1.
        return IncomingValue.incoming_value_consume_sync(container.get_data(name, 0, len(body) - 1))`,
    steps: [
      'stored = store_and_read_back(key, body)',
      'lines.append(f"stored {len(stored)} bytes in {BLOB_CONTAINER}: {stored.decode(errors=\'replace\')}")',
    ],
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
