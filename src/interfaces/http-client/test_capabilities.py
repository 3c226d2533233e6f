def test_the_upstream_status_is_relayed(host: FakeHost) -> None:
    host.upstream_status = 204
    assert capabilities.fetch_status("http://127.0.0.1:9000/status?x=1") == "204"
    expected = {"scheme": capabilities.Scheme_Http(), "authority": "127.0.0.1:9000", "path": "/status?x=1"}
    assert host.requests == [expected]


def test_a_denied_request_says_so(host: FakeHost) -> None:
    host.deny = True
    assert capabilities.fetch_status(capabilities.UPSTREAM_URL).startswith("denied: ")
