/** Python that more than one interface module uses; each is written once. */

/** A name every key-value and blob store accepts, whatever the request path or subject holds. */
export const SAFE_NAME = `def safe_name(key: str) -> str:
    """\`key\` as a name every store accepts: letters, digits, \`_\`, \`-\` and inner dots (\`index\` for \`/\`)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", key.strip("/")).strip("._") or "index"`;

/** tests/test_capabilities.py: what safe_name() keeps, for every module that names things with it. */
export const SAFE_NAME_TEST = `@pytest.mark.parametrize(
    ("key", "name"),
    [("/", "index"), ("/notes/today", "notes_today"), ("/a b?c=1", "a_b_c_1"), ("jobs.42", "jobs.42"), ("/../x.", "x")],
)
def test_safe_name_keeps_what_every_store_accepts(key: str, name: str) -> None:
    assert capabilities.safe_name(key) == name`;

/** tests/conftest.py: a resource used in a \`with\` block. */
export const FAKE_RESOURCE = `class FakeResource:
    """A resource the code uses in a \`with\` block."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        pass`;
