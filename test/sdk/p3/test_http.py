"""Tests of wasmcloud_sdk.http on WASI 0.3: the async app and its routes, the types, and the wasi:http/handler
plumbing against fakes of its resources, streams, futures and tasks (the request body is read from its stream;
the response's body is written by a task spawned once the export has returned).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Self, cast

import pytest
from componentize_py_types import Err
from wit_world.imports.http_types import HeaderError_InvalidSyntax, Method, Method_Get, Method_Other, Method_Post
from wit_world.imports.http_types import Request as WitRequest

from wasmcloud_sdk import http
from wasmcloud_sdk.http import App, Headers, Request, Response

# The fakes of wasi:http's resources and of componentize-py's async parts.


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
        self.reads = 0

    async def read(self, max_count: int) -> bytes:
        assert not self.closed and not self.writer_dropped, "read past the end"
        self.reads += 1
        if not self.data:
            self.writer_dropped = True
            return b""
        chunk = bytes(self.data[: min(max_count, self.piece)])
        del self.data[: len(chunk)]
        return chunk


class FakeWriter(FakeResource):
    """The response body's stream (both its ends): it keeps each write, until the client goes away after `accepts`."""

    def __init__(self, accepts: int | None = None) -> None:
        self.writes: list[bytes] = []
        self.accepts = accepts
        self.reader_dropped = False

    async def write_all(self, chunk: bytes) -> int:
        assert not self.closed and not self.reader_dropped, "written after the end"
        assert len(chunk) <= http.MAX_CHUNK
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
    """The module's resources, streams, futures and tasks, in place of the host's; no app served yet."""
    fake = FakeAsync()
    monkeypatch.setattr(http, "Fields", FakeFields)
    monkeypatch.setattr(http, "WitRequest", FakeRequest)
    monkeypatch.setattr(http, "WitResponse", FakeResponse)
    monkeypatch.setattr(http, "byte_stream", fake.byte_stream)
    monkeypatch.setattr(http, "spawn", fake.spawn)
    monkeypatch.setattr(http, "result_unit_http_types_error_code_future", lambda _: ("writer", "handled"))
    monkeypatch.setattr(
        http, "result_option_http_types_fields_http_types_error_code_future", lambda _: ("writer", "no trailers")
    )
    monkeypatch.setattr(http, "app_of_export", None)
    return fake


Serve = Callable[[Request], Awaitable[Response]]


class Recorder:
    """An app that keeps each request it is given, and answers 200."""

    def __init__(self) -> None:
        self.requests: list[Request] = []

    async def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        return Response()


def answer(response: Response) -> App:
    """An app whose every path answers `response`."""
    app = App()

    @app.route("/{rest:path}")
    async def anything(request: Request, rest: str) -> Response:
        return response

    return app


async def serve(
    fake: FakeAsync,
    app: Serve,
    method: Method,
    target: str | None,
    headers: list[tuple[str, bytes]] | None = None,
    body: bytes = b"",
) -> tuple[int, list[tuple[str, bytes]], bytes]:
    """Run one request through http_handler(app), as the host would, and return what the client gets."""
    request = FakeRequest(method, target, headers or [], body)
    returned = await http.http_handler(app)().handle(cast(WitRequest, request))
    response = cast(FakeResponse, returned)
    assert request.body.closed and request.trailers.closed, "the request body was not closed"
    assert not response.closed, "the response was dropped instead of returned"
    assert len(response.contents.writes) == 0 and not response.contents.closed, "the body went out before the response"
    assert len(fake.spawned) == 1, "no task writes the body"
    await fake.run_spawned()
    assert response.contents.closed, "the response body was not closed"
    return response.status, response.headers, b"".join(response.contents.writes)


async def boom(request: Request) -> Response:
    raise RuntimeError("boom")


BOOM_LINE = boom.__code__.co_firstlineno + 1
"""The line boom raises on."""


# The plumbing.


async def test_the_app_sees_method_path_query_headers_and_the_whole_body(fake_async: FakeAsync) -> None:
    app = Recorder()
    body = bytes(i % 251 for i in range(3 * 1000 + 5))
    headers = [("content-type", b"application/octet-stream"), ("x-name", b"caf\xe9")]
    await serve(fake_async, app, Method_Other("PURGE"), "/a/b?x=1&y", headers, body)
    expected = [("content-type", "application/octet-stream"), ("x-name", "café")]
    assert app.requests == [Request("PURGE", "/a/b", "x=1&y", expected, body)]
    (request,) = app.requests
    assert (request.method, request.path, request.query_string, request.body) == ("PURGE", "/a/b", "x=1&y", body)
    assert request.headers.pairs == tuple(expected)
    assert request.target == "/a/b?x=1&y"
    assert request.header("X-Name") == "café"
    assert request.header("accept") is None


async def test_the_request_body_is_read_from_its_stream_to_its_end(fake_async: FakeAsync) -> None:
    app = Recorder()
    request = FakeRequest(Method_Post(), "/", [], b"y" * 2500)
    await http.http_handler(app)().handle(cast(WitRequest, request))
    await fake_async.run_spawned()
    assert app.requests[0].body == b"y" * 2500
    assert (request.body.reads, request.body.writer_dropped, request.body.closed) == (4, True, True)


async def test_a_request_without_a_path_is_for_the_root(fake_async: FakeAsync) -> None:
    app = Recorder()
    await serve(fake_async, app, Method_Get(), None)
    (request,) = app.requests
    assert (request.method, request.path, request.query_string, request.target) == ("GET", "/", "", "/")


async def test_the_status_headers_and_body_reach_the_client_in_chunks_after_the_response(
    fake_async: FakeAsync,
) -> None:
    data = bytes(i % 256 for i in range(2 * http.MAX_CHUNK + 1))
    app = answer(Response(data, status=201, headers=[("x-id", "7"), ("x-id", "8")]))
    assert await serve(fake_async, app, Method_Post(), "/") == (201, [("x-id", b"7"), ("x-id", b"8")], data)
    assert [len(chunk) for chunk in fake_async.streams[0].writes] == [http.MAX_CHUNK, http.MAX_CHUNK, 1]


async def test_a_text_body_is_utf8_and_plain_text_unless_the_app_names_a_content_type(
    fake_async: FakeAsync,
) -> None:
    assert await serve(fake_async, answer(Response("héllo")), Method_Get(), "/") == (
        200,
        [("content-type", b"text/plain; charset=utf-8")],
        "héllo".encode(),
    )
    html = Response("<p>hi</p>", headers=[("Content-Type", "text/html")])
    assert await serve(fake_async, answer(html), Method_Get(), "/") == (
        200,
        [("Content-Type", b"text/html")],
        b"<p>hi</p>",
    )
    assert await serve(fake_async, answer(Response(b"")), Method_Get(), "/") == (200, [], b"")
    assert await serve(fake_async, answer(Response.json([1, "a"])), Method_Get(), "/") == (
        200,
        [("content-type", b"application/json")],
        b'[1, "a"]',
    )


async def test_a_client_that_goes_away_stops_the_writes(fake_async: FakeAsync) -> None:
    fake_async.accepts = 1
    data = bytes(3 * http.MAX_CHUNK)
    assert await serve(fake_async, answer(Response(data)), Method_Get(), "/") == (200, [], data[: http.MAX_CHUNK])
    assert fake_async.streams[0].reader_dropped


async def test_a_route_that_raises_gets_a_500_and_one_line_on_stderr(
    fake_async: FakeAsync, capsys: pytest.CaptureFixture[str]
) -> None:
    app = App()
    app.get("/x")(boom)
    assert await serve(fake_async, app, Method_Get(), "/x?y=1") == (
        500,
        [("content-type", b"text/plain; charset=utf-8")],
        b"internal server error\n",
    )
    assert capsys.readouterr().err == f"500 for GET /x?y=1: RuntimeError('boom') at test_http.py:{BOOM_LINE}\n"


async def test_a_function_of_a_request_that_raises_gets_a_500(
    fake_async: FakeAsync, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (await serve(fake_async, boom, Method_Get(), "/x"))[0] == 500
    assert capsys.readouterr().err == f"500 for GET /x: RuntimeError('boom') at test_http.py:{BOOM_LINE}\n"


async def test_a_route_that_returns_no_response_gets_a_500(
    fake_async: FakeAsync, capsys: pytest.CaptureFixture[str]
) -> None:
    app = App()

    @app.get("/x")
    async def wrong(request: Request) -> str:
        return "not a response"

    assert (await serve(fake_async, app, Method_Get(), "/x"))[0] == 500
    line = capsys.readouterr().err
    assert line.startswith("500 for GET /x: TypeError('wrong returned str, not a Response') at http.py:")
    assert line.count("\n") == 1


async def test_a_status_the_host_refuses_gets_a_500_and_its_stream_is_closed(
    fake_async: FakeAsync, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (await serve(fake_async, answer(Response(status=1000)), Method_Get(), "/"))[0] == 500
    assert capsys.readouterr().err.startswith("500 for GET /: Err(value=None) at ")
    refused, sent = fake_async.streams
    assert (refused.closed, refused.writes, sent.writes) == (True, [], [b"internal server error\n"])


async def test_a_header_the_host_refuses_gets_a_500(fake_async: FakeAsync, capsys: pytest.CaptureFixture[str]) -> None:
    assert (await serve(fake_async, answer(Response(headers=[("x bad", "1")])), Method_Get(), "/"))[0] == 500
    assert capsys.readouterr().err.startswith("500 for GET /: Err(value=HeaderError_InvalidSyntax()) at ")
    assert len(fake_async.streams) == 1, "a stream was made for the refused response"


async def test_the_export_records_the_app_it_serves() -> None:
    app = App()
    assert http.app_of_export is None
    export = http.http_handler(app)
    assert http.app_of_export is app
    assert http.exports.HttpHandler in export.__mro__


# Routes: async def and plain def.


async def test_async_and_plain_routes_both_answer(fake_async: FakeAsync) -> None:
    app = App()

    @app.get("/async/{name}")
    async def asynchronous(request: Request, name: str) -> Response:
        return Response.text(f"async {name}")

    @app.get("/plain/{name}")
    def plain(request: Request, name: str) -> Response:
        return Response.text(f"plain {name}")

    assert (await app(Request("GET", "/async/a"))).body == "async a"
    assert (await app(Request("GET", "/plain/b"))).body == "plain b"
    assert (await serve(fake_async, app, Method_Get(), "/async/c"))[2] == b"async c"
    assert (await serve(fake_async, app, Method_Get(), "/plain/d"))[2] == b"plain d"


async def test_a_route_gets_its_parameters_by_name_and_in_request_params() -> None:
    app = App()
    seen: list[tuple[str, str, dict[str, str]]] = []

    @app.get("/users/{user_id}/notes/{note_id}")
    async def note(request: Request, note_id: str, user_id: str) -> Response:  # by name, in any order
        seen.append((user_id, note_id, dict(request.params)))
        return Response.text(f"{user_id}/{note_id}")

    response = await app(Request("GET", "/users/ann/notes/7"))
    assert (response.status, response.body) == (200, "ann/7")
    assert seen == [("ann", "7", {"user_id": "ann", "note_id": "7"})]


async def test_a_parameter_is_one_segment_and_a_path_parameter_the_rest() -> None:
    app = App()
    app.get("/items/{item_id}")(lambda request, item_id: Response.text(f"item {item_id}"))
    app.get("/files/{rest:path}")(lambda request, rest: Response.text(f"file {rest}"))
    assert (await app(Request("GET", "/items/42"))).body == "item 42"
    assert (await app(Request("GET", "/items/4/2"))).status == 404
    assert (await app(Request("GET", "/files/a/b/c.txt"))).body == "file a/b/c.txt"


async def test_the_first_route_that_matches_answers() -> None:
    app = App()
    app.get("/items/new")(lambda request: Response.text("form"))
    app.get("/items/{item_id}")(lambda request, item_id: Response.text(f"item {item_id}"))
    assert (await app(Request("GET", "/items/new"))).body == "form"
    assert (await app(Request("GET", "/items/3"))).body == "item 3"


async def test_a_path_that_matches_with_another_method_is_a_405_and_no_match_a_404(fake_async: FakeAsync) -> None:
    app = App()
    app.get("/notes")(lambda request: Response.text("list"))
    app.put("/notes")(lambda request: Response.text("changed"))
    refused = await app(Request("DELETE", "/notes"))
    assert (refused.status, refused.headers["allow"], refused.body) == (405, "GET, PUT", "method not allowed\n")
    missing = await app(Request("GET", "/nothing"))
    assert (missing.status, missing.body, "allow" in missing.headers) == (404, "not found\n", False)
    assert await serve(fake_async, app, Method_Post(), "/notes") == (
        405,
        [("allow", b"GET, PUT"), ("content-type", b"text/plain; charset=utf-8")],
        b"method not allowed\n",
    )


async def test_a_bad_parameter_spec_raises_value_error() -> None:
    app = App()
    with pytest.raises(ValueError, match=r"\{item_id:int\}"):
        app.get("/items/{item_id:int}")(lambda request, item_id: Response())


# The types, as the 0.2 file shares them.


def test_headers_are_case_insensitive_and_join_repeated_values() -> None:
    headers = Headers([("Set-Cookie", "a=1"), ("set-cookie", "b=2")])
    assert (headers["SET-COOKIE"], headers.get_all("set-cookie"), list(headers)) == (
        "a=1, b=2",
        ["a=1", "b=2"],
        ["set-cookie"],
    )


def test_a_request_reads_its_query_target_text_and_json() -> None:
    request = Request("post", "/s", "tag=a&tag=b", {"Accept": "text/html"}, b'{"n": 1}')
    assert (request.method, request.query, request.query_list("tag"), request.target) == (
        "POST",
        {"tag": "a"},
        ["a", "b"],
        "/s?tag=a&tag=b",
    )
    assert (request.text, request.json(), request.header("accept")) == ('{"n": 1}', {"n": 1}, "text/html")


def test_response_text_and_json_set_the_content_type_and_a_str_body_is_text_plain() -> None:
    assert Response.text("hi").headers["content-type"] == "text/plain; charset=utf-8"
    assert Response.json({"a": 1}).encoded() == ([("content-type", b"application/json")], b'{"a": 1}')
    assert Response("hi").encoded() == ([("content-type", b"text/plain; charset=utf-8")], b"hi")
    assert Response("hi", content_type="text/html").encoded() == ([("content-type", b"text/html")], b"hi")
