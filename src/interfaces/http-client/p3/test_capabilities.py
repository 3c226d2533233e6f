async def test_the_upstream_status_is_relayed(hosts: Hosts) -> None:
    hosts.http_client.respond(app.UPSTREAM_URL, status=204)
    assert (await app.demo("/", b"", write=False)).count(f"upstream {app.UPSTREAM_URL}: 204") == 2
    assert [(sent.method, sent.url) for sent in hosts.http_client.requests] == [("GET", app.UPSTREAM_URL)] * 2


async def test_a_denied_request_says_so(hosts: Hosts) -> None:
    hosts.http_client.deny(urlsplit(app.UPSTREAM_URL).netloc)
    refused = f"upstream {app.UPSTREAM_URL}: denied: the host allows no requests to it (add it to the allowed hosts)"
    assert refused in await app.demo("/", b"", write=False)


async def test_two_requests_are_in_flight_at_once(hosts: Hosts, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each GET waits until both have started: made one after the other, the first would wait for ever.
    started: list[str] = []
    both = asyncio.Event()

    async def get(url: str, **options: object) -> http_client.Response:
        started.append(url)
        if len(started) == 2:
            both.set()
        await asyncio.wait_for(both.wait(), timeout=1)
        return http_client.Response(200, {}, b"")

    monkeypatch.setattr(http_client, "get", get)
    assert (await app.demo("/", b"", write=False)).count(f"upstream {app.UPSTREAM_URL}: 200") == 2
