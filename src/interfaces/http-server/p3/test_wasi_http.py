"""Tests of wasi_http.py, the request and response plumbing, against fakes of wasi:http's resources and streams.

create-wasmcloud-python writes this file; add may rewrite it.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, Self, cast

import pytest
from componentize_py_types import Err
from wit_world.imports.http_types import HeaderError_InvalidSyntax, Method, Method_Get, Method_Other, Method_Post
from wit_world.imports.http_types import Request as WitRequest

import wasi_http


class FakeResource:
    """A resource or a stream's end: closed when its `with` block ends."""

    closed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        assert not self.closed, "closed twice"
        self.closed = True


class FakeReader(FakeResource):
    """The request body's stream: the host delivers it in pieces of `piece` bytes at most."""

    def __init__(self, data: bytes, piece: int) -> None:
        self.data, self.piece = bytearray(data), piece
        self.writer_dropped = False

    async def read(self, max_count: int) -> bytes:
        assert not self.closed and not self.writer_dropped, "read past the end"
        if not self.data:
            self.writer_dropped = True
            return b""
        chunk = bytes(self.data[: min(max_count, self.piece)])
        del self.data[: len(chunk)]
        return chunk


class FakeWriter(FakeResource):
    """The response body's stream: it keeps each write, until the client goes away after `accepts` writes."""

    def __init__(self, accepts: int | None = None) -> None:
        self.writes: list[bytes] = []
        self.accepts = accepts
        self.reader_dropped = False

    async def write_all(self, chunk: bytes) -> int:
        assert not self.closed and not self.reader_dropped, "written after the end"
        assert len(chunk) <= wasi_http.MAX_CHUNK
        if self.accepts is not None and len(self.writes) == self.accepts:
            self.reader_dropped = True
            return 0
        self.writes.append(chunk)
        return len(chunk)


class FakeFields(FakeResource):
    """Header fields: a list of names and values. The host refuses a name with a space in it."""

    def __init__(self, entries: list[tuple[str, bytes]]) -> None:
        self.entries = entries

    @staticmethod
    def from_list(entries: list[tuple[str, bytes]]) -> FakeFields:
        if any(" " in name for name, _ in entries):
            raise Err(HeaderError_InvalidSyntax())
        return FakeFields(entries)

    def copy_all(self) -> list[tuple[str, bytes]]:
        return list(self.entries)


class FakeRequest:
    """A request as the host hands it over: its method, target and headers, then its body, once."""

    def __init__(self, method: Method, target: str | None, headers: list[tuple[str, bytes]], body: bytes) -> None:
        self.parts = (method, target, FakeFields(headers))
        self.body = FakeReader(body, piece=1000)
        self.trailers = FakeResource()
        self.consumed = False

    def get_method(self) -> Method:
        assert not self.consumed, "the request was moved by consume_body"
        return self.parts[0]

    def get_path_with_query(self) -> str | None:
        assert not self.consumed, "the request was moved by consume_body"
        return self.parts[1]

    def get_headers(self) -> FakeFields:
        assert not self.consumed, "the request was moved by consume_body"
        return self.parts[2]

    @staticmethod
    def consume_body(this: FakeRequest, res: object) -> tuple[FakeReader, FakeResource]:
        assert res == "handled" and not this.consumed
        this.consumed = True
        return this.body, this.trailers


class FakeResponse(FakeResource):
    """A response being made: the host refuses a status outside 100 to 999, as wasmtime does."""

    def __init__(self, headers: FakeFields, contents: FakeWriter, trailers: object) -> None:
        assert trailers == "no trailers"
        self.headers, self.contents, self.status = headers.entries, contents, 200

    @staticmethod
    def new(headers: FakeFields, contents: FakeWriter, trailers: object) -> tuple[FakeResponse, object]:
        return FakeResponse(headers, contents, trailers), "transmitted"

    def set_status_code(self, status: int) -> None:
        if not 100 <= status <= 999:
            raise Err(None)
        self.status = status


class FakeAsync:
    """componentize-py's async parts: a stream's two ends (one object here), futures, and the tasks spawned."""

    def __init__(self) -> None:
        self.streams: list[FakeWriter] = []
        self.accepts: int | None = None
        self.spawned: list[Coroutine[Any, Any, None]] = []

    def byte_stream(self) -> tuple[FakeWriter, FakeWriter]:
        self.streams.append(FakeWriter(self.accepts))
        return self.streams[-1], self.streams[-1]

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self.spawned.append(coroutine)

    async def run_spawned(self) -> None:
        """Run the tasks spawned, as the host does once the export has returned."""
        while self.spawned:
            await self.spawned.pop(0)


@pytest.fixture(autouse=True)
def fake_async(monkeypatch: pytest.MonkeyPatch) -> FakeAsync:
    """wasi_http's resources, streams, futures and tasks, in place of the host's."""
    fake = FakeAsync()
    monkeypatch.setattr(wasi_http, "Fields", FakeFields)
    monkeypatch.setattr(wasi_http, "WitRequest", FakeRequest)
    monkeypatch.setattr(wasi_http, "WitResponse", FakeResponse)
    monkeypatch.setattr(wasi_http, "byte_stream", fake.byte_stream)
    monkeypatch.setattr(wasi_http, "spawn", fake.spawn)
    monkeypatch.setattr(wasi_http, "result_unit_http_types_error_code_future", lambda _: ("writer", "handled"))
    monkeypatch.setattr(
        wasi_http, "result_option_http_types_fields_http_types_error_code_future", lambda _: ("writer", "no trailers")
    )
    return fake


class Recorder:
    """A handler that keeps each request it is given, and answers 200."""

    def __init__(self) -> None:
        self.requests: list[wasi_http.Request] = []

    async def __call__(self, request: wasi_http.Request) -> wasi_http.Response:
        self.requests.append(request)
        return wasi_http.Response()


def answer(response: wasi_http.Response) -> wasi_http.Handler:
    """A handler that answers every request with `response`."""

    async def handler(_: wasi_http.Request) -> wasi_http.Response:
        return response

    return handler


async def serve(
    fake: FakeAsync,
    handler: wasi_http.Handler,
    method: Method,
    target: str | None,
    headers: list[tuple[str, bytes]] | None = None,
    body: bytes = b"",
) -> tuple[int, list[tuple[str, bytes]], bytes]:
    """Run one request through http_handler(handler), as the host would, and return what the client gets."""
    request = FakeRequest(method, target, headers or [], body)
    returned = await wasi_http.http_handler(handler)().handle(cast(WitRequest, request))
    response = cast(FakeResponse, returned)
    assert request.body.closed and request.trailers.closed, "the request body was not closed"
    assert not response.closed and len(response.contents.writes) == 0, "the body went out before the response"
    await fake.run_spawned()
    assert response.contents.closed, "the response body was not closed"
    return response.status, response.headers, b"".join(response.contents.writes)


async def test_the_handler_sees_method_path_query_headers_and_the_whole_body(fake_async: FakeAsync) -> None:
    handler = Recorder()
    body = bytes(i % 251 for i in range(3 * 1000 + 5))
    headers = [("content-type", b"application/octet-stream"), ("x-name", b"caf\xe9")]
    await serve(fake_async, handler, Method_Other("PURGE"), "/a/b?x=1&y", headers, body)
    expected = (("content-type", "application/octet-stream"), ("x-name", "café"))
    assert handler.requests == [wasi_http.Request("PURGE", "/a/b", "x=1&y", expected, body)]
    assert handler.requests[0].target == "/a/b?x=1&y"
    assert handler.requests[0].header("X-Name") == "café"
    assert handler.requests[0].header("accept") is None


async def test_a_request_without_a_path_is_for_the_root(fake_async: FakeAsync) -> None:
    handler = Recorder()
    await serve(fake_async, handler, Method_Get(), None)
    (request,) = handler.requests
    assert (request.method, request.path, request.query, request.target) == ("GET", "/", "", "/")


async def test_the_status_headers_and_body_reach_the_client_in_chunks_after_the_response(fake_async: FakeAsync) -> None:
    data = bytes(i % 256 for i in range(2 * wasi_http.MAX_CHUNK + 1))
    handler = answer(wasi_http.Response(201, [("x-id", "7"), ("x-id", "8")], data))
    assert await serve(fake_async, handler, Method_Post(), "/") == (201, [("x-id", b"7"), ("x-id", b"8")], data)
    assert [len(chunk) for chunk in fake_async.streams[0].writes] == [wasi_http.MAX_CHUNK, wasi_http.MAX_CHUNK, 1]


async def test_a_text_body_is_utf8_and_plain_text_unless_the_handler_names_a_content_type(
    fake_async: FakeAsync,
) -> None:
    assert await serve(fake_async, answer(wasi_http.Response(body="héllo")), Method_Get(), "/") == (
        200,
        [("content-type", b"text/plain; charset=utf-8")],
        "héllo".encode(),
    )
    html = wasi_http.Response(headers=[("Content-Type", "text/html")], body="<p>hi</p>")
    assert await serve(fake_async, answer(html), Method_Get(), "/") == (
        200,
        [("Content-Type", b"text/html")],
        b"<p>hi</p>",
    )
    assert await serve(fake_async, answer(wasi_http.Response(body=b"")), Method_Get(), "/") == (200, [], b"")


async def test_a_client_that_goes_away_stops_the_writes(fake_async: FakeAsync) -> None:
    fake_async.accepts = 1
    data = bytes(3 * wasi_http.MAX_CHUNK)
    assert await serve(fake_async, answer(wasi_http.Response(body=data)), Method_Get(), "/") == (
        200,
        [],
        data[: wasi_http.MAX_CHUNK],
    )


async def boom(request: wasi_http.Request) -> wasi_http.Response:
    raise RuntimeError(f"no {request.path}")


async def test_a_handler_that_raises_gets_a_500_and_a_line_on_stderr(
    fake_async: FakeAsync, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await serve(fake_async, boom, Method_Get(), "/x?y=1") == (
        500,
        [("content-type", b"text/plain; charset=utf-8")],
        b"internal server error\n",
    )
    line = capsys.readouterr().err
    assert line.startswith("500 for GET /x?y=1: RuntimeError('no /x') at test_wasi_http.py:")
    assert line.count("\n") == 1


async def test_a_status_the_host_refuses_gets_a_500_and_its_stream_is_closed(
    fake_async: FakeAsync, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (await serve(fake_async, answer(wasi_http.Response(1000)), Method_Get(), "/"))[0] == 500
    assert capsys.readouterr().err.startswith("500 for GET /: Err(value=None)")
    refused, sent = fake_async.streams
    assert (refused.closed, refused.writes, sent.writes) == (True, [], [b"internal server error\n"])


async def test_a_header_the_host_refuses_gets_a_500(fake_async: FakeAsync, capsys: pytest.CaptureFixture[str]) -> None:
    assert (await serve(fake_async, answer(wasi_http.Response(headers=[("x bad", "1")])), Method_Get(), "/"))[0] == 500
    assert capsys.readouterr().err.startswith("500 for GET /: Err(value=HeaderError_InvalidSyntax())")
