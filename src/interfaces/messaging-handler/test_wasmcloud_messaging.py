"""Tests of wasmcloud_messaging.py, the message plumbing; conftest.py's fake host records what is published.

create-wasmcloud-python writes this file; add may rewrite it.
"""

import pytest
from componentize_py_types import Err
from wit_world.imports.messaging_types import BrokerMessage

import wasmcloud_messaging
from tests.conftest import FakeHost


def deliver(handler: wasmcloud_messaging.MessageHandler, subject: str, body: bytes, reply_to: str | None) -> None:
    """Deliver one message through message_handler(handler), as the host would."""
    wasmcloud_messaging.message_handler(handler)().handle_message(BrokerMessage(subject, body, reply_to))


def test_the_reply_goes_to_reply_to(host: FakeHost) -> None:
    seen: list[wasmcloud_messaging.Message] = []

    def handler(message: wasmcloud_messaging.Message) -> str:
        seen.append(message)
        return "pong"

    deliver(handler, "jobs.1", b"ping", "inbox.1")
    assert seen == [wasmcloud_messaging.Message("jobs.1", b"ping", "inbox.1")]
    assert host.published == [("inbox.1", b"pong", None)]


def test_no_reply_to_or_no_reply_sends_nothing(host: FakeHost) -> None:
    deliver(lambda _: "pong", "jobs.2", b"", None)
    deliver(lambda _: None, "jobs.3", b"", "inbox.3")
    assert host.published == []


def test_a_bytes_reply_is_sent_as_it_is(host: FakeHost) -> None:
    deliver(lambda message: message.body[::-1], "jobs.4", b"\x00\xff", "inbox.4")
    assert host.published == [("inbox.4", b"\xff\x00", None)]


def boom(message: wasmcloud_messaging.Message) -> str:
    raise RuntimeError(f"no {message.subject}")


def test_a_handler_that_raises_is_an_error_for_the_host_and_a_line_on_stderr(
    host: FakeHost, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(Err) as raised:
        deliver(boom, "jobs.5", b"", "inbox.5")
    assert raised.value.value == "handling the message on jobs.5 failed"
    line = capsys.readouterr().err
    assert line.startswith("message on jobs.5 failed: RuntimeError('no jobs.5') at test_wasmcloud_messaging.py:")
    assert host.published == []
