lines.append(f"upstream {UPSTREAM_URL}: {upstream_status(UPSTREAM_URL)}")
