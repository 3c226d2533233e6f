"""Secrets for a wasmCloud component on WASI 0.3, from wasmcloud:secrets: fetched by name, never shown by accident.

    from wasmcloud_sdk import secrets

    api_key = await secrets.get("api-key")
    headers = {"authorization": f"Bearer {api_key.reveal()}"}

A Secret's str() and repr() name it and nothing more, so logging one shows no value; reveal() gives the value.
A name the host has no secret for raises SecretNotFound; a host that cannot get it raises SecretsError.
"""

from typing import Protocol

from componentize_py_types import Err
from wit_world.imports import secrets_reveal, secrets_store


class SecretsError(Exception):
    """The host could not get a secret: str(error) says why, in words."""


class SecretNotFound(SecretsError):
    """The host has no secret of that name (its str is `not found`; `name` says which)."""

    def __init__(self, name: str) -> None:
        super().__init__("not found")
        self.name = name


class Secret:
    """A secret's value, fetched at get() time: str() and repr() show its name only; reveal() shows the value."""

    __slots__ = ("name", "_value")

    def __init__(self, name: str, value: str | bytes) -> None:
        self.name = name
        self._value = value

    def reveal(self) -> str:
        """The value as text (a value stored as bytes is decoded as UTF-8; raises ValueError if it is not text)."""
        return self._value if isinstance(self._value, str) else self._value.decode()

    def reveal_bytes(self) -> bytes:
        """The value as bytes (a value stored as text is encoded as UTF-8)."""
        return self._value.encode() if isinstance(self._value, str) else self._value

    def __repr__(self) -> str:
        return f"<Secret {self.name}>"

    __str__ = __repr__


def secrets_error(name: str, error: object) -> SecretsError:
    """The SecretsError for one of wasmcloud:secrets' error variants."""
    if isinstance(error, secrets_store.SecretsError_NotFound):
        return SecretNotFound(name)
    if isinstance(error, secrets_store.SecretsError_Upstream):
        return SecretsError(f"the secrets backend failed: {error.value}")
    if isinstance(error, secrets_store.SecretsError_Io):
        return SecretsError(f"i/o error: {error.value}")
    return SecretsError(f"the host could not get the secret: {error}")


class Host(Protocol):
    """What the module needs from a host: a secret's value by name."""

    async def get(self, name: str) -> str | bytes:
        """The value of the secret `name`; raises SecretNotFound or SecretsError."""
        ...


class WitHost:
    """Host over wasmcloud:secrets/store and reveal: the only class that touches wit_world."""

    async def get(self, name: str) -> str | bytes:
        """Fetch the secret's handle, reveal its value and drop the handle."""
        try:
            secret = await secrets_store.get(name)
        except Err as error:
            raise secrets_error(name, error.value) from None
        with secret:
            revealed = await secrets_reveal.reveal(secret)
        return revealed.value


class MemoryHost:
    """Host in memory, for tests and local serving: `values` holds each secret's value by name.

    `fail`: when set, every get raises SecretsError(fail), a secrets backend that is down.
    """

    def __init__(self) -> None:
        self.values: dict[str, str | bytes] = {}
        self.fail: str | None = None

    async def get(self, name: str) -> str | bytes:
        """The value in `values`, or SecretNotFound."""
        if self.fail is not None:
            raise SecretsError(self.fail)
        if name not in self.values:
            raise SecretNotFound(name)
        return self.values[name]


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


async def get(name: str) -> Secret:
    """The secret `name`, its value fetched now; raises SecretNotFound when the host has none of that name."""
    return Secret(name, await host.get(name))
