"""The wasmcloud:messaging plumbing around app.py's handle_message(): create-wasmcloud-python writes this file; add
may rewrite it.

handle_message() is an `async def` that takes a Message and returns the text of its reply, or None.
message_handler(handle_message) makes the export the host calls for each message the subscription delivers, app.py's
MessageHandler: it reads the message's body (a stream) whole, awaits handle_message(), and sends the reply to the
message's reply-to subject, when it has one, with capabilities.py's publish_bytes(). A handler that raises leaves a
line on stderr and returns an error to the host; nothing is sent.
"""

import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from componentize_py_types import Err
from wit_world import exports
from wit_world.imports.messaging_types import BrokerMessage, HandleMessageError_Other

from capabilities import publish_bytes

# How much of a message's body one read asks the host for.
READ_SIZE = 64 * 1024


@dataclass(frozen=True)
class Message:
    """A message from the subscription."""

    subject: str
    body: bytes = b""
    reply_to: str | None = None


# What handle_message() is: an async def that takes a Message and returns its reply, or None.
HandleMessage = Callable[[Message], Awaitable[str | bytes | None]]


def failure(message: Message, error: Exception) -> str:
    """The line a failed message leaves on stderr: the subject, the exception and where it was raised."""
    where, frame = "", error.__traceback__
    while frame is not None:  # the innermost frame: where the exception was raised
        where, frame = f" at {frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}", frame.tb_next
    return f"message on {message.subject} failed: {error!r}{where}"


async def body_of(msg: BrokerMessage) -> bytes:
    """The whole of a message's body, read from its stream to the end."""
    chunks: list[bytes] = []
    with msg.body:
        while not msg.body.writer_dropped:
            chunks.append(await msg.body.read(READ_SIZE))
    return b"".join(chunks)


async def reply(to: str, answer: str | bytes) -> None:
    """Publish `answer` to `to`; a failure is a line on stderr: the message itself was handled."""
    try:
        await publish_bytes(to, answer.encode() if isinstance(answer, str) else answer)
    except Err as error:
        print(f"reply to {to} failed: {error.value}", file=sys.stderr)


def message_handler(handler: HandleMessage) -> type[exports.MessageHandler]:
    """The export that handles every message the host delivers with `handler`."""

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
