async def test_a_message_is_answered_with_a_greeting_for_its_subject() -> None:
    reply = await app.handle_message(app.Message("jobs.1", b"ping", "inbox.1"))
    assert reply is not None
    assert reply.splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! jobs.1"
