"fetcher: a wasmCloud component written in Python"

import asyncio
import hashlib

from wasmcloud_sdk import http_client, secrets
from wasmcloud_sdk.http import App, Request, Response, http_handler

COMPONENT_NAME = "fetcher"
UPSTREAM_URL = "https://example.com/"
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


async def demo(key: str, body: bytes, *, write: bool) -> list[str]:
    """What each capability does for one request, a line each: the demo README's try-it lines show.

    `key` is the request's path and query, and `body` its payload; `write` is true for a POST or a PUT. Replace it with
    your own code as your routes grow.
    """
    lines: list[str] = []
    # Two GETs at once (asyncio.gather): the answer waits for the slower of them, not for both in turn.
    for status in await asyncio.gather(upstream_status(UPSTREAM_URL), upstream_status(UPSTREAM_URL)):
        lines.append(f"upstream {UPSTREAM_URL}: {status}")
    lines.append(await describe_secret(SECRET_NAME))
    return lines


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
