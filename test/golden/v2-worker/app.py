"worker: a wasmCloud component written in Python"

import re

from wasmcloud_sdk import keyvalue, messaging
from wasmcloud_sdk.messaging import Message, message_handler

COMPONENT_NAME = "worker"
KEYVALUE_BUCKET = "worker"
EVENTS_SUBJECT = "worker.events"


def handle_message(message: Message) -> str | None:
    """Answer one message: the reply, sent when the message has a reply-to subject, or None for no reply.

    The reply greets the subject, then says what each capability did: demo() takes every message as a write.
    """
    lines = [f"Hello from {COMPONENT_NAME}! {message.subject}"]
    lines += demo(message.subject, message.body, write=True)
    return "\n".join(lines)


# The export the host calls for each message: the SDK calls handle_message() and sends its reply.
Handler = message_handler(handle_message)


def demo(key: str, body: bytes, *, write: bool) -> list[str]:
    """What each capability does for one message, a line each: the demo README's try-it lines show.

    `key` is the message's subject, and `body` its payload; `write` is true for every message. Replace it with your own
    code as your handler grows.
    """
    lines: list[str] = []
    try:
        lines.append(f"count: {keyvalue.open(KEYVALUE_BUCKET).increment(f'count-{safe_name(key)}')}")
    except keyvalue.KeyValueError as error:
        lines.append(f"keyvalue error: {error}")
    try:
        messaging.publish(EVENTS_SUBJECT, key)
        lines.append(f"published {key} to {EVENTS_SUBJECT}")
    except messaging.MessagingError as error:
        lines.append(f"publish error: {error}")
    return lines


def safe_name(key: str) -> str:
    """`key` as a name every store accepts: letters, digits, `_`, `-` and inner dots (`index` for `/`)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", key.strip("/")).strip("._") or "index"
