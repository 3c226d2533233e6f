def describe_error(error: object) -> str:
    """Why an outgoing request failed, in words."""
    if isinstance(error, ErrorCode_HttpRequestDenied):
        return "denied: the host allows no requests to it (add it to the allowed hosts)"
    return f"error: {error}"


def fetch_status(url: str) -> str:
    """GET `url` and return its status code, or why the request failed."""
    scheme, _, rest = url.partition("://")
    authority, slash, path = rest.partition("/")
    request = OutgoingRequest(Fields())
    try:
        request.set_scheme(Scheme_Https() if scheme == "https" else Scheme_Http())
        request.set_authority(authority)
        request.set_path_with_query(slash + path)
        future = outgoing_handler.handle(request, None)
    except Err as error:
        return describe_error(error.value)
    with future:
        with future.subscribe() as ready:
            ready.block()
        outcome = future.get()
        if outcome is None or isinstance(outcome, Err):
            return "error: no response"
        if isinstance(outcome.value, Err):
            return describe_error(outcome.value.value)
        with outcome.value.value as response:
            return str(response.status())
