try:
    lines.append(f"count: {keyvalue.open(KEYVALUE_BUCKET).increment(f'count-{safe_name(key)}')}")
except keyvalue.KeyValueError as error:
    lines.append(f"keyvalue error: {error}")
