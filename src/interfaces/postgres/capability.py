def record_visit(key: str) -> int:
    """Store a visit to `key` in the `visits` table and return how many visits `key` has had."""
    postgres_query.query_batch(CREATE_VISITS)
    postgres_query.query("INSERT INTO visits (path) VALUES ($1)", [PgValue_Text(key)])
    rows = postgres_query.query("SELECT count(*) FROM visits WHERE path = $1", [PgValue_Text(key)])
    count = rows[0][0].value
    if not isinstance(count, PgValue_Int8):  # PostgreSQL's count(*) is a bigint
        raise Err(QueryError_Unexpected(f"count(*) came back as {count}"))
    return count.value
