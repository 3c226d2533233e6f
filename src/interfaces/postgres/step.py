try:
    postgres.execute(CREATE_VISITS)
    postgres.execute("INSERT INTO visits (path) VALUES ($1)", key)
    [(visits,)] = postgres.query("SELECT count(*) FROM visits WHERE path = $1", key)
    lines.append(f"visits: {visits}")
except postgres.DatabaseError as error:
    lines.append(f"postgres error: {error}")
