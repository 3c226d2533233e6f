"""Messages for a wasmCloud component on WASI 0.3 over wasmcloud:messaging: publish them, handle what is delivered.

    from wasmcloud_sdk import messaging

    await messaging.publish("orders.created", b'{"id": 7}')
    MessageHandler = messaging.message_handler(handle_message)  # in app.py: the export the host calls

handle_message() is an `async def` that takes a Message and returns the text of its reply, or None; the reply is
published to the message's reply-to subject, when it has one. A message's body is a stream: a delivered one is read
whole before handle_message() runs, a published one is written while the host takes it. A handler that raises leaves
a line on stderr and returns an error to the host; nothing is sent.
"""

import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

import wit_world
from componentize_py_async_support.streams import ByteStreamWriter
from componentize_py_types import Err
from wit_world import exports
from wit_world.imports import consumer
from wit_world.imports.messaging_types import BrokerMessage, Error_Other, HandleMessageError_Other

READ_SIZE = 64 * 1024
"""How much of a message's body one read or write of its stream moves."""


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


def refusal(error: object) -> MessagingError:
    """The MessagingError for one of wasmcloud:messaging's error variants: `other`'s text, else its name in words."""
    if isinstance(error, Error_Other):
        return MessagingError(error.value)
    name = type(error).__name__.removeprefix("Error_")
    return MessagingError("".join(f" {c.lower()}" if c.isupper() else c for c in name).strip())


async def write_body(writer: ByteStreamWriter, body: bytes) -> None:
    """Write a body to its stream in chunks, then close it: the message ends there."""
    with writer:
        for start in range(0, len(body), READ_SIZE):
            await writer.write_all(body[start : start + READ_SIZE])
            if writer.reader_dropped:
                return  # the host stopped reading: publish() says why


class Host(Protocol):
    """What the module needs from a host: publish one message."""

    async def publish(self, message: Message) -> None:
        """Publish `message`; raises MessagingError when the broker refuses it."""
        ...


class WitHost:
    """Host over wasmcloud:messaging/consumer: the only class that touches wit_world; errors become MessagingError."""

    async def publish(self, message: Message) -> None:
        """Publish `message`, its body written while the host reads it; done once the broker has taken it."""
        writer, reader = wit_world.byte_stream()
        try:
            # Awaited in turn, publish() and the writer would each wait for the other: they run together.
            await asyncio.gather(
                consumer.publish(BrokerMessage(message.subject, reader, message.reply_to)),
                write_body(writer, message.body),
            )
        except Err as error:
            raise refusal(error.value) from None


class MemoryHost:
    """Host in memory, for tests and local serving: `published` holds every message published, in order.

    `fail`: when set, every publish raises MessagingError(fail), a broker that is down; nothing is published then.
    """

    def __init__(self) -> None:
        self.published: list[Message] = []
        self.fail: str | None = None

    async def publish(self, message: Message) -> None:
        """Keep `message` in `published`."""
        if self.fail is not None:
            raise MessagingError(self.fail)
        self.published.append(message)


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


async def publish(subject: str, body: bytes | str, *, reply_to: str | None = None) -> None:
    """Publish `body` (a str as UTF-8) to `subject`: done once the broker has taken it; raises MessagingError."""
    await host.publish(Message(subject, body.encode() if isinstance(body, str) else body, reply_to))


type HandleMessage = Callable[[Message], Awaitable[str | bytes | None]]
"""What handle_message() is: an async def that takes a Message and returns its reply, or None."""

handler_of_app: HandleMessage | None = None
"""The handler message_handler() was given (None until then): the test client delivers messages to it."""


def failure(message: Message, error: Exception) -> str:
    """The line a failed message leaves on stderr: the subject, the exception and where it was raised."""
    where, frame = "", error.__traceback__
    while frame is not None:  # the innermost frame: where the exception was raised
        where, frame = f" at {frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}", frame.tb_next
    return f"message on {message.subject} failed: {error!r}{where}"


async def body_of(msg: BrokerMessage) -> bytes:
    """The whole of a delivered message's body, read from its stream to the end."""
    chunks: list[bytes] = []
    with msg.body:
        while not msg.body.writer_dropped:
            chunks.append(await msg.body.read(READ_SIZE))
    return b"".join(chunks)


async def reply(to: str, answer: str | bytes) -> None:
    """Publish `answer` to `to`; a failure is a line on stderr: the message itself was handled."""
    try:
        await publish(to, answer)
    except MessagingError as error:
        print(f"reply to {to} failed: {error}", file=sys.stderr)


def message_handler(handler: HandleMessage) -> type[exports.MessageHandler]:
    """The export that handles every message the host delivers with `handler`: app.py's MessageHandler."""
    global handler_of_app
    handler_of_app = handler

    class MessageHandler(exports.MessageHandler):
        async def handle_message(self, msg: BrokerMessage) -> None:
            message = Message(msg.subject, await body_of(msg), msg.reply_to)
            try:
                answer = await handler(message)
            except Exception as error:
                print(failure(message, error), file=sys.stderr)
                raise Err(HandleMessageError_Other(f"handling the message on {msg.subject} failed")) from error
            if answer is not None and msg.reply_to is not None:
                await reply(msg.reply_to, answer)

    return MessageHandler
