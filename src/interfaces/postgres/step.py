try:
    postgres.execute(CREATE_VISITS)
    postgres.execute("INSERT INTO visits (path) VALUES ($1)", key)
    match postgres.query("SELECT count(*) FROM visits WHERE path = $1", key):
        case [(int(visits),)]:  # one row of one bigint
            lines.append(f"visits: {visits}")
        case rows:
            lines.append(f"postgres error: count(*) gave {rows!r}")
except postgres.DatabaseError as error:
    lines.append(f"postgres error: {error}")
