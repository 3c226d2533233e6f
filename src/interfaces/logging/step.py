logger.info("handling %s (%d bytes)", key, len(body))
