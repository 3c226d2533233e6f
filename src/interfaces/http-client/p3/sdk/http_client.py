"""HTTP requests from a wasmCloud component on WASI 0.3, sent over wasi:http/client; each answer is read whole.

    from wasmcloud_sdk import http_client

    response = await http_client.get("https://example.com/items", timeout=5)
    items = response.json() if response.ok else []

Requests are `async`: several at once take as long as the slowest (asyncio.gather). A request's body is written to
its stream while the host sends it; the response's body is read from its stream to the end. A request the host
refuses or cannot make raises HttpError, whose `reason` says what kind of failure it was.
"""

import asyncio
import json as jsonlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import wit_world
from componentize_py_async_support.streams import ByteStreamReader, ByteStreamWriter
from componentize_py_types import Err, Ok
from wit_world.imports import http_client, http_types

MAX_CHUNK = 65536
"""The most bytes one read or write of a body's stream moves (a 0.3 stream has no limit of its own)."""

DENIED = "the host allows no requests to it (add it to the allowed hosts)"
"""Why a request to a host that is not allowed fails."""


# shared: http-client/sdk/http_client.py: HttpError, Response, SentRequest


# shared: http-client/sdk/http_client.py: joined, target, words, http_error, method_of, request_options


async def write_body(writer: ByteStreamWriter, data: bytes) -> None:
    """Write the request's body in chunks, then close the stream; the host reads it while it sends the request."""
    with writer:
        for start in range(0, len(data), MAX_CHUNK):
            await writer.write_all(data[start : start + MAX_CHUNK])
            if writer.reader_dropped:
                return  # the host stopped reading: its response says why


async def read_body(reader: ByteStreamReader) -> bytes:
    """A whole body, read chunk by chunk until the host closes its end of the stream."""
    data = bytearray()
    with reader:
        while not reader.writer_dropped:
            data += await reader.read(MAX_CHUNK)
    return bytes(data)


class Host(Protocol):
    """What the module needs from a host: send one request and get its whole response."""

    async def send(
        self, method: str, url: str, headers: dict[str, str], body: bytes, timeout: float | None
    ) -> Response:
        """Send a request; raises HttpError when no response comes."""
        ...


class WitHost:
    """Host over wasi:http/client: the only class that touches wit_world; failures become HttpError."""

    async def send(
        self, method: str, url: str, headers: dict[str, str], body: bytes, timeout: float | None
    ) -> Response:
        """Send the request, its body written alongside, and read the response whole."""
        scheme, authority, path = target(url)
        pairs = [(name, value.encode()) for name, value in headers.items()]
        if body and not any(name.lower() == "content-length" for name in headers):
            pairs.append(("content-length", str(len(body)).encode()))
        try:
            fields = http_types.Fields.from_list(pairs)
        except Err as error:
            raise HttpError("other", f"the host refused a header: {words(type(error.value).__name__)}") from None
        writer, contents = wit_world.byte_stream() if body else (None, None)
        # The request's trailers: none, which the future's writer sends as it is dropped.
        trailers = wit_world.result_option_http_types_fields_http_types_error_code_future(lambda: Ok(None))[1]
        request, transmitted = http_types.Request.new(fields, contents, trailers, request_options(timeout))
        with transmitted:  # how the transmission went shows in send()'s answer
            pass
        try:
            request.set_method(method_of(method))
            request.set_scheme(http_types.Scheme_Https() if scheme == "https" else http_types.Scheme_Http())
            request.set_authority(authority)
            request.set_path_with_query(path)
        except Err:
            with request:
                pass
            if writer is not None:
                with writer:
                    pass
            raise HttpError("other", f"the host refused {method} {url}") from None
        try:
            if writer is None:
                response = await http_client.send(request)
            else:  # the host reads the body while send() runs: awaited in turn, each would wait for the other
                response, _ = await asyncio.gather(http_client.send(request), write_body(writer, body))
        except Err as error:
            raise http_error(error.value) from None
        status = response.get_status_code()
        with response.get_headers() as fields:
            answer = joined((name, value.decode(errors="replace")) for name, value in fields.copy_all())
        handled = wit_world.result_unit_http_types_error_code_future(lambda: Ok(None))[1]
        stream, ended = http_types.Response.consume_body(response, handled)
        data = await read_body(stream)
        outcome = await ended.read()  # resolves once the body's stream is closed: how receiving it went
        if isinstance(outcome, Err):
            raise http_error(outcome.value)
        if outcome.value is not None:
            with outcome.value:  # the response's trailers, which are not read
                pass
        return Response(status, answer, data)


# shared: http-client/sdk/http_client.py: Responder, prepared


class MemoryHost(Responder):
    """Host in memory, for tests and local serving: see Responder for what it answers."""

    async def send(
        self, method: str, url: str, headers: dict[str, str], body: bytes, timeout: float | None
    ) -> Response:
        """The registered answer to the request."""
        return self.answer(method, url, headers, body)


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


async def request(
    method: str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    body: bytes | str | None = None,
    timeout: float | None = None,
) -> Response:
    """Send a request and return its response, whatever its status; raises HttpError when none comes.

    A str body is sent as UTF-8 (as text/plain unless `headers` name a content-type). `timeout` (seconds) bounds
    connecting, the first byte of the response and each wait between its bytes.
    """
    sent, data = prepared(headers, body)
    return await host.send(method.upper(), url, sent, data, timeout)


async def get(url: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> Response:
    """Send a GET request and return its response (see request())."""
    return await request("GET", url, headers=headers, timeout=timeout)
