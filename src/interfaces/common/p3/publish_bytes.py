async def publish_bytes(subject: str, body: bytes, reply_to: str | None = None) -> None:
    """Publish `body` to `subject` through wasmcloud:messaging/consumer, raising the error of a broker that refuses it.

    A message's body is a stream<u8> that the host reads while publish() runs, so the body is written alongside it
    (asyncio.gather): awaited in turn, each would wait for the other. Closing the writer ends the body.
    """
    writer, reader = wit_world.byte_stream()

    async def write() -> None:
        with writer:
            await writer.write_all(body)

    await asyncio.gather(consumer.publish(BrokerMessage(subject, reader, reply_to)), write())
