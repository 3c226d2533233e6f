"""Tests of app.py in plain CPython, in well under a second: `pytest`. wasmcloud_sdk.testing gives each test
in-memory hosts (`hosts`) and a test client (`client`)."""

import pytest

import app
from wasmcloud_sdk.testing import Client


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
