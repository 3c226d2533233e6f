try:
    messaging.publish(EVENTS_SUBJECT, key)
    lines.append(f"published {key} to {EVENTS_SUBJECT}")
except messaging.MessagingError as error:
    lines.append(f"publish error: {error}")
