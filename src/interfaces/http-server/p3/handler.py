async def handle(request: Request) -> Response:
    """Answer one HTTP request: a route for each method and path, and the greeting for any other."""
    match request.method, request.path:
        case "GET", "/health":
            return Response(200, [("content-type", "text/plain; charset=utf-8")], "ok\n")
        case "POST", "/echo":
            content_type = request.header("content-type") or "application/octet-stream"
            return Response(200, [("content-type", content_type)], request.body)
        case _:
            # A greeting that echoes the method and path, then what each capability did: a POST or a
            # PUT writes (its body is stored), any other method only reads.
            lines = [f"Hello from {COMPONENT_NAME}! {request.method} {request.target}"]
            lines += await use_capabilities(request.target, request.body, write=request.method in ("POST", "PUT"))
            return Response(body="\n".join(lines) + "\n")


# The export the host calls for each request: wasi_http.py reads the request, awaits handle() and sends its answer.
HttpHandler = http_handler(handle)
