class FakeSecret(FakeResource):
    """A handle to a secret: its key, and nothing of its value."""

    def __init__(self, key: str) -> None:
        self.key = key
