async def secret_get(self, key: str) -> FakeSecret:
    if self.secrets_down:
        raise Err(secrets_store.SecretsError_Io("the backend is down"))
    if key not in self.secrets:
        raise Err(secrets_store.SecretsError_NotFound())
    return FakeSecret(key)


async def secret_reveal(self, secret: FakeSecret) -> secrets_store.SecretValue:
    value = self.secrets[secret.key]
    if isinstance(value, str):
        return secrets_store.SecretValue_String(value)
    return secrets_store.SecretValue_Bytes(value)
