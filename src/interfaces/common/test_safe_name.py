@pytest.mark.parametrize(
    ("key", "name"),
    [("/", "index"), ("/notes/today", "notes_today"), ("/a b?c=1", "a_b_c_1"), ("jobs.42", "jobs.42"), ("/../x.", "x")],
)
def test_safe_name_keeps_what_every_store_accepts(key: str, name: str) -> None:
    assert app.safe_name(key) == name
