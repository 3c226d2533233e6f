import { markdownCode } from '../escape.js';
import type { InterfaceModule } from './types.js';

const HANDLER = 'wasi:http/incoming-handler';
const TYPES = 'wasi:http/types';

export const httpServer: InterfaceModule = {
  id: 'http-server',
  title: 'HTTP server',
  summary: 'Answer HTTP requests (exports wasi:http/incoming-handler)',
  direction: 'export',
  imports: [],
  exports: [HANDLER],
  packages: ['wasi:http'],
  python: () => ({
    fromImports: [
      {
        iface: TYPES,
        names: ['Fields', 'IncomingBody', 'IncomingRequest', 'Method', 'Method_Other', 'OutgoingBody', 'OutgoingResponse', 'ResponseOutparam'],
      },
    ],
    code: `def method_name(method: Method) -> str:
    """The request method as it appears on the wire, e.g. \`GET\`."""
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
    """Answer with \`status\` and a plain-text body."""
    response = OutgoingResponse(Fields.from_list([("content-type", b"text/plain; charset=utf-8")]))
    response.set_status_code(status)
    body = response.body()
    ResponseOutparam.set(response_out, Ok(response))
    data = text.encode()
    with body.write() as stream:
        for start in range(0, len(data), MAX_CHUNK):
            stream.blocking_write_and_flush(data[start : start + MAX_CHUNK])
    OutgoingBody.finish(body, None)`,
    constants: [['MAX_CHUNK', '4096']],
    exportClass: `def http_answer(method: str, key: str, body: bytes) -> str:
    """The answer to a request: a greeting that echoes method and path, then what each capability did."""
    lines = [f"Hello from {COMPONENT_NAME}! {method} {key}", *use_capabilities(key, body)]
    return "\\n".join(lines) + "\\n"


class IncomingHandler(exports.IncomingHandler):
    """Handles every HTTP request the host routes to this component."""

    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        key = request.path_with_query() or "/"
        send(response_out, 200, http_answer(method_name(request.method()), key, read_body(request)))`,
    tests: {
      tests: [
        `def test_the_answer_names_the_component_and_echoes_method_and_path() -> None:
    answer = app.http_answer("GET", "/some/path?q=1", b"")
    assert answer.splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! GET /some/path?q=1"
    assert answer.endswith("\\n")


def test_methods_are_spelled_as_on_the_wire() -> None:
    assert app.method_name(app.Method_Other("PURGE")) == "PURGE"`,
      ],
    },
  }),
  host: () => ({
    // The 2.x HTTP router needs a host name to route by.
    hostInterfaces: [{ namespace: 'wasi', package: 'http', interfaces: ['incoming-handler'], config: { host: 'localhost' } }],
  }),
  wadm: (ctx) => ({
    providers: [
      {
        name: 'httpserver',
        provider: 'http-server',
        links: [
          {
            target: ctx.names.wadmComponent,
            namespace: 'wasi',
            package: 'http',
            interfaces: ['incoming-handler'],
            sourceConfig: { name: 'default-http', properties: { address: ctx.settings.httpAddress } },
          },
        ],
      },
    ],
  }),
  readme: (ctx) => {
    const port = ctx.settings.httpAddress.split(':').pop();
    const serves =
      ctx.major === 2
        ? `\`wash dev\` listens on ${markdownCode(ctx.settings.httpAddress)} (\`dev.address\` in \`.wash/config.yaml\`). Deployed, the host's
HTTP router sends it the requests for the host name \`localhost\` (\`config.host\` of its \`wasi:http\` host interface
in \`manifests/workloaddeployment.yaml\`).`
        : `The \`httpserver\` provider in \`wadm.yaml\` listens on ${markdownCode(ctx.settings.httpAddress)} and forwards requests to
the component.`;
    return {
      title: 'HTTP server (`wasi:http/incoming-handler`)',
      body: `\`IncomingHandler.handle\` in \`app.py\` answers every request with status 200 and a plain-text body that
names the component and echoes the method and path. ${serves}

\`\`\`sh
curl -i localhost:${port}/hello
\`\`\``,
    };
  },
};
