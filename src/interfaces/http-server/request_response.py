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
