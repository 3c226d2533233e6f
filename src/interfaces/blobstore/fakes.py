class FakeStream(FakeResource):
    """An input or output stream over bytes."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = bytearray(data)

    def blocking_write_and_flush(self, chunk: bytes) -> None:
        self.data += chunk

    def blocking_read(self, size: int) -> bytes:
        if not self.data:
            raise Err("closed")
        chunk = bytes(self.data[:size])
        del self.data[:size]
        return chunk


class FakeOutgoingValue:
    """A value being written: finish() stores it under the name write_data() gave it."""

    def __init__(self) -> None:
        self.stream = FakeStream()
        self.target: tuple[dict[str, bytes], str] | None = None

    @staticmethod
    def new_outgoing_value() -> FakeOutgoingValue:
        return FakeOutgoingValue()

    def outgoing_value_write_body(self) -> FakeStream:
        return self.stream

    @staticmethod
    def finish(value: FakeOutgoingValue) -> None:
        assert value.target is not None, "finished before write_data"
        objects, name = value.target
        objects[name] = bytes(value.stream.data)


class FakeIncomingValue:
    """The bytes get_data() answered with."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    @staticmethod
    def incoming_value_consume_async(value: FakeIncomingValue) -> FakeStream:
        return FakeStream(value.data)


class FakeContainer(FakeResource):
    """A container whose get_data() reads the end offset as inclusive, as the WIT says, or as exclusive."""

    def __init__(self, objects: dict[str, bytes], inclusive: bool) -> None:
        self.objects = objects
        self.inclusive = inclusive

    def write_data(self, name: str, value: FakeOutgoingValue) -> None:
        value.target = (self.objects, name)

    def has_object(self, name: str) -> bool:
        return name in self.objects

    def object_info(self, name: str) -> blobstore_types.ObjectMetadata:
        if name not in self.objects:
            raise Err(f"object {name} does not exist")
        return blobstore_types.ObjectMetadata(name, "", 0, len(self.objects[name]))

    def get_data(self, name: str, start: int, end: int) -> FakeIncomingValue:
        if name not in self.objects:
            raise Err(f"object {name} does not exist")
        return FakeIncomingValue(self.objects[name][start : end + 1 if self.inclusive else end])
