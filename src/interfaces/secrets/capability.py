async def describe_secret(name: str) -> str:
    """The secret `name` as an answer may show it: its length and the first 8 hex digits of its SHA-256."""
    try:
        secret = await secrets_store.get(name)
    except Err as error:
        if isinstance(error.value, SecretsError_NotFound):
            return f"secret {name}: not found"
        return f"secret {name}: the host could not get it ({type(error.value).__name__})"
    with secret:
        revealed = await secrets_reveal.reveal(secret)
    data = revealed.value.encode() if isinstance(revealed, SecretValue_String) else revealed.value
    return f"secret {name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:8]}"
