lines.append(f"greeting: {configured_greeting()}")
