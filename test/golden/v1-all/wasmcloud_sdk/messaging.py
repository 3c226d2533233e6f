"""Messages for a wasmCloud component over wasmcloud:messaging: publish them, and handle what a subscription delivers.

    from wasmcloud_sdk import messaging

    messaging.publish("orders.created", b'{"id": 7}')
    Handler = messaging.message_handler(handle_message)  # in app.py: the export the host calls for each message

handle_message() takes a Message and returns the text of its reply, or None; the reply is published to the message's
reply-to subject, when it has one. A handler that raises leaves a line on stderr and returns an error to the host;
nothing is sent.
"""

import sys
import typing  # before dataclasses: in this order the built component is 0.3 MB smaller
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from componentize_py_types import Err
from wit_world import exports
from wit_world.imports import consumer
from wit_world.imports.messaging_types import BrokerMessage


@dataclass(frozen=True)
class Message:
    """A message: its subject, its body and the subject a reply goes to, if any."""

    subject: str
    body: bytes = b""
    reply_to: str | None = None

    @property
    def text(self) -> str:
        """The body as UTF-8 text, bytes that do not decode replaced."""
        return self.body.decode(errors="replace")


class MessagingError(Exception):
    """The broker did not take a message: str(error) is its reason, in the host's words."""


class Host(Protocol):
    """What the module needs from a host: publish one message."""

    def publish(self, message: Message) -> None:
        """Publish `message`; raises MessagingError when the broker refuses it."""
        ...


class WitHost:
    """Host over wasmcloud:messaging/consumer: the only class that touches wit_world; errors become MessagingError."""

    def publish(self, message: Message) -> None:
        """Publish `message` without waiting for an answer."""
        try:
            consumer.publish(BrokerMessage(message.subject, message.body, message.reply_to))
        except Err as error:
            raise MessagingError(str(error.value)) from None


class MemoryHost:
    """Host in memory, for tests and local serving: `published` holds every message published, in order.

    `fail`: when set, every publish raises MessagingError(fail), a broker that is down; nothing is published then.
    """

    def __init__(self) -> None:
        self.published: list[Message] = []
        self.fail: str | None = None

    def publish(self, message: Message) -> None:
        """Keep `message` in `published`."""
        if self.fail is not None:
            raise MessagingError(self.fail)
        self.published.append(message)


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


def publish(subject: str, body: bytes | str, *, reply_to: str | None = None) -> None:
    """Publish `body` (a str as UTF-8) to `subject`, without waiting for an answer; raises MessagingError."""
    host.publish(Message(subject, body.encode() if isinstance(body, str) else body, reply_to))


HandleMessage: typing.TypeAlias = Callable[[Message], str | bytes | None]
"""What handle_message() is: it takes a Message and returns its reply, or None."""

handler_of_app: HandleMessage | None = None
"""The handler message_handler() was given (None until then): the test client delivers messages to it."""


def failure(message: Message, error: Exception) -> str:
    """The line a failed message leaves on stderr: the subject, the exception and where it was raised."""
    where, frame = "", error.__traceback__
    while frame is not None:  # the innermost frame: where the exception was raised
        where, frame = f" at {frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}", frame.tb_next
    return f"message on {message.subject} failed: {error!r}{where}"


def reply(to: str, answer: str | bytes) -> None:
    """Publish `answer` to `to`; a failure is a line on stderr, since nobody waits on this call."""
    try:
        publish(to, answer)
    except MessagingError as error:
        print(f"reply to {to} failed: {error}", file=sys.stderr)


def message_handler(handler: HandleMessage) -> type[exports.Handler]:
    """The export that handles every message the host delivers with `handler`."""
    global handler_of_app
    handler_of_app = handler

    class Handler(exports.Handler):
        def handle_message(self, msg: BrokerMessage) -> None:
            message = Message(msg.subject, msg.body, msg.reply_to)
            try:
                answer = handler(message)
            except Exception as error:
                print(failure(message, error), file=sys.stderr)
                raise Err(f"handling the message on {msg.subject} failed") from error
            if answer is not None and msg.reply_to is not None:
                reply(msg.reply_to, answer)

    return Handler
