class FakeRequest:
    """An outgoing request: what capabilities.py set on it."""

    def __init__(self, headers: object) -> None:
        self.parts: dict[str, object] = {}

    def set_scheme(self, scheme: object) -> None:
        self.parts["scheme"] = scheme

    def set_authority(self, authority: str) -> None:
        self.parts["authority"] = authority

    def set_path_with_query(self, path: str) -> None:
        self.parts["path"] = path


class FakeResponse(FakeResource):
    def __init__(self, status: int) -> None:
        self.code = status

    def status(self) -> int:
        return self.code


class FakeFuture(FakeResource):
    """A response that is ready at once; it stands in for its pollable too."""

    def __init__(self, status: int) -> None:
        self.code = status

    def subscribe(self) -> FakeFuture:
        return self

    def block(self) -> None:
        pass

    def get(self) -> Ok[Ok[FakeResponse]]:
        return Ok(Ok(FakeResponse(self.code)))
