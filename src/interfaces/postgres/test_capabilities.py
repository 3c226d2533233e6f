def test_each_visit_is_stored_and_counted_per_path(host: FakeHost) -> None:
    assert [capabilities.record_visit("/a") for _ in range(3)] == [1, 2, 3]
    assert capabilities.record_visit("/b") == 1
    assert host.visits == ["/a", "/a", "/a", "/b"]
    assert host.statements[0] == capabilities.CREATE_VISITS


def test_the_path_is_a_parameter_never_part_of_the_sql(host: FakeHost) -> None:
    capabilities.record_visit("/x'); DROP TABLE visits; --")
    assert host.visits == ["/x'); DROP TABLE visits; --"]
    assert all("DROP" not in statement for statement in host.statements)


def test_a_database_error_is_a_line_not_a_crash(host: FakeHost) -> None:
    host.postgres_fails = True
    assert "postgres error: connection refused" in capabilities.use_capabilities("/a", b"", write=False)
