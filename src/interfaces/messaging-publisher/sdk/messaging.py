"""Messages for a wasmCloud component over wasmcloud:messaging/consumer: publish them to a subject.

    from wasmcloud_sdk import messaging

    messaging.publish("orders.created", b'{"id": 7}')
    messaging.publish("jobs.resize", "photo-7", reply_to="jobs.done")

A message the broker refuses raises MessagingError, which says why in the host's words.
"""

from dataclasses import dataclass
from typing import Protocol

from componentize_py_types import Err
from wit_world.imports import consumer
from wit_world.imports.messaging_types import BrokerMessage


# shared: messaging-handler/sdk/messaging.py: Message, MessagingError, Host, WitHost, MemoryHost


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


# shared: messaging-handler/sdk/messaging.py: publish
