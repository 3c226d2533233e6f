async def handle_message(message: Message) -> str | None:
    """Answer one message: the reply, sent when the message has a reply-to subject, or None for no reply.

    The reply greets the subject, then says what each capability did: demo() takes every message as a write.
    """
    lines = [f"Hello from {COMPONENT_NAME}! {message.subject}"]
    lines += await demo(message.subject, message.body, write=True)
    return "\n".join(lines)


# The export the host calls for each message: the SDK awaits handle_message() and sends its reply.
MessageHandler = message_handler(handle_message)
