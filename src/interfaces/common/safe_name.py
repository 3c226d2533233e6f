def safe_name(key: str) -> str:
    """`key` as a name every store accepts: letters, digits, `_`, `-` and inner dots (`index` for `/`)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", key.strip("/")).strip("._") or "index"
