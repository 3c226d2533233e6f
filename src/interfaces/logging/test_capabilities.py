def test_each_request_or_message_is_logged_at_info(host: FakeHost) -> None:
    capabilities.use_capabilities("/a", b"four", write=True)
    assert host.logs == [(capabilities.Level.INFO, capabilities.COMPONENT_NAME, "handling /a (4 bytes)")]
