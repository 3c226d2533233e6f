"""Tests of wasmcloud_sdk.messaging on WASI 0.3, against a fake of wasmcloud:messaging/consumer.

The fake streams insist that their reader and writer run together, as the component model's do: a body written
only after publish() returned fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
from typing import cast

import pytest
from componentize_py_async_support.streams import ByteStreamReader
from componentize_py_types import Err
from fake_streams import FakeStreamReader, FakeStreamWriter
from wit_world.imports import consumer, messaging_types
from wit_world.imports.messaging_types import BrokerMessage, HandleMessageError_Other

from wasmcloud_sdk import messaging


class Broker:
    """consumer.publish: reads each body to its end, as the host does, then keeps the message or refuses it."""

    def __init__(self) -> None:
        self.published: list[tuple[str, bytes, str | None]] = []
        self.refuse: messaging_types.Error | None = None
        self.readers: list[FakeStreamReader] = []

    def byte_stream(self) -> tuple[FakeStreamWriter, FakeStreamReader]:
        reader = FakeStreamReader(ended=False)
        self.readers.append(reader)
        return FakeStreamWriter(reader), reader

    async def publish(self, msg: BrokerMessage) -> None:
        body = b""
        with msg.body:
            while not msg.body.writer_dropped:
                body += await msg.body.read(10_000)
        if self.refuse is not None:
            raise Err(self.refuse)
        self.published.append((msg.subject, body, msg.reply_to))


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Broker:
    fake = Broker()
    monkeypatch.setattr(consumer, "publish", fake.publish)
    monkeypatch.setattr("wit_world.byte_stream", fake.byte_stream)
    monkeypatch.setattr(messaging, "host", messaging.WitHost())
    monkeypatch.setattr(messaging, "handler_of_app", None)
    return fake


async def deliver(handler: messaging.HandleMessage, subject: str, body: FakeStreamReader, reply_to: str | None) -> None:
    """Deliver one message through message_handler(handler), as the host would: its body a stream."""
    msg = BrokerMessage(subject, cast(ByteStreamReader, body), reply_to)
    await messaging.message_handler(handler)().handle_message(msg)


def answer(reply: str | bytes | None) -> messaging.HandleMessage:
    """A handler that answers every message with `reply`."""

    async def handler(_: messaging.Message) -> str | bytes | None:
        return reply

    return handler


async def test_a_body_is_written_while_publish_runs_every_byte(broker: Broker) -> None:
    body = bytes(i % 256 for i in range(300_000))
    await messaging.publish("jobs.big", body, reply_to="inbox.big")
    await messaging.publish("jobs.text", "héllo")
    await messaging.publish("jobs.empty", b"")
    assert broker.published == [
        ("jobs.big", body, "inbox.big"),
        ("jobs.text", "héllo".encode(), None),
        ("jobs.empty", b"", None),
    ]
    assert all(reader.closed and reader.ended for reader in broker.readers), "a body's stream was left open"


async def test_two_publishes_at_once_both_arrive(broker: Broker) -> None:
    await asyncio.gather(messaging.publish("a", b"1" * 100_000), messaging.publish("b", b"2" * 100_000))
    assert sorted(broker.published) == [("a", b"1" * 100_000, None), ("b", b"2" * 100_000, None)]


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (messaging_types.Error_Other("no responders"), "no responders"),
        (messaging_types.Error_SubjectInvalid(), "subject invalid"),
        (messaging_types.Error_MessageTooLarge(), "message too large"),
    ],
)
async def test_a_refused_publish_is_a_messaging_error_in_words(
    broker: Broker, error: messaging_types.Error, text: str
) -> None:
    broker.refuse = error
    with pytest.raises(messaging.MessagingError) as refused:
        await messaging.publish("orders.created", b"x")
    assert str(refused.value) == text


async def test_the_handler_gets_the_whole_body_the_reply_goes_to_reply_to_and_is_recorded(broker: Broker) -> None:
    seen: list[messaging.Message] = []

    async def handler(message: messaging.Message) -> str:
        seen.append(message)
        return "pong"

    data = bytes(i % 251 for i in range(3 * messaging.READ_SIZE + 5))
    body = FakeStreamReader(data, piece=1000)
    assert messaging.handler_of_app is None
    await deliver(handler, "jobs.1", body, "inbox.1")
    assert messaging.handler_of_app is handler
    assert seen == [messaging.Message("jobs.1", data, "inbox.1")]
    assert body.closed, "the message's body was not closed"
    assert broker.published == [("inbox.1", b"pong", None)]


async def test_no_reply_to_or_no_reply_sends_nothing(broker: Broker) -> None:
    await deliver(answer("pong"), "jobs.2", FakeStreamReader(), None)
    await deliver(answer(None), "jobs.3", FakeStreamReader(), "inbox.3")
    assert broker.published == []


async def test_a_bytes_reply_is_sent_as_it_is(broker: Broker) -> None:
    async def reverse(message: messaging.Message) -> bytes:
        return message.body[::-1]

    await deliver(reverse, "jobs.4", FakeStreamReader(b"\x00\xff"), "inbox.4")
    assert broker.published == [("inbox.4", b"\xff\x00", None)]


async def boom(message: messaging.Message) -> str:
    raise RuntimeError(f"no {message.subject}")


async def test_a_handler_that_raises_is_an_error_for_the_host_and_a_line_on_stderr(
    broker: Broker, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(Err) as raised:
        await deliver(boom, "jobs.5", FakeStreamReader(), "inbox.5")
    assert raised.value.value == HandleMessageError_Other("handling the message on jobs.5 failed")
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("message on jobs.5 failed: RuntimeError('no jobs.5') at test_messaging.py:")
    assert broker.published == []


async def test_a_reply_the_broker_refuses_is_a_line_on_stderr(
    broker: Broker, capsys: pytest.CaptureFixture[str]
) -> None:
    broker.refuse = messaging_types.Error_Other("no responders")
    await deliver(answer("pong"), "jobs.6", FakeStreamReader(), "inbox.6")
    assert capsys.readouterr().err == "reply to inbox.6 failed: no responders\n"


async def test_memory_host_keeps_what_is_published_and_replies(monkeypatch: pytest.MonkeyPatch) -> None:
    memory = messaging.MemoryHost()
    monkeypatch.setattr(messaging, "host", memory)
    await messaging.publish("a.b", "one", reply_to="r")

    async def upper(message: messaging.Message) -> bytes:
        return message.body.upper()

    await deliver(upper, "jobs.7", FakeStreamReader(b"hi"), "inbox.7")
    assert memory.published == [messaging.Message("a.b", b"one", "r"), messaging.Message("inbox.7", b"HI")]
    memory.fail = "the broker is down"
    with pytest.raises(messaging.MessagingError, match="^the broker is down$"):
        await messaging.publish("a.c", b"")
    assert len(memory.published) == 2
