def test_the_counter_counts_each_key_from_one(host: FakeHost) -> None:
    assert [capabilities.increment_counter("/a") for _ in range(3)] == [1, 2, 3]
    assert capabilities.increment_counter("/b") == 1
    assert set(host.counters) == {(capabilities.KEYVALUE_BUCKET, "count-a"), (capabilities.KEYVALUE_BUCKET, "count-b")}


def test_a_keyvalue_failure_is_a_line_not_a_crash(host: FakeHost) -> None:
    host.keyvalue_fails = True
    assert "keyvalue error: no such bucket" in capabilities.use_capabilities("/a", b"", write=False)
