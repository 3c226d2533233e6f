import { markdownCode } from '../../escape.js';
import { hostPort } from '../checks.js';
import { pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';

/** Its wasmCloud 1.x provider, as wasmCloud's examples and wash's defaults reference it. */
const HTTP_SERVER = 'ghcr.io/wasmcloud/http-server:0.27.0';

const port = (address: string): string => address.split(':').pop() as string;

export const httpServer = defineInterface({
  id: 'http-server',
  title: 'HTTP server',
  summary: 'Answer HTTP requests (exports wasi:http/incoming-handler)',
  direction: 'export',
  imports: [],
  exports: ['wasi:http/incoming-handler'],
  packages: ['wasi:http'],
  p3: { summary: 'Answer HTTP requests with async def, streaming bodies (exports wasi:http/handler)', exports: ['wasi:http/handler'] },
  settings: [
    {
      key: 'httpAddress',
      flag: 'http-address',
      placeholder: 'HOST:PORT',
      help: 'http-server: address wash dev (1.x: the provider) listens on',
      // Loopback: a development server is not for the network. 0.0.0.0 listens on every interface.
      default: () => '127.0.0.1:8000',
      check: hostPort('127.0.0.1:8000'),
    },
  ],
  // The same layout on both revisions: WASI 0.3's files are in p3/, and its export is pinned.
  python: (ctx) => {
    const p3 = ctx.wasi === '0.3';
    const file = (name: string): string => (p3 ? `p3/${name}` : name);
    return {
      sdk: [{ name: 'http', source: file('sdk/http.py'), imports: [{ iface: 'wasi:http/types' }] }],
      names: [{ module: 'http', names: ['App', 'Request', 'Response', p3 ? 'http_handler' : 'incoming_handler'] }],
      code: pythonBlocks('http-server', file('handler.py')),
      tests: pythonBlocks('http-server', file('test_app.py')),
      // WASI 0.3's wasi:http/handler would otherwise be `handler`, as wasmcloud:messaging/handler is.
      ...(p3 ? { exportNames: [{ iface: 'wasi:http/handler', name: 'http_handler' }] } : {}),
    };
  },
  needs: (ctx) => ({
    // The host's HTTP router sends the component the requests for this host name.
    binds: { namespace: 'wasi', package: 'http', interfaces: [ctx.wasi === '0.3' ? 'handler' : 'incoming-handler'], config: { host: 'localhost' } },
    listens: ctx.settings.httpAddress,
    backends: [
      {
        id: 'http-server',
        provider: { image: HTTP_SERVER, name: 'httpserver', link: { name: 'default-http', properties: { address: ctx.settings.httpAddress } } },
      },
    ],
  }),
  readme: (ctx, host) => {
    const serves = host.providers
      ? `The \`httpserver\` provider in \`wadm.yaml\` listens on ${markdownCode(ctx.settings.httpAddress)} and forwards requests to
the component.`
      : `\`wash dev\` listens on ${markdownCode(ctx.settings.httpAddress)} (\`dev.address\` in \`.wash/config.yaml\`). Deployed, the host's
HTTP router sends it the requests for the host name \`localhost\` (\`config.host\` of its \`wasi:http\` host interface
in \`manifests/workloaddeployment.yaml\`).`;
    const handles = (parts: string): string => `\`app\` in \`app.py\` answers each request with its routes, as a Flask or FastAPI
app does: ${parts}. A route's \`{name}\` matches a path segment and \`{name:path}\` the rest of the path, each passed to the
function by name; a path no route has is a 404, a method it does not take a 405. As generated, \`GET /health\` answers
\`ok\`, \`POST /echo\` sends the body back with its content type, and any other request gets a greeting that names the
component and echoes the method and path, then what each capability did (\`demo()\`: a \`POST\` or a \`PUT\` writes, any
other method only reads). Add your routes above the greeting's, which takes every path:

\`\`\`python
@app.get("/notes/{note_id}")
${ctx.wasi === '0.3' ? 'async ' : ''}def show_note(request: Request, note_id: str) -> Response:
    return Response.json({"id": note_id, "day": request.query.get("day")})
\`\`\``;
    const imported = `Import every module at the top of a file: the component holds only what is imported when it is built, so a
module imported first inside a handler is missing when the handler runs.`;
    const about =
      ctx.wasi === '0.3'
        ? {
            title: 'HTTP server (`wasi:http/handler`, WASI 0.3)',
            body: `${handles(`each route is an \`async def\` that takes a \`Request\` (\`method\`, \`path\`, \`query\`, \`headers\`, \`body\`,
\`text\`, \`json()\`) and returns a \`Response\` (\`Response(body, status=..., headers=...)\`, \`Response.text(...)\`,
\`Response.json(...)\`)`)}

Being \`async def\`, a route (and \`demo()\`, which the greeting awaits) can \`await\` what WASI 0.3 makes
asynchronous, such as an outgoing HTTP request, and do several such things at once with \`asyncio.gather\`; a
capability whose WIT is synchronous (key-value, blobstore, config, logging) is called as it is, without \`await\`. The
response's body goes to the client as a stream, after \`handle\` has returned. The component's event loop has no
timers: \`asyncio.sleep\` with a delay fails.

\`wasmcloud_sdk/http.py\` is the tool's: the wasi:http plumbing under \`HttpHandler\`, which the host calls. It reads
the request's body from its stream in chunks, awaits the app and returns the status and the
headers; a task it spawns then writes the body to the response's stream in chunks. A handler that raises gets a 500
with a short text, and a line on stderr that says why and where.
${imported}`,
          }
        : {
            title: 'HTTP server (`wasi:http/incoming-handler`)',
            body: `${handles(`each route takes a \`Request\` (\`method\`, \`path\`, \`query\`, \`headers\`, \`body\`, \`text\`,
\`json()\`) and returns a \`Response\` (\`Response(body, status=..., headers=...)\`, \`Response.text(...)\`, \`Response.json(...)\`)`)}

\`wasmcloud_sdk/http.py\` is the tool's: the wasi:http plumbing under \`IncomingHandler\`, which the host calls. It
reads the request's body in chunks, calls the app and writes the status, the headers and the body back
in chunks; a handler that raises gets a 500 with a short text, and a line on stderr that says why and where.
${imported}`,
          };
    return {
      title: about.title,
      body: `${about.body}

${serves}

\`\`\`sh
curl -i localhost:${port(ctx.settings.httpAddress)}/health
curl -d 'echo me' localhost:${port(ctx.settings.httpAddress)}/echo
\`\`\``,
    };
  },
  tryIt: (ctx) => [
    { request: { path: '/hello' }, note: `Hello from ${ctx.names.component}! GET /hello` },
    { request: { args: '-i', path: '/health' }, note: 'a route of its own: 200, content-type: text/plain, ok' },
  ],
});
