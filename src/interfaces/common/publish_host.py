def publish(self, msg: messaging_types.BrokerMessage) -> None:
    self.published.append((msg.subject, msg.body, msg.reply_to))
