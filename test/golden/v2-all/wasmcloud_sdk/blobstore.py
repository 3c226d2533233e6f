"""Containers of named objects (blobs) on the host, over wasi:blobstore; each object is read and written whole.

    from wasmcloud_sdk import blobstore

    blobstore.container("uploads").put("notes.txt", "hello")
    notes = blobstore.container("uploads").get("notes.txt")

A host that cannot do an operation raises BlobstoreError.
"""

from typing import Protocol

from componentize_py_types import Err
from wit_world.imports import blobstore, blobstore_container, blobstore_types

MAX_CHUNK = 4096
"""The most bytes a stream reads or writes at once (wasi:io writes at most 4096)."""

RANGE = 65536
"""How many bytes of an object one get-data asks for."""


class BlobstoreError(Exception):
    """The host could not do it: str(error) says why, in words (the host's own message where it has one)."""


def described(error: object, otherwise: str) -> str:
    """The host's message for an error (wasi:blobstore's errors are strings), or `otherwise` when it gave none."""
    return error if isinstance(error, str) and error else otherwise


def existing(name: str) -> blobstore_container.Container | None:
    """The container `name`, or None when the host has none: looking makes nothing."""
    return blobstore.get_container(name) if blobstore.container_exists(name) else None


def made(name: str) -> blobstore_container.Container:
    """The container `name`, made first when the host has none."""
    return blobstore.get_container(name) if blobstore.container_exists(name) else blobstore.create_container(name)


def read_range(container: blobstore_container.Container, name: str, start: int, end: int) -> bytes:
    """What get-data(name, start, end) answers with, streamed to the end (raises Err when the host refuses)."""
    stream = blobstore_types.IncomingValue.incoming_value_consume_async(container.get_data(name, start, end))
    data = bytearray()
    with stream:
        while True:
            try:
                data += stream.blocking_read(MAX_CHUNK)
            except Err:
                return bytes(data)  # the stream is closed: everything has been read


def read_object(container: blobstore_container.Container, name: str, size: int) -> bytes:
    """Read all `size` bytes of an object.

    The WIT makes get-data's end offset inclusive, but hosts differ: wasmCloud 2's in-memory blobstore reads it as
    exclusive, its NATS one returns the whole object. Asking again for what is still missing (one byte further when
    nothing came), and keeping no more than `size` bytes, reads every byte from each.
    """
    data = bytearray()
    while len(data) < size:
        start = len(data)
        end = min(start + RANGE, size) - 1
        try:
            chunk = read_range(container, name, start, end)
        except Err:  # an exclusive host refuses the empty range start..start
            chunk = b""
        if not chunk:
            chunk = read_range(container, name, start, end + 1)
        if not chunk:
            raise BlobstoreError(f"the host gave {start} of the {size} bytes of {name!r}")
        data += chunk[: size - start]
    return bytes(data)


def write_object(container: blobstore_container.Container, name: str, data: bytes) -> None:
    """Write `data` as the object `name`: write-data, the body's stream in chunks, then finish."""
    value = blobstore_types.OutgoingValue.new_outgoing_value()
    try:
        container.write_data(name, value)
        with value.outgoing_value_write_body() as stream:
            for start in range(0, len(data), MAX_CHUNK):
                stream.blocking_write_and_flush(data[start : start + MAX_CHUNK])
    except Err:
        with value:  # dropped, never finished: the host keeps nothing of it
            raise
    blobstore_types.OutgoingValue.finish(value)


class Host(Protocol):
    """What the module needs from a host: each operation on one object of a named container, in plain values."""

    def get(self, container: str, name: str) -> bytes | None:
        """Every byte of the object, or None when there is none (or no such container)."""
        ...

    def put(self, container: str, name: str, data: bytes) -> None:
        """Store `data` as the object, replacing it; the container is made when missing."""
        ...

    def delete(self, container: str, name: str) -> None:
        """Remove the object (nothing happens when it is not there)."""
        ...

    def exists(self, container: str, name: str) -> bool:
        """Whether the object is there."""
        ...

    def names(self, container: str) -> list[str]:
        """The names of the container's objects (none when there is no such container)."""
        ...


class WitHost:
    """Host over wasi:blobstore: the only class that touches wit_world; binding errors become BlobstoreError.

    Each operation gets the container and drops it again, so no resource outlives a call.
    """

    def get(self, container: str, name: str) -> bytes | None:
        """has-object, object-info's size, then get-data until every byte has come."""
        try:
            found = existing(container)
            if found is None:
                return None
            with found:
                if not found.has_object(name):
                    return None
                return read_object(found, name, found.object_info(name).size)
        except Err as error:
            raise BlobstoreError(described(error.value, f"the host could not read {name!r}")) from None

    def put(self, container: str, name: str, data: bytes) -> None:
        """write-data of a new outgoing value, its body written in chunks, then finish; the container made first."""
        try:
            with made(container) as found:
                write_object(found, name, data)
        except Err as error:
            raise BlobstoreError(described(error.value, f"the host could not write {name!r}")) from None

    def delete(self, container: str, name: str) -> None:
        """delete-object, when the container is there."""
        try:
            found = existing(container)
            if found is not None:
                with found:
                    found.delete_object(name)
        except Err as error:
            raise BlobstoreError(described(error.value, f"the host could not delete {name!r}")) from None

    def exists(self, container: str, name: str) -> bool:
        """has-object, when the container is there."""
        try:
            found = existing(container)
            if found is None:
                return False
            with found:
                return found.has_object(name)
        except Err as error:
            raise BlobstoreError(described(error.value, f"the host could not look for {name!r}")) from None

    def names(self, container: str) -> list[str]:
        """list-objects, read to the end of its stream of names."""
        try:
            found = existing(container)
            if found is None:
                return []
            names: list[str] = []
            with found, found.list_objects() as listed:
                while True:
                    batch, ended = listed.read_stream_object_names(1000)
                    names += batch
                    if ended or not batch:
                        return names
        except Err as error:
            raise BlobstoreError(described(error.value, f"the host could not list {container!r}")) from None


class MemoryHost:
    """Host in memory, for tests (wasmcloud_sdk.testing installs a fresh one per test) and for local serving.

    `containers` maps a container's name to its objects' names and bytes; a container is made by the first put into
    it, and reading one that is missing makes nothing, as WitHost does. `fail`: when set, every call raises
    BlobstoreError with that text (a host that is down).
    """

    def __init__(self) -> None:
        self.containers: dict[str, dict[str, bytes]] = {}
        self.fail: str | None = None

    def objects(self, container: str) -> dict[str, bytes]:
        """The container's objects (none for a missing one), after checking whether the host is down."""
        if self.fail is not None:
            raise BlobstoreError(self.fail)
        return self.containers.get(container, {})

    def get(self, container: str, name: str) -> bytes | None:
        """The object's bytes."""
        return self.objects(container).get(name)

    def put(self, container: str, name: str, data: bytes) -> None:
        """Store the object, making the container when missing."""
        self.objects(container)
        self.containers.setdefault(container, {})[name] = bytes(data)

    def delete(self, container: str, name: str) -> None:
        """Remove the object when it is there."""
        self.objects(container).pop(name, None)

    def exists(self, container: str, name: str) -> bool:
        """Whether the object is stored."""
        return name in self.objects(container)

    def names(self, container: str) -> list[str]:
        """The objects' names, in the order they were first put."""
        return list(self.objects(container))


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


class Container:
    """A container of the host, by name: each method is one call to the host (nothing is kept open).

    Reading a container that is not there finds nothing; the first put() makes it.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        """The container's name, as the host knows it."""

    def __repr__(self) -> str:
        return f"Container({self.name!r})"

    def get(self, name: str) -> bytes | None:
        """Every byte of the object `name`, or None when there is no such object."""
        return host.get(self.name, name)

    def put(self, name: str, data: bytes | str) -> None:
        """Store `data` (a str as UTF-8) as the object `name`, replacing it."""
        host.put(self.name, name, data.encode() if isinstance(data, str) else bytes(data))

    def delete(self, name: str) -> None:
        """Remove the object `name`; nothing happens when it is not there."""
        host.delete(self.name, name)

    def exists(self, name: str) -> bool:
        """Whether there is an object `name`."""
        return host.exists(self.name, name)

    def names(self) -> list[str]:
        """The names of every object in the container, in no particular order."""
        return host.names(self.name)


def container(name: str) -> Container:
    """The container `name`: made on the host by the first put() when missing."""
    return Container(name)
