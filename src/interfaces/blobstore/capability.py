def read_range(container: Container, name: str, start: int, end: int) -> bytes:
    """Bytes `start` to `end` of an object, streamed, or none when the host has none there."""
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
    """Read all `size` bytes of an object.

    The WIT makes `get-data`'s end offset inclusive, but hosts differ: wasmCloud 2's in-memory
    blobstore reads it as exclusive, its NATS one returns the whole object. Asking again for what
    is still missing, and keeping no more than `size` bytes, reads every byte from each.
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
    """Store `body` as an object named after `key` (creating the container if need be), then read it back."""
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
        return read_object(container, name, len(body))


def read_stored(key: str) -> bytes | None:
    """The object stored under a name taken from `key`, or None when nothing is: reading writes nothing."""
    if not blobstore.container_exists(BLOB_CONTAINER):
        return None
    with blobstore.get_container(BLOB_CONTAINER) as container:
        name = safe_name(key)
        if not container.has_object(name):
            return None
        return read_object(container, name, container.object_info(name).size)
