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


# shared: http-server/sdk/http.py: Headers, Request, Response


INTERNAL_ERROR = Response("internal server error\n", status=500)


PARAMETER = re.compile(r"\{(\w+)(?::(\w+))?\}")
"""A path parameter in a route: `{name}` or `{name:path}`."""

F = typing.TypeVar("F", bound=Callable[..., typing.Any])
"""A route's function: it takes the request and the path parameters by name, and returns a Response."""


# shared: http-server/sdk/http.py: Route, Router


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


# shared: http-server/sdk/http.py: method_name, chunks, failure


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
