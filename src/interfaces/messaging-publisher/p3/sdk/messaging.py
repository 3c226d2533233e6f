"""Messages for a wasmCloud component on WASI 0.3 over wasmcloud:messaging/consumer: publish them to a subject.

    from wasmcloud_sdk import messaging

    await messaging.publish("orders.created", b'{"id": 7}')
    await messaging.publish("jobs.resize", "photo-7", reply_to="jobs.done")

A message's body is a stream, written while the host takes it; publish() is done once the broker has the message.
A message the broker refuses raises MessagingError, which says why.
"""

import asyncio
from dataclasses import dataclass
from typing import Protocol

import wit_world
from componentize_py_async_support.streams import ByteStreamWriter
from componentize_py_types import Err
from wit_world.imports import consumer
from wit_world.imports.messaging_types import BrokerMessage, Error_Other

READ_SIZE = 64 * 1024
"""How much of a message's body one read or write of its stream moves."""


# shared: messaging-handler/p3/sdk/messaging.py: Message, MessagingError, refusal, write_body, Host, WitHost, MemoryHost


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


# shared: messaging-handler/p3/sdk/messaging.py: publish
