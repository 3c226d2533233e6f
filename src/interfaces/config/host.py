def config_get(self, key: str) -> str | None:
    if self.config_fails:
        raise Err("upstream")
    return self.config.get(key)
