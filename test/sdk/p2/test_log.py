"""Tests of wasmcloud_sdk.log on WASI 0.2, against a fake of wasi:logging/logging."""

import logging
from collections.abc import Iterator

import pytest
from wit_world.imports import logging as wasi_logging

from wasmcloud_sdk import log


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[wasi_logging.Level, str, str]]:
    """What reached wasi:logging's log(), through WitHost."""
    records: list[tuple[wasi_logging.Level, str, str]] = []

    def fake_log(level: wasi_logging.Level, context: str, message: str) -> None:
        records.append((level, context, message))

    monkeypatch.setattr(wasi_logging, "log", fake_log)
    monkeypatch.setattr(log, "host", log.WitHost())
    return records


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch) -> log.MemoryHost:
    fake = log.MemoryHost()
    monkeypatch.setattr(log, "host", fake)
    return fake


@pytest.fixture(autouse=True)
def root() -> Iterator[logging.Logger]:
    """The root logger, put back as it was after each test."""
    logger = logging.getLogger()
    handlers, level = list(logger.handlers), logger.level
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)


def test_each_level_maps_to_wasi_loggings(sent: list[tuple[wasi_logging.Level, str, str]]) -> None:
    log.install(logging.NOTSET + 1)
    logger = logging.getLogger("shop.orders")
    logger.log(5, "fine detail")
    logger.debug("d")
    logger.info("order %s placed", 42)
    logger.warning("w")
    logger.error("e")
    logger.critical("c")
    assert sent == [
        (wasi_logging.Level.TRACE, "shop.orders", "fine detail"),
        (wasi_logging.Level.DEBUG, "shop.orders", "d"),
        (wasi_logging.Level.INFO, "shop.orders", "order 42 placed"),
        (wasi_logging.Level.WARN, "shop.orders", "w"),
        (wasi_logging.Level.ERROR, "shop.orders", "e"),
        (wasi_logging.Level.CRITICAL, "shop.orders", "c"),
    ]


@pytest.mark.parametrize(
    ("levelno", "name"),
    [
        (1, "trace"),
        (10, "debug"),
        (15, "debug"),
        (20, "info"),
        (30, "warn"),
        (40, "error"),
        (50, "critical"),
        (60, "critical"),
    ],
)
def test_level_name(levelno: int, name: str) -> None:
    assert log.level_name(levelno) == name


def test_install_is_idempotent_and_sets_the_roots_level(root: logging.Logger) -> None:
    log.install()
    log.install(logging.WARNING)
    assert sum(isinstance(handler, log.WasiLogHandler) for handler in root.handlers) == 1
    assert root.level == logging.WARNING


def test_records_below_the_level_are_not_sent(memory: log.MemoryHost) -> None:
    log.install(logging.WARNING)
    logging.getLogger("app").info("quiet")
    logging.getLogger("app").warning("loud")
    assert memory.records == [("warn", "app", "loud")]


def test_a_record_with_exc_info_carries_its_traceback(memory: log.MemoryHost) -> None:
    log.install()
    try:
        raise ValueError("bad input")
    except ValueError:
        logging.getLogger("app").exception("could not parse")
    ((level, context, message),) = memory.records
    assert (level, context) == ("error", "app")
    assert message.startswith("could not parse\nTraceback (most recent call last):")
    assert message.rstrip().endswith("ValueError: bad input")


def test_memory_keeps_records_in_order(memory: log.MemoryHost) -> None:
    log.install(logging.DEBUG)
    logging.getLogger("a").debug("one")
    logging.getLogger("b.c").error("two %d", 2)
    logging.getLogger().info("three")
    assert memory.records == [("debug", "a", "one"), ("error", "b.c", "two 2"), ("info", "root", "three")]


def test_a_host_that_fails_never_breaks_the_caller(
    memory: log.MemoryHost, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging, "raiseExceptions", True)
    log.install()
    memory.fail = "log pipe closed"
    logging.getLogger("app").warning("lost")
    assert memory.records == []
    assert "log pipe closed" in capsys.readouterr().err
    with pytest.raises(log.LogError, match="^log pipe closed$"):
        memory.log("info", "app", "direct")


def test_the_handler_looks_the_host_up_at_call_time(memory: log.MemoryHost, monkeypatch: pytest.MonkeyPatch) -> None:
    log.install()
    logging.getLogger("app").info("first")
    other = log.MemoryHost()
    monkeypatch.setattr(log, "host", other)
    logging.getLogger("app").info("second")
    assert memory.records == [("info", "app", "first")] and other.records == [("info", "app", "second")]
