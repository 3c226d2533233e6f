async def publish_event(key: str) -> None:
    """Publish `key` to EVENTS_SUBJECT, without waiting for an answer: done once the broker has taken it."""
    await publish_bytes(EVENTS_SUBJECT, key.encode())
