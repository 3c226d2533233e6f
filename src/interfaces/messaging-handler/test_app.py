def test_a_message_is_answered_with_a_greeting_for_its_subject(client: Client) -> None:
    reply = client.request_message("jobs.1", b"ping")
    assert reply is not None
    assert reply.text.splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! jobs.1"
