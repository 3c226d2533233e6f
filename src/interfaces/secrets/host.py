async def secret_get(self, key: str) -> FakeSecret:
    if key not in self.secrets:
        raise Err(secrets_store.SecretsError_NotFound())
    return FakeSecret(key)


async def secret_reveal(self, secret: FakeSecret) -> secrets_store.SecretValue:
    value = self.secrets[secret.key]
    return secrets_store.SecretValue_String(value) if isinstance(value, str) else secrets_store.SecretValue_Bytes(value)
