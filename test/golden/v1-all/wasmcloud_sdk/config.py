"""The component's configuration: the values the host gives it, over wasi:config/store.

    from wasmcloud_sdk import config

    greeting = config.get("greeting", "Hello")

A key the host has no value for gives the default; a host that cannot answer raises ConfigError.
"""

from typing import Protocol

from componentize_py_types import Err
from wit_world.imports import config_store


class ConfigError(Exception):
    """The host could not answer: str(error) says why, in words (the host's own message where it has one)."""


def described(error: object) -> str:
    """A wasi:config error variant in words: the host's text, `upstream` and `io` alike."""
    if isinstance(error, config_store.Error_Upstream | config_store.Error_Io):
        return error.value or "the host could not read its configuration"
    return str(error)


class Host(Protocol):
    """What the module needs from a host: one value by key, or all of them."""

    def get(self, key: str) -> str | None:
        """The value of `key`, or None when the host has none."""
        ...

    def all(self) -> dict[str, str]:
        """Every key and its value."""
        ...


class WitHost:
    """Host over wasi:config/store: the only class that touches wit_world; binding errors become ConfigError."""

    def get(self, key: str) -> str | None:
        """store.get(key)."""
        try:
            return config_store.get(key)
        except Err as error:
            raise ConfigError(described(error.value)) from None

    def all(self) -> dict[str, str]:
        """store.get-all, as a dict."""
        try:
            return dict(config_store.get_all())
        except Err as error:
            raise ConfigError(described(error.value)) from None


class MemoryHost:
    """Host in memory, for tests (wasmcloud_sdk.testing installs a fresh one per test) and for local serving.

    `values` maps each key the host has to its value. `fail`: when set, every call raises ConfigError with that
    text (a host that is down).
    """

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.fail: str | None = None

    def get(self, key: str) -> str | None:
        """The value of `key`."""
        return self.all().get(key)

    def all(self) -> dict[str, str]:
        """A copy of every value."""
        if self.fail is not None:
            raise ConfigError(self.fail)
        return dict(self.values)


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


def get(key: str, default: str | None = None) -> str | None:
    """The host's value for `key`, or `default` when it has none (an empty value is a value)."""
    value = host.get(key)
    return default if value is None else value


def all() -> dict[str, str]:
    """Every configuration value the host has, by key."""
    return host.all()
