"""Key-value buckets of the host, over wasi:keyvalue/store, with atomic counters over wasi:keyvalue/atomics.

    from wasmcloud_sdk import keyvalue

    visits = keyvalue.open("my-bucket").increment("visits")

Values are bytes (a str is stored as UTF-8); a host that cannot do an operation raises KeyValueError.
"""

from collections.abc import Generator
from contextlib import contextmanager
from typing import Protocol

from componentize_py_types import Err
from wit_world.imports import atomics, keyvalue_store

MAX_COUNTER = 2**64 - 1
"""The largest value a counter holds: wasi:keyvalue's increment counts in u64."""

CONFLICT = "wrong last sequence"
"""What a host's NATS keyvalue says when another writer changed the counter between its read and its write
(JetStream's error 10071): nothing was written, so increment() tries again."""

CONFLICT_ATTEMPTS = 100
"""How many times increment() tries a counter that other writers keep changing before it gives up."""


class KeyValueError(Exception):
    """The host could not do it: str(error) says why, in words (the host's own message where it has one)."""


def described(error: object) -> str:
    """A wasi:keyvalue error variant in words: the host's text for `other`."""
    if isinstance(error, keyvalue_store.Error_NoSuchStore):
        return "no such store"
    if isinstance(error, keyvalue_store.Error_AccessDenied):
        return "access denied"
    if isinstance(error, keyvalue_store.Error_Other):
        return error.value
    return str(error)


@contextmanager
def translated() -> Generator[None, None, None]:
    """Run a few binding calls: an error the host raises becomes KeyValueError."""
    try:
        yield
    except Err as error:
        raise KeyValueError(described(error.value)) from None


class Host(Protocol):
    """What the module needs from a host: each operation on one key of a named bucket, in plain values."""

    def get(self, bucket: str, key: str) -> bytes | None:
        """The value of `key`, or None when it has none."""
        ...

    def set(self, bucket: str, key: str, value: bytes) -> None:
        """Store `value` under `key`, replacing what was there."""
        ...

    def delete(self, bucket: str, key: str) -> None:
        """Remove `key` (nothing happens when it is not there)."""
        ...

    def exists(self, bucket: str, key: str) -> bool:
        """Whether `key` has a value."""
        ...

    def keys(self, bucket: str) -> list[str]:
        """Every key of the bucket."""
        ...

    def increment(self, bucket: str, key: str, delta: int) -> int:
        """Add `delta` (0 or more) to the counter `key` (from 0 when missing), atomically; the new count."""
        ...


class WitHost:
    """Host over wasi:keyvalue: the only class that touches wit_world; binding errors become KeyValueError.

    Each operation opens the bucket and drops it again, so no resource outlives a call.
    """

    def get(self, bucket: str, key: str) -> bytes | None:
        """store.open(bucket).get(key)."""
        with translated(), keyvalue_store.open(bucket) as opened:
            return opened.get(key)

    def set(self, bucket: str, key: str, value: bytes) -> None:
        """store.open(bucket).set(key, value)."""
        with translated(), keyvalue_store.open(bucket) as opened:
            opened.set(key, value)

    def delete(self, bucket: str, key: str) -> None:
        """store.open(bucket).delete(key)."""
        with translated(), keyvalue_store.open(bucket) as opened:
            opened.delete(key)

    def exists(self, bucket: str, key: str) -> bool:
        """store.open(bucket).exists(key)."""
        with translated(), keyvalue_store.open(bucket) as opened:
            return opened.exists(key)

    def keys(self, bucket: str) -> list[str]:
        """store.open(bucket).list-keys, page after page until the host gives no cursor."""
        found: dict[str, None] = {}
        with translated(), keyvalue_store.open(bucket) as opened:
            cursor: int | None = None
            seen: set[int] = set()
            while True:
                page = opened.list_keys(cursor)
                found.update(dict.fromkeys(page.keys))
                if page.cursor is None or page.cursor in seen:  # a cursor again would loop forever
                    return list(found)
                seen.add(page.cursor)
                cursor = page.cursor

    def increment(self, bucket: str, key: str, delta: int) -> int:
        """atomics.increment(store.open(bucket), key, delta), again while another writer wins the race to it."""
        with translated(), keyvalue_store.open(bucket) as opened:
            for _ in range(CONFLICT_ATTEMPTS - 1):
                try:
                    return atomics.increment(opened, key, delta)
                except Err as error:
                    if CONFLICT not in described(error.value):
                        raise
            return atomics.increment(opened, key, delta)


class MemoryHost:
    """Host in memory, for tests (wasmcloud_sdk.testing installs a fresh one per test) and for local serving.

    `buckets` maps a bucket's name to its keys and their values; a bucket comes to be with its first write, as
    the hosts' buckets do on wash dev. A counter is stored as its decimal text, as NATS and Redis keep it, and
    incrementing a value that is not such a number fails. `fail`: when set, every call raises KeyValueError with
    that text (a host that is down).
    """

    def __init__(self) -> None:
        self.buckets: dict[str, dict[str, bytes]] = {}
        self.fail: str | None = None

    def stored(self, bucket: str) -> dict[str, bytes]:
        """The bucket's keys (none for a bucket not written to), after checking whether the host is down."""
        if self.fail is not None:
            raise KeyValueError(self.fail)
        return self.buckets.get(bucket, {})

    def written(self, bucket: str) -> dict[str, bytes]:
        """The bucket's keys to write to: the bucket is made when missing."""
        self.stored(bucket)
        return self.buckets.setdefault(bucket, {})

    def get(self, bucket: str, key: str) -> bytes | None:
        """The value stored under `key`."""
        return self.stored(bucket).get(key)

    def set(self, bucket: str, key: str, value: bytes) -> None:
        """Store `value` under `key`."""
        self.written(bucket)[key] = bytes(value)

    def delete(self, bucket: str, key: str) -> None:
        """Remove `key` when it is there."""
        self.stored(bucket).pop(key, None)

    def exists(self, bucket: str, key: str) -> bool:
        """Whether `key` is stored."""
        return key in self.stored(bucket)

    def keys(self, bucket: str) -> list[str]:
        """The bucket's keys, in the order they were first set."""
        return list(self.stored(bucket))

    def increment(self, bucket: str, key: str, delta: int) -> int:
        """Add `delta` to the decimal count under `key` (0 when missing) and store the sum as decimal text."""
        values = self.written(bucket)
        text = values.get(key, b"0").decode("ascii", errors="replace")
        if not text.isdigit():
            raise KeyValueError(f"the value of {key!r} is not a counter (a decimal number)")
        count = int(text)
        if count + delta > MAX_COUNTER:
            raise KeyValueError(f"the counter {key!r} would pass {MAX_COUNTER}")
        values[key] = str(count + delta).encode()
        return count + delta


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


class Bucket:
    """A key-value bucket of the host, by name: each method is one call to the host (nothing is kept open)."""

    def __init__(self, name: str) -> None:
        self.name = name
        """The bucket's name, as the host knows it."""

    def __repr__(self) -> str:
        return f"Bucket({self.name!r})"

    def get(self, key: str) -> bytes | None:
        """The value of `key`, or None when it has none."""
        return host.get(self.name, key)

    def set(self, key: str, value: bytes | str) -> None:
        """Store `value` under `key` (a str as UTF-8), replacing what was there."""
        host.set(self.name, key, value.encode() if isinstance(value, str) else bytes(value))

    def delete(self, key: str) -> None:
        """Remove `key`; nothing happens when it is not there."""
        host.delete(self.name, key)

    def exists(self, key: str) -> bool:
        """Whether `key` has a value."""
        return host.exists(self.name, key)

    def keys(self) -> list[str]:
        """Every key of the bucket, in no particular order (the host's pages followed to the end)."""
        return host.keys(self.name)

    def increment(self, key: str, delta: int = 1) -> int:
        """Add `delta` (0 or more) to the counter `key`, atomically, and return the new count.

        A missing key counts from 0; the count is kept as its decimal text, so get() reads it as b"3".
        """
        if not 0 <= delta <= MAX_COUNTER:
            raise KeyValueError(f"delta must be from 0 to {MAX_COUNTER} (wasi:keyvalue counts up in u64), not {delta}")
        return host.increment(self.name, key, delta)


def open(bucket: str) -> Bucket:
    """The bucket named `bucket`: nothing is asked of the host until one of its methods is called."""
    return Bucket(bucket)
