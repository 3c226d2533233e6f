def describe_error(error: object) -> str:
    """Why an outgoing request failed, in words."""
    if isinstance(error, ErrorCode_HttpRequestDenied):
        return "denied: the host allows no requests to it (add it to the allowed hosts)"
    return f"error: {error}"


async def fetch_status(url: str) -> str:
    """GET `url` and return its status code, or why the request failed."""
    scheme, _, rest = url.partition("://")
    authority, slash, path = rest.partition("/")
    # A request with no body ends with its trailers: none, which the future's writer sends as it is dropped.
    trailers = wit_world.result_option_http_types_fields_http_types_error_code_future(lambda: Ok(None))[1]
    request = Request.new(Fields(), None, trailers, None)[0]
    try:
        request.set_scheme(Scheme_Https() if scheme == "https" else Scheme_Http())
        request.set_authority(authority)
        request.set_path_with_query(slash + path)
        response = await http_client.send(request)
    except Err as error:
        return describe_error(error.value)
    with response:
        return str(response.get_status_code())


async def fetch_statuses(urls: list[str]) -> list[str]:
    """GET every URL at once: this takes as long as the slowest request, not as long as all of them in turn."""
    return list(await asyncio.gather(*(fetch_status(url) for url in urls)))
