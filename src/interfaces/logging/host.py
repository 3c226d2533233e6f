def log(self, level: capabilities.Level, context: str, message: str) -> None:
    self.logs.append((level, context, message))
