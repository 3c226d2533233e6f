import { markdownCode, python } from '../escape.js';
import { FAKE_RESOURCE } from './python.js';
import type { InterfaceModule } from './types.js';

/** The `allowedHosts` entry that lets a wasmCloud 2 workload call `url`: its host, and its port when it names one. */
export function allowedHost(url: string): string {
  return new URL(url).host;
}

export const httpClient: InterfaceModule = {
  id: 'http-client',
  title: 'HTTP client',
  summary: 'Make outgoing HTTP requests (imports wasi:http/outgoing-handler)',
  direction: 'import',
  imports: ['wasi:http/outgoing-handler'],
  exports: [],
  packages: ['wasi:http'],
  python: (ctx) => ({
    fromImports: [{ iface: 'wasi:http/types', names: ['ErrorCode_HttpRequestDenied', 'Fields', 'OutgoingRequest', 'Scheme_Http', 'Scheme_Https'] }],
    moduleImports: [{ iface: 'wasi:http/outgoing-handler', alias: 'outgoing_handler' }],
    constants: [['UPSTREAM_URL', python(ctx.settings.httpClientUrl)]],
    code: `def describe_error(error: object) -> str:
    """Why an outgoing request failed, in words."""
    if isinstance(error, ErrorCode_HttpRequestDenied):
        return "denied: the host allows no requests to it (add it to the allowed hosts)"
    return f"error: {error}"


def fetch_status(url: str) -> str:
    """GET \`url\` and return its status code, or why the request failed."""
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
            return str(response.status())`,
    steps: ['lines.append(f"upstream {UPSTREAM_URL}: {fetch_status(UPSTREAM_URL)}")'],
    tests: {
      modules: ['outgoing_handler'],
      fakes: [
        FAKE_RESOURCE,
        `class FakeRequest:
    """An outgoing request: what capabilities.py set on it."""

    def __init__(self, headers: object) -> None:
        self.parts: dict[str, object] = {}

    def set_scheme(self, scheme: object) -> None:
        self.parts["scheme"] = scheme

    def set_authority(self, authority: str) -> None:
        self.parts["authority"] = authority

    def set_path_with_query(self, path: str) -> None:
        self.parts["path"] = path`,
        `class FakeResponse(FakeResource):
    def __init__(self, status: int) -> None:
        self.code = status

    def status(self) -> int:
        return self.code`,
        `class FakeFuture(FakeResource):
    """A response that is ready at once; it stands in for its pollable too."""

    def __init__(self, status: int) -> None:
        self.code = status

    def subscribe(self) -> FakeFuture:
        return self

    def block(self) -> None:
        pass

    def get(self) -> Ok[Ok[FakeResponse]]:
        return Ok(Ok(FakeResponse(self.code)))`,
      ],
      state: ['requests: list[dict[str, object]] = field(default_factory=list)', 'upstream_status: int = 200', 'deny: bool = False'],
      methods: [
        `def handle(self, request: FakeRequest, options: object) -> FakeFuture:
    if self.deny:
        raise Err(capabilities.ErrorCode_HttpRequestDenied())
    self.requests.append(request.parts)
    return FakeFuture(self.upstream_status)`,
      ],
      patches: [
        'monkeypatch.setattr(capabilities, "OutgoingRequest", FakeRequest)',
        'monkeypatch.setattr(capabilities, "Fields", lambda: None)',
        'monkeypatch.setattr(outgoing_handler, "handle", fake.handle)',
      ],
      tests: [
        `def test_the_upstream_status_is_relayed(host: FakeHost) -> None:
    host.upstream_status = 204
    assert capabilities.fetch_status("http://127.0.0.1:9000/status?x=1") == "204"
    expected = {"scheme": capabilities.Scheme_Http(), "authority": "127.0.0.1:9000", "path": "/status?x=1"}
    assert host.requests == [expected]


def test_a_denied_request_says_so(host: FakeHost) -> None:
    host.deny = True
    assert capabilities.fetch_status(capabilities.UPSTREAM_URL).startswith("denied: ")`,
      ],
    },
  }),
  host: (ctx) => ({
    hostInterfaces: [{ namespace: 'wasi', package: 'http', interfaces: ['outgoing-handler'] }],
    allowedHosts: [allowedHost(ctx.settings.httpClientUrl)],
  }),
  wadm: () => ({
    providers: [{ name: 'httpclient', provider: 'http-client', links: [] }],
    componentLinks: [{ target: 'httpclient', namespace: 'wasi', package: 'http', interfaces: ['outgoing-handler'] }],
  }),
  readme: (ctx) => ({
    title: 'HTTP client (`wasi:http/outgoing-handler`)',
    body: `\`fetch_status\` sends a GET to ${markdownCode(ctx.settings.httpClientUrl)} (\`UPSTREAM_URL\` in \`capabilities.py\`) for every
request or message and reports the upstream status. The \`httpclient\` provider in \`wadm.yaml\` makes the
outgoing calls; change the URL in \`capabilities.py\` and rebuild to call another service.`,
  }),
};
