def increment_counter(key: str) -> int:
    """Count how often `key` was seen and return the new count."""
    with keyvalue_store.open(KEYVALUE_BUCKET) as bucket:
        return atomics.increment(bucket, f"count-{safe_name(key)}", 1)
