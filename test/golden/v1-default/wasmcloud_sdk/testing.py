"""pytest plugin: every test runs against in-memory hosts, with a test client for the app.

The project's conftest.py loads it. Two fixtures:

- `hosts` (every test has it): a fresh in-memory stand-in for each capability, in place of the host's for the test.
  Set what the host holds before the request, read what the code did after it:
- `client`: calls the app as the host would, in process, and gives its answer:
  `client.get("/notes?day=1").text`, `client.post("/notes", json={"a": 1}).status`.
  An exception the app raises reaches the test, as Starlette's and Flask's test clients have it;
  `Client(raise_errors=False)` answers it as the host does (a 500).
"""

import importlib
import json as jsonlib
import sys
import typing
from dataclasses import dataclass

import pytest

from wasmcloud_sdk import http


class Hosts:
    """The in-memory stand-in of each capability, fresh for each test."""

    def __init__(self) -> None:
        pass


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
    """Sends the app requests in process, as the host would."""

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
            response = app(request)
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


@pytest.fixture(autouse=True)
def hosts(monkeypatch: pytest.MonkeyPatch) -> Hosts:
    """Every test runs against fresh in-memory hosts."""
    fresh = Hosts()
    return fresh


@pytest.fixture
def client(hosts: Hosts) -> Client:
    """A test client for the app, over the test's hosts."""
    return Client()
