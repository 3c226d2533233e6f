"""Tests of app.py in plain CPython, in well under a second: `pytest`. wasmcloud_sdk.testing gives each test
in-memory hosts (`hosts`) and a test client (`client`)."""

from urllib.parse import urlsplit

import pytest

import app
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

    def record(key: str, body: bytes, *, write: bool) -> list[str]:
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


def test_a_message_is_answered_with_a_greeting_for_its_subject(client: Client) -> None:
    reply = client.request_message("jobs.1", b"ping")
    assert reply is not None
    assert reply.text.splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! jobs.1"


def test_the_upstream_status_is_relayed(hosts: Hosts) -> None:
    hosts.http_client.respond(app.UPSTREAM_URL, status=204)
    assert f"upstream {app.UPSTREAM_URL}: 204" in app.demo("/", b"", write=False)
    assert [(sent.method, sent.url) for sent in hosts.http_client.requests] == [("GET", app.UPSTREAM_URL)]


def test_a_denied_request_says_so(hosts: Hosts) -> None:
    hosts.http_client.deny(urlsplit(app.UPSTREAM_URL).netloc)
    refused = f"upstream {app.UPSTREAM_URL}: denied: the host allows no requests to it (add it to the allowed hosts)"
    assert refused in app.demo("/", b"", write=False)


def test_the_counter_counts_each_key_from_one(hosts: Hosts) -> None:
    assert [line for line in app.demo("/a", b"", write=False) if line.startswith("count")] == ["count: 1"]
    assert "count: 2" in app.demo("/a", b"", write=False)
    assert "count: 1" in app.demo("/b", b"", write=False)
    assert set(hosts.keyvalue.buckets[app.KEYVALUE_BUCKET]) == {"count-a", "count-b"}


def test_a_keyvalue_failure_is_a_line_not_a_crash(hosts: Hosts) -> None:
    hosts.keyvalue.fail = "no such bucket"
    assert "keyvalue error: no such bucket" in app.demo("/a", b"", write=False)


@pytest.mark.parametrize(
    ("key", "name"),
    [("/", "index"), ("/notes/today", "notes_today"), ("/a b?c=1", "a_b_c_1"), ("jobs.42", "jobs.42"), ("/../x.", "x")],
)
def test_safe_name_keeps_what_every_store_accepts(key: str, name: str) -> None:
    assert app.safe_name(key) == name


@pytest.mark.parametrize("size", [0, 1, 20, 100_003])
def test_a_blob_round_trips_byte_for_byte(hosts: Hosts, size: int) -> None:
    body = bytes(i % 251 for i in range(size))
    lines = app.demo("/notes/today", body, write=True)
    assert f"stored {size} bytes in {app.BLOB_CONTAINER}: {body.decode(errors='replace')}" in lines
    assert hosts.blobstore.containers[app.BLOB_CONTAINER]["notes_today"] == body


def test_a_read_leaves_what_is_stored(hosts: Hosts) -> None:
    assert f"stored 4 bytes in {app.BLOB_CONTAINER}: kept" in app.demo("/notes", b"kept", write=True)
    assert f"read 4 bytes from {app.BLOB_CONTAINER}: kept" in app.demo("/notes", b"", write=False)
    assert hosts.blobstore.containers[app.BLOB_CONTAINER] == {"notes": b"kept"}


def test_a_read_of_nothing_says_so_and_stores_nothing(hosts: Hosts) -> None:
    assert f"nothing stored for /never in {app.BLOB_CONTAINER}" in app.demo("/never", b"", write=False)
    assert not hosts.blobstore.containers.get(app.BLOB_CONTAINER)


def test_a_blobstore_failure_is_a_line_not_a_crash(hosts: Hosts) -> None:
    hosts.blobstore.fail = "disk full"
    assert "blobstore error: disk full" in app.demo("/notes", b"x", write=True)


@pytest.fixture(autouse=True)
def visits_are_counted(hosts: Hosts) -> None:
    """The stand-in answers demo()'s count of visits for every test (a later answer wins: a test may set its own)."""
    hosts.postgres.answer("SELECT count(*) FROM visits", [(1,)])


def test_each_visit_is_stored_and_counted_per_path(hosts: Hosts) -> None:
    hosts.postgres.answer("SELECT count(*) FROM visits", [(3,)])
    assert "visits: 3" in app.demo("/a", b"", write=False)
    assert hosts.postgres.statements == [
        (app.CREATE_VISITS, ()),
        ("INSERT INTO visits (path) VALUES ($1)", ("/a",)),
        ("SELECT count(*) FROM visits WHERE path = $1", ("/a",)),
    ]


def test_the_path_is_a_parameter_never_part_of_the_sql(hosts: Hosts) -> None:
    app.demo("/x'); DROP TABLE visits; --", b"", write=False)
    assert all("DROP" not in sql for sql, _ in hosts.postgres.statements)
    assert ("/x'); DROP TABLE visits; --",) in [params for _, params in hosts.postgres.statements]


def test_a_database_error_is_a_line_not_a_crash(hosts: Hosts) -> None:
    hosts.postgres.fail = "connection refused"
    assert "postgres error: connection refused" in app.demo("/a", b"", write=False)


def test_each_request_or_message_is_published_as_an_event(hosts: Hosts) -> None:
    assert f"published /orders/7 to {app.EVENTS_SUBJECT}" in app.demo("/orders/7", b"", write=False)
    published = [(message.subject, message.body, message.reply_to) for message in hosts.messaging.published]
    assert published == [(app.EVENTS_SUBJECT, b"/orders/7", None)]


def test_an_event_the_broker_refuses_is_a_line_of_the_answer(hosts: Hosts) -> None:
    hosts.messaging.fail = "no responders"
    assert "publish error: no responders" in app.demo("/orders/8", b"", write=False)
    assert hosts.messaging.published == []


def test_each_request_or_message_is_logged_at_info(hosts: Hosts) -> None:
    app.demo("/a", b"four", write=True)
    assert ("info", app.COMPONENT_NAME, "handling /a (4 bytes)") in hosts.log.records


def test_the_greeting_comes_from_the_host(hosts: Hosts) -> None:
    hosts.config.values["greeting"] = "hola"
    assert "greeting: hola" in app.demo("/a", b"", write=False)


def test_the_greeting_falls_back_when_the_host_has_none(hosts: Hosts) -> None:
    assert f"greeting: {app.DEFAULT_GREETING}" in app.demo("/a", b"", write=False)
