def message_answer(subject: str, body: bytes) -> str:
    """The answer to a message: a greeting that names the subject, then what each capability did."""
    return "\n".join([f"Hello from {COMPONENT_NAME}! {subject}", *use_capabilities(subject, body)])


class Handler(exports.Handler):
    """Handles every message the host delivers from the subscription."""

    def handle_message(self, msg: BrokerMessage) -> None:
        answer = message_answer(msg.subject, msg.body)
        if msg.reply_to is None:
            return
        try:
            consumer.publish(BrokerMessage(subject=msg.reply_to, body=answer.encode(), reply_to=None))
        except Err as error:
            # Nobody is waiting on this call: say it where the host's output shows it.
            print(f"reply to {msg.reply_to} failed: {error.value}", file=sys.stderr)
