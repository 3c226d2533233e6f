def query_batch(self, query: str) -> None:
    if self.postgres_fails:
        raise Err(postgres_types.QueryError_Unexpected("connection refused"))
    self.statements.append(query)


def query(self, query: str, params: list[postgres_types.PgValue]) -> list[list[postgres_types.ResultRowEntry]]:
    """INSERT stores the path it is given; any other query counts the visits of one."""
    self.query_batch(query)
    (path,) = [param.value for param in params if isinstance(param, postgres_types.PgValue_Text)]
    if query.startswith("INSERT"):
        self.visits.append(path)
        return []
    return [[postgres_types.ResultRowEntry("count", postgres_types.PgValue_Int8(self.visits.count(path)))]]
