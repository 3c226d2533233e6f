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


class HttpError(Exception):
    """A request that got no response: `reason` is "denied", "dns", "timeout", "connection" or "other".

    str(error) is `<reason>: <detail>`, the detail in words.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Response:
    """An HTTP response: its status, its headers (names lowercased, a name's values joined by ", ") and its body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def ok(self) -> bool:
        """Whether the status is a success (2xx)."""
        return 200 <= self.status < 300

    @property
    def text(self) -> str:
        """The body as text: in the charset the content-type names, else UTF-8; bytes that do not decode replaced."""
        charset = "utf-8"
        for parameter in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset" and value.strip().strip('"'):
                charset = value.strip().strip('"')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON (raises ValueError when it is not JSON)."""
        return jsonlib.loads(self.body)


@dataclass(frozen=True)
class SentRequest:
    """A request as MemoryHost received it: header names lowercased."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def joined(pairs: Iterator[tuple[str, str]]) -> dict[str, str]:
    """Headers as a dict: names lowercased, the values of a name repeated joined by ", "."""
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def target(url: str) -> tuple[str, str, str]:
    """The scheme, the authority (with its port) and the path with the query of an absolute http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise HttpError("other", f"{url!r} is not an absolute http:// or https:// URL")
    path = parts.path or "/"
    return parts.scheme.lower(), parts.netloc, f"{path}?{parts.query}" if parts.query else path


def words(name: str) -> str:
    """A variant's name in words: `ConnectionRefused` is `connection refused`."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def http_error(code: object) -> HttpError:
    """The HttpError for one of wasi:http's error-code variants."""
    name = type(code).__name__.removeprefix("ErrorCode_")
    if name == "HttpRequestDenied":
        return HttpError("denied", DENIED)
    if name.startswith("Dns"):
        reason = "dns"
    elif name.endswith("Timeout"):
        reason = "timeout"
    elif name.startswith(("Connection", "Destination")):
        reason = "connection"
    else:
        reason = "other"
    value = getattr(code, "value", None)
    details: list[str] = []
    if isinstance(value, str | int):
        details = [str(value)]
    elif value is not None:  # a payload record: the fields it has
        details = [str(part) for part in vars(value).values() if part is not None]
    return HttpError(reason, words(name) + (f" ({', '.join(details)})" if details else ""))


def method_of(method: str) -> http_types.Method:
    """wasi:http's method for a method name."""
    known: dict[str, Callable[[], http_types.Method]] = {
        "GET": http_types.Method_Get,
        "HEAD": http_types.Method_Head,
        "POST": http_types.Method_Post,
        "PUT": http_types.Method_Put,
        "DELETE": http_types.Method_Delete,
        "CONNECT": http_types.Method_Connect,
        "OPTIONS": http_types.Method_Options,
        "TRACE": http_types.Method_Trace,
        "PATCH": http_types.Method_Patch,
    }
    if method in known:
        return known[method]()
    return http_types.Method_Other(method)


def request_options(timeout: float | None) -> http_types.RequestOptions | None:
    """The transport's timeouts (connect, first byte, between bytes), each `timeout` seconds; None for the host's."""
    if timeout is None:
        return None
    options = http_types.RequestOptions()
    nanoseconds = max(0, round(timeout * 1_000_000_000))
    for setter in (options.set_connect_timeout, options.set_first_byte_timeout, options.set_between_bytes_timeout):
        with suppress(Err):  # a host that does not support one of them keeps its own
            setter(nanoseconds)
    return options


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


class Responder:
    """What MemoryHost answers, on either WASI revision: the answers respond() registered, and every request.

    `requests` holds each request sent, in order; a request to a host deny() named raises HttpError("denied") and is
    not sent; a URL nothing answers raises HttpError("connection"). `fail`: when set, every request raises
    HttpError("connection", fail), a network that is down.
    """

    def __init__(self) -> None:
        self.answers: dict[tuple[str | None, str], Response] = {}
        self.denied: set[str] = set()
        self.requests: list[SentRequest] = []
        self.fail: str | None = None

    def respond(
        self,
        url: str,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        body: bytes | str = b"",
        json: Any = None,
        method: str | None = None,
    ) -> None:
        """Answer requests to `url` (with `method`, or any) so; `json=` sends that value as application/json."""
        answer = joined(iter((headers or {}).items()))
        data = body.encode() if isinstance(body, str) else body
        if json is not None:
            data = jsonlib.dumps(json).encode()
            answer.setdefault("content-type", "application/json")
        elif isinstance(body, str):
            answer.setdefault("content-type", "text/plain; charset=utf-8")
        scheme, authority, path = target(url)
        self.answers[(method.upper() if method else None, f"{scheme}://{authority.lower()}{path}")] = Response(
            status, answer, data
        )

    def deny(self, host: str) -> None:
        """Make requests to `host` (a host name, or name:port) fail as a host's allow list does: "denied"."""
        self.denied.add(host.lower())

    def answer(self, method: str, url: str, headers: dict[str, str], body: bytes) -> Response:
        """The registered answer to the request, which is recorded."""
        if self.fail is not None:
            raise HttpError("connection", self.fail)
        scheme, authority, path = target(url)
        authority = authority.lower()
        if authority in self.denied or (urlsplit(url).hostname or "") in self.denied:
            raise HttpError("denied", DENIED)
        self.requests.append(SentRequest(method, url, joined(iter(headers.items())), body))
        key = f"{scheme}://{authority}{path}"
        answer = self.answers.get((method, key)) or self.answers.get((None, key))
        if answer is None:
            raise HttpError("connection", f"nothing answers {method} {url} (register an answer with respond())")
        return answer


def prepared(headers: Mapping[str, str] | None, body: bytes | str | None) -> tuple[dict[str, str], bytes]:
    """The headers and the body a request sends: a str body as UTF-8, text/plain unless a content-type is named."""
    sent = dict(headers or {})
    if isinstance(body, str) and not any(name.lower() == "content-type" for name in sent):
        sent["content-type"] = "text/plain; charset=utf-8"
    return sent, body.encode() if isinstance(body, str) else body or b""


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
