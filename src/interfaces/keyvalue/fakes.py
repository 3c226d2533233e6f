class FakeBucket(FakeResource):
    """A bucket as store.open returns it."""

    def __init__(self, name: str) -> None:
        self.name = name
