"""What the wasi:http plumbing of WASI 0.2 and 0.3 shares: wasi_http.py and p3/wasi_http.py take it by name."""


@dataclass(frozen=True)
class Request:
    """An HTTP request, its body read whole."""

    method: str
    path: str
    query: str = ""
    headers: Headers = ()
    body: bytes = b""

    @property
    def target(self) -> str:
        """The path and the query, as the request line has them: `/notes?day=1`."""
        return f"{self.path}?{self.query}" if self.query else self.path

    def header(self, name: str) -> str | None:
        """The first value of the header `name`, in any case, or None when the request has none."""
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


@dataclass(frozen=True)
class Response:
    """An HTTP response. A `str` body is sent as UTF-8, as text/plain unless the headers name a content-type."""

    status: int = 200
    headers: Headers = ()
    body: bytes | str = b""


def method_name(method: Method) -> str:
    """The request method as it appears on the wire, e.g. `GET`."""
    if isinstance(method, Method_Other):
        return method.value
    return type(method).__name__.removeprefix("Method_").upper()


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


def failure(request: Request, error: Exception) -> str:
    """The line a failed request leaves on stderr: the request, the exception and where it was raised."""
    where, frame = "", error.__traceback__
    while frame is not None:  # the innermost frame: where the exception was raised
        where, frame = f" at {frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}", frame.tb_next
    return f"500 for {request.method} {request.target}: {error!r}{where}"
