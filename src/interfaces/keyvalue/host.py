def open_bucket(self, name: str) -> FakeBucket:
    if self.keyvalue_fails:
        raise Err("no such bucket")
    return FakeBucket(name)


def increment(self, bucket: FakeBucket, key: str, delta: int) -> int:
    self.counters[(bucket.name, key)] = self.counters.get((bucket.name, key), 0) + delta
    return self.counters[(bucket.name, key)]
