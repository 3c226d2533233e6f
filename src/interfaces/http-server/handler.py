def method_name(method: Method) -> str:
    """The request method as it appears on the wire, e.g. `GET`."""
    if isinstance(method, Method_Other):
        return method.value
    return type(method).__name__.removeprefix("Method_").upper()


def read_body(request: IncomingRequest) -> bytes:
    """Read the whole request body."""
    body = request.consume()
    data = bytearray()
    with body.stream() as stream:
        while True:
            try:
                data += stream.blocking_read(MAX_CHUNK)
            except Err:
                break  # the stream is closed: the body has been read
    IncomingBody.finish(body)
    return bytes(data)


def send(response_out: ResponseOutparam, status: int, text: str) -> None:
    """Answer with `status` and a plain-text body."""
    response = OutgoingResponse(Fields.from_list([("content-type", b"text/plain; charset=utf-8")]))
    response.set_status_code(status)
    body = response.body()
    ResponseOutparam.set(response_out, Ok(response))
    data = text.encode()
    with body.write() as stream:
        for start in range(0, len(data), MAX_CHUNK):
            stream.blocking_write_and_flush(data[start : start + MAX_CHUNK])
    OutgoingBody.finish(body, None)


def http_answer(method: str, key: str, body: bytes) -> str:
    """The answer to a request: a greeting that echoes method and path, then what each capability did."""
    lines = [f"Hello from {COMPONENT_NAME}! {method} {key}", *use_capabilities(key, body)]
    return "\n".join(lines) + "\n"


class IncomingHandler(exports.IncomingHandler):
    """Handles every HTTP request the host routes to this component."""

    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        key = request.path_with_query() or "/"
        send(response_out, 200, http_answer(method_name(request.method()), key, read_body(request)))
