async def test_a_secret_is_described_by_length_and_hash_never_shown(host: FakeHost) -> None:
    host.secrets[capabilities.SECRET_NAME] = "twelve-chars"
    line = await capabilities.describe_secret(capabilities.SECRET_NAME)
    assert line == f"secret {capabilities.SECRET_NAME}: 12 bytes, sha256 8dd1fe39"
    assert "twelve-chars" not in line


async def test_a_secret_of_bytes_is_described_the_same_way(host: FakeHost) -> None:
    host.secrets["raw"] = bytes([0, 1, 2])
    assert await capabilities.describe_secret("raw") == "secret raw: 3 bytes, sha256 ae4b3280"


async def test_a_missing_secret_is_a_line_of_the_answer(host: FakeHost) -> None:
    assert await capabilities.describe_secret("absent") == "secret absent: not found"


async def test_a_secret_the_host_cannot_get_is_a_line_that_says_so(host: FakeHost) -> None:
    host.secrets_down = True
    line = await capabilities.describe_secret(capabilities.SECRET_NAME)
    assert line == f"secret {capabilities.SECRET_NAME}: the host could not get it (SecretsError_Io)"


async def test_a_secret_is_measured_in_utf8_bytes(host: FakeHost) -> None:
    host.secrets["accent"] = "café"
    assert (await capabilities.describe_secret("accent")).startswith("secret accent: 5 bytes, sha256 ")


async def test_each_request_describes_the_secret(host: FakeHost) -> None:
    host.secrets[capabilities.SECRET_NAME] = "twelve-chars"
    lines = await capabilities.use_capabilities("/", b"", write=False)
    assert f"secret {capabilities.SECRET_NAME}: 12 bytes, sha256 8dd1fe39" in lines
