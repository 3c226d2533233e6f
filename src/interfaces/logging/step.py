log(Level.INFO, COMPONENT_NAME, f"handling {key} ({len(body)} bytes)")
