"""The servers `.wash/config.yaml` points wash dev at, and whether each answers: `poe dev` says when one stops.

A component is not told where its host's PostgreSQL, Redis or NATS is (a wasmCloud host's operator sets that), so
when one is down the component can only say that a query or a write failed. `poe dev` knows the URLs: it asks
each server every few seconds whether it answers, as its own protocol does (PostgreSQL's SSL request, Redis's PING,
NATS's INFO), and prints a line naming the server, its URL and the setting when it stops answering or comes back.

create-wasmcloud-python writes this file; its add command may rewrite it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

# How long a server has to answer a probe, and how often it is asked.
PROBE_TIMEOUT_SECS = 2.0
PROBE_EVERY_SECS = 3.0
# PostgreSQL's SSLRequest: any PostgreSQL (or PgBouncer) answers it with one byte, S or N, and logs nothing.
POSTGRES_SSL_REQUEST = (8).to_bytes(4, "big") + (80877103).to_bytes(4, "big")


@dataclass(frozen=True)
class Backend:
    """A server wash dev uses: what it is, its URL and the `dev` settings that name it."""

    name: str
    url: str
    settings: tuple[str, ...]

    @property
    def shown(self) -> str:
        """The URL without its password."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return parts._replace(netloc=netloc).geturl()

    @property
    def address(self) -> tuple[str, int]:
        parts = urlsplit(self.url)
        return parts.hostname or "127.0.0.1", parts.port or DEFAULT_PORTS[parts.scheme]

    def where(self) -> str:
        """`PostgreSQL at postgres://... (dev.postgres_url in .wash/config.yaml)`."""
        return (
            f"{self.name} at {self.shown} ({' and '.join(f'dev.{key}' for key in self.settings)} in .wash/config.yaml)"
        )


# The `dev` settings that name a server, what it is and the ports of its URL schemes.
SETTINGS = {
    "postgres_url": "PostgreSQL",
    "wasi_keyvalue_redis_url": "Redis",
    "wasi_keyvalue_nats_url": "NATS",
    "data_nats_url": "NATS",
}
DEFAULT_PORTS = {"postgres": 5432, "postgresql": 5432, "redis": 6379, "rediss": 6379, "nats": 4222, "tls": 4222}


def configured(config: Path) -> list[Backend]:
    """The servers the wash config's `dev` section names, in its order."""
    loaded: Any = yaml.safe_load(config.read_text(encoding="utf-8"))
    dev: Any = loaded.get("dev") if isinstance(loaded, dict) else None
    named: dict[str, list[str]] = {}  # URL -> settings: keyvalue and messaging may share one NATS server
    for key, value in dev.items() if isinstance(dev, dict) else ():
        if key in SETTINGS and value and urlsplit(str(value)).scheme in DEFAULT_PORTS:
            named.setdefault(str(value), []).append(str(key))
    return [Backend(SETTINGS[keys[0]], url, tuple(keys)) for url, keys in named.items()]


def greeting(backend: Backend) -> tuple[bytes, Callable[[bytes], bool]] | None:
    """What to send `backend` (nothing when it speaks first) and whether a reply is its own; None: connecting is all."""
    scheme = urlsplit(backend.url).scheme
    if scheme in ("postgres", "postgresql"):
        return POSTGRES_SSL_REQUEST, lambda reply: reply[:1] in (b"S", b"N", b"E")
    if scheme == "redis":
        return b"PING\r\n", lambda reply: reply[:1] in (b"+", b"-")  # PONG, or an error such as NOAUTH
    if scheme == "rediss":
        return None  # TLS first: an accepted connection is all a plain socket can tell
    return b"", lambda reply: reply.startswith(b"INFO ")  # NATS sends INFO first, with TLS or without


def problem(backend: Backend, timeout: float = PROBE_TIMEOUT_SECS) -> str | None:
    """None when `backend` answers; otherwise what is wrong, as a phrase."""
    exchange = greeting(backend)
    try:
        with socket.create_connection(backend.address, timeout=timeout) as connection:
            if exchange is None:
                return None
            message, answers = exchange
            connection.sendall(message)
            reply = connection.recv(64)
    except TimeoutError:
        return f"accepts connections but did not answer in {timeout:g} s"
    except ConnectionRefusedError:
        return "refuses connections (is it running?)"
    except OSError as error:
        return f"cannot be reached ({error.strerror or error})"
    if not reply:
        return "closed the connection without answering"
    if not answers(reply):
        return f"answered, but not as {backend.name} does (is the port right?)"
    return None


class Watcher:
    """Asks each backend in turn whether it answers, and reports each change through `say`."""

    def __init__(self, backends: list[Backend], say: Callable[[str], None]) -> None:
        self.backends = backends
        self.say = say
        self.problems: dict[Backend, str] = {}
        self.lock = threading.Lock()  # the problems are read by the thread that relays wash dev's output
        self.stopping = threading.Event()

    def check(self) -> None:
        """Probe every backend once; say what changed since the last time."""
        for backend in self.backends:
            now = problem(backend)
            with self.lock:
                before = self.problems.pop(backend, None)
                if now is not None:
                    self.problems[backend] = now
            if now is not None and now != before:
                self.say(f"dev: {backend.where()} {now}; what the component asks of it fails until it answers")
            elif now is None and before is not None:
                self.say(f"dev: {backend.where()} answers again")

    def down(self) -> list[str]:
        """Each backend that does not answer, as `PostgreSQL at URL (dev.setting ...) <problem>`."""
        with self.lock:
            return [f"{backend.where()} {said}" for backend, said in self.problems.items()]

    def run(self) -> None:
        while not self.stopping.is_set():
            started = time.monotonic()
            self.check()
            self.stopping.wait(max(0.0, PROBE_EVERY_SECS - (time.monotonic() - started)))

    def start(self) -> None:
        if self.backends:
            threading.Thread(target=self.run, daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
