# Two GETs at once (asyncio.gather): the answer waits for the slower of them, not for both in turn.
for status in await fetch_statuses([UPSTREAM_URL, UPSTREAM_URL]):
    lines.append(f"upstream {UPSTREAM_URL}: {status}")
