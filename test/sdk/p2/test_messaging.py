"""Tests of wasmcloud_sdk.messaging on WASI 0.2, against a fake of wasmcloud:messaging/consumer."""

import pytest
from componentize_py_types import Err
from wit_world.imports import consumer
from wit_world.imports.messaging_types import BrokerMessage

from wasmcloud_sdk import messaging


class Broker:
    """consumer.publish: keeps each message, or refuses it with `refuse` (the host's string)."""

    def __init__(self) -> None:
        self.published: list[BrokerMessage] = []
        self.refuse: str | None = None

    def publish(self, msg: BrokerMessage) -> None:
        if self.refuse is not None:
            raise Err(self.refuse)
        self.published.append(msg)


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Broker:
    fake = Broker()
    monkeypatch.setattr(consumer, "publish", fake.publish)
    monkeypatch.setattr(messaging, "host", messaging.WitHost())
    monkeypatch.setattr(messaging, "handler_of_app", None)
    return fake


def deliver(handler: messaging.HandleMessage, subject: str, body: bytes, reply_to: str | None) -> None:
    """Deliver one message through message_handler(handler), as the host would."""
    messaging.message_handler(handler)().handle_message(BrokerMessage(subject, body, reply_to))


def test_publish_sends_subject_body_and_reply_to(broker: Broker) -> None:
    body = bytes(range(256)) * 40
    messaging.publish("orders.created", body, reply_to="inbox.9")
    messaging.publish("orders.text", "héllo")
    assert broker.published == [
        BrokerMessage("orders.created", body, "inbox.9"),
        BrokerMessage("orders.text", "héllo".encode(), None),
    ]


def test_a_refused_publish_is_a_messaging_error_in_the_hosts_words(broker: Broker) -> None:
    broker.refuse = "no responders"
    with pytest.raises(messaging.MessagingError) as refused:
        messaging.publish("orders.created", b"x")
    assert str(refused.value) == "no responders"
    assert not isinstance(refused.value, Err)


def test_the_reply_goes_to_reply_to_and_the_handler_is_recorded(broker: Broker) -> None:
    seen: list[messaging.Message] = []

    def handler(message: messaging.Message) -> str:
        seen.append(message)
        return "pong"

    assert messaging.handler_of_app is None
    deliver(handler, "jobs.1", b"ping", "inbox.1")
    assert messaging.handler_of_app is handler
    assert seen == [messaging.Message("jobs.1", b"ping", "inbox.1")]
    assert seen[0].text == "ping"
    assert broker.published == [BrokerMessage("inbox.1", b"pong", None)]


def test_no_reply_to_or_no_reply_sends_nothing(broker: Broker) -> None:
    deliver(lambda _: "pong", "jobs.2", b"", None)
    deliver(lambda _: None, "jobs.3", b"", "inbox.3")
    assert broker.published == []


def test_a_bytes_reply_is_sent_as_it_is(broker: Broker) -> None:
    deliver(lambda message: message.body[::-1], "jobs.4", b"\x00\xff", "inbox.4")
    assert broker.published == [BrokerMessage("inbox.4", b"\xff\x00", None)]


def boom(message: messaging.Message) -> str:
    raise RuntimeError(f"no {message.subject}")


def test_a_handler_that_raises_is_an_error_for_the_host_and_a_line_on_stderr(
    broker: Broker, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(Err) as raised:
        deliver(boom, "jobs.5", b"", "inbox.5")
    assert raised.value.value == "handling the message on jobs.5 failed"
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("message on jobs.5 failed: RuntimeError('no jobs.5') at test_messaging.py:")
    assert broker.published == []


def test_a_reply_the_broker_refuses_is_a_line_on_stderr(broker: Broker, capsys: pytest.CaptureFixture[str]) -> None:
    broker.refuse = "no responders"
    deliver(lambda _: "pong", "jobs.6", b"", "inbox.6")
    assert capsys.readouterr().err == "reply to inbox.6 failed: no responders\n"


def test_memory_host_keeps_what_is_published_and_replies(monkeypatch: pytest.MonkeyPatch) -> None:
    memory = messaging.MemoryHost()
    monkeypatch.setattr(messaging, "host", memory)
    messaging.publish("a.b", "one", reply_to="r")
    deliver(lambda message: message.body.upper(), "jobs.7", b"hi", "inbox.7")
    assert memory.published == [messaging.Message("a.b", b"one", "r"), messaging.Message("inbox.7", b"HI")]


def test_memory_host_that_fails_publishes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    memory = messaging.MemoryHost()
    monkeypatch.setattr(messaging, "host", memory)
    memory.fail = "the broker is down"
    with pytest.raises(messaging.MessagingError, match="^the broker is down$"):
        messaging.publish("a.b", b"")
    assert memory.published == []
