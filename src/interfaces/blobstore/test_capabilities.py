@pytest.mark.parametrize("size", [0, 1, 20, 100_003])
def test_a_blob_round_trips_byte_for_byte(hosts: Hosts, size: int) -> None:
    body = bytes(i % 251 for i in range(size))
    lines = app.demo("/notes/today", body, write=True)
    assert f"stored {size} bytes in {app.BLOB_CONTAINER}: {body.decode(errors='replace')}" in lines
    assert hosts.blobstore.containers[app.BLOB_CONTAINER]["notes_today"] == body


def test_a_read_leaves_what_is_stored(hosts: Hosts) -> None:
    assert f"stored 4 bytes in {app.BLOB_CONTAINER}: kept" in app.demo("/notes", b"kept", write=True)
    assert f"read 4 bytes from {app.BLOB_CONTAINER}: kept" in app.demo("/notes", b"", write=False)
    assert hosts.blobstore.containers[app.BLOB_CONTAINER] == {"notes": b"kept"}


def test_a_read_of_nothing_says_so_and_stores_nothing(hosts: Hosts) -> None:
    assert f"nothing stored for /never in {app.BLOB_CONTAINER}" in app.demo("/never", b"", write=False)
    assert not hosts.blobstore.containers.get(app.BLOB_CONTAINER)


def test_a_blobstore_failure_is_a_line_not_a_crash(hosts: Hosts) -> None:
    hosts.blobstore.fail = "disk full"
    assert "blobstore error: disk full" in app.demo("/notes", b"x", write=True)
