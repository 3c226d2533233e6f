def upstream_status(url: str) -> str:
    """GET `url`: its status code, or why the request failed."""
    try:
        return str(http_client.get(url).status)
    except http_client.HttpError as error:
        return str(error)
