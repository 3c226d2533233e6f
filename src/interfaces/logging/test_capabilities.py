def test_each_request_or_message_is_logged_at_info(hosts: Hosts) -> None:
    app.demo("/a", b"four", write=True)
    assert ("info", app.COMPONENT_NAME, "handling /a (4 bytes)") in hosts.log.records
