def handle_message(message: Message) -> str | None:
    """Answer one message: the reply, sent when the message has a reply-to subject, or None for no reply.

    The reply greets the subject, then says what each capability did: demo() takes every message as a write.
    """
    lines = [f"Hello from {COMPONENT_NAME}! {message.subject}"]
    lines += demo(message.subject, message.body, write=True)
    return "\n".join(lines)


# The export the host calls for each message: the SDK calls handle_message() and sends its reply.
Handler = message_handler(handle_message)
