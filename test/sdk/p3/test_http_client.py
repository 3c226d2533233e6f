"""Tests of wasmcloud_sdk.http_client on WASI 0.3, against fakes of wasi:http/client and wasi:http/types.

The fake streams insist that their reader and writer run together, as the component model's do: a body written
only after send() returned (or read before it was written) fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Self

import pytest
from componentize_py_types import Err, Ok
from fake_streams import FakeStreamReader, FakeStreamWriter
from wit_world.imports import http_client as wit_client
from wit_world.imports import http_types

from wasmcloud_sdk import http_client


class FakeFuture:
    """A future's reading end that has its value already, or gets it from `value()` when read."""

    def __init__(self, value: object = None, *, check: object = None) -> None:
        self.value, self.check = value, check
        self.dropped = False

    async def read(self) -> object:
        if callable(self.check):
            self.check()
        self.dropped = True
        return self.value

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dropped = True


class FakeFields:
    def __init__(self, entries: list[tuple[str, bytes]]) -> None:
        self.entries = list(entries)
        self.dropped = False

    def copy_all(self) -> list[tuple[str, bytes]]:
        return list(self.entries)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dropped = True


class FakeOptions:
    def __init__(self) -> None:
        self.set: dict[str, int | None] = {}

    def set_connect_timeout(self, value: int | None) -> None:
        self.set["connect"] = value

    def set_first_byte_timeout(self, value: int | None) -> None:
        raise Err(http_types.RequestOptionsError_NotSupported())

    def set_between_bytes_timeout(self, value: int | None) -> None:
        self.set["between_bytes"] = value


class FakeRequest:
    """A request: what the module set on it, and its body's reading end."""

    def __init__(self, headers: FakeFields, contents: FakeStreamReader | None, options: FakeOptions | None) -> None:
        self.headers, self.contents, self.options = headers, contents, options
        self.parts: dict[str, object] = {}
        self.transmitted = FakeFuture(Ok(None))

    @classmethod
    def new(
        cls, headers: FakeFields, contents: FakeStreamReader | None, trailers: object, options: FakeOptions | None
    ) -> tuple[FakeRequest, FakeFuture]:
        assert trailers == "no trailers"
        request = cls(headers, contents, options)
        return request, request.transmitted

    def set_method(self, method: object) -> None:
        self.parts["method"] = method

    def set_scheme(self, scheme: object) -> None:
        self.parts["scheme"] = scheme

    def set_authority(self, authority: str) -> None:
        self.parts["authority"] = authority

    def set_path_with_query(self, path: str) -> None:
        self.parts["path"] = path


class FakeResponse:
    def __init__(self, status: int, headers: list[tuple[str, bytes]], body: FakeStreamReader, ending: object) -> None:
        self.status, self.headers, self.body, self.ending = status, FakeFields(headers), body, ending

    def get_status_code(self) -> int:
        return self.status

    def get_headers(self) -> FakeFields:
        return self.headers

    @classmethod
    def consume_body(cls, this: FakeResponse, res: object) -> tuple[FakeStreamReader, FakeFuture]:
        assert res == "handled"

        def body_read_first() -> None:
            assert this.body.closed, "the body's future was read before its stream was closed"

        return this.body, FakeFuture(this.ending, check=body_read_first)


@dataclass
class Server:
    """wasi:http/client's send(): reads the request's body whole, then answers; `together` requests wait together."""

    sent: list[tuple[FakeRequest, bytes]] = field(default_factory=list)
    responses: list[FakeResponse] = field(default_factory=list)
    status: int = 200
    headers: list[tuple[str, bytes]] = field(default_factory=list)
    body: bytes = b""
    ending: object = field(default_factory=lambda: Ok(None))
    refuse: object = None
    together: int = 1
    started: int = 0
    all_started: asyncio.Event = field(default_factory=asyncio.Event)

    async def send(self, request: FakeRequest) -> FakeResponse:
        if self.refuse is not None:
            if request.contents is not None:
                with request.contents:  # the host drops the request, and its body with it
                    pass
            raise Err(self.refuse)
        self.started += 1
        if self.started >= self.together:
            self.all_started.set()
        try:
            await asyncio.wait_for(self.all_started.wait(), timeout=1)
        except TimeoutError:
            raise AssertionError(f"only {self.started} of {self.together} requests were in flight at once") from None
        data = b""
        if request.contents is not None:
            with request.contents:
                while not request.contents.writer_dropped:
                    data += await request.contents.read(10_000)
        self.sent.append((request, data))
        response = FakeResponse(self.status, self.headers, FakeStreamReader(self.body, piece=1000), self.ending)
        self.responses.append(response)
        return response


def byte_stream() -> tuple[FakeStreamWriter, FakeStreamReader]:
    reader = FakeStreamReader(ended=False)
    return FakeStreamWriter(reader), reader


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Server:
    fake = Server()
    monkeypatch.setattr(http_client, "host", http_client.WitHost())
    monkeypatch.setattr("wit_world.byte_stream", byte_stream)
    monkeypatch.setattr(
        "wit_world.result_option_http_types_fields_http_types_error_code_future",
        lambda default: (None, "no trailers"),
    )
    monkeypatch.setattr("wit_world.result_unit_http_types_error_code_future", lambda default: (None, "handled"))
    monkeypatch.setattr(http_types.Fields, "from_list", FakeFields)
    monkeypatch.setattr(http_types, "Request", FakeRequest)
    monkeypatch.setattr(http_types, "Response", FakeResponse)
    monkeypatch.setattr(http_types, "RequestOptions", FakeOptions)
    monkeypatch.setattr(wit_client, "send", fake.send)
    return fake


async def test_a_get_sends_the_url_parts_and_reads_the_streamed_body_whole(server: Server) -> None:
    body = bytes(i % 251 for i in range(200_000))
    server.headers = [("Content-Type", b"application/octet-stream"), ("Vary", b"a"), ("vary", b"b")]
    server.body = body
    response = await http_client.get("https://api.example.com:8443/items/7?q=a%20b#frag")
    assert response == http_client.Response(200, {"content-type": "application/octet-stream", "vary": "a, b"}, body)
    ((request, sent),) = server.sent
    assert request.parts == {
        "method": http_types.Method_Get(),
        "scheme": http_types.Scheme_Https(),
        "authority": "api.example.com:8443",
        "path": "/items/7?q=a%20b",
    }
    assert (request.contents, request.options, sent) == (None, None, b"")
    assert request.transmitted.dropped, "the transmission future was left open"
    (answer,) = server.responses
    assert answer.body.closed and answer.headers.dropped, "the response's body stream or headers were left open"


async def test_the_body_is_written_while_send_runs_every_byte_and_header(server: Server) -> None:
    body = bytes(i % 256 for i in range(300_000))
    await http_client.request("POST", "http://example.com/up", headers={"X-Token": "abc"}, body=body)
    ((request, sent),) = server.sent
    assert sent == body
    assert request.parts["scheme"] == http_types.Scheme_Http()
    assert request.parts["method"] == http_types.Method_Post()
    assert request.headers.entries == [("X-Token", b"abc"), ("content-length", str(len(body)).encode())]


async def test_a_str_body_is_utf8_text(server: Server) -> None:
    await http_client.request("put", "https://example.com/t", body="héllo")
    ((request, sent),) = server.sent
    assert sent == "héllo".encode()
    assert ("content-type", b"text/plain; charset=utf-8") in request.headers.entries


async def test_two_gets_at_once_are_in_flight_together(server: Server) -> None:
    server.together = 2
    server.body = b"ok"
    first, second = await asyncio.gather(
        http_client.get("https://a.example.com/"), http_client.get("https://b.example.com/")
    )
    assert (first.text, second.text) == ("ok", "ok")
    assert sorted(str(request.parts["authority"]) for request, _ in server.sent) == ["a.example.com", "b.example.com"]


async def test_a_timeout_sets_the_transport_timeouts_the_host_supports(server: Server) -> None:
    await http_client.get("https://example.com/", timeout=0.25)
    ((request, _),) = server.sent
    assert request.options is not None
    assert request.options.set == {"connect": 250_000_000, "between_bytes": 250_000_000}


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (http_types.ErrorCode_HttpRequestDenied(), f"denied: {http_client.DENIED}"),
        (http_types.ErrorCode_DnsError(http_types.DnsErrorPayload(None, 3)), "dns: dns error (3)"),
        (http_types.ErrorCode_ConnectionReadTimeout(), "timeout: connection read timeout"),
        (http_types.ErrorCode_DestinationUnavailable(), "connection: destination unavailable"),
        (http_types.ErrorCode_HttpProtocolError(), "other: http protocol error"),
    ],
)
async def test_an_error_code_is_a_reason_and_words(server: Server, code: object, text: str) -> None:
    server.refuse = code
    with pytest.raises(http_client.HttpError) as refused:
        await http_client.request("POST", "https://example.com/", body=b"x" * 100_000)
    assert str(refused.value) == text
    assert refused.value.reason == text.split(":")[0]


async def test_a_body_that_fails_midway_raises_the_hosts_error(server: Server) -> None:
    server.body, server.ending = b"partial", Err(http_types.ErrorCode_ConnectionTerminated())
    with pytest.raises(http_client.HttpError, match="^connection: connection terminated$"):
        await http_client.get("https://example.com/")


async def test_trailers_are_dropped(server: Server) -> None:
    trailers = FakeFields([("x-checksum", b"1")])
    server.ending = Ok(trailers)
    assert (await http_client.get("https://example.com/")).status == 200
    assert trailers.dropped


async def test_response_text_json_and_ok(server: Server) -> None:
    server.status, server.headers, server.body = 404, [("content-type", b"application/json")], b'{"e": "\xc3\xa9"}'
    response = await http_client.get("https://example.com/")
    assert not response.ok and response.json() == {"e": "é"} and response.text == '{"e": "é"}'


async def test_memory_host_answers_records_denies_and_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    memory = http_client.MemoryHost()
    monkeypatch.setattr(http_client, "host", memory)
    memory.respond("https://example.com/a", json=[1, 2])
    memory.deny("blocked.example.com")
    assert http_client.DENIED == "the host allows no requests to it (add it to the allowed hosts)"
    assert (await http_client.get("https://example.com/a")).json() == [1, 2]
    with pytest.raises(http_client.HttpError, match="^denied: "):
        await http_client.get("https://blocked.example.com/")
    with pytest.raises(http_client.HttpError) as unanswered:
        await http_client.request("POST", "https://example.com/b", body=b"\x01")
    assert unanswered.value.reason == "connection" and "respond()" in str(unanswered.value)
    assert memory.requests == [
        http_client.SentRequest("GET", "https://example.com/a", {}, b""),
        http_client.SentRequest("POST", "https://example.com/b", {}, b"\x01"),
    ]
    memory.fail = "down"
    with pytest.raises(http_client.HttpError, match="down"):
        await http_client.get("https://example.com/a")
