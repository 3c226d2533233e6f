class FakeResource:
    """A resource the code uses in a `with` block."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        pass
