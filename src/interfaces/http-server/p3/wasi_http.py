"""The wasi:http plumbing around app.py's handle(): create-wasmcloud-python writes this file; add may rewrite it.

handle() is `async def`: it takes a Request and returns a Response. http_handler(handle) makes the export the host
calls for each request, app.py's HttpHandler (WASI 0.3's wasi:http/handler): it reads the request, its body from
its stream in chunks, awaits handle() and returns the status and the headers to the host; a task of its own then
writes the body to the response's stream in chunks. A handler that raises is answered with a 500 and a line on
stderr.
"""

import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass

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

type Headers = Sequence[tuple[str, str]]
"""Header names and values in order, a name repeated for each of its values; latin-1 text, as WSGI has them."""


# shared: http-server/common.py: Request, Response


type Handler = Callable[[Request], Awaitable[Response]]

INTERNAL_ERROR = Response(500, body="internal server error\n")


# shared: http-server/common.py: method_name


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
    """The request as handle() sees it."""
    path, _, query = (request.get_path_with_query() or "/").partition("?")
    method = method_name(request.get_method())
    with request.get_headers() as fields:
        headers = tuple((name, value.decode("latin-1")) for name, value in fields.copy_all())
    stream, trailers = WitRequest.consume_body(request, handled())
    with trailers:  # a request's trailers, if any, are not read
        return Request(method, path or "/", query, headers, await read_body(stream))


# shared: http-server/common.py: encode, chunks


def outgoing(response: Response) -> tuple[WitResponse, ByteStreamWriter, bytes]:
    """The host's response for `response`, the stream its body goes to and the bytes to write to it.

    Raises if the host refuses a header or the status; nothing is left open then.
    """
    headers, data = encode(response)
    fields = Fields.from_list(headers)
    writer, reader = byte_stream()
    result = WitResponse.new(fields, reader, no_trailers())[0]
    try:
        result.set_status_code(response.status)
    except Err:
        with result, writer:
            raise
    return result, writer, data


# shared: http-server/common.py: failure


async def respond(handler: Handler, request: Request) -> tuple[WitResponse, ByteStreamWriter, bytes]:
    """The handler's answer to `request`, or a 500 when it raises or gives a status or header the host refuses."""
    try:
        return outgoing(await handler(request))
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


def http_handler(handler: Handler) -> type[exports.HttpHandler]:
    """The export that answers every request the host sends with `handler`."""

    class HttpHandler(exports.HttpHandler):
        async def handle(self, request: WitRequest) -> WitResponse:
            response, stream, data = await respond(handler, await read_request(request))
            # The host sends the status and the headers once this returns: the body follows, written by a task
            # that runs on after it (the host reads the stream only then).
            spawn(write_body(stream, data))
            return response

    return HttpHandler
