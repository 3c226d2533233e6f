"""pytest plugin: every test runs against in-memory hosts, with a test client for the app.

The project's conftest.py loads it. Two fixtures:

- `hosts` (every test has it): a fresh in-memory stand-in for each capability, in place of the host's for the test.
  Set what the host holds before the request, read what the code did after it:
  `hosts.messaging` (published: each message the code published).
  `hosts.keyvalue` (buckets: bucket → key → bytes).
- `client`: calls the app as the host would, in process, and gives its answer:
  `client.request_message("jobs.1", b"body")` returns the reply, or None.
  An exception the app raises reaches the test, as Starlette's and Flask's test clients have it;
  `Client(raise_errors=False)` answers it as the host does.
"""

import importlib
import json as jsonlib
import typing
from dataclasses import dataclass

import pytest

from wasmcloud_sdk import keyvalue, messaging


class Hosts:
    """The in-memory stand-in of each capability, fresh for each test."""

    def __init__(self) -> None:
        self.messaging = messaging.MemoryHost()
        self.keyvalue = keyvalue.MemoryHost()


@dataclass(frozen=True)
class ClientResponse:
    """What the app answered: the status, the headers (names in lower case) and the body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        """The body as UTF-8 text."""
        return self.body.decode(errors="replace")

    def json(self) -> typing.Any:
        """The body parsed as JSON."""
        return jsonlib.loads(self.body)


class Client:
    """Sends the app requests and messages in process, as the host would."""

    def __init__(self, *, raise_errors: bool = True) -> None:
        importlib.import_module("app")  # app.py makes its exports on import, which registers what they serve
        self.raise_errors = raise_errors

    def request_message(
        self, subject: str, body: bytes | str = b"", *, reply_to: str = "test.reply"
    ) -> messaging.Message | None:
        """Deliver a message as the subscription would; the reply the handler sends to `reply_to`, or None."""
        handler = messaging.handler_of_app
        if handler is None:
            raise RuntimeError("app.py makes no messaging export: it has no `message_handler(...)` line")
        message = messaging.Message(subject, body.encode() if isinstance(body, str) else body, reply_to)
        try:
            answer = handler(message)
        except Exception:
            if self.raise_errors:
                raise
            return None
        if answer is None:
            return None
        return messaging.Message(reply_to, answer.encode() if isinstance(answer, str) else answer)


@pytest.fixture(autouse=True)
def hosts(monkeypatch: pytest.MonkeyPatch) -> Hosts:
    """Every test runs against fresh in-memory hosts."""
    fresh = Hosts()
    monkeypatch.setattr(messaging, "host", fresh.messaging)
    monkeypatch.setattr(keyvalue, "host", fresh.keyvalue)
    return fresh


@pytest.fixture
def client(hosts: Hosts) -> Client:
    """A test client for the app, over the test's hosts."""
    return Client()
