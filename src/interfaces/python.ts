/** Python that more than one interface module uses; each is written into app.py once. */

/** A name every key-value and blob store accepts, whatever the request path or subject holds. */
export const SAFE_NAME = `def safe_name(key: str) -> str:
    """\`key\` as a name every store accepts: letters, digits, \`_\`, \`-\` and inner dots (\`index\` for \`/\`)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", key.strip("/")).strip("._") or "index"`;
