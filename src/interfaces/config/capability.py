def configured_greeting() -> str:
    """The `greeting` config value, or DEFAULT_GREETING when the host has none."""
    try:
        return config_store.get("greeting") or DEFAULT_GREETING
    except Err:
        return DEFAULT_GREETING
