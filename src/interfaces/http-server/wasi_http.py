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


# shared: http-server/common.py: Request, Response


Handler: typing.TypeAlias = Callable[[Request], Response]

INTERNAL_ERROR = Response(500, body="internal server error\n")


# shared: http-server/common.py: method_name


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


# shared: http-server/common.py: encode, chunks


def outgoing(response: Response) -> tuple[OutgoingResponse, OutgoingBody, bytes]:
    """The host's response for `response`, its body and the bytes to write to it; raises if the host refuses one."""
    headers, data = encode(response)
    result = OutgoingResponse(Fields.from_list(headers))
    result.set_status_code(response.status)
    return result, result.body(), data


# shared: http-server/common.py: failure


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
