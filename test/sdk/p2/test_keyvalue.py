"""Tests of wasmcloud_sdk.keyvalue on WASI 0.2, against fakes of wasi:keyvalue/store and wasi:keyvalue/atomics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Self

import pytest
from componentize_py_types import Err
from wit_world.imports import atomics, keyvalue_store

from wasmcloud_sdk import keyvalue


class FakeBucket:
    """A bucket as store.open returns it: its keys live in the store, it knows whether it was dropped."""

    def __init__(self, store: Store, name: str) -> None:
        self.store = store
        self.name = name
        self.dropped = False
        store.opened.append(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        assert not self.dropped, "bucket dropped twice"
        self.dropped = True

    def use(self, call: str) -> dict[str, bytes]:
        assert not self.dropped, f"{call} on a dropped bucket"
        self.store.calls.append(call)
        if self.store.refuse is not None:
            raise Err(self.store.refuse)
        return self.store.buckets.setdefault(self.name, {})

    def get(self, key: str) -> bytes | None:
        return self.use("get").get(key)

    def set(self, key: str, value: bytes) -> None:
        assert isinstance(value, bytes)
        self.use("set")[key] = value

    def delete(self, key: str) -> None:
        self.use("delete").pop(key, None)

    def exists(self, key: str) -> bool:
        return key in self.use("exists")

    def list_keys(self, cursor: int | None) -> keyvalue_store.KeyResponse:
        keys = sorted(self.use(f"list-keys {cursor}"))
        start = cursor or 0
        page = keys[start : start + self.store.page]
        following = start + self.store.page
        return keyvalue_store.KeyResponse(page, following if following < len(keys) else None)


@dataclass
class Store:
    """The fake host: its buckets, each call made, and the error it answers with when `refuse` is set."""

    buckets: dict[str, dict[str, bytes]] = field(default_factory=dict)
    opened: list[FakeBucket] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    refuse: keyvalue_store.Error | None = None
    refuse_open: keyvalue_store.Error | None = None
    page: int = 3

    def open(self, identifier: str) -> FakeBucket:
        self.calls.append(f"open {identifier}")
        if self.refuse_open is not None:
            raise Err(self.refuse_open)
        return FakeBucket(self, identifier)

    def increment(self, bucket: FakeBucket, key: str, delta: int) -> int:
        values = bucket.use(f"increment {key} {delta}")
        values[key] = str(int(values.get(key, b"0")) + delta).encode()
        return int(values[key])


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Store:
    fake = Store()
    monkeypatch.setattr(keyvalue_store, "open", fake.open)
    monkeypatch.setattr(atomics, "increment", fake.increment)
    monkeypatch.setattr(keyvalue, "host", keyvalue.WitHost())
    return fake


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch) -> keyvalue.MemoryHost:
    fake = keyvalue.MemoryHost()
    monkeypatch.setattr(keyvalue, "host", fake)
    return fake


def test_open_names_the_bucket_and_asks_nothing_of_the_host(store: Store) -> None:
    bucket = keyvalue.open("things")
    assert bucket.name == "things"
    assert store.calls == []


def test_set_get_exists_delete_go_to_the_bucket_and_drop_it(store: Store) -> None:
    bucket = keyvalue.open("things")
    bucket.set("a", b"\x00\xff")
    bucket.set("b", "héllo")
    assert store.buckets == {"things": {"a": b"\x00\xff", "b": "héllo".encode()}}
    assert bucket.get("a") == b"\x00\xff"
    assert bucket.get("missing") is None
    assert bucket.exists("b") and not bucket.exists("missing")
    bucket.delete("a")
    bucket.delete("missing")
    assert store.buckets == {"things": {"b": "héllo".encode()}}
    assert store.calls[:2] == ["open things", "set"]
    assert len(store.opened) == 8 and all(opened.dropped for opened in store.opened)


def test_keys_follow_the_cursor_over_every_page(store: Store) -> None:
    store.buckets["things"] = {f"k{i:02}": b"" for i in range(10)}
    assert sorted(keyvalue.open("things").keys()) == [f"k{i:02}" for i in range(10)]
    assert store.calls == ["open things", "list-keys None", "list-keys 3", "list-keys 6", "list-keys 9"]
    assert keyvalue.open("empty").keys() == []


def test_keys_stop_when_a_host_gives_the_same_cursor_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(self: FakeBucket, cursor: int | None) -> keyvalue_store.KeyResponse:
        self.use("list-keys")
        return keyvalue_store.KeyResponse(["a"], 7)

    monkeypatch.setattr(FakeBucket, "list_keys", stuck)
    assert keyvalue.open("things").keys() == ["a"]
    assert store.calls.count("list-keys") == 2


def test_increment_is_atomics_increment_on_the_opened_bucket(store: Store) -> None:
    bucket = keyvalue.open("counters")
    assert bucket.increment("hits") == 1
    assert bucket.increment("hits", 41) == 42
    assert store.calls == ["open counters", "increment hits 1", "open counters", "increment hits 41"]
    assert store.buckets["counters"]["hits"] == b"42"
    assert all(opened.dropped for opened in store.opened)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (keyvalue_store.Error_NoSuchStore(), "no such store"),
        (keyvalue_store.Error_AccessDenied(), "access denied"),
        (keyvalue_store.Error_Other("bucket things is read-only"), "bucket things is read-only"),
    ],
)
@pytest.mark.parametrize(
    "call",
    [
        lambda bucket: bucket.get("a"),
        lambda bucket: bucket.set("a", b"1"),
        lambda bucket: bucket.delete("a"),
        lambda bucket: bucket.exists("a"),
        lambda bucket: bucket.keys(),
        lambda bucket: bucket.increment("a"),
    ],
)
def test_a_hosts_error_is_a_keyvalue_error_in_words(
    store: Store, error: keyvalue_store.Error, message: str, call: Callable[[keyvalue.Bucket], object]
) -> None:
    store.refuse = error
    with pytest.raises(keyvalue.KeyValueError) as refused:
        call(keyvalue.open("things"))
    assert str(refused.value) == message
    assert not isinstance(refused.value, Err)
    assert all(opened.dropped for opened in store.opened)


def test_a_bucket_the_host_cannot_open_is_a_keyvalue_error(store: Store) -> None:
    store.refuse_open = keyvalue_store.Error_NoSuchStore()
    with pytest.raises(keyvalue.KeyValueError, match="^no such store$"):
        keyvalue.open("nowhere").get("a")


@pytest.mark.parametrize("delta", [-1, 2**64])
def test_a_delta_wasi_cannot_carry_is_refused_before_the_host(store: Store, delta: int) -> None:
    with pytest.raises(keyvalue.KeyValueError, match="delta"):
        keyvalue.open("counters").increment("hits", delta)
    assert store.calls == []


def test_memory_keeps_values_per_bucket(memory: keyvalue.MemoryHost) -> None:
    things = keyvalue.open("things")
    things.set("a", b"\x00\xff")
    things.set("b", "héllo")
    keyvalue.open("other").set("a", b"other")
    assert memory.buckets == {"things": {"a": b"\x00\xff", "b": "héllo".encode()}, "other": {"a": b"other"}}
    assert things.get("a") == b"\x00\xff" and things.get("missing") is None
    assert things.exists("b") and not things.exists("missing")
    assert sorted(things.keys()) == ["a", "b"]
    things.delete("a")
    things.delete("missing")
    assert memory.buckets["things"] == {"b": "héllo".encode()}


def test_memory_reads_make_no_bucket(memory: keyvalue.MemoryHost) -> None:
    bucket = keyvalue.open("never")
    assert bucket.get("a") is None and not bucket.exists("a") and bucket.keys() == []
    bucket.delete("a")
    assert memory.buckets == {}


def test_memory_counts_in_decimal_text(memory: keyvalue.MemoryHost) -> None:
    bucket = keyvalue.open("counters")
    assert bucket.increment("hits") == 1
    assert bucket.increment("hits", 9) == 10
    assert bucket.increment("hits", 0) == 10
    assert bucket.get("hits") == b"10"
    bucket.set("preset", "41")
    assert bucket.increment("preset") == 42
    assert memory.buckets["counters"] == {"hits": b"10", "preset": b"42"}


@pytest.mark.parametrize("value", [b"abc", b"-3", b"", b"\xff"])
def test_memory_refuses_to_count_what_is_not_a_counter(memory: keyvalue.MemoryHost, value: bytes) -> None:
    memory.buckets["counters"] = {"hits": value}
    with pytest.raises(keyvalue.KeyValueError, match="not a counter"):
        keyvalue.open("counters").increment("hits")
    assert memory.buckets["counters"] == {"hits": value}


def test_memory_refuses_a_delta_wasi_cannot_carry(memory: keyvalue.MemoryHost) -> None:
    with pytest.raises(keyvalue.KeyValueError, match="delta"):
        keyvalue.open("counters").increment("hits", -1)
    assert memory.buckets == {}


def test_memory_fail_makes_every_call_a_keyvalue_error(memory: keyvalue.MemoryHost) -> None:
    memory.buckets["things"] = {"a": b"1"}
    memory.fail = "no such bucket"
    bucket = keyvalue.open("things")
    calls: list[Callable[[], object]] = [
        lambda: bucket.get("a"),
        lambda: bucket.set("a", b"2"),
        lambda: bucket.delete("a"),
        lambda: bucket.exists("a"),
        bucket.keys,
        lambda: bucket.increment("a"),
    ]
    for call in calls:
        with pytest.raises(keyvalue.KeyValueError, match="^no such bucket$"):
            call()
    assert memory.buckets == {"things": {"a": b"1"}}


def test_the_api_looks_the_host_up_at_call_time(memory: keyvalue.MemoryHost, monkeypatch: pytest.MonkeyPatch) -> None:
    bucket = keyvalue.open("things")
    bucket.set("a", b"1")
    other = keyvalue.MemoryHost()
    monkeypatch.setattr(keyvalue, "host", other)
    assert bucket.get("a") is None
    bucket.set("a", b"2")
    assert memory.buckets == {"things": {"a": b"1"}} and other.buckets == {"things": {"a": b"2"}}
