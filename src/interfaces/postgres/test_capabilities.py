@pytest.fixture(autouse=True)
def visits_are_counted(hosts: Hosts) -> None:
    """The stand-in answers demo()'s count of visits for every test (a later answer wins: a test may set its own)."""
    hosts.postgres.answer("SELECT count(*) FROM visits", [(1,)])


def test_each_visit_is_stored_and_counted_per_path(hosts: Hosts) -> None:
    hosts.postgres.answer("SELECT count(*) FROM visits", [(3,)])
    assert "visits: 3" in app.demo("/a", b"", write=False)
    assert hosts.postgres.statements == [
        (app.CREATE_VISITS, ()),
        ("INSERT INTO visits (path) VALUES ($1)", ("/a",)),
        ("SELECT count(*) FROM visits WHERE path = $1", ("/a",)),
    ]


def test_the_path_is_a_parameter_never_part_of_the_sql(hosts: Hosts) -> None:
    app.demo("/x'); DROP TABLE visits; --", b"", write=False)
    assert all("DROP" not in sql for sql, _ in hosts.postgres.statements)
    assert ("/x'); DROP TABLE visits; --",) in [params for _, params in hosts.postgres.statements]


def test_a_database_error_is_a_line_not_a_crash(hosts: Hosts) -> None:
    hosts.postgres.fail = "connection refused"
    assert "postgres error: connection refused" in app.demo("/a", b"", write=False)
