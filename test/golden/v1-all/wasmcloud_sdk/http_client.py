"""HTTP requests from a wasmCloud component, sent over wasi:http/outgoing-handler; each answer is read whole.

    from wasmcloud_sdk import http_client

    response = http_client.get("https://example.com/items", timeout=5)
    items = response.json() if response.ok else []

A request the host refuses or cannot make raises HttpError, whose `reason` says what kind of failure it was.
"""

import json as jsonlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from componentize_py_types import Err
from wit_world.imports import http_types, outgoing_handler
from wit_world.imports.io_streams import StreamError_LastOperationFailed

MAX_CHUNK = 4096
"""The most bytes a stream reads or writes at once (wasi:io writes at most 4096)."""

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


def stream_error(error: object) -> HttpError:
    """The HttpError for a body stream that failed: the host's error code when it has one."""
    if isinstance(error, StreamError_LastOperationFailed):
        with error.value as failed:
            code = http_types.http_error_code(failed)
        if code is not None:
            return http_error(code)
    return HttpError("connection", "the body's stream failed")


def write_body(body: http_types.OutgoingBody, data: bytes) -> None:
    """Write the request's body in chunks and finish it; a write the host stops shows in its response."""
    with body.write() as stream:
        for start in range(0, len(data), MAX_CHUNK):
            try:
                stream.blocking_write_and_flush(data[start : start + MAX_CHUNK])
            except Err:
                break
    try:
        http_types.OutgoingBody.finish(body, None)
    except Err as error:
        raise http_error(error.value) from None


def read_body(response: http_types.IncomingResponse) -> bytes:
    """The whole body of a response, read from its stream until the host closes it."""
    body = response.consume()
    data = bytearray()
    try:
        with body.stream() as stream:
            while True:
                try:
                    data += stream.blocking_read(MAX_CHUNK)
                except Err as error:
                    if isinstance(error.value, StreamError_LastOperationFailed):
                        raise stream_error(error.value) from None
                    break  # closed: every byte has been read
    except HttpError:
        with body:
            raise
    with http_types.IncomingBody.finish(body):  # the trailers, which are not read
        return bytes(data)


class Host(Protocol):
    """What the module needs from a host: send one request and get its whole response."""

    def send(self, method: str, url: str, headers: dict[str, str], body: bytes, timeout: float | None) -> Response:
        """Send a request; raises HttpError when no response comes."""
        ...


class WitHost:
    """Host over wasi:http/outgoing-handler: the only class that touches wit_world; failures become HttpError."""

    def send(self, method: str, url: str, headers: dict[str, str], body: bytes, timeout: float | None) -> Response:
        """Send the request, write its body, and read the response whole."""
        scheme, authority, path = target(url)
        pairs = [(name, value.encode()) for name, value in headers.items()]
        if body and not any(name.lower() == "content-length" for name in headers):
            pairs.append(("content-length", str(len(body)).encode()))
        try:
            fields = http_types.Fields.from_list(pairs)
        except Err as error:
            raise HttpError("other", f"the host refused a header: {words(type(error.value).__name__)}") from None
        request = http_types.OutgoingRequest(fields)
        try:
            request.set_method(method_of(method))
            request.set_scheme(http_types.Scheme_Https() if scheme == "https" else http_types.Scheme_Http())
            request.set_authority(authority)
            request.set_path_with_query(path)
        except Err:
            with request:
                raise HttpError("other", f"the host refused {method} {url}") from None
        outgoing = request.body() if body else None
        try:
            future = outgoing_handler.handle(request, request_options(timeout))
        except Err as error:
            if outgoing is not None:
                with outgoing:
                    pass
            raise http_error(error.value) from None
        with future:
            if outgoing is not None:
                write_body(outgoing, body)
            with future.subscribe() as ready:
                ready.block()
            outcome = future.get()
            if outcome is None or isinstance(outcome, Err):
                raise HttpError("other", "the host gave no response")
            if isinstance(outcome.value, Err):
                raise http_error(outcome.value.value)
            with outcome.value.value as response:
                with response.headers() as fields:
                    answer = joined((name, value.decode(errors="replace")) for name, value in fields.entries())
                return Response(response.status(), answer, read_body(response))


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

    def send(self, method: str, url: str, headers: dict[str, str], body: bytes, timeout: float | None) -> Response:
        """The registered answer to the request."""
        return self.answer(method, url, headers, body)


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


def request(
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
    return host.send(method.upper(), url, sent, data, timeout)


def get(url: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> Response:
    """Send a GET request and return its response (see request())."""
    return request("GET", url, headers=headers, timeout=timeout)
