"""Tests of wasmcloud_sdk.http_client on WASI 0.2, against fakes of wasi:http/outgoing-handler and wasi:http/types."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Self

import pytest
from componentize_py_types import Err, Ok
from wit_world.imports import http_types, outgoing_handler
from wit_world.imports.io_streams import StreamError_Closed, StreamError_LastOperationFailed

from wasmcloud_sdk import http_client


class Resource:
    """A binding resource: knows whether it was dropped, and refuses a second drop."""

    def __init__(self, wire: Wire) -> None:
        self.wire = wire
        self.dropped = False
        wire.resources.append(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        assert not self.dropped, f"{type(self).__name__} dropped twice"
        self.dropped = True


@dataclass
class Wire:
    """What the fake host saw, and how it answers."""

    resources: list[Resource] = field(default_factory=list)
    sent: list[FakeRequest] = field(default_factory=list)
    options: list[FakeOptions | None] = field(default_factory=list)
    status: int = 200
    headers: list[tuple[str, bytes]] = field(default_factory=list)
    body: bytes = b""
    refuse: object = None
    fail_later: object = None
    fail_body: object = None
    options_unsupported: bool = False

    def fields(self, entries: list[tuple[str, bytes]]) -> FakeFields:
        return FakeFields(self, entries)

    def handle(self, request: FakeRequest, options: FakeOptions | None) -> FakeFuture:
        if self.refuse is not None:
            raise Err(self.refuse)
        self.sent.append(request)
        self.options.append(options)
        return FakeFuture(self, request)


class FakeFields(Resource):
    def __init__(self, wire: Wire, entries: list[tuple[str, bytes]]) -> None:
        super().__init__(wire)
        self.pairs = list(entries)

    def entries(self) -> list[tuple[str, bytes]]:
        return list(self.pairs)


class FakeOutputStream(Resource):
    def __init__(self, wire: Wire) -> None:
        super().__init__(wire)
        self.data = bytearray()

    def blocking_write_and_flush(self, chunk: bytes) -> None:
        assert len(chunk) <= 4096, "wasi:io writes at most 4096 bytes at once"
        self.data += chunk


class FakeOutgoingBody(Resource):
    def __init__(self, wire: Wire) -> None:
        super().__init__(wire)
        self.stream: FakeOutputStream | None = None
        self.finished = False

    def write(self) -> FakeOutputStream:
        assert self.stream is None, "the body's stream was asked for twice"
        self.stream = FakeOutputStream(self.wire)
        return self.stream

    @classmethod
    def finish(cls, this: FakeOutgoingBody, trailers: object) -> None:
        assert this.stream is not None and this.stream.dropped, "finished before its stream was dropped"
        this.finished = True
        this.dropped = True  # finish() takes the body


class FakeRequest(Resource):
    def __init__(self, headers: FakeFields) -> None:
        super().__init__(headers.wire)
        self.headers = headers
        headers.dropped = True  # the request takes its headers
        self.parts: dict[str, object] = {}
        self.outgoing: FakeOutgoingBody | None = None

    def set_method(self, method: object) -> None:
        self.parts["method"] = method

    def set_scheme(self, scheme: object) -> None:
        self.parts["scheme"] = scheme

    def set_authority(self, authority: str) -> None:
        self.parts["authority"] = authority

    def set_path_with_query(self, path: str) -> None:
        self.parts["path"] = path

    def body(self) -> FakeOutgoingBody:
        self.outgoing = FakeOutgoingBody(self.wire)
        return self.outgoing

    @property
    def data(self) -> bytes:
        if self.outgoing is None:
            return b""
        assert self.outgoing.finished and self.outgoing.stream is not None
        return bytes(self.outgoing.stream.data)


class FakeOptions(Resource):
    def __init__(self) -> None:
        super().__init__(WIRE[0])
        self.set: dict[str, int | None] = {}

    def setter(self, name: str, value: int | None) -> None:
        if self.wire.options_unsupported and name != "between_bytes":
            raise Err(None)
        self.set[name] = value

    def set_connect_timeout(self, value: int | None) -> None:
        self.setter("connect", value)

    def set_first_byte_timeout(self, value: int | None) -> None:
        self.setter("first_byte", value)

    def set_between_bytes_timeout(self, value: int | None) -> None:
        self.setter("between_bytes", value)


WIRE: list[Wire] = []


class FakePollable(Resource):
    def block(self) -> None:
        pass


class FakeInputStream(Resource):
    def __init__(self, wire: Wire, data: bytes, piece: int) -> None:
        super().__init__(wire)
        self.data, self.piece = bytearray(data), piece

    def blocking_read(self, size: int) -> bytes:
        if not self.data:
            if self.wire.fail_body is not None:
                raise Err(StreamError_LastOperationFailed(FakeIoError(self.wire)))  # type: ignore[arg-type]
            raise Err(StreamError_Closed())
        chunk = bytes(self.data[: min(size, self.piece)])
        del self.data[: len(chunk)]
        return chunk


class FakeIoError(Resource):
    pass


class FakeIncomingBody(Resource):
    def __init__(self, wire: Wire) -> None:
        super().__init__(wire)
        self.streamed: FakeInputStream | None = None

    def stream(self) -> FakeInputStream:
        self.streamed = FakeInputStream(self.wire, self.wire.body, 1000)
        return self.streamed

    @classmethod
    def finish(cls, this: FakeIncomingBody) -> Resource:
        assert this.streamed is not None and this.streamed.dropped, "finished before its stream was dropped"
        this.dropped = True
        return Resource(this.wire)


class FakeResponse(Resource):
    def status(self) -> int:
        return self.wire.status

    def headers(self) -> FakeFields:
        return FakeFields(self.wire, self.wire.headers)

    def consume(self) -> FakeIncomingBody:
        return FakeIncomingBody(self.wire)


class FakeFuture(Resource):
    def __init__(self, wire: Wire, request: FakeRequest) -> None:
        super().__init__(wire)
        self.request = request

    def subscribe(self) -> FakePollable:
        return FakePollable(self.wire)

    def get(self) -> Ok[Ok[FakeResponse] | Err[object]]:
        outgoing = self.request.outgoing
        assert outgoing is None or outgoing.finished, "the response was awaited before the body was finished"
        if self.wire.fail_later is not None:
            return Ok(Err(self.wire.fail_later))
        return Ok(Ok(FakeResponse(self.wire)))


def error_code_of(io_error: object) -> object:
    wire = WIRE[0]
    return wire.fail_body


@pytest.fixture
def wire(monkeypatch: pytest.MonkeyPatch) -> Iterator[Wire]:
    fake = Wire()
    WIRE[:] = [fake]
    monkeypatch.setattr(http_client, "host", http_client.WitHost())
    monkeypatch.setattr(http_types.Fields, "from_list", fake.fields)
    monkeypatch.setattr(http_types, "OutgoingRequest", FakeRequest)
    monkeypatch.setattr(http_types, "OutgoingBody", FakeOutgoingBody)
    monkeypatch.setattr(http_types, "IncomingBody", FakeIncomingBody)
    monkeypatch.setattr(http_types, "RequestOptions", FakeOptions)
    monkeypatch.setattr(http_types, "http_error_code", error_code_of)
    monkeypatch.setattr(outgoing_handler, "handle", fake.handle)
    yield fake
    leaked = [type(resource).__name__ for resource in fake.resources if not resource.dropped]
    moved = {"FakeRequest", "FakeOptions"}  # handle() takes these
    assert [name for name in leaked if name not in moved] == [], "resources left undropped"


def test_a_get_sends_the_url_parts_and_reads_the_response_whole(wire: Wire) -> None:
    body = bytes(i % 251 for i in range(10_000))
    wire.headers = [("Content-Type", b"application/octet-stream"), ("Set-Cookie", b"a=1"), ("set-cookie", b"b=2")]
    wire.body = body
    response = http_client.get("https://api.example.com:8443/items/7?q=a%20b&x=1#frag")
    assert response == http_client.Response(
        200, {"content-type": "application/octet-stream", "set-cookie": "a=1, b=2"}, body
    )
    (sent,) = wire.sent
    assert sent.parts == {
        "method": http_types.Method_Get(),
        "scheme": http_types.Scheme_Https(),
        "authority": "api.example.com:8443",
        "path": "/items/7?q=a%20b&x=1",
    }
    assert sent.outgoing is None, "a GET without a body asks for no body"
    assert wire.options == [None]


def test_an_http_url_without_a_path_asks_for_slash(wire: Wire) -> None:
    http_client.get("http://example.com")
    assert wire.sent[0].parts["scheme"] == http_types.Scheme_Http()
    assert wire.sent[0].parts["path"] == "/"


def test_every_header_and_body_byte_is_sent(wire: Wire) -> None:
    body = bytes(i % 256 for i in range(3 * 4096 + 17))
    http_client.request("post", "https://example.com/up", headers={"X-Token": "abc", "Accept": "*/*"}, body=body)
    (sent,) = wire.sent
    assert sent.parts["method"] == http_types.Method_Post()
    assert sent.headers.pairs == [("X-Token", b"abc"), ("Accept", b"*/*"), ("content-length", str(len(body)).encode())]
    assert sent.data == body


def test_a_str_body_is_sent_as_utf8_text(wire: Wire) -> None:
    http_client.request("PUT", "https://example.com/t", body="héllo")
    (sent,) = wire.sent
    assert sent.data == "héllo".encode()
    assert ("content-type", b"text/plain; charset=utf-8") in sent.headers.pairs


def test_an_unusual_method_is_sent_as_other(wire: Wire) -> None:
    http_client.request("PROPFIND", "https://example.com/")
    assert wire.sent[0].parts["method"] == http_types.Method_Other("PROPFIND")


def test_a_timeout_sets_each_transport_timeout_in_nanoseconds(wire: Wire) -> None:
    http_client.get("https://example.com/", timeout=2.5)
    (options,) = wire.options
    assert options is not None
    assert options.set == {"connect": 2_500_000_000, "first_byte": 2_500_000_000, "between_bytes": 2_500_000_000}


def test_a_timeout_the_host_does_not_support_is_left_to_the_host(wire: Wire) -> None:
    wire.options_unsupported = True
    assert http_client.get("https://example.com/", timeout=1).status == 200
    (options,) = wire.options
    assert options is not None and options.set == {"between_bytes": 1_000_000_000}


def test_response_text_json_and_ok(wire: Wire) -> None:
    wire.status, wire.headers, wire.body = 201, [("content-type", b"application/json")], b'{"a": [1, "\xc3\xa9"]}'
    response = http_client.get("https://example.com/")
    assert response.ok and response.json() == {"a": [1, "é"]}
    latin = http_client.Response(200, {"content-type": 'text/plain; charset="latin-1"'}, "é".encode("latin-1"))
    assert latin.text == "é"
    assert http_client.Response(200, {}, b"\xff ok").text == "\ufffd ok"
    assert http_client.Response(200, {"content-type": "text/plain; charset=nope"}, b"ok").text == "ok"
    assert not http_client.Response(404).ok and not http_client.Response(302).ok


@pytest.mark.parametrize(
    ("code", "reason", "text"),
    [
        (http_types.ErrorCode_HttpRequestDenied(), "denied", http_client.DENIED),
        (http_types.ErrorCode_DnsTimeout(), "dns", "dns timeout"),
        (http_types.ErrorCode_DnsError(http_types.DnsErrorPayload("NXDOMAIN", None)), "dns", "dns error (NXDOMAIN)"),
        (http_types.ErrorCode_ConnectionTimeout(), "timeout", "connection timeout"),
        (http_types.ErrorCode_HttpResponseTimeout(), "timeout", "http response timeout"),
        (http_types.ErrorCode_ConnectionRefused(), "connection", "connection refused"),
        (http_types.ErrorCode_DestinationNotFound(), "connection", "destination not found"),
        (http_types.ErrorCode_InternalError("boom"), "other", "internal error (boom)"),
        (http_types.ErrorCode_TlsCertificateError(), "other", "tls certificate error"),
    ],
)
def test_an_error_code_is_a_reason_and_words(wire: Wire, code: object, reason: str, text: str) -> None:
    wire.refuse = code
    with pytest.raises(http_client.HttpError) as refused:
        http_client.get("https://example.com/")
    assert (refused.value.reason, str(refused.value)) == (reason, f"{reason}: {text}")
    wire.refuse, wire.fail_later = None, code
    with pytest.raises(http_client.HttpError) as failed:
        http_client.request("POST", "https://example.com/", body=b"x")
    assert str(failed.value) == f"{reason}: {text}"


def test_denied_says_exactly_what_to_do(wire: Wire) -> None:
    wire.refuse = http_types.ErrorCode_HttpRequestDenied()
    with pytest.raises(http_client.HttpError) as denied:
        http_client.get("https://example.com/")
    assert str(denied.value) == "denied: the host allows no requests to it (add it to the allowed hosts)"


def test_a_body_that_fails_midway_raises_the_hosts_error(wire: Wire) -> None:
    wire.body, wire.fail_body = b"partial", http_types.ErrorCode_ConnectionTerminated()
    with pytest.raises(http_client.HttpError, match="^connection: connection terminated$"):
        http_client.get("https://example.com/")


def test_a_url_that_is_not_http_raises_before_anything_is_sent(wire: Wire) -> None:
    for url in ("ftp://example.com/", "/relative", "example.com"):
        with pytest.raises(http_client.HttpError) as bad:
            http_client.get(url)
        assert bad.value.reason == "other"
    assert wire.sent == []


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch) -> http_client.MemoryHost:
    fake = http_client.MemoryHost()
    monkeypatch.setattr(http_client, "host", fake)
    return fake


def test_memory_host_answers_what_was_registered_and_records_requests(memory: http_client.MemoryHost) -> None:
    memory.respond("https://api.example.com/items", json={"items": [1]}, status=201)
    memory.respond("https://api.example.com/items", method="POST", body="made", headers={"X-Id": "7"})
    got = http_client.get("https://api.example.com/items", headers={"Authorization": "Bearer t"})
    assert (got.status, got.json(), got.headers) == (201, {"items": [1]}, {"content-type": "application/json"})
    made = http_client.request("post", "https://API.example.com/items", body=b"\x00\x01")
    assert (made.text, made.headers["x-id"]) == ("made", "7")
    assert memory.requests == [
        http_client.SentRequest("GET", "https://api.example.com/items", {"authorization": "Bearer t"}, b""),
        http_client.SentRequest("POST", "https://API.example.com/items", {}, b"\x00\x01"),
    ]


def test_memory_host_denies_a_host_and_names_respond_for_unanswered_urls(memory: http_client.MemoryHost) -> None:
    memory.deny("blocked.example.com")
    with pytest.raises(http_client.HttpError) as denied:
        http_client.get("https://blocked.example.com:8443/x")
    assert str(denied.value) == f"denied: {http_client.DENIED}"
    with pytest.raises(http_client.HttpError) as unanswered:
        http_client.get("https://nobody.example.com/")
    assert unanswered.value.reason == "connection" and "respond()" in str(unanswered.value)
    assert [sent.url for sent in memory.requests] == ["https://nobody.example.com/"]
    with pytest.raises(http_client.HttpError) as bad:
        http_client.get("nope")
    assert bad.value.reason == "other"


def test_memory_host_that_fails_raises_its_text(memory: http_client.MemoryHost) -> None:
    memory.respond("https://example.com/")
    memory.fail = "the network is down"
    with pytest.raises(http_client.HttpError, match="the network is down"):
        http_client.get("https://example.com/")
