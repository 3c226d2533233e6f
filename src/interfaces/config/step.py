lines.append(f"greeting: {config.get('greeting', DEFAULT_GREETING)}")
