try:
    lines.append(f"count: {increment_counter(key)}")
except Err as error:
    lines.append(f"keyvalue error: {error.value}")
