"""Tests of wasmcloud_sdk.secrets on WASI 0.3, against fakes of wasmcloud:secrets/store and reveal."""

from __future__ import annotations

import asyncio
from typing import Self

import pytest
from componentize_py_types import Err
from wit_world.imports import secrets_reveal, secrets_store

from wasmcloud_sdk import secrets


class FakeSecret:
    """A handle to a secret: its key, and nothing of its value."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.dropped = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dropped = True


class Store:
    def __init__(self) -> None:
        self.values: dict[str, str | bytes] = {}
        self.error: secrets_store.SecretsError | None = None
        self.handles: list[FakeSecret] = []
        self.in_flight = 0
        self.most_in_flight = 0

    async def get(self, key: str) -> FakeSecret:
        if self.error is not None:
            raise Err(self.error)
        if key not in self.values:
            raise Err(secrets_store.SecretsError_NotFound())
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await asyncio.sleep(0.01)
        self.in_flight -= 1
        self.handles.append(FakeSecret(key))
        return self.handles[-1]

    async def reveal(self, secret: FakeSecret) -> secrets_store.SecretValue:
        assert not secret.dropped, "revealed after the handle was dropped"
        value = self.values[secret.key]
        if isinstance(value, str):
            return secrets_store.SecretValue_String(value)
        return secrets_store.SecretValue_Bytes(value)


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Store:
    fake = Store()
    monkeypatch.setattr(secrets_store, "get", fake.get)
    monkeypatch.setattr(secrets_reveal, "reveal", fake.reveal)
    monkeypatch.setattr(secrets, "host", secrets.WitHost())
    return fake


async def test_a_secret_is_fetched_revealed_and_its_handle_dropped(store: Store) -> None:
    store.values["api-key"] = "s3cr3t-välue"
    secret = await secrets.get("api-key")
    assert (secret.name, secret.reveal(), secret.reveal_bytes()) == ("api-key", "s3cr3t-välue", "s3cr3t-välue".encode())
    assert [handle.dropped for handle in store.handles] == [True]


async def test_a_secret_never_shows_its_value(store: Store) -> None:
    store.values["api-key"] = "s3cr3t"
    secret = await secrets.get("api-key")
    for shown in (str(secret), repr(secret), f"{secret}", f"{secret!r}", str([secret])):
        assert "s3cr3t" not in shown and "api-key" in shown
    assert not hasattr(secret, "__dict__")


async def test_a_secret_of_bytes_reveals_bytes_and_text(store: Store) -> None:
    store.values["cert"] = b"\x00\x01pem"
    secret = await secrets.get("cert")
    assert secret.reveal_bytes() == b"\x00\x01pem"
    assert secret.reveal() == "\x00\x01pem"


async def test_a_missing_secret_is_secret_not_found(store: Store) -> None:
    with pytest.raises(secrets.SecretNotFound) as missing:
        await secrets.get("nope")
    assert str(missing.value) == "not found" and missing.value.name == "nope"
    assert isinstance(missing.value, secrets.SecretsError)


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (secrets_store.SecretsError_Upstream("vault sealed"), "the secrets backend failed: vault sealed"),
        (secrets_store.SecretsError_Io("disk gone"), "i/o error: disk gone"),
    ],
)
async def test_a_host_that_cannot_get_it_says_why(store: Store, error: secrets_store.SecretsError, text: str) -> None:
    store.error = error
    with pytest.raises(secrets.SecretsError) as failed:
        await secrets.get("api-key")
    assert str(failed.value) == text and not isinstance(failed.value, secrets.SecretNotFound)


async def test_two_secrets_are_fetched_at_once(store: Store) -> None:
    store.values.update({"a": "1", "b": "2"})
    first, second = await asyncio.gather(secrets.get("a"), secrets.get("b"))
    assert (first.reveal(), second.reveal()) == ("1", "2")
    assert store.most_in_flight == 2


async def test_memory_host_serves_values_and_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    memory = secrets.MemoryHost()
    monkeypatch.setattr(secrets, "host", memory)
    memory.values["token"] = "t"
    assert (await secrets.get("token")).reveal() == "t"
    with pytest.raises(secrets.SecretNotFound):
        await secrets.get("other")
    memory.fail = "the backend is down"
    with pytest.raises(secrets.SecretsError, match="^the backend is down$"):
        await secrets.get("token")
