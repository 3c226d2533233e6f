"""Python's logging, sent to the host's log over wasi:logging: install() once, then log as usual.

    from wasmcloud_sdk import log

    log.install()
    logging.getLogger(__name__).warning("disk %d%% full", 91)

Each record goes to the host with the logger's name as its context.
"""

import logging
from typing import Protocol

from wit_world.imports import logging as wasi_logging

LEVELS = ("trace", "debug", "info", "warn", "error", "critical")
"""wasi:logging's levels, by name, from the least to the most severe."""


class LogError(Exception):
    """The host could not take a record: str(error) says why. WasiLogHandler reports it as logging does."""


def level_name(levelno: int) -> str:
    """wasi:logging's level for a Python level: DEBUG is debug, WARNING warn, ... and below DEBUG trace."""
    if levelno >= logging.CRITICAL:
        return "critical"
    if levelno >= logging.ERROR:
        return "error"
    if levelno >= logging.WARNING:
        return "warn"
    if levelno >= logging.INFO:
        return "info"
    if levelno >= logging.DEBUG:
        return "debug"
    return "trace"


class Host(Protocol):
    """What the module needs from a host: take one message at a level (one of LEVELS), with its context."""

    def log(self, level: str, context: str, message: str) -> None:
        """Send the message to the host's log."""
        ...


class WitHost:
    """Host over wasi:logging/logging: the only class that touches wit_world."""

    def log(self, level: str, context: str, message: str) -> None:
        """logging.log(level, context, message)."""
        if level not in LEVELS:
            raise LogError(f"{level!r} is not a wasi:logging level ({', '.join(LEVELS)})")
        wasi_logging.log(wasi_logging.Level[level.upper()], context, message)


class MemoryHost:
    """Host in memory, for tests (wasmcloud_sdk.testing installs a fresh one per test) and for local serving.

    `records` holds (level, context, message) of each record, in order: the level by wasi:logging's name ("info",
    "warn", ...). `fail`: when set, every call raises LogError with that text (a host that is down).
    """

    def __init__(self) -> None:
        self.records: list[tuple[str, str, str]] = []
        self.fail: str | None = None

    def log(self, level: str, context: str, message: str) -> None:
        """Keep the record."""
        if self.fail is not None:
            raise LogError(self.fail)
        if level not in LEVELS:
            raise LogError(f"{level!r} is not a wasi:logging level ({', '.join(LEVELS)})")
        self.records.append((level, context, message))


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


class WasiLogHandler(logging.Handler):
    """A logging handler that sends each record to the host: the logger's name as context, the formatted record
    (with its traceback when it has one) as message, at wasi:logging's level for the record's level."""

    def emit(self, record: logging.LogRecord) -> None:
        """Send one record; a failure is reported as logging reports a handler's (to stderr), never raised."""
        try:
            host.log(level_name(record.levelno), record.name, self.format(record))
        except Exception:
            self.handleError(record)


def install(level: int = logging.INFO) -> None:
    """Send the root logger's records to the host (one WasiLogHandler, however often it is called) from `level` on."""
    root = logging.getLogger()
    if not any(isinstance(handler, WasiLogHandler) for handler in root.handlers):
        root.addHandler(WasiLogHandler())
    root.setLevel(level)
