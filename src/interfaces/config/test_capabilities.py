def test_the_greeting_comes_from_the_host(hosts: Hosts) -> None:
    hosts.config.values["greeting"] = "hola"
    assert "greeting: hola" in app.demo("/a", b"", write=False)


def test_the_greeting_falls_back_when_the_host_has_none(hosts: Hosts) -> None:
    assert f"greeting: {app.DEFAULT_GREETING}" in app.demo("/a", b"", write=False)
