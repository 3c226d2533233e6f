try:
    await publish_event(key)
    lines.append(f"published {key} to {EVENTS_SUBJECT}")
except Err as error:
    lines.append(f"publish error: {error.value}")
