lines.append(await describe_secret(SECRET_NAME))
