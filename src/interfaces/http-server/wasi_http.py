"""The wasi:http plumbing around app.py's handle(): create-wasmcloud-python writes this file; add may rewrite it.

handle() takes a Request and returns a Response. incoming_handler(handle) makes the export the host calls for
each request, app.py's IncomingHandler: it reads the request, its body in chunks, calls handle() and writes the
status, the headers and the body back in chunks. A handler that raises is answered with a 500 and a line on stderr.
"""

import sys
import typing  # before dataclasses: in this order the built component is 0.3 MB smaller
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from componentize_py_types import Err, Ok
from wit_world import exports
from wit_world.imports.http_types import (
    Fields,
    IncomingBody,
    IncomingRequest,
    Method,
    Method_Other,
    OutgoingBody,
    OutgoingResponse,
    ResponseOutparam,
)

MAX_CHUNK = 4096
"""The most bytes a stream reads or writes at once (wasi:io writes at most 4096)."""

Headers: typing.TypeAlias = Sequence[tuple[str, str]]
"""Header names and values in order, a name repeated for each of its values; latin-1 text, as WSGI has them."""


# shared: http-server/request_response.py (Request and Response, the same for WASI 0.2 and 0.3)


Handler: typing.TypeAlias = Callable[[Request], Response]

INTERNAL_ERROR = Response(500, body="internal server error\n")


def method_name(method: Method) -> str:
    """The request method as it appears on the wire, e.g. `GET`."""
    if isinstance(method, Method_Other):
        return method.value
    return type(method).__name__.removeprefix("Method_").upper()


def read_body(body: IncomingBody) -> bytes:
    """Read a whole body, chunk by chunk."""
    data = bytearray()
    with body.stream() as stream:
        while True:
            try:
                data += stream.blocking_read(MAX_CHUNK)
            except Err:
                break  # the stream is closed: the body has been read
    IncomingBody.finish(body)
    return bytes(data)


def read_request(request: IncomingRequest) -> Request:
    """The request as handle() sees it."""
    path, _, query = (request.path_with_query() or "/").partition("?")
    with request.headers() as fields:
        headers = tuple((name, value.decode("latin-1")) for name, value in fields.entries())
    return Request(method_name(request.method()), path or "/", query, headers, read_body(request.consume()))


def encode(response: Response) -> tuple[list[tuple[str, bytes]], bytes]:
    """The headers and the body of `response` as bytes."""
    headers = [(name, value.encode("latin-1")) for name, value in response.headers]
    if isinstance(response.body, bytes):
        return headers, response.body
    if not any(name.lower() == "content-type" for name, _ in headers):
        headers.append(("content-type", b"text/plain; charset=utf-8"))
    return headers, response.body.encode()


def chunks(data: bytes) -> Iterator[bytes]:
    """`data` in pieces of at most MAX_CHUNK bytes."""
    for start in range(0, len(data), MAX_CHUNK):
        yield data[start : start + MAX_CHUNK]


def outgoing(response: Response) -> tuple[OutgoingResponse, OutgoingBody, bytes]:
    """The host's response for `response`, its body and the bytes to write to it; raises if the host refuses one."""
    headers, data = encode(response)
    result = OutgoingResponse(Fields.from_list(headers))
    result.set_status_code(response.status)
    return result, result.body(), data


def failure(request: Request, error: Exception) -> str:
    """The line a failed request leaves on stderr: the request, the exception and where it was raised."""
    where, frame = "", error.__traceback__
    while frame is not None:  # the innermost frame: where the exception was raised
        where, frame = f" at {frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}", frame.tb_next
    return f"500 for {request.method} {request.target}: {error!r}{where}"


def respond(handler: Handler, request: Request) -> tuple[OutgoingResponse, OutgoingBody, bytes]:
    """The handler's answer to `request`, or a 500 when it raises or gives a status or header the host refuses."""
    try:
        return outgoing(handler(request))
    except Exception as error:
        print(failure(request, error), file=sys.stderr)
        return outgoing(INTERNAL_ERROR)


def send(response_out: ResponseOutparam, response: OutgoingResponse, body: OutgoingBody, data: bytes) -> None:
    """Send the status and headers, then the body in chunks."""
    ResponseOutparam.set(response_out, Ok(response))
    with body.write() as stream:
        for chunk in chunks(data):
            stream.blocking_write_and_flush(chunk)
    OutgoingBody.finish(body, None)


def incoming_handler(handler: Handler) -> type[exports.IncomingHandler]:
    """The export that answers every request the host sends with `handler`."""

    class IncomingHandler(exports.IncomingHandler):
        def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
            send(response_out, *respond(handler, read_request(request)))

    return IncomingHandler
