def test_the_answer_names_the_component_and_echoes_method_and_path() -> None:
    answer = app.http_answer("GET", "/some/path?q=1", b"")
    assert answer.splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! GET /some/path?q=1"
    assert answer.endswith("\n")


def test_methods_are_spelled_as_on_the_wire() -> None:
    assert app.method_name(app.Method_Other("PURGE")) == "PURGE"
