def test_the_counter_counts_each_key_from_one(hosts: Hosts) -> None:
    assert [line for line in app.demo("/a", b"", write=False) if line.startswith("count")] == ["count: 1"]
    assert "count: 2" in app.demo("/a", b"", write=False)
    assert "count: 1" in app.demo("/b", b"", write=False)
    assert set(hosts.keyvalue.buckets[app.KEYVALUE_BUCKET]) == {"count-a", "count-b"}


def test_a_keyvalue_failure_is_a_line_not_a_crash(hosts: Hosts) -> None:
    hosts.keyvalue.fail = "no such bucket"
    assert "keyvalue error: no such bucket" in app.demo("/a", b"", write=False)
