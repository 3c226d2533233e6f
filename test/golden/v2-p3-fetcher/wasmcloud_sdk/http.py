"""HTTP for a wasmCloud component on WASI 0.3: requests, responses and routes, served over wasi:http/handler.

    from wasmcloud_sdk.http import App, Request, Response, http_handler

    app = App()


    @app.get("/items/{item_id}")
    async def show(request: Request, item_id: str) -> Response:
        return Response.json({"id": item_id, "q": request.query.get("q")})


    HttpHandler = http_handler(app)  # the export the host calls for each request

A route's function is `async def` (a plain `def` works too); it can await what WASI 0.3 makes asynchronous, several
things at once with asyncio.gather. A route's `{name}` matches one path segment and `{name:path}` the rest of the path;
each is passed to the function by name. The first route whose path and method match answers; a path that matches
with another method is a 405, no match a 404. A function that raises is answered with a 500 and a line on stderr
that says why and where. The request's body is read from its stream before the function runs; the response's body
is streamed to the client after it returns.
"""

import json as jsonlib
import re
import sys
import typing
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from componentize_py_async_support import spawn
from componentize_py_async_support.futures import FutureReader
from componentize_py_async_support.streams import ByteStreamReader, ByteStreamWriter
from componentize_py_types import Err, Ok, Result
from wit_world import (
    byte_stream,
    exports,
    result_option_http_types_fields_http_types_error_code_future,
    result_unit_http_types_error_code_future,
)
from wit_world.imports.http_types import ErrorCode, Fields, Method, Method_Other
from wit_world.imports.http_types import Request as WitRequest
from wit_world.imports.http_types import Response as WitResponse

MAX_CHUNK = 65536
"""The most bytes one read or write of a body's stream moves (a 0.3 stream has no limit of its own)."""

type HeadersLike = Headers | Mapping[str, str] | Iterable[tuple[str, str]]
"""What a request or a response takes as its headers: a dict, (name, value) pairs, or Headers."""


class Headers(Mapping[str, str]):
    """HTTP headers: names in any case, a name's values joined by `, ` (`get_all` keeps them apart), in order."""

    def __init__(self, headers: HeadersLike = ()) -> None:
        if isinstance(headers, Headers):
            self.pairs: tuple[tuple[str, str], ...] = headers.pairs
        elif isinstance(headers, Mapping):
            self.pairs = tuple((str(name), str(value)) for name, value in headers.items())
        else:
            self.pairs = tuple(headers)

    def __getitem__(self, name: str) -> str:
        values = self.get_all(name)
        if not values:
            raise KeyError(name)
        return ", ".join(values)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(name.lower() for name, _ in self.pairs))

    def __len__(self) -> int:
        return len({name.lower() for name, _ in self.pairs})

    def get_all(self, name: str) -> list[str]:
        """Every value of the header `name`, in order (Set-Cookie is one a value)."""
        return [value for key, value in self.pairs if key.lower() == name.lower()]

    def __repr__(self) -> str:
        return f"Headers({list(self.pairs)!r})"


@dataclass(frozen=True)
class Request:
    """An HTTP request, its body read whole: `Request("POST", "/notes", body=b"hi")` in a test."""

    method: str
    path: str
    query_string: str = ""
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""
    params: Mapping[str, str] = field(default_factory=dict)
    """The path parameters of the route that matched (`{item_id}`), also passed to its function by name."""

    def __init__(
        self,
        method: str,
        path: str,
        query_string: str = "",
        headers: HeadersLike = (),
        body: bytes | str = b"",
        params: Mapping[str, str] | None = None,
    ) -> None:
        object.__setattr__(self, "method", method.upper())
        object.__setattr__(self, "path", path or "/")
        object.__setattr__(self, "query_string", query_string)
        object.__setattr__(self, "headers", Headers(headers))
        object.__setattr__(self, "body", body.encode() if isinstance(body, str) else body)
        object.__setattr__(self, "params", dict(params or {}))

    @property
    def query(self) -> dict[str, str]:
        """The query's parameters, each name's first value (`query_list` has them all), as urllib.parse reads them."""
        values: dict[str, str] = {}
        for name, value in parse_qsl(self.query_string, keep_blank_values=True):
            values.setdefault(name, value)
        return values

    def query_list(self, name: str) -> list[str]:
        """Every value the query gives `name`, in order."""
        return [value for key, value in parse_qsl(self.query_string, keep_blank_values=True) if key == name]

    @property
    def target(self) -> str:
        """The path and the query, as the request line has them: `/notes?day=1`."""
        return f"{self.path}?{self.query_string}" if self.query_string else self.path

    @property
    def text(self) -> str:
        """The body as text: UTF-8, a byte that is not replaced by U+FFFD."""
        return self.body.decode(errors="replace")

    def json(self) -> typing.Any:
        """The body parsed as JSON; raises ValueError when it is not JSON."""
        return jsonlib.loads(self.body)

    def header(self, name: str) -> str | None:
        """The value of the header `name`, in any case, or None when the request has none."""
        return self.headers.get(name)

    def with_params(self, params: Mapping[str, str]) -> "Request":
        """This request with the path parameters of the route that matched it."""
        return Request(self.method, self.path, self.query_string, self.headers, self.body, params)


@dataclass(frozen=True)
class Response:
    """An HTTP response. A `str` body is sent as UTF-8, as text/plain unless the headers name a content-type.

    `Response("ok\\n")`, `Response(data, status=201, headers={"location": "/notes/1"})`, `Response.json({...})`.
    """

    body: bytes | str = b""
    status: int = 200
    headers: Headers = field(default_factory=Headers)

    def __init__(
        self, body: bytes | str = b"", *, status: int = 200, headers: HeadersLike = (), content_type: str | None = None
    ) -> None:
        pairs = Headers(headers).pairs
        if content_type is not None:
            pairs = (*((k, v) for k, v in pairs if k.lower() != "content-type"), ("content-type", content_type))
        object.__setattr__(self, "body", body)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "headers", Headers(pairs))

    @classmethod
    def text(cls, text: str, *, status: int = 200, headers: HeadersLike = ()) -> "Response":
        """A text/plain answer in UTF-8."""
        return cls(text, status=status, headers=headers, content_type="text/plain; charset=utf-8")

    @classmethod
    def json(cls, data: object, *, status: int = 200, headers: HeadersLike = ()) -> "Response":
        """`data` as JSON (application/json)."""
        return cls(jsonlib.dumps(data), status=status, headers=headers, content_type="application/json")

    def encoded(self) -> tuple[list[tuple[str, bytes]], bytes]:
        """The headers and the body as they go on the wire."""
        headers = [(name, value.encode("latin-1")) for name, value in self.headers.pairs]
        if isinstance(self.body, bytes):
            return headers, self.body
        if "content-type" not in self.headers:
            headers.append(("content-type", b"text/plain; charset=utf-8"))
        return headers, self.body.encode()


INTERNAL_ERROR = Response("internal server error\n", status=500)


PARAMETER = re.compile(r"\{(\w+)(?::(\w+))?\}")
"""A path parameter in a route: `{name}` or `{name:path}`."""

F = typing.TypeVar("F", bound=Callable[..., typing.Any])
"""A route's function: it takes the request and the path parameters by name, and returns a Response."""


@dataclass(frozen=True)
class Route:
    """A path pattern, the methods it answers (None: any) and the function that answers."""

    pattern: str
    methods: frozenset[str] | None
    function: Callable[..., typing.Any]
    regex: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        def part(match: re.Match[str]) -> str:
            name, kind = match.group(1), match.group(2)
            if kind not in (None, "path"):
                raise ValueError(f"route {self.pattern!r}: use {{{name}}} or {{{name}:path}}, not {{{name}:{kind}}}")
            return f"(?P<{name}>.*)" if kind == "path" else f"(?P<{name}>[^/]+)"

        pieces = re.split(r"(\{\w+(?::\w+)?\})", self.pattern)
        regex = "".join(PARAMETER.sub(part, piece) if piece.startswith("{") else re.escape(piece) for piece in pieces)
        try:
            object.__setattr__(self, "regex", re.compile(f"^{regex}$"))
        except re.error as error:  # a name used twice, or one that is not an identifier
            raise ValueError(f"route {self.pattern!r}: {error}") from None

    def match(self, path: str) -> dict[str, str] | None:
        """The path parameters when `path` matches, else None."""
        found = self.regex.match(path)
        return found.groupdict() if found else None


class Router:
    """The routes of an app, in the order they were declared, and what answers a request that none matches."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def route(self, path: str, methods: Iterable[str] | None = None) -> Callable[[F], F]:
        """Declare a route: `@app.route("/notes/{note_id}", methods=["GET", "PUT"])`; no methods: any method."""
        if not path.startswith("/"):
            raise ValueError(f"route {path!r}: a path starts with /")

        def declare(function: F) -> F:
            allowed = None if methods is None else frozenset(method.upper() for method in methods)
            self.routes.append(Route(path, allowed, function))
            return function

        return declare

    def get(self, path: str) -> Callable[[F], F]:
        """Declare a GET route."""
        return self.route(path, ["GET"])

    def post(self, path: str) -> Callable[[F], F]:
        """Declare a POST route."""
        return self.route(path, ["POST"])

    def put(self, path: str) -> Callable[[F], F]:
        """Declare a PUT route."""
        return self.route(path, ["PUT"])

    def delete(self, path: str) -> Callable[[F], F]:
        """Declare a DELETE route."""
        return self.route(path, ["DELETE"])

    def patch(self, path: str) -> Callable[[F], F]:
        """Declare a PATCH route."""
        return self.route(path, ["PATCH"])

    def find(self, request: Request) -> tuple[Route, dict[str, str]] | Response:
        """The route that answers `request` and its path parameters, or the 404 or 405 when none does."""
        allowed: set[str] = set()
        for route in self.routes:
            params = route.match(request.path)
            if params is None:
                continue
            if route.methods is None or request.method in route.methods:
                return route, params
            allowed |= route.methods
        if allowed:
            return Response.text("method not allowed\n", status=405, headers={"allow": ", ".join(sorted(allowed))})
        return Response.text("not found\n", status=404)


class App(Router):
    """The HTTP app: its routes answer each request (`await app(request)` in a test)."""

    async def __call__(self, request: Request) -> Response:
        found = self.find(request)
        if isinstance(found, Response):
            return found
        route, params = found
        answer = route.function(request.with_params(params), **params)
        if isinstance(answer, Awaitable):
            answer = await answer
        if not isinstance(answer, Response):
            raise TypeError(f"{route.function.__name__} returned {type(answer).__name__}, not a Response")
        return answer


app_of_export: Callable[[Request], Awaitable[Response]] | None = None
"""The app the export serves, once http_handler() has been called: wasmcloud_sdk.testing's client calls it."""


def method_name(method: Method) -> str:
    """The request method as it appears on the wire, e.g. `GET`."""
    if isinstance(method, Method_Other):
        return method.value
    return type(method).__name__.removeprefix("Method_").upper()


def chunks(data: bytes) -> Iterator[bytes]:
    """`data` in pieces of at most MAX_CHUNK bytes."""
    for start in range(0, len(data), MAX_CHUNK):
        yield data[start : start + MAX_CHUNK]


def failure(request: Request, error: Exception) -> str:
    """The line a failed request leaves on stderr: the request, the exception and where it was raised."""
    where, frame = "", error.__traceback__
    while frame is not None:  # the innermost frame: where the exception was raised
        where, frame = f" at {frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}", frame.tb_next
    return f"500 for {request.method} {request.target}: {error!r}{where}"


def handled() -> FutureReader[Result[None, ErrorCode]]:
    """The future that tells the host how handling a request went: it went well."""
    return result_unit_http_types_error_code_future(lambda: Ok(None))[1]


def no_trailers() -> FutureReader[Result[Fields | None, ErrorCode]]:
    """The future of a response's trailers, which it has none of."""
    return result_option_http_types_fields_http_types_error_code_future(lambda: Ok(None))[1]


async def read_body(stream: ByteStreamReader) -> bytes:
    """Read a whole body, chunk by chunk, until the host closes its end of the stream."""
    data = bytearray()
    with stream:
        while not stream.writer_dropped:
            data += await stream.read(MAX_CHUNK)
    return bytes(data)


async def read_request(request: WitRequest) -> Request:
    """The request as the app sees it."""
    path, _, query = (request.get_path_with_query() or "/").partition("?")
    method = method_name(request.get_method())
    with request.get_headers() as fields:
        headers = [(name, value.decode("latin-1")) for name, value in fields.copy_all()]
    stream, trailers = WitRequest.consume_body(request, handled())
    with trailers:  # a request's trailers, if any, are not read
        return Request(method, path, query, headers, await read_body(stream))


def outgoing(response: Response) -> tuple[WitResponse, ByteStreamWriter, bytes]:
    """The host's response for `response`, the stream its body goes to and the bytes to write to it.

    Raises if the host refuses a header or the status; nothing is left open then.
    """
    headers, data = response.encoded()
    fields = Fields.from_list(headers)
    writer, reader = byte_stream()
    result = WitResponse.new(fields, reader, no_trailers())[0]
    try:
        result.set_status_code(response.status)
    except Err:
        with result, writer:
            raise
    return result, writer, data


async def respond(
    app: Callable[[Request], Awaitable[Response]], request: Request
) -> tuple[WitResponse, ByteStreamWriter, bytes]:
    """The app's answer to `request`, or a 500 when it raises or gives a status or header the host refuses."""
    try:
        return outgoing(await app(request))
    except Exception as error:
        print(failure(request, error), file=sys.stderr)
        return outgoing(INTERNAL_ERROR)


async def write_body(stream: ByteStreamWriter, data: bytes) -> None:
    """Write the body in chunks, then close the stream: the client has all of it."""
    with stream:
        for chunk in chunks(data):
            await stream.write_all(chunk)
            if stream.reader_dropped:
                return  # the client went away


def http_handler(app: Callable[[Request], Awaitable[Response]]) -> type[exports.HttpHandler]:
    """The export that answers every request the host sends with `app` (an App, or any async function of a Request)."""
    global app_of_export
    app_of_export = app

    class HttpHandler(exports.HttpHandler):
        async def handle(self, request: WitRequest) -> WitResponse:
            response, stream, data = await respond(app, await read_request(request))
            # The host sends the status and the headers once this returns: the body follows, written by a task
            # that runs on after it (the host reads the stream only then).
            spawn(write_body(stream, data))
            return response

    return HttpHandler
