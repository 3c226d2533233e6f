"""Tests of app.py in plain CPython, in well under a second: `pytest`. wasmcloud_sdk.testing gives each test
in-memory hosts (`hosts`) and a test client (`client`)."""

import asyncio
from urllib.parse import urlsplit

import pytest

import app
from wasmcloud_sdk import http_client
from wasmcloud_sdk.testing import Client, Hosts


def test_health_is_ok_as_plain_text(client: Client) -> None:
    response = client.get("/health")
    assert (response.status, response.text) == (200, "ok\n")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


def test_echo_sends_the_body_back_with_its_content_type(client: Client) -> None:
    response = client.post("/echo", json={"n": 1})
    assert (response.status, response.json()) == (200, {"n": 1})
    assert response.headers["content-type"] == "application/json"


def test_any_other_request_gets_the_greeting_that_echoes_method_and_path(client: Client) -> None:
    response = client.get("/some/path?q=1")
    assert response.status == 200
    assert response.text.splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! GET /some/path?q=1"
    assert response.text.endswith("\n")


def test_only_the_routes_method_is_routed(client: Client) -> None:
    assert client.get("/echo").text.startswith(f"Hello from {app.COMPONENT_NAME}! GET /echo")


def test_a_post_or_a_put_writes_any_other_method_reads(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, bytes, bool]] = []

    async def record(key: str, body: bytes, *, write: bool) -> list[str]:
        calls.append((key, body, write))
        return []

    monkeypatch.setattr(app, "demo", record)
    for method in ("GET", "POST", "PUT", "DELETE"):
        client.request(method, "/notes?a=1", body=b"x")
    assert calls == [
        ("/notes?a=1", b"x", False),
        ("/notes?a=1", b"x", True),
        ("/notes?a=1", b"x", True),
        ("/notes?a=1", b"x", False),
    ]


async def test_the_upstream_status_is_relayed(hosts: Hosts) -> None:
    hosts.http_client.respond(app.UPSTREAM_URL, status=204)
    assert (await app.demo("/", b"", write=False)).count(f"upstream {app.UPSTREAM_URL}: 204") == 2
    assert [(sent.method, sent.url) for sent in hosts.http_client.requests] == [("GET", app.UPSTREAM_URL)] * 2


async def test_a_denied_request_says_so(hosts: Hosts) -> None:
    hosts.http_client.deny(urlsplit(app.UPSTREAM_URL).netloc)
    refused = f"upstream {app.UPSTREAM_URL}: denied: the host allows no requests to it (add it to the allowed hosts)"
    assert refused in await app.demo("/", b"", write=False)


async def test_two_requests_are_in_flight_at_once(hosts: Hosts, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each GET waits until both have started: made one after the other, the first would wait for ever.
    started: list[str] = []
    both = asyncio.Event()

    async def get(url: str, **options: object) -> http_client.Response:
        started.append(url)
        if len(started) == 2:
            both.set()
        await asyncio.wait_for(both.wait(), timeout=1)
        return http_client.Response(200, {}, b"")

    monkeypatch.setattr(http_client, "get", get)
    assert (await app.demo("/", b"", write=False)).count(f"upstream {app.UPSTREAM_URL}: 200") == 2


async def test_a_secret_is_described_by_length_and_hash_never_shown(hosts: Hosts) -> None:
    hosts.secrets.values[app.SECRET_NAME] = "twelve-chars"
    line = await app.describe_secret(app.SECRET_NAME)
    assert line == f"secret {app.SECRET_NAME}: 12 bytes, sha256 8dd1fe39"
    assert "twelve-chars" not in line


async def test_a_secret_of_bytes_is_described_the_same_way(hosts: Hosts) -> None:
    hosts.secrets.values["raw"] = bytes([0, 1, 2])
    assert await app.describe_secret("raw") == "secret raw: 3 bytes, sha256 ae4b3280"


async def test_a_missing_secret_is_a_line_of_the_answer(hosts: Hosts) -> None:
    assert await app.describe_secret("absent") == "secret absent: not found"


async def test_a_secret_the_host_cannot_get_is_a_line_that_says_so(hosts: Hosts) -> None:
    hosts.secrets.fail = "the vault is sealed"
    line = await app.describe_secret(app.SECRET_NAME)
    assert line == f"secret {app.SECRET_NAME}: the host could not get it (the vault is sealed)"


async def test_a_secret_is_measured_in_utf8_bytes(hosts: Hosts) -> None:
    hosts.secrets.values["accent"] = "café"
    assert (await app.describe_secret("accent")).startswith("secret accent: 5 bytes, sha256 ")


async def test_each_request_describes_the_secret(hosts: Hosts) -> None:
    hosts.secrets.values[app.SECRET_NAME] = "twelve-chars"
    lines = await app.demo("/", b"", write=False)
    assert f"secret {app.SECRET_NAME}: 12 bytes, sha256 8dd1fe39" in lines
