lines.append(f"upstream {UPSTREAM_URL}: {fetch_status(UPSTREAM_URL)}")
