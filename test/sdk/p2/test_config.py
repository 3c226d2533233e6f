"""Tests of wasmcloud_sdk.config on WASI 0.2, against a fake of wasi:config/store."""

from dataclasses import dataclass, field

import pytest
from componentize_py_types import Err
from wit_world.imports import config_store

from wasmcloud_sdk import config


@dataclass
class Store:
    """The fake host: its values, each call made, and the error it answers with when `refuse` is set."""

    values: dict[str, str] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    refuse: config_store.Error | None = None

    def get(self, key: str) -> str | None:
        self.calls.append(f"get {key}")
        if self.refuse is not None:
            raise Err(self.refuse)
        return self.values.get(key)

    def get_all(self) -> list[tuple[str, str]]:
        self.calls.append("get-all")
        if self.refuse is not None:
            raise Err(self.refuse)
        return list(self.values.items())


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Store:
    fake = Store()
    monkeypatch.setattr(config_store, "get", fake.get)
    monkeypatch.setattr(config_store, "get_all", fake.get_all)
    monkeypatch.setattr(config, "host", config.WitHost())
    return fake


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch) -> config.MemoryHost:
    fake = config.MemoryHost()
    monkeypatch.setattr(config, "host", fake)
    return fake


def test_get_asks_the_store_for_the_key(store: Store) -> None:
    store.values = {"greeting": "hola", "empty": ""}
    assert config.get("greeting") == "hola"
    assert config.get("greeting", "Hello") == "hola"
    assert config.get("empty", "Hello") == ""
    assert config.get("missing") is None
    assert config.get("missing", "Hello") == "Hello"
    assert store.calls == ["get greeting", "get greeting", "get empty", "get missing", "get missing"]


def test_all_is_get_all_as_a_dict(store: Store) -> None:
    store.values = {"a": "1", "b": "2"}
    assert config.all() == {"a": "1", "b": "2"}
    assert store.calls == ["get-all"]


@pytest.mark.parametrize(
    "error", [config_store.Error_Upstream("vault is sealed"), config_store.Error_Io("vault is sealed")]
)
def test_a_hosts_error_is_a_config_error_in_its_words(store: Store, error: config_store.Error) -> None:
    store.refuse = error
    for call in (lambda: config.get("greeting", "Hello"), config.all):
        with pytest.raises(config.ConfigError) as refused:
            call()
        assert str(refused.value) == "vault is sealed"
        assert not isinstance(refused.value, Err)


def test_memory_answers_from_its_values(memory: config.MemoryHost) -> None:
    memory.values["greeting"] = "hola"
    assert config.get("greeting", "Hello") == "hola"
    assert config.get("missing") is None and config.get("missing", "Hello") == "Hello"
    everything = config.all()
    assert everything == {"greeting": "hola"}
    everything["greeting"] = "changed"
    assert memory.values == {"greeting": "hola"}


def test_memory_fail_makes_every_call_a_config_error(memory: config.MemoryHost) -> None:
    memory.values["greeting"] = "hola"
    memory.fail = "vault is sealed"
    with pytest.raises(config.ConfigError, match="^vault is sealed$"):
        config.get("greeting", "Hello")
    with pytest.raises(config.ConfigError, match="^vault is sealed$"):
        config.all()


def test_the_api_looks_the_host_up_at_call_time(memory: config.MemoryHost, monkeypatch: pytest.MonkeyPatch) -> None:
    memory.values["greeting"] = "hola"
    other = config.MemoryHost()
    other.values["greeting"] = "salut"
    monkeypatch.setattr(config, "host", other)
    assert config.get("greeting") == "salut"
