def test_the_greeting_comes_from_the_host(host: FakeHost) -> None:
    host.config["greeting"] = "hola"
    assert capabilities.configured_greeting() == "hola"


def test_the_greeting_falls_back_when_the_host_has_none_or_fails(host: FakeHost) -> None:
    assert capabilities.configured_greeting() == capabilities.DEFAULT_GREETING
    host.config_fails = True
    assert capabilities.configured_greeting() == capabilities.DEFAULT_GREETING
