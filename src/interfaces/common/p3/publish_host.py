def byte_stream(self) -> tuple[FakeStreamWriter, FakeStreamReader]:
    """wit_world.byte_stream(): a new stream's two ends."""
    reader = FakeStreamReader(ended=False)
    return FakeStreamWriter(reader), reader


async def publish(self, msg: messaging_types.BrokerMessage) -> None:
    """Read the body to its end, as the host does, then keep the message, or refuse it with `publish_error`."""
    body = b""
    with msg.body:
        while not msg.body.writer_dropped:
            body += await msg.body.read(64 * 1024)
    if self.publish_error is not None:
        raise Err(messaging_types.Error_Other(self.publish_error))
    self.published.append((msg.subject, body, msg.reply_to))
