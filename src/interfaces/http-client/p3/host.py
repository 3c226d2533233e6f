def trailers_future(self, default: object) -> tuple[None, None]:
    """wit_world's future of a request's trailers: the fake request has no use for it."""
    return None, None


async def send(self, request: FakeOutgoingRequest) -> FakeUpstreamResponse:
    """Answers once `together` requests have started (at once: 1), or fails when they never do."""
    if self.deny:
        raise Err(capabilities.ErrorCode_HttpRequestDenied())
    self.requests.append(request.parts)
    if len(self.requests) >= self.together:
        self.all_started.set()
    self.in_flight += 1
    self.most_in_flight = max(self.most_in_flight, self.in_flight)
    try:
        await asyncio.wait_for(self.all_started.wait(), timeout=1)
    except TimeoutError:
        raise AssertionError(f"only {self.in_flight} of {self.together} requests were in flight at once") from None
    finally:
        self.in_flight -= 1
    return FakeUpstreamResponse(self.upstream_status)
