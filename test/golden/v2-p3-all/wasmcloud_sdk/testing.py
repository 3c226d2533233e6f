"""pytest plugin: every test runs against in-memory hosts, with a test client for the app.

The project's conftest.py loads it. Two fixtures:

- `hosts` (every test has it): a fresh in-memory stand-in for each capability, in place of the host's for the test.
  Set what the host holds before the request, read what the code did after it:
  `hosts.messaging` (published: each message the code published).
  `hosts.http_client` (requests: each request sent; respond(url, ...) sets an answer, deny(host) refuses a host).
  `hosts.keyvalue` (buckets: bucket → key → bytes).
  `hosts.blobstore` (containers: container → object name → bytes).
  `hosts.postgres` (statements: (sql, params) of each statement run; answer(sql, rows) sets what a query returns).
  `hosts.log` (records: (level, context, message) of each record logged).
  `hosts.config` (values: key → value).
  `hosts.secrets` (values: name → the secret).
- `client`: calls the app as the host would, in process, and gives its answer:
  `client.get("/notes?day=1").text`, `client.post("/notes", json={"a": 1}).status`.
  `client.request_message("jobs.1", b"body")` returns the reply, or None.
  An exception the app raises reaches the test, as Starlette's and Flask's test clients have it;
  `Client(raise_errors=False)` answers it as the host does (a 500).
"""

import asyncio
import concurrent.futures
import importlib
import json as jsonlib
import sys
import typing
from collections.abc import Awaitable
from dataclasses import dataclass

import pytest

from wasmcloud_sdk import blobstore, config, http, http_client, keyvalue, log, messaging, postgres, secrets


class Hosts:
    """The in-memory stand-in of each capability, fresh for each test."""

    def __init__(self) -> None:
        self.messaging = messaging.MemoryHost()
        self.http_client = http_client.MemoryHost()
        self.keyvalue = keyvalue.MemoryHost()
        self.blobstore = blobstore.MemoryHost()
        self.postgres = postgres.MemoryHost()
        self.log = log.MemoryHost()
        self.config = config.MemoryHost()
        self.secrets = secrets.MemoryHost()


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


def run[T](call: Awaitable[T]) -> T:
    """Run an async call to the end: in a loop of its own, or in a thread when the test's loop is running."""

    async def main() -> T:
        return await call

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main())
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main()).result()


class Client:
    """Sends the app requests and messages in process, as the host would."""

    def __init__(self, *, raise_errors: bool = True) -> None:
        importlib.import_module("app")  # app.py makes its exports on import, which registers what they serve
        self.raise_errors = raise_errors

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes | str = b"",
        json: object = None,
    ) -> ClientResponse:
        """Send one request: `path` may have a query (`/notes?day=1`); `json=` sends a body as JSON."""
        app = http.app_of_export
        if app is None:
            raise RuntimeError("app.py makes no HTTP export: it has no `IncomingHandler = incoming_handler(app)` line")
        sent = dict(headers or {})
        if json is not None:
            body = jsonlib.dumps(json)
            sent.setdefault("content-type", "application/json")
        target, _, query = path.partition("?")
        request = http.Request(method, target, query, sent, body)
        try:
            response = run(app(request))
        except Exception as error:
            if self.raise_errors:
                raise
            print(http.failure(request, error), file=sys.stderr)
            response = http.INTERNAL_ERROR
        names, data = response.encoded()
        found: dict[str, str] = {}
        for name, value in names:
            key = name.lower()
            found[key] = f"{found[key]}, {value.decode('latin-1')}" if key in found else value.decode("latin-1")
        return ClientResponse(response.status, found, data)

    def get(self, path: str, *, headers: dict[str, str] | None = None) -> ClientResponse:
        """Send a GET."""
        return self.request("GET", path, headers=headers)

    def post(
        self, path: str, body: bytes | str = b"", *, json: object = None, headers: dict[str, str] | None = None
    ) -> ClientResponse:
        """Send a POST with `body`, or `json=` as JSON."""
        return self.request("POST", path, headers=headers, body=body, json=json)

    def put(
        self, path: str, body: bytes | str = b"", *, json: object = None, headers: dict[str, str] | None = None
    ) -> ClientResponse:
        """Send a PUT with `body`, or `json=` as JSON."""
        return self.request("PUT", path, headers=headers, body=body, json=json)

    def delete(self, path: str, *, headers: dict[str, str] | None = None) -> ClientResponse:
        """Send a DELETE."""
        return self.request("DELETE", path, headers=headers)

    def request_message(
        self, subject: str, body: bytes | str = b"", *, reply_to: str = "test.reply"
    ) -> messaging.Message | None:
        """Deliver a message as the subscription would; the reply the handler sends to `reply_to`, or None."""
        handler = messaging.handler_of_app
        if handler is None:
            raise RuntimeError("app.py makes no messaging export: it has no `message_handler(...)` line")
        message = messaging.Message(subject, body.encode() if isinstance(body, str) else body, reply_to)
        try:
            answer = run(handler(message))
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
    monkeypatch.setattr(http_client, "host", fresh.http_client)
    monkeypatch.setattr(keyvalue, "host", fresh.keyvalue)
    monkeypatch.setattr(blobstore, "host", fresh.blobstore)
    monkeypatch.setattr(postgres, "host", fresh.postgres)
    monkeypatch.setattr(log, "host", fresh.log)
    monkeypatch.setattr(config, "host", fresh.config)
    monkeypatch.setattr(secrets, "host", fresh.secrets)
    return fresh


@pytest.fixture
def client(hosts: Hosts) -> Client:
    """A test client for the app, over the test's hosts."""
    return Client()
