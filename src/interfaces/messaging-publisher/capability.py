def publish_event(key: str) -> None:
    """Publish `key` to EVENTS_SUBJECT, without waiting for an answer."""
    consumer.publish(BrokerMessage(subject=EVENTS_SUBJECT, body=key.encode(), reply_to=None))
