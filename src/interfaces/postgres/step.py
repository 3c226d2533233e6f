try:
    lines.append(f"visits: {record_visit(key)}")
except Err as error:
    lines.append(f"postgres error: {error.value.value}")
