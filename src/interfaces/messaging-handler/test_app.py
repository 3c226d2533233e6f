def test_a_message_with_reply_to_gets_the_answer(host: FakeHost) -> None:
    app.Handler().handle_message(app.BrokerMessage(subject="jobs.1", body=b"ping", reply_to="inbox.1"))
    replies = [body for subject, body, _ in host.published if subject == "inbox.1"]
    assert len(replies) == 1
    assert replies[0].decode().splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! jobs.1"


def test_a_message_without_reply_to_gets_no_answer(host: FakeHost) -> None:
    app.Handler().handle_message(app.BrokerMessage(subject="jobs.2", body=b"", reply_to=None))
    assert [body for _, body, _ in host.published if body.startswith(b"Hello from")] == []
