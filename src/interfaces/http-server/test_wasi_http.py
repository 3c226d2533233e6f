"""Tests of wasi_http.py, the request and response plumbing, against fakes of wasi:http's resources.

create-wasmcloud-python writes this file; add may rewrite it.
"""

from __future__ import annotations

from typing import Self, cast

import pytest
from componentize_py_types import Err, Ok
from wit_world.imports.http_types import (
    IncomingRequest,
    Method,
    Method_Get,
    Method_Other,
    Method_Post,
    ResponseOutparam,
)

import wasi_http


class FakeResource:
    """A resource the code uses in a `with` block."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class FakeStream(FakeResource):
    """An input stream over bytes, or an output stream that keeps each write."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = bytearray(data)
        self.writes: list[bytes] = []

    def blocking_read(self, size: int) -> bytes:
        if not self.data:
            raise Err(None)
        chunk = bytes(self.data[:size])
        del self.data[:size]
        return chunk

    def blocking_write_and_flush(self, chunk: bytes) -> None:
        assert len(chunk) <= wasi_http.MAX_CHUNK, "wasi:io writes at most 4096 bytes at once"
        self.writes.append(chunk)


class FakeFields(FakeResource):
    """Header fields: a list of names and values."""

    def __init__(self, entries: list[tuple[str, bytes]]) -> None:
        self.list = entries

    @staticmethod
    def from_list(entries: list[tuple[str, bytes]]) -> FakeFields:
        return FakeFields(entries)

    def entries(self) -> list[tuple[str, bytes]]:
        return self.list


class FakeIncomingBody:
    """A request body: one stream, then finish()."""

    def __init__(self, data: bytes) -> None:
        self.input = FakeStream(data)
        self.finished = False

    def stream(self) -> FakeStream:
        return self.input

    @staticmethod
    def finish(body: FakeIncomingBody) -> None:
        body.finished = True


class FakeIncomingRequest:
    """A request as the host hands it over."""

    def __init__(self, method: Method, target: str | None, headers: list[tuple[str, bytes]], body: bytes) -> None:
        self.parts = (method, target, FakeFields(headers))
        self.body = FakeIncomingBody(body)

    def method(self) -> Method:
        return self.parts[0]

    def path_with_query(self) -> str | None:
        return self.parts[1]

    def headers(self) -> FakeFields:
        return self.parts[2]

    def consume(self) -> FakeIncomingBody:
        return self.body


class FakeOutgoingBody:
    """A response body: one stream, then finish()."""

    def __init__(self) -> None:
        self.output = FakeStream()
        self.finished = False

    def write(self) -> FakeStream:
        return self.output

    @staticmethod
    def finish(body: FakeOutgoingBody, trailers: object) -> None:
        body.finished = True


class FakeOutgoingResponse:
    """A response being made: the host refuses a status outside 100 to 999, as wasmtime does."""

    def __init__(self, headers: FakeFields) -> None:
        self.headers = headers.list
        self.status = 200
        self.outgoing = FakeOutgoingBody()

    def set_status_code(self, status: int) -> None:
        if not 100 <= status <= 999:
            raise Err(None)
        self.status = status

    def body(self) -> FakeOutgoingBody:
        return self.outgoing


class FakeResponseOutparam:
    """Where the response goes: set() once, before any byte of the body."""

    def __init__(self) -> None:
        self.response: FakeOutgoingResponse | None = None

    @staticmethod
    def set(param: FakeResponseOutparam, response: Ok[FakeOutgoingResponse]) -> None:
        assert param.response is None, "the response was set twice"
        assert response.value.outgoing.output.writes == [], "the body was written before the response was set"
        param.response = response.value

    def sent(self) -> tuple[int, list[tuple[str, bytes]], bytes]:
        """The status, the headers and the whole body the client gets, once the body is finished."""
        assert self.response is not None and self.response.outgoing.finished, "no finished response"
        return self.response.status, self.response.headers, b"".join(self.response.outgoing.output.writes)


@pytest.fixture(autouse=True)
def fake_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """wasi_http's resources, in place of the host's."""
    monkeypatch.setattr(wasi_http, "Fields", FakeFields)
    monkeypatch.setattr(wasi_http, "IncomingBody", FakeIncomingBody)
    monkeypatch.setattr(wasi_http, "OutgoingResponse", FakeOutgoingResponse)
    monkeypatch.setattr(wasi_http, "OutgoingBody", FakeOutgoingBody)
    monkeypatch.setattr(wasi_http, "ResponseOutparam", FakeResponseOutparam)


class Recorder:
    """A handler that keeps each request it is given, and answers 200."""

    def __init__(self) -> None:
        self.requests: list[wasi_http.Request] = []

    def __call__(self, request: wasi_http.Request) -> wasi_http.Response:
        self.requests.append(request)
        return wasi_http.Response()


def serve(
    handler: wasi_http.Handler,
    method: Method,
    target: str | None,
    headers: list[tuple[str, bytes]] | None = None,
    body: bytes = b"",
) -> tuple[int, list[tuple[str, bytes]], bytes]:
    """Run one request through incoming_handler(handler), as the host would, and return what it sent."""
    out = FakeResponseOutparam()
    request = FakeIncomingRequest(method, target, headers or [], body)
    wasi_http.incoming_handler(handler)().handle(cast(IncomingRequest, request), cast(ResponseOutparam, out))
    assert request.body.finished, "the request body was not finished"
    return out.sent()


def test_the_handler_sees_method_path_query_headers_and_the_whole_body() -> None:
    handler = Recorder()
    body = bytes(i % 251 for i in range(3 * wasi_http.MAX_CHUNK + 5))
    headers = [("content-type", b"application/octet-stream"), ("x-name", b"caf\xe9")]
    serve(handler, Method_Other("PURGE"), "/a/b?x=1&y", headers, body)
    expected = (("content-type", "application/octet-stream"), ("x-name", "café"))
    assert handler.requests == [wasi_http.Request("PURGE", "/a/b", "x=1&y", expected, body)]
    assert handler.requests[0].target == "/a/b?x=1&y"
    assert handler.requests[0].header("X-Name") == "café"
    assert handler.requests[0].header("accept") is None


def test_a_request_without_a_path_is_for_the_root() -> None:
    handler = Recorder()
    serve(handler, Method_Get(), None)
    (request,) = handler.requests
    assert (request.method, request.path, request.query, request.target) == ("GET", "/", "", "/")


def test_the_status_headers_and_body_reach_the_client_in_chunks() -> None:
    data = bytes(i % 256 for i in range(2 * wasi_http.MAX_CHUNK + 1))
    sent = serve(lambda _: wasi_http.Response(201, [("x-id", "7"), ("x-id", "8")], data), Method_Post(), "/")
    assert sent == (201, [("x-id", b"7"), ("x-id", b"8")], data)


def test_a_text_body_is_utf8_and_plain_text_unless_the_handler_names_a_content_type() -> None:
    assert serve(lambda _: wasi_http.Response(body="héllo"), Method_Get(), "/") == (
        200,
        [("content-type", b"text/plain; charset=utf-8")],
        "héllo".encode(),
    )
    html = wasi_http.Response(headers=[("Content-Type", "text/html")], body="<p>hi</p>")
    assert serve(lambda _: html, Method_Get(), "/") == (200, [("Content-Type", b"text/html")], b"<p>hi</p>")
    assert serve(lambda _: wasi_http.Response(body=b""), Method_Get(), "/") == (200, [], b"")


def boom(request: wasi_http.Request) -> wasi_http.Response:
    raise RuntimeError(f"no {request.path}")


def test_a_handler_that_raises_gets_a_500_and_a_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve(boom, Method_Get(), "/x?y=1") == (
        500,
        [("content-type", b"text/plain; charset=utf-8")],
        b"internal server error\n",
    )
    line = capsys.readouterr().err
    assert line.startswith("500 for GET /x?y=1: RuntimeError('no /x') at test_wasi_http.py:")
    assert line.count("\n") == 1


def test_a_status_the_host_refuses_gets_a_500(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve(lambda _: wasi_http.Response(1000), Method_Get(), "/")[0] == 500
    assert capsys.readouterr().err.startswith("500 for GET /: Err(value=None)")
