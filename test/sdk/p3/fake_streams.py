"""The fake stream<u8> of the WASI 0.3 tests: its reader and writer must run together, as the component model's do.

A body written only after the call that reads it returned fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
from typing import Self


class FakeStreamReader:
    """A stream<u8>'s reading end: what its writer wrote, at most `piece` bytes a read, then the end once it closes."""

    def __init__(self, data: bytes = b"", *, ended: bool = True, piece: int | None = None) -> None:
        self.data, self.ended, self.piece = bytearray(data), ended, piece
        self.writer_dropped = False
        self.closed = False
        self.changed = asyncio.Event()

    async def change(self, waiting: str) -> None:
        """Wait for the other end to move, or fail: a wait of a second means it never will."""
        self.changed.clear()
        try:
            await asyncio.wait_for(self.changed.wait(), timeout=1)
        except TimeoutError:
            raise AssertionError(f"the stream's {waiting}: are its reader and writer run together?") from None

    async def read(self, max_count: int) -> bytes:
        assert not self.closed and not self.writer_dropped, "read past the end"
        while not self.data and not self.ended:
            await self.change("reader waits for bytes that never come")
        if not self.data:
            self.writer_dropped = True
            return b""
        chunk = bytes(self.data[: min(max_count, self.piece or max_count)])
        del self.data[: len(chunk)]
        self.changed.set()
        return chunk

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed = True
        self.changed.set()


class FakeStreamWriter:
    """A stream<u8>'s writing end: a write returns once the reader has taken every byte; closing it ends the stream."""

    def __init__(self, reader: FakeStreamReader) -> None:
        self.reader = reader
        self.reader_dropped = False
        self.closed = False

    async def write_all(self, source: bytes) -> int:
        assert not self.reader.ended, "written after the end"
        self.reader.data += source
        self.reader.changed.set()
        while self.reader.data and not self.reader.closed:
            await self.reader.change("writer waits for a reader")
        self.reader_dropped = self.reader.closed
        return len(source)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed = True
        self.reader.ended = True
        self.reader.changed.set()
