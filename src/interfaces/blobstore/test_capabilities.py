@pytest.mark.parametrize("inclusive", [True, False], ids=["inclusive-end", "exclusive-end"])
@pytest.mark.parametrize("size", [0, 1, 20, 3 * capabilities.MAX_CHUNK + 5])
def test_a_blob_round_trips_byte_for_byte(host: FakeHost, inclusive: bool, size: int) -> None:
    host.inclusive_end = inclusive
    body = bytes(i % 251 for i in range(size))
    assert capabilities.store_and_read_back("/notes/today", body) == body
    assert host.containers[capabilities.BLOB_CONTAINER]["notes_today"] == body
