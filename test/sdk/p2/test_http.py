"""Tests of wasmcloud_sdk.http on WASI 0.2: the types, the routes, and the wasi:http plumbing against fakes of its
resources (the status, the headers and the body reach the client in chunks; a raise is a 500 and one stderr line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self, cast

import pytest
from componentize_py_types import Err, Ok
from wit_world.imports.http_types import (
    HeaderError_InvalidSyntax,
    IncomingRequest,
    Method,
    Method_Get,
    Method_Other,
    Method_Post,
    Method_Put,
    ResponseOutparam,
)

from wasmcloud_sdk import http
from wasmcloud_sdk.http import App, Headers, Request, Response

# The fakes of wasi:http's resources.


class FakeResource:
    """A resource the code uses in a `with` block: closed when the block ends."""

    closed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        assert not self.closed, "closed twice"
        self.closed = True


class FakeStream(FakeResource):
    """An input stream over bytes, or an output stream that keeps each write until the client hangs up."""

    def __init__(self, data: bytes = b"", *, accepts: int | None = None) -> None:
        self.data = bytearray(data)
        self.writes: list[bytes] = []
        self.accepts = accepts

    def blocking_read(self, size: int) -> bytes:
        assert not self.closed, "read after the stream was dropped"
        if not self.data:
            raise Err(None)  # stream-error.closed
        chunk = bytes(self.data[: min(size, 1000)])  # the host hands the body over in pieces
        del self.data[: len(chunk)]
        return chunk

    def blocking_write_and_flush(self, chunk: bytes) -> None:
        assert not self.closed, "written after the stream was dropped"
        assert len(chunk) <= 4096, "wasi:io writes at most 4096 bytes at once"
        if self.accepts is not None and len(self.writes) == self.accepts:
            raise Err(None)  # stream-error.closed: the client hung up
        self.writes.append(chunk)


class FakeFields(FakeResource):
    """Header fields: a list of names and values. The host refuses a name with a space in it."""

    def __init__(self, entries: list[tuple[str, bytes]]) -> None:
        self.list = entries

    @staticmethod
    def from_list(entries: list[tuple[str, bytes]]) -> FakeFields:
        if any(" " in name for name, _ in entries):
            raise Err(HeaderError_InvalidSyntax())
        return FakeFields(entries)

    def entries(self) -> list[tuple[str, bytes]]:
        return list(self.list)


class FakeIncomingBody:
    """A request body: one stream, then finish()."""

    def __init__(self, data: bytes) -> None:
        self.input = FakeStream(data)
        self.finished = False

    def stream(self) -> FakeStream:
        return self.input

    @staticmethod
    def finish(body: FakeIncomingBody) -> None:
        assert body.input.closed, "the body was finished before its stream was dropped"
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

    def __init__(self, accepts: int | None) -> None:
        self.output = FakeStream(accepts=accepts)
        self.finished = False

    def write(self) -> FakeStream:
        return self.output

    @staticmethod
    def finish(body: FakeOutgoingBody, trailers: object) -> None:
        assert body.output.closed, "the body was finished before its stream was dropped"
        assert trailers is None
        body.finished = True


class FakeOutgoingResponse(FakeResource):
    """A response being made: the host refuses a status outside 100 to 999, as wasmtime does."""

    accepts: int | None = None
    """How many writes the client takes before it hangs up (None: all of them)."""

    def __init__(self, headers: FakeFields) -> None:
        self.headers = headers.list
        self.status = 200
        self.outgoing = FakeOutgoingBody(self.accepts)

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
        assert isinstance(response, Ok), "the response was not set to an Ok"
        assert param.response is None, "the response was set twice"
        assert response.value.outgoing.output.writes == [], "the body was written before the response was set"
        param.response = response.value

    def sent(self) -> tuple[int, list[tuple[str, bytes]], bytes]:
        """The status, the headers and the whole body the client gets, once the body is finished."""
        assert self.response is not None and self.response.outgoing.finished, "no finished response"
        return self.response.status, self.response.headers, b"".join(self.response.outgoing.output.writes)


@pytest.fixture(autouse=True)
def fake_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """The module's wasi:http resources, in place of the host's; no app served yet."""
    monkeypatch.setattr(http, "Fields", FakeFields)
    monkeypatch.setattr(http, "IncomingBody", FakeIncomingBody)
    monkeypatch.setattr(http, "OutgoingResponse", FakeOutgoingResponse)
    monkeypatch.setattr(http, "OutgoingBody", FakeOutgoingBody)
    monkeypatch.setattr(http, "ResponseOutparam", FakeResponseOutparam)
    monkeypatch.setattr(http, "app_of_export", None)


def handle(
    app: Callable[[Request], Response],
    method: Method,
    target: str | None,
    headers: list[tuple[str, bytes]] | None = None,
    body: bytes = b"",
) -> tuple[FakeIncomingRequest, FakeResponseOutparam]:
    """Run one request through incoming_handler(app), as the host would."""
    out = FakeResponseOutparam()
    request = FakeIncomingRequest(method, target, headers or [], body)
    http.incoming_handler(app)().handle(cast(IncomingRequest, request), cast(ResponseOutparam, out))
    assert request.body.finished, "the request body was not finished"
    return request, out


def serve(
    app: Callable[[Request], Response],
    method: Method,
    target: str | None,
    headers: list[tuple[str, bytes]] | None = None,
    body: bytes = b"",
) -> tuple[int, list[tuple[str, bytes]], bytes]:
    """Run one request through incoming_handler(app) and return what the client got."""
    return handle(app, method, target, headers, body)[1].sent()


class Recorder:
    """An app that keeps each request it is given, and answers 200."""

    def __init__(self) -> None:
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        return Response()


def answer(response: Response) -> App:
    """An app whose every path answers `response`."""
    app = App()
    app.route("/{rest:path}")(lambda request, rest: response)
    return app


def boom(request: Request) -> Response:
    raise RuntimeError("boom")


BOOM_LINE = boom.__code__.co_firstlineno + 1
"""The line boom raises on."""


# The plumbing.


def test_the_app_sees_method_path_query_headers_and_the_whole_body() -> None:
    app = Recorder()
    body = bytes(i % 251 for i in range(3 * http.MAX_CHUNK + 5))
    headers = [("content-type", b"application/octet-stream"), ("x-name", b"caf\xe9")]
    serve(app, Method_Other("PURGE"), "/a/b?x=1&y", headers, body)
    expected = [("content-type", "application/octet-stream"), ("x-name", "café")]
    assert app.requests == [Request("PURGE", "/a/b", "x=1&y", expected, body)]
    (request,) = app.requests
    assert (request.method, request.path, request.query_string, request.body) == ("PURGE", "/a/b", "x=1&y", body)
    assert request.headers.pairs == tuple(expected)
    assert request.target == "/a/b?x=1&y"
    assert request.header("X-Name") == "café"
    assert request.header("accept") is None


def test_the_request_body_is_read_to_its_end_and_its_stream_dropped() -> None:
    body = b"x" * 2500  # three reads of the fake's 1000-byte pieces
    request, _ = handle(Recorder(), Method_Post(), "/", body=body)
    assert request.body.input.closed and request.body.input.data == bytearray()


def test_the_method_reaches_the_app_by_its_name() -> None:
    app = Recorder()
    for method in (Method_Get(), Method_Post(), Method_Put(), Method_Other("PURGE")):
        serve(app, method, "/")
    assert [request.method for request in app.requests] == ["GET", "POST", "PUT", "PURGE"]


def test_a_request_without_a_path_is_for_the_root() -> None:
    app = Recorder()
    serve(app, Method_Get(), None)
    (request,) = app.requests
    assert (request.method, request.path, request.query_string, request.target) == ("GET", "/", "", "/")


def test_the_status_headers_and_body_reach_the_client_in_chunks() -> None:
    data = bytes(i % 256 for i in range(2 * http.MAX_CHUNK + 1))
    app = answer(Response(data, status=201, headers=[("x-id", "7"), ("x-id", "8")]))
    request, out = handle(app, Method_Post(), "/")
    assert out.sent() == (201, [("x-id", b"7"), ("x-id", b"8")], data)
    assert out.response is not None
    assert [len(chunk) for chunk in out.response.outgoing.output.writes] == [4096, 4096, 1]
    assert out.response.outgoing.output.closed, "the body's stream was not dropped"


def test_a_text_body_is_utf8_and_plain_text_unless_the_app_names_a_content_type() -> None:
    assert serve(answer(Response("héllo")), Method_Get(), "/") == (
        200,
        [("content-type", b"text/plain; charset=utf-8")],
        "héllo".encode(),
    )
    html = Response("<p>hi</p>", headers=[("Content-Type", "text/html")])
    assert serve(answer(html), Method_Get(), "/") == (200, [("Content-Type", b"text/html")], b"<p>hi</p>")
    assert serve(answer(Response(b"")), Method_Get(), "/") == (200, [], b"")
    assert serve(answer(Response.json({"a": 1})), Method_Get(), "/") == (
        200,
        [("content-type", b"application/json")],
        b'{"a": 1}',
    )


def test_a_header_value_goes_out_as_latin1() -> None:
    assert serve(answer(Response(headers={"x-name": "café"})), Method_Get(), "/")[1] == [("x-name", b"caf\xe9")]


def test_a_route_that_raises_gets_a_500_and_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    app = App()
    app.get("/x")(boom)
    assert serve(app, Method_Get(), "/x?y=1") == (
        500,
        [("content-type", b"text/plain; charset=utf-8")],
        b"internal server error\n",
    )
    assert capsys.readouterr().err == f"500 for GET /x?y=1: RuntimeError('boom') at test_http.py:{BOOM_LINE}\n"


def test_a_function_of_a_request_that_raises_gets_a_500(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve(boom, Method_Get(), "/x")[0] == 500
    assert capsys.readouterr().err == f"500 for GET /x: RuntimeError('boom') at test_http.py:{BOOM_LINE}\n"


def test_a_route_that_returns_no_response_gets_a_500(capsys: pytest.CaptureFixture[str]) -> None:
    app = App()

    @app.get("/x")
    def wrong(request: Request) -> str:
        return "not a response"

    assert serve(app, Method_Get(), "/x")[0] == 500
    line = capsys.readouterr().err
    assert line.startswith("500 for GET /x: TypeError('wrong returned str, not a Response') at http.py:")
    assert line.count("\n") == 1


def test_a_status_the_host_refuses_gets_a_500(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve(answer(Response(status=1000)), Method_Get(), "/") == (
        500,
        [("content-type", b"text/plain; charset=utf-8")],
        b"internal server error\n",
    )
    assert capsys.readouterr().err.startswith("500 for GET /: Err(value=None) at ")


def test_a_header_the_host_refuses_gets_a_500(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve(answer(Response(headers=[("x bad", "1")])), Method_Get(), "/")[0] == 500
    assert capsys.readouterr().err.startswith("500 for GET /: Err(value=HeaderError_InvalidSyntax()) at ")


def test_a_client_that_hangs_up_mid_body_ends_the_writing_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(FakeOutgoingResponse, "accepts", 1)
    data = bytes(3 * http.MAX_CHUNK)
    _, out = handle(answer(Response(data)), Method_Get(), "/")  # does not raise
    assert out.response is not None
    assert out.response.status == 200
    assert out.response.outgoing.output.writes == [data[: http.MAX_CHUNK]]
    assert out.response.outgoing.output.closed, "the body's stream was not dropped"
    assert capsys.readouterr().err == ""


def test_the_export_records_the_app_it_serves() -> None:
    app = App()
    assert http.app_of_export is None
    export = http.incoming_handler(app)
    assert http.app_of_export is app
    assert http.exports.IncomingHandler in export.__mro__


# Routes.


def test_a_route_gets_its_parameters_by_name_and_in_request_params() -> None:
    app = App()
    seen: list[tuple[str, str, dict[str, str]]] = []

    @app.get("/users/{user_id}/notes/{note_id}")
    def note(request: Request, note_id: str, user_id: str) -> Response:  # by name, in any order
        seen.append((user_id, note_id, dict(request.params)))
        return Response.text(f"{user_id}/{note_id}")

    response = app(Request("GET", "/users/ann/notes/7"))
    assert (response.status, response.body) == (200, "ann/7")
    assert seen == [("ann", "7", {"user_id": "ann", "note_id": "7"})]


def test_a_parameter_is_one_segment_and_a_path_parameter_the_rest() -> None:
    app = App()
    app.get("/items/{item_id}")(lambda request, item_id: Response.text(f"item {item_id}"))
    app.get("/files/{rest:path}")(lambda request, rest: Response.text(f"file {rest}"))
    assert app(Request("GET", "/items/42")).body == "item 42"
    assert app(Request("GET", "/items/4/2")).status == 404
    assert app(Request("GET", "/items/")).status == 404
    assert app(Request("GET", "/files/a/b/c.txt")).body == "file a/b/c.txt"
    assert app(Request("GET", "/files/")).body == "file "


def test_the_rest_of_a_pattern_is_matched_literally() -> None:
    app = App()
    app.get("/v1.0/{name}.json")(lambda request, name: Response.text(name))
    assert app(Request("GET", "/v1.0/ann.json")).body == "ann"
    assert app(Request("GET", "/v1x0/ann.json")).status == 404
    assert app(Request("GET", "/v1.0/ann.json/more")).status == 404


def test_the_first_route_that_matches_answers() -> None:
    app = App()
    app.get("/items/new")(lambda request: Response.text("form"))
    app.get("/items/{item_id}")(lambda request, item_id: Response.text(f"item {item_id}"))
    app.route("/items/{item_id}")(lambda request, item_id: Response.text("any method"))
    assert app(Request("GET", "/items/new")).body == "form"
    assert app(Request("GET", "/items/3")).body == "item 3"
    assert app(Request("DELETE", "/items/3")).body == "any method"


def test_a_path_that_matches_with_another_method_is_a_405_that_says_which_are_allowed() -> None:
    app = App()
    app.get("/notes")(lambda request: Response.text("list"))
    app.post("/notes")(lambda request: Response.text("made", status=201))
    app.route("/notes", methods=["put", "patch"])(lambda request: Response.text("changed"))
    app.delete("/other")(lambda request: Response.text("gone"))
    assert app(Request("post", "/notes")).status == 201
    assert app(Request("patch", "/notes")).body == "changed"
    refused = app(Request("DELETE", "/notes"))
    assert (refused.status, refused.headers["allow"], refused.body) == (
        405,
        "GET, PATCH, POST, PUT",
        "method not allowed\n",
    )


def test_no_match_is_a_404() -> None:
    app = App()
    app.get("/notes")(lambda request: Response.text("list"))
    missing = app(Request("GET", "/nothing"))
    assert (missing.status, missing.body, missing.headers["content-type"]) == (
        404,
        "not found\n",
        "text/plain; charset=utf-8",
    )
    assert "allow" not in missing.headers


def test_the_404_and_the_405_reach_the_client() -> None:
    app = App()
    app.get("/notes")(lambda request: Response.text("list"))
    assert serve(app, Method_Post(), "/notes")[:2] == (
        405,
        [("allow", b"GET"), ("content-type", b"text/plain; charset=utf-8")],
    )
    assert serve(app, Method_Get(), "/elsewhere?x=1") == (
        404,
        [("content-type", b"text/plain; charset=utf-8")],
        b"not found\n",
    )


def test_the_route_decorators_answer_their_method() -> None:
    app = App()
    for method in ("get", "post", "put", "delete", "patch"):
        getattr(app, method)("/r")(lambda request, method=method: Response.text(method))
    for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
        assert app(Request(method, "/r")).body == method.lower()
    assert app(Request("HEAD", "/r")).status == 405


def test_a_decorator_returns_the_function_as_it_was() -> None:
    app = App()

    def show(request: Request) -> Response:
        return Response()

    assert app.get("/")(show) is show


def test_a_bad_parameter_spec_raises_value_error() -> None:
    app = App()
    with pytest.raises(ValueError, match=r"\{item_id:int\}"):
        app.get("/items/{item_id:int}")(lambda request, item_id: Response())
    with pytest.raises(ValueError, match="starts with /"):
        app.get("items")


# Headers, Request, Response.


def test_headers_are_case_insensitive_and_join_repeated_values() -> None:
    headers = Headers([("Set-Cookie", "a=1"), ("content-type", "text/plain"), ("set-cookie", "b=2")])
    assert headers["set-cookie"] == "a=1, b=2"
    assert headers["CONTENT-TYPE"] == "text/plain"
    assert headers.get_all("SET-COOKIE") == ["a=1", "b=2"]
    assert headers.get_all("x-missing") == []
    assert headers.get("x-missing") is None
    assert list(headers) == ["set-cookie", "content-type"]
    assert len(headers) == 2
    assert "Content-Type" in headers
    with pytest.raises(KeyError):
        headers["x-missing"]


def test_headers_come_from_a_dict_pairs_or_headers() -> None:
    assert Headers({"X-A": "1"}).pairs == (("X-A", "1"),)
    assert Headers([("x-a", "1"), ("x-a", "2")]).pairs == (("x-a", "1"), ("x-a", "2"))
    assert Headers(Headers({"x-a": "1"})).pairs == (("x-a", "1"),)
    assert Headers().pairs == ()


def test_a_request_reads_its_query_target_text_and_json() -> None:
    request = Request("get", "/search", "q=caf%C3%A9&tag=a&tag=b&empty=", {"Accept": "text/html"}, '{"n": [1, 2]}')
    assert request.method == "GET"
    assert request.query == {"q": "café", "tag": "a", "empty": ""}
    assert request.query_list("tag") == ["a", "b"]
    assert request.query_list("missing") == []
    assert request.target == "/search?q=caf%C3%A9&tag=a&tag=b&empty="
    assert request.body == b'{"n": [1, 2]}'
    assert request.text == '{"n": [1, 2]}'
    assert request.json() == {"n": [1, 2]}
    assert request.headers["accept"] == "text/html"
    assert request.header("ACCEPT") == "text/html"


def test_a_request_without_a_query_is_its_path() -> None:
    request = Request("GET", "")
    assert (request.path, request.target, request.query, request.params) == ("/", "/", {}, {})


def test_a_request_body_that_is_not_utf8_or_json() -> None:
    request = Request("POST", "/", body=b"caf\xe9")
    assert request.text == "caf\ufffd"
    with pytest.raises(ValueError):
        request.json()


def test_response_text_and_json_set_the_content_type() -> None:
    text = Response.text("hi", status=202, headers={"x-a": "1"})
    assert (text.body, text.status, text.headers.pairs) == (
        "hi",
        202,
        (("x-a", "1"), ("content-type", "text/plain; charset=utf-8")),
    )
    data = Response.json({"é": [1]}, status=201)
    assert (data.status, data.headers["content-type"]) == (201, "application/json")
    assert data.encoded() == ([("content-type", b"application/json")], b'{"\\u00e9": [1]}')


def test_a_str_body_is_text_plain_unless_a_content_type_is_set() -> None:
    assert Response("héllo").encoded() == ([("content-type", b"text/plain; charset=utf-8")], "héllo".encode())
    assert Response("<p/>", headers={"Content-Type": "text/html"}).encoded() == (
        [("Content-Type", b"text/html")],
        b"<p/>",
    )
    assert Response("<p/>", content_type="text/html").encoded() == ([("content-type", b"text/html")], b"<p/>")
    assert Response(b"\x00\x01").encoded() == ([], b"\x00\x01")


def test_content_type_replaces_the_one_in_the_headers() -> None:
    response = Response(b"x", headers=[("Content-Type", "text/html"), ("x-a", "1")], content_type="image/png")
    assert response.headers.pairs == (("x-a", "1"), ("content-type", "image/png"))
    assert (response.status, Response().status, Response().body) == (200, 200, b"")
