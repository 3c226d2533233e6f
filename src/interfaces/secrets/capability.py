async def describe_secret(name: str) -> str:
    """The secret `name` as an answer may show it: its length and the first 8 hex digits of its SHA-256."""
    try:
        secret = await secrets.get(name)
    except secrets.SecretNotFound:
        return f"secret {name}: not found"
    except secrets.SecretsError as error:
        return f"secret {name}: the host could not get it ({error})"
    data = secret.reveal_bytes()
    return f"secret {name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:8]}"
