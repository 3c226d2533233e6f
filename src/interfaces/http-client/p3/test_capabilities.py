async def test_the_upstream_status_is_relayed(host: FakeHost) -> None:
    host.upstream_status = 204
    assert await capabilities.fetch_status("http://127.0.0.1:9000/status?x=1") == "204"
    expected = {"scheme": capabilities.Scheme_Http(), "authority": "127.0.0.1:9000", "path": "/status?x=1"}
    assert host.requests == [expected]


async def test_a_denied_request_says_so(host: FakeHost) -> None:
    host.deny = True
    assert (await capabilities.fetch_status(capabilities.UPSTREAM_URL)).startswith("denied: ")


async def test_two_requests_are_in_flight_at_once(host: FakeHost) -> None:
    # The fake host holds each request until both have started: one after the other, the first would time out.
    host.together = 2
    urls = ["https://one.example/a", "http://two.example/"]
    assert await capabilities.fetch_statuses(urls) == ["200", "200"]
    assert host.most_in_flight == 2
    assert [(r["authority"], r["path"]) for r in host.requests] == [("one.example", "/a"), ("two.example", "/")]


async def test_each_request_relays_two_upstream_statuses(host: FakeHost) -> None:
    host.together = 2
    lines = await capabilities.use_capabilities("/", b"", write=False)
    assert lines.count(f"upstream {capabilities.UPSTREAM_URL}: 200") == 2
