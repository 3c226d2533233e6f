# Two GETs at once (asyncio.gather): the answer waits for the slower of them, not for both in turn.
for status in await asyncio.gather(upstream_status(UPSTREAM_URL), upstream_status(UPSTREAM_URL)):
    lines.append(f"upstream {UPSTREAM_URL}: {status}")
