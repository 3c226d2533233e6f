"everything: a wasmCloud component written in Python"

import asyncio
import hashlib
import logging
import re

from wasmcloud_sdk import blobstore, config, http_client, keyvalue, messaging, postgres, secrets
from wasmcloud_sdk.http import App, Request, Response, http_handler
from wasmcloud_sdk.messaging import Message, message_handler

COMPONENT_NAME = "everything"
UPSTREAM_URL = "https://example.com/"
KEYVALUE_BUCKET = "everything"
BLOB_CONTAINER = "everything"
CREATE_VISITS = (
    "DO $$ BEGIN CREATE TABLE IF NOT EXISTS visits (path text NOT NULL, at timestamptz NOT NULL DEFAULT now()); "
    "EXCEPTION WHEN duplicate_table OR unique_violation THEN NULL; END $$"
)
EVENTS_SUBJECT = "everything.events"
logger = logging.getLogger("everything")
DEFAULT_GREETING = "Hello"
SECRET_NAME = "api-key"


app = App()


@app.get("/health")
async def health(request: Request) -> Response:
    """A route of its own, for a load balancer's health check."""
    return Response.text("ok\n")


@app.post("/echo")
async def echo(request: Request) -> Response:
    """The body back, with its content type."""
    return Response(request.body, content_type=request.headers.get("content-type", "application/octet-stream"))


@app.route("/{path:path}")
async def greet(request: Request, path: str) -> Response:
    """Any other request: a greeting that echoes the method and path, then what each capability did.

    demo() takes a POST or a PUT as a write (`write=True`), any other method as a read.
    """
    lines = [f"Hello from {COMPONENT_NAME}! {request.method} {request.target}"]
    lines += await demo(request.target, request.body, write=request.method in ("POST", "PUT"))
    return Response.text("\n".join(lines) + "\n")


# The export the host calls for each request: the SDK reads the request, awaits the app and streams its answer.
HttpHandler = http_handler(app)


async def handle_message(message: Message) -> str | None:
    """Answer one message: the reply, sent when the message has a reply-to subject, or None for no reply.

    The reply greets the subject, then says what each capability did: demo() takes every message as a write.
    """
    lines = [f"Hello from {COMPONENT_NAME}! {message.subject}"]
    lines += await demo(message.subject, message.body, write=True)
    return "\n".join(lines)


# The export the host calls for each message: the SDK awaits handle_message() and sends its reply.
MessageHandler = message_handler(handle_message)


async def demo(key: str, body: bytes, *, write: bool) -> list[str]:
    """What each capability does for one request or message, a line each: the demo README's try-it lines show.

    `key` is the request's path and query, or the message's subject, and `body` its payload; `write` is true for a POST,
    a PUT or a message: blobstore then stores its body. Replace it with your own code as your routes and handler grow.
    """
    lines: list[str] = []
    # Two GETs at once (asyncio.gather): the answer waits for the slower of them, not for both in turn.
    for status in await asyncio.gather(upstream_status(UPSTREAM_URL), upstream_status(UPSTREAM_URL)):
        lines.append(f"upstream {UPSTREAM_URL}: {status}")
    try:
        lines.append(f"count: {keyvalue.open(KEYVALUE_BUCKET).increment(f'count-{safe_name(key)}')}")
    except keyvalue.KeyValueError as error:
        lines.append(f"keyvalue error: {error}")
    try:
        container = blobstore.container(BLOB_CONTAINER)
        if write:
            container.put(safe_name(key), body)
            stored = container.get(safe_name(key)) or b""
            lines.append(f"stored {len(stored)} bytes in {BLOB_CONTAINER}: {stored.decode(errors='replace')}")
        elif (found := container.get(safe_name(key))) is not None:
            lines.append(f"read {len(found)} bytes from {BLOB_CONTAINER}: {found.decode(errors='replace')}")
        else:
            lines.append(f"nothing stored for {key} in {BLOB_CONTAINER}")
    except blobstore.BlobstoreError as error:
        lines.append(f"blobstore error: {error}")
    try:
        postgres.execute(CREATE_VISITS)
        postgres.execute("INSERT INTO visits (path) VALUES ($1)", key)
        match postgres.query("SELECT count(*) FROM visits WHERE path = $1", key):
            case [(int(visits),)]:  # one row of one bigint
                lines.append(f"visits: {visits}")
            case rows:
                lines.append(f"postgres error: count(*) gave {rows!r}")
    except postgres.DatabaseError as error:
        lines.append(f"postgres error: {error}")
    try:
        await messaging.publish(EVENTS_SUBJECT, key)
        lines.append(f"published {key} to {EVENTS_SUBJECT}")
    except messaging.MessagingError as error:
        lines.append(f"publish error: {error}")
    logger.info("handling %s (%d bytes)", key, len(body))
    lines.append(f"greeting: {config.get('greeting', DEFAULT_GREETING)}")
    lines.append(await describe_secret(SECRET_NAME))
    return lines


def safe_name(key: str) -> str:
    """`key` as a name every store accepts: letters, digits, `_`, `-` and inner dots (`index` for `/`)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", key.strip("/")).strip("._") or "index"


async def upstream_status(url: str) -> str:
    """GET `url`: its status code, or why the request failed."""
    try:
        return str((await http_client.get(url)).status)
    except http_client.HttpError as error:
        return str(error)


async def describe_secret(name: str) -> str:
    """The secret `name` as an answer may show it: its length and the first 8 hex digits of its SHA-256."""
    try:
        secret = await secrets.get(name)
    except secrets.SecretNotFound:
        return f"secret {name}: not found"
    except secrets.SecretsError as error:
        return f"secret {name}: the host could not get it ({error})"
    data = secret.reveal_bytes()
    return f"secret {name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:8]}"
