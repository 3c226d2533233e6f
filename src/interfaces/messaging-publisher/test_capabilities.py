def test_each_request_or_message_is_published_as_an_event(hosts: Hosts) -> None:
    assert f"published /orders/7 to {app.EVENTS_SUBJECT}" in app.demo("/orders/7", b"", write=False)
    published = [(message.subject, message.body, message.reply_to) for message in hosts.messaging.published]
    assert published == [(app.EVENTS_SUBJECT, b"/orders/7", None)]


def test_an_event_the_broker_refuses_is_a_line_of_the_answer(hosts: Hosts) -> None:
    hosts.messaging.fail = "no responders"
    assert "publish error: no responders" in app.demo("/orders/8", b"", write=False)
    assert hosts.messaging.published == []
