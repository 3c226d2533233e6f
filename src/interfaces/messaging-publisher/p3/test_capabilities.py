async def test_each_request_or_message_is_published_as_an_event(host: FakeHost) -> None:
    await capabilities.use_capabilities("/orders/7", b"", write=False)
    assert (capabilities.EVENTS_SUBJECT, b"/orders/7", None) in host.published


async def test_an_event_the_broker_refuses_is_a_line_of_the_answer(host: FakeHost) -> None:
    host.publish_error = "no responders"
    lines = await capabilities.use_capabilities("/orders/8", b"", write=False)
    assert "publish error: Error_Other(value='no responders')" in lines
    assert host.published == []


async def test_a_body_is_streamed_to_the_host_whole(host: FakeHost) -> None:
    body = bytes(i % 256 for i in range(200_000))
    await capabilities.publish_bytes("jobs.big", body, "inbox.big")
    assert host.published == [("jobs.big", body, "inbox.big")]
