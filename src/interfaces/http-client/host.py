def handle(self, request: FakeRequest, options: object) -> FakeFuture:
    if self.deny:
        raise Err(capabilities.ErrorCode_HttpRequestDenied())
    self.requests.append(request.parts)
    return FakeFuture(self.upstream_status)
