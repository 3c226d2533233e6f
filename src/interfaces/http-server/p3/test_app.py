async def test_health_is_ok_as_plain_text() -> None:
    response = await app.handle(app.Request("GET", "/health"))
    assert (response.status, response.body) == (200, "ok\n")
    assert ("content-type", "text/plain; charset=utf-8") in response.headers


async def test_echo_sends_the_body_back_with_its_content_type() -> None:
    request = app.Request("POST", "/echo", headers=[("Content-Type", "application/json")], body=b'{"n": 1}')
    response = await app.handle(request)
    assert (response.status, response.body) == (200, b'{"n": 1}')
    assert list(response.headers) == [("content-type", "application/json")]


async def test_any_other_request_gets_the_greeting_that_echoes_method_and_path() -> None:
    response = await app.handle(app.Request("GET", "/some/path", "q=1"))
    assert response.status == 200
    assert isinstance(response.body, str)
    assert response.body.splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! GET /some/path?q=1"
    assert response.body.endswith("\n")


async def test_only_the_routes_method_is_routed() -> None:
    response = await app.handle(app.Request("GET", "/echo", body=b"not echoed"))
    assert isinstance(response.body, str)
    assert response.body.startswith(f"Hello from {app.COMPONENT_NAME}! GET /echo")


async def test_a_post_or_a_put_writes_and_any_other_method_only_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, bytes, bool]] = []

    async def record(key: str, body: bytes, *, write: bool) -> list[str]:
        calls.append((key, body, write))
        return []

    monkeypatch.setattr(app, "use_capabilities", record)
    for method in ("GET", "POST", "PUT", "DELETE"):
        await app.handle(app.Request(method, "/notes", "a=1", body=b"x"))
    assert calls == [
        ("/notes?a=1", b"x", False),
        ("/notes?a=1", b"x", True),
        ("/notes?a=1", b"x", True),
        ("/notes?a=1", b"x", False),
    ]
