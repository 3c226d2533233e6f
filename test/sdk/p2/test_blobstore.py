"""Tests of wasmcloud_sdk.blobstore on WASI 0.2, against fakes of wasi:blobstore/blobstore, container and types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Self

import pytest
from componentize_py_types import Err
from wit_world.imports import blobstore, blobstore_types

from wasmcloud_sdk import blobstore as sdk_blobstore

BODY = bytes(i % 251 for i in range(100_003))


class Resource:
    """A binding resource: knows whether it was dropped (or consumed), and refuses a second drop."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.dropped = False
        store.resources.append(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        assert not self.dropped, f"{type(self).__name__} dropped twice"
        self.dropped = True


class FakeInputStream(Resource):
    def __init__(self, store: Store, data: bytes) -> None:
        super().__init__(store)
        self.data = bytearray(data)

    def blocking_read(self, size: int) -> bytes:
        assert not self.dropped
        if not self.data:
            raise Err("closed")
        chunk = bytes(self.data[:size])
        del self.data[:size]
        return chunk


class FakeOutputStream(Resource):
    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.data = bytearray()

    def blocking_write_and_flush(self, chunk: bytes) -> None:
        assert not self.dropped
        assert len(chunk) <= 4096, "wasi:io writes at most 4096 bytes at once"
        if self.store.refuse_write is not None:
            raise Err(self.store.refuse_write)
        self.data += chunk


class FakeOutgoingValue(Resource):
    """A value being written: finish() stores it under the name write_data() gave it."""

    current: Store

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.stream: FakeOutputStream | None = None
        self.target: tuple[dict[str, bytes], str] | None = None

    @classmethod
    def new_outgoing_value(cls) -> FakeOutgoingValue:
        return cls(cls.current)

    def outgoing_value_write_body(self) -> FakeOutputStream:
        assert self.stream is None, "the body's stream may be had once"
        self.stream = FakeOutputStream(self.store)
        return self.stream

    @classmethod
    def finish(cls, value: FakeOutgoingValue) -> None:
        assert not value.dropped
        assert value.target is not None, "finished before write_data"
        assert value.stream is not None and value.stream.dropped, "the body's stream must be dropped before finish"
        objects, name = value.target
        objects[name] = bytes(value.stream.data)
        value.dropped = True  # finish consumes it


class FakeIncomingValue(Resource):
    def __init__(self, store: Store, data: bytes) -> None:
        super().__init__(store)
        self.data = data

    @classmethod
    def incoming_value_consume_async(cls, value: FakeIncomingValue) -> FakeInputStream:
        assert not value.dropped
        value.dropped = True  # consumed
        return FakeInputStream(value.store, value.data)


class FakeNames(Resource):
    def __init__(self, store: Store, names: list[str]) -> None:
        super().__init__(store)
        self.names = names

    def read_stream_object_names(self, len: int) -> tuple[list[str], bool]:
        batch, self.names = self.names[: min(len, 2)], self.names[min(len, 2) :]
        return batch, not self.names


class FakeContainer(Resource):
    """A container whose get_data reads the end offset as `store.end` says: inclusive, exclusive, or whole."""

    def __init__(self, store: Store, name: str) -> None:
        super().__init__(store)
        self.container = name

    def objects(self, call: str) -> dict[str, bytes]:
        assert not self.dropped, f"{call} on a dropped container"
        self.store.calls.append(call)
        if self.store.refuse is not None:
            raise Err(self.store.refuse)
        return self.store.containers[self.container]

    def name(self) -> str:
        return self.container

    def write_data(self, name: str, data: FakeOutgoingValue) -> None:
        data.target = (self.objects(f"write-data {name}"), name)

    def has_object(self, name: str) -> bool:
        return name in self.objects(f"has-object {name}")

    def object_info(self, name: str) -> blobstore_types.ObjectMetadata:
        objects = self.objects(f"object-info {name}")
        if name not in objects:
            raise Err(f"object {name} does not exist")
        return blobstore_types.ObjectMetadata(name, self.container, 0, len(objects[name]))

    def get_data(self, name: str, start: int, end: int) -> FakeIncomingValue:
        objects = self.objects("get-data")
        self.store.ranges.append((start, end))
        if name not in objects:
            raise Err(f"object {name} does not exist")
        data = objects[name]
        if self.store.end == "inclusive":
            return FakeIncomingValue(self.store, data[start : end + 1])
        if self.store.end == "exclusive":
            if start >= end and self.store.refuse_empty:
                raise Err("start must be before end")
            return FakeIncomingValue(self.store, data[start:end])
        return FakeIncomingValue(self.store, data)

    def list_objects(self) -> FakeNames:
        return FakeNames(self.store, list(self.objects("list-objects")))

    def delete_object(self, name: str) -> None:
        self.objects(f"delete-object {name}").pop(name, None)


@dataclass
class Store:
    """The fake host: its containers, how get-data reads `end`, each call made, and the resources it handed out."""

    containers: dict[str, dict[str, bytes]] = field(default_factory=dict)
    end: str = "inclusive"
    refuse_empty: bool = False
    calls: list[str] = field(default_factory=list)
    ranges: list[tuple[int, int]] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    refuse: str | None = None
    refuse_write: object = None

    def container_exists(self, name: str) -> bool:
        self.calls.append(f"container-exists {name}")
        if self.refuse is not None:
            raise Err(self.refuse)
        return name in self.containers

    def get_container(self, name: str) -> FakeContainer:
        self.calls.append(f"get-container {name}")
        if name not in self.containers:
            raise Err(f"container {name} does not exist")
        return FakeContainer(self, name)

    def create_container(self, name: str) -> FakeContainer:
        self.calls.append(f"create-container {name}")
        assert name not in self.containers
        self.containers[name] = {}
        return FakeContainer(self, name)

    def all_dropped(self) -> bool:
        return all(resource.dropped for resource in self.resources)


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Store:
    fake = Store()
    monkeypatch.setattr(blobstore, "container_exists", fake.container_exists)
    monkeypatch.setattr(blobstore, "get_container", fake.get_container)
    monkeypatch.setattr(blobstore, "create_container", fake.create_container)
    monkeypatch.setattr(FakeOutgoingValue, "current", fake, raising=False)
    monkeypatch.setattr(blobstore_types, "OutgoingValue", FakeOutgoingValue)
    monkeypatch.setattr(blobstore_types, "IncomingValue", FakeIncomingValue)
    monkeypatch.setattr(sdk_blobstore, "host", sdk_blobstore.WitHost())
    return fake


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch) -> sdk_blobstore.MemoryHost:
    fake = sdk_blobstore.MemoryHost()
    monkeypatch.setattr(sdk_blobstore, "host", fake)
    return fake


def test_container_names_it_and_asks_nothing_of_the_host(store: Store) -> None:
    assert sdk_blobstore.container("uploads").name == "uploads"
    assert store.calls == []


def test_put_makes_the_container_and_writes_the_body_in_chunks(store: Store) -> None:
    sdk_blobstore.container("uploads").put("big", BODY)
    assert store.containers == {"uploads": {"big": BODY}}
    assert store.calls == ["container-exists uploads", "create-container uploads", "write-data big"]
    sdk_blobstore.container("uploads").put("text", "héllo")
    assert store.containers["uploads"]["text"] == "héllo".encode()
    assert store.calls[3:] == ["container-exists uploads", "get-container uploads", "write-data text"]
    assert store.all_dropped()


def test_put_of_nothing_stores_an_empty_object(store: Store) -> None:
    sdk_blobstore.container("uploads").put("empty", b"")
    assert store.containers == {"uploads": {"empty": b""}}
    assert store.all_dropped()


@pytest.mark.parametrize(
    ("end", "refuse_empty"), [("inclusive", False), ("exclusive", False), ("exclusive", True), ("whole", False)]
)
@pytest.mark.parametrize("size", [0, 1, 2, 4096, 65536, 65537, 100_003])
def test_get_reads_every_byte_however_the_host_reads_end(store: Store, end: str, refuse_empty: bool, size: int) -> None:
    store.end, store.refuse_empty = end, refuse_empty
    body = BODY[:size]
    store.containers["uploads"] = {"blob": body}
    got = sdk_blobstore.container("uploads").get("blob")
    assert got is not None and len(got) == size
    assert got == body
    assert store.all_dropped()
    if size == 0:
        assert store.ranges == []


def test_get_asks_for_ranges_inclusive_of_their_end(store: Store) -> None:
    store.containers["uploads"] = {"blob": BODY}
    assert sdk_blobstore.container("uploads").get("blob") == BODY
    assert store.ranges == [(0, 65535), (65536, 100_002)]
    assert store.calls[:4] == [
        "container-exists uploads",
        "get-container uploads",
        "has-object blob",
        "object-info blob",
    ]


@pytest.mark.parametrize("end", ["inclusive", "exclusive", "whole"])
def test_get_keeps_no_more_than_the_size_object_info_gave(
    store: Store, monkeypatch: pytest.MonkeyPatch, end: str
) -> None:
    store.end = end
    store.containers["uploads"] = {"blob": b"0123456789"}

    def grown(self: FakeContainer, name: str) -> blobstore_types.ObjectMetadata:
        return blobstore_types.ObjectMetadata(name, self.container, 0, 4)  # written again since

    monkeypatch.setattr(FakeContainer, "object_info", grown)
    assert sdk_blobstore.container("uploads").get("blob") == b"0123"


def test_get_of_nothing_is_none_and_makes_nothing(store: Store) -> None:
    assert sdk_blobstore.container("never").get("blob") is None
    store.containers["uploads"] = {}
    assert sdk_blobstore.container("uploads").get("blob") is None
    assert store.containers == {"uploads": {}}
    assert "create-container never" not in store.calls
    assert store.all_dropped()


def test_a_host_that_gives_too_few_bytes_is_an_error_not_a_short_read(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.containers["uploads"] = {"blob": b"0123456789"}

    def short(self: FakeContainer, name: str, start: int, end: int) -> FakeIncomingValue:
        return FakeIncomingValue(self.store, b"0123" if start == 0 else b"")

    monkeypatch.setattr(FakeContainer, "get_data", short)
    with pytest.raises(sdk_blobstore.BlobstoreError, match="gave 4 of the 10 bytes of 'blob'"):
        sdk_blobstore.container("uploads").get("blob")
    assert store.all_dropped()


def test_exists_delete_and_names(store: Store) -> None:
    uploads = sdk_blobstore.container("uploads")
    assert not uploads.exists("a") and uploads.names() == []
    store.containers["uploads"] = {"a": b"1", "b": b"2", "c": b"3", "d": b"4", "e": b"5"}
    assert uploads.exists("a") and not uploads.exists("z")
    assert uploads.names() == ["a", "b", "c", "d", "e"]  # three batches of the name stream
    uploads.delete("a")
    uploads.delete("z")
    sdk_blobstore.container("never").delete("a")
    assert store.containers == {"uploads": {"b": b"2", "c": b"3", "d": b"4", "e": b"5"}}
    assert "delete-object a" in store.calls and "create-container never" not in store.calls
    assert store.all_dropped()


@pytest.mark.parametrize(
    "call",
    [
        lambda container: container.get("a"),
        lambda container: container.put("a", b"1"),
        lambda container: container.delete("a"),
        lambda container: container.exists("a"),
        lambda container: container.names(),
    ],
)
def test_a_hosts_error_is_a_blobstore_error_in_its_words(
    store: Store, call: Callable[[sdk_blobstore.Container], object]
) -> None:
    store.containers["uploads"] = {"a": b"1"}
    store.refuse = "disk full"
    with pytest.raises(sdk_blobstore.BlobstoreError) as refused:
        call(sdk_blobstore.container("uploads"))
    assert str(refused.value) == "disk full"
    assert not isinstance(refused.value, Err)
    assert store.all_dropped()


def test_a_failed_write_drops_the_value_and_stores_nothing(store: Store) -> None:
    store.containers["uploads"] = {}
    store.refuse_write = object()
    with pytest.raises(sdk_blobstore.BlobstoreError, match="could not write 'big'"):
        sdk_blobstore.container("uploads").put("big", BODY)
    assert store.containers == {"uploads": {}}
    assert store.all_dropped()


def test_memory_round_trips_objects_per_container(memory: sdk_blobstore.MemoryHost) -> None:
    uploads = sdk_blobstore.container("uploads")
    uploads.put("big", BODY)
    uploads.put("text", "héllo")
    sdk_blobstore.container("other").put("big", b"other")
    assert memory.containers == {"uploads": {"big": BODY, "text": "héllo".encode()}, "other": {"big": b"other"}}
    assert uploads.get("big") == BODY and uploads.get("missing") is None
    assert uploads.exists("text") and not uploads.exists("missing")
    assert uploads.names() == ["big", "text"]
    uploads.delete("big")
    uploads.delete("missing")
    assert memory.containers["uploads"] == {"text": "héllo".encode()}


def test_memory_reads_make_no_container(memory: sdk_blobstore.MemoryHost) -> None:
    never = sdk_blobstore.container("never")
    assert never.get("a") is None and not never.exists("a") and never.names() == []
    never.delete("a")
    assert memory.containers == {}


def test_memory_fail_makes_every_call_a_blobstore_error(memory: sdk_blobstore.MemoryHost) -> None:
    memory.containers["uploads"] = {"a": b"1"}
    memory.fail = "disk full"
    uploads = sdk_blobstore.container("uploads")
    calls: list[Callable[[], object]] = [
        lambda: uploads.get("a"),
        lambda: uploads.put("a", b"2"),
        lambda: uploads.delete("a"),
        lambda: uploads.exists("a"),
        uploads.names,
    ]
    for call in calls:
        with pytest.raises(sdk_blobstore.BlobstoreError, match="^disk full$"):
            call()
    assert memory.containers == {"uploads": {"a": b"1"}}


def test_the_api_looks_the_host_up_at_call_time(
    memory: sdk_blobstore.MemoryHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    uploads = sdk_blobstore.container("uploads")
    uploads.put("a", b"1")
    other = sdk_blobstore.MemoryHost()
    monkeypatch.setattr(sdk_blobstore, "host", other)
    assert uploads.get("a") is None
    assert other.containers == {} and memory.containers == {"uploads": {"a": b"1"}}
