def test_each_request_or_message_is_published_as_an_event(host: FakeHost) -> None:
    capabilities.use_capabilities("/orders/7", b"", write=False)
    assert (capabilities.EVENTS_SUBJECT, b"/orders/7", None) in host.published
