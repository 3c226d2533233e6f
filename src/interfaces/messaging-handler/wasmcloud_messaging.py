"""The wasmcloud:messaging plumbing around app.py's handle_message(): create-wasmcloud-python writes this file; add
may rewrite it.

handle_message() takes a Message and returns the text of its reply, or None. message_handler(handle_message) makes
the export the host calls for each message the subscription delivers, app.py's Handler: it sends the reply to the
message's reply-to subject, when it has one. A handler that raises leaves a line on stderr and returns an error to the
host; nothing is sent.
"""

import sys
import typing  # before dataclasses: in this order the built component is 0.3 MB smaller
from collections.abc import Callable
from dataclasses import dataclass

from componentize_py_types import Err
from wit_world import exports
from wit_world.imports import consumer
from wit_world.imports.messaging_types import BrokerMessage


@dataclass(frozen=True)
class Message:
    """A message from the subscription."""

    subject: str
    body: bytes = b""
    reply_to: str | None = None


MessageHandler: typing.TypeAlias = Callable[[Message], str | bytes | None]


def failure(message: Message, error: Exception) -> str:
    """The line a failed message leaves on stderr: the subject, the exception and where it was raised."""
    where, frame = "", error.__traceback__
    while frame is not None:  # the innermost frame: where the exception was raised
        where, frame = f" at {frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}", frame.tb_next
    return f"message on {message.subject} failed: {error!r}{where}"


def reply(to: str, answer: str | bytes) -> None:
    """Publish `answer` to `to`; a failure is a line on stderr, since nobody waits on this call."""
    body = answer.encode() if isinstance(answer, str) else answer
    try:
        consumer.publish(BrokerMessage(subject=to, body=body, reply_to=None))
    except Err as error:
        print(f"reply to {to} failed: {error.value}", file=sys.stderr)


def message_handler(handler: MessageHandler) -> type[exports.Handler]:
    """The export that handles every message the host delivers with `handler`."""

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
