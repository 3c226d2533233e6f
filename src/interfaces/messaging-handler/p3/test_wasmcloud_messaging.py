"""Tests of wasmcloud_messaging.py, the message plumbing: conftest.py's fake host reads each body published.

create-wasmcloud-python writes this file; add may rewrite it.
"""

from typing import cast

import pytest
from componentize_py_async_support.streams import ByteStreamReader
from componentize_py_types import Err
from wit_world.imports.messaging_types import BrokerMessage, HandleMessageError_Other

import wasmcloud_messaging
from tests.conftest import FakeHost, FakeStreamReader


async def deliver(
    handler: wasmcloud_messaging.HandleMessage, subject: str, body: FakeStreamReader, reply_to: str | None
) -> None:
    """Deliver one message through message_handler(handler), as the host would: its body a stream."""
    msg = BrokerMessage(subject, cast(ByteStreamReader, body), reply_to)
    await wasmcloud_messaging.message_handler(handler)().handle_message(msg)


def answer(reply: str | bytes | None) -> wasmcloud_messaging.HandleMessage:
    """A handler that answers every message with `reply`."""

    async def handler(_: wasmcloud_messaging.Message) -> str | bytes | None:
        return reply

    return handler


async def test_the_handler_gets_the_whole_body_and_the_reply_goes_to_reply_to(host: FakeHost) -> None:
    seen: list[wasmcloud_messaging.Message] = []

    async def handler(message: wasmcloud_messaging.Message) -> str:
        seen.append(message)
        return "pong"

    data = bytes(i % 251 for i in range(3 * wasmcloud_messaging.READ_SIZE + 5))
    body = FakeStreamReader(data, piece=1000)
    await deliver(handler, "jobs.1", body, "inbox.1")
    assert seen == [wasmcloud_messaging.Message("jobs.1", data, "inbox.1")]
    assert body.closed, "the message's body was not closed"
    assert host.published == [("inbox.1", b"pong", None)]


async def test_no_reply_to_or_no_reply_sends_nothing(host: FakeHost) -> None:
    await deliver(answer("pong"), "jobs.2", FakeStreamReader(), None)
    await deliver(answer(None), "jobs.3", FakeStreamReader(), "inbox.3")
    assert host.published == []


async def test_a_bytes_reply_is_sent_as_it_is(host: FakeHost) -> None:
    async def reverse(message: wasmcloud_messaging.Message) -> bytes:
        return message.body[::-1]

    await deliver(reverse, "jobs.4", FakeStreamReader(b"\x00\xff"), "inbox.4")
    assert host.published == [("inbox.4", b"\xff\x00", None)]


async def boom(message: wasmcloud_messaging.Message) -> str:
    raise RuntimeError(f"no {message.subject}")


async def test_a_handler_that_raises_is_an_error_for_the_host_and_a_line_on_stderr(
    host: FakeHost, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(Err) as raised:
        await deliver(boom, "jobs.5", FakeStreamReader(), "inbox.5")
    assert raised.value.value == HandleMessageError_Other("handling the message on jobs.5 failed")
    line = capsys.readouterr().err
    assert line.startswith("message on jobs.5 failed: RuntimeError('no jobs.5') at test_wasmcloud_messaging.py:")
    assert host.published == []


async def test_a_reply_the_broker_refuses_is_a_line_on_stderr(
    host: FakeHost, capsys: pytest.CaptureFixture[str]
) -> None:
    host.publish_error = "no responders"
    await deliver(answer("pong"), "jobs.6", FakeStreamReader(), "inbox.6")
    assert capsys.readouterr().err == "reply to inbox.6 failed: Error_Other(value='no responders')\n"
