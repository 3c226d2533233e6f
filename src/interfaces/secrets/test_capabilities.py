async def test_a_secret_is_described_by_length_and_hash_never_shown(hosts: Hosts) -> None:
    hosts.secrets.values[app.SECRET_NAME] = "twelve-chars"
    line = await app.describe_secret(app.SECRET_NAME)
    assert line == f"secret {app.SECRET_NAME}: 12 bytes, sha256 8dd1fe39"
    assert "twelve-chars" not in line


async def test_a_secret_of_bytes_is_described_the_same_way(hosts: Hosts) -> None:
    hosts.secrets.values["raw"] = bytes([0, 1, 2])
    assert await app.describe_secret("raw") == "secret raw: 3 bytes, sha256 ae4b3280"


async def test_a_missing_secret_is_a_line_of_the_answer(hosts: Hosts) -> None:
    assert await app.describe_secret("absent") == "secret absent: not found"


async def test_a_secret_the_host_cannot_get_is_a_line_that_says_so(hosts: Hosts) -> None:
    hosts.secrets.fail = "the vault is sealed"
    line = await app.describe_secret(app.SECRET_NAME)
    assert line == f"secret {app.SECRET_NAME}: the host could not get it (the vault is sealed)"


async def test_a_secret_is_measured_in_utf8_bytes(hosts: Hosts) -> None:
    hosts.secrets.values["accent"] = "café"
    assert (await app.describe_secret("accent")).startswith("secret accent: 5 bytes, sha256 ")


async def test_each_request_describes_the_secret(hosts: Hosts) -> None:
    hosts.secrets.values[app.SECRET_NAME] = "twelve-chars"
    lines = await app.demo("/", b"", write=False)
    assert f"secret {app.SECRET_NAME}: 12 bytes, sha256 8dd1fe39" in lines
