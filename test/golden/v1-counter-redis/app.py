"counter: a wasmCloud component written in Python"

import logging
import re

from wasmcloud_sdk import keyvalue
from wasmcloud_sdk.http import App, Request, Response, incoming_handler

COMPONENT_NAME = "counter"
KEYVALUE_BUCKET = "counter"
logger = logging.getLogger("counter")


app = App()


@app.get("/health")
def health(request: Request) -> Response:
    """A route of its own, for a load balancer's health check."""
    return Response.text("ok\n")


@app.post("/echo")
def echo(request: Request) -> Response:
    """The body back, with its content type."""
    return Response(request.body, content_type=request.headers.get("content-type", "application/octet-stream"))


@app.route("/{path:path}")
def greet(request: Request, path: str) -> Response:
    """Any other request: a greeting that echoes the method and path, then what each capability did.

    demo() takes a POST or a PUT as a write (`write=True`), any other method as a read.
    """
    lines = [f"Hello from {COMPONENT_NAME}! {request.method} {request.target}"]
    lines += demo(request.target, request.body, write=request.method in ("POST", "PUT"))
    return Response.text("\n".join(lines) + "\n")


# The export the host calls for each request: the SDK reads the request, calls the app and sends its answer.
IncomingHandler = incoming_handler(app)


def demo(key: str, body: bytes, *, write: bool) -> list[str]:
    """What each capability does for one request, a line each: the demo README's try-it lines show.

    `key` is the request's path and query, and `body` its payload; `write` is true for a POST or a PUT. Replace it with
    your own code as your routes grow.
    """
    lines: list[str] = []
    try:
        lines.append(f"count: {keyvalue.open(KEYVALUE_BUCKET).increment(f'count-{safe_name(key)}')}")
    except keyvalue.KeyValueError as error:
        lines.append(f"keyvalue error: {error}")
    logger.info("handling %s (%d bytes)", key, len(body))
    return lines


def safe_name(key: str) -> str:
    """`key` as a name every store accepts: letters, digits, `_`, `-` and inner dots (`index` for `/`)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", key.strip("/")).strip("._") or "index"
