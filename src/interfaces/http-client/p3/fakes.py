class FakeOutgoingRequest:
    """An outgoing request: what capabilities.py set on it."""

    def __init__(self) -> None:
        self.parts: dict[str, object] = {}

    @classmethod
    def new(cls, headers: object, contents: object, trailers: object, options: object) -> tuple[Self, None]:
        return cls(), None

    def set_scheme(self, scheme: object) -> None:
        self.parts["scheme"] = scheme

    def set_authority(self, authority: str) -> None:
        self.parts["authority"] = authority

    def set_path_with_query(self, path: str) -> None:
        self.parts["path"] = path


class FakeUpstreamResponse(FakeResource):
    def __init__(self, status: int) -> None:
        self.code = status

    def get_status_code(self) -> int:
        return self.code
