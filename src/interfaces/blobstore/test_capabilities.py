@pytest.mark.parametrize("inclusive", [True, False], ids=["inclusive-end", "exclusive-end"])
@pytest.mark.parametrize("size", [0, 1, 20, 3 * capabilities.MAX_CHUNK + 5])
def test_a_blob_round_trips_byte_for_byte(host: FakeHost, inclusive: bool, size: int) -> None:
    host.inclusive_end = inclusive
    body = bytes(i % 251 for i in range(size))
    assert capabilities.store_and_read_back("/notes/today", body) == body
    assert host.containers[capabilities.BLOB_CONTAINER]["notes_today"] == body


def test_a_read_gets_back_what_a_write_stored_byte_for_byte(host: FakeHost) -> None:
    body = bytes(i % 251 for i in range(2 * capabilities.MAX_CHUNK + 3))
    capabilities.store_and_read_back("/notes/today", body)
    assert capabilities.read_stored("/notes/today") == body
    assert capabilities.read_stored("/notes/other") is None


def test_a_read_leaves_what_is_stored(host: FakeHost) -> None:
    written = capabilities.use_capabilities("/notes", b"kept", write=True)
    assert f"stored 4 bytes in {capabilities.BLOB_CONTAINER}: kept" in written
    read = capabilities.use_capabilities("/notes", b"", write=False)
    assert f"read 4 bytes from {capabilities.BLOB_CONTAINER}: kept" in read
    assert host.containers[capabilities.BLOB_CONTAINER] == {"notes": b"kept"}


def test_a_read_of_nothing_says_so_and_creates_nothing(host: FakeHost) -> None:
    lines = capabilities.use_capabilities("/never", b"", write=False)
    assert f"nothing stored for /never in {capabilities.BLOB_CONTAINER}" in lines
    assert host.containers == {}
