"""Tests of app.py in plain CPython, in well under a second: `pytest`. wasmcloud_sdk.testing gives each test
in-memory hosts (`hosts`) and a test client (`client`)."""

import pytest

import app
from wasmcloud_sdk.testing import Client, Hosts


def test_a_message_is_answered_with_a_greeting_for_its_subject(client: Client) -> None:
    reply = client.request_message("jobs.1", b"ping")
    assert reply is not None
    assert reply.text.splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! jobs.1"


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


def test_each_request_or_message_is_published_as_an_event(hosts: Hosts) -> None:
    assert f"published /orders/7 to {app.EVENTS_SUBJECT}" in app.demo("/orders/7", b"", write=False)
    published = [(message.subject, message.body, message.reply_to) for message in hosts.messaging.published]
    assert published == [(app.EVENTS_SUBJECT, b"/orders/7", None)]


def test_an_event_the_broker_refuses_is_a_line_of_the_answer(hosts: Hosts) -> None:
    hosts.messaging.fail = "no responders"
    assert "publish error: no responders" in app.demo("/orders/8", b"", write=False)
    assert hosts.messaging.published == []
