import { markdownCode, python } from '../escape.js';
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
    body: `\`fetch_status\` sends a GET to ${markdownCode(ctx.settings.httpClientUrl)} (\`UPSTREAM_URL\` in \`app.py\`) for every
request or message and reports the upstream status. The \`httpclient\` provider in \`wadm.yaml\` makes the
outgoing calls; change the URL in \`app.py\` and rebuild to call another service.`,
  }),
};
