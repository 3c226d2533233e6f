def test_the_upstream_status_is_relayed(hosts: Hosts) -> None:
    hosts.http_client.respond(app.UPSTREAM_URL, status=204)
    assert f"upstream {app.UPSTREAM_URL}: 204" in app.demo("/", b"", write=False)
    assert [(sent.method, sent.url) for sent in hosts.http_client.requests] == [("GET", app.UPSTREAM_URL)]


def test_a_denied_request_says_so(hosts: Hosts) -> None:
    hosts.http_client.deny(urlsplit(app.UPSTREAM_URL).netloc)
    refused = f"upstream {app.UPSTREAM_URL}: denied: the host allows no requests to it (add it to the allowed hosts)"
    assert refused in app.demo("/", b"", write=False)
