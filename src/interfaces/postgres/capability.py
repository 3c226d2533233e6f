def visit_count(rows: list[list[ResultRowEntry]]) -> int:
    """The number a `SELECT count(*)` answers with (PostgreSQL's bigint)."""
    value = rows[0][0].value
    if isinstance(value, PgValue_Int8 | PgValue_BigInt):
        return value.value
    raise TypeError(f"count(*) answered {value!r}")


def record_visit(key: str) -> int:
    """Store a visit to `key` in the `visits` table and return how many visits `key` has had."""
    postgres_query.query_batch(CREATE_VISITS)
    postgres_query.query("INSERT INTO visits (path) VALUES ($1)", [PgValue_Text(key)])
    return visit_count(postgres_query.query("SELECT count(*) FROM visits WHERE path = $1", [PgValue_Text(key)]))
