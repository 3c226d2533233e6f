import { markdownCode } from '../../escape.js';
import { hostPort } from '../checks.js';
import { pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';

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
    backends: [{ id: 'http-server', provider: { id: 'http-server', name: 'httpserver', link: { name: 'default-http', properties: { address: ctx.settings.httpAddress } } } }],
  }),
  readme: (ctx, host) => {
    const serves = host.providers
      ? `The \`httpserver\` provider in \`wadm.yaml\` listens on ${markdownCode(ctx.settings.httpAddress)} and forwards requests to
the component.`
      : `\`wash dev\` listens on ${markdownCode(ctx.settings.httpAddress)} (\`dev.address\` in \`.wash/config.yaml\`). Deployed, the host's
HTTP router sends it the requests for the host name \`localhost\` (\`config.host\` of its \`wasi:http\` host interface
in \`manifests/workloaddeployment.yaml\`).`;
    const handles = (parts: string): string => `\`handle\` in \`app.py\` answers each request: ${parts}. It routes by
method and path: \`GET /health\` answers \`ok\`, \`POST /echo\` sends the body back with its content type, and any other
request gets a greeting that names the component and echoes the method and path, then what each capability did (a
\`POST\` or a \`PUT\` writes, any other method only reads). Add your routes there.`;
    const imported = `Import every module at the top of a file: the component holds only what is imported when it is built, so a
module imported first inside a handler is missing when the handler runs.`;
    const about =
      ctx.wasi === '0.3'
        ? {
            title: 'HTTP server (`wasi:http/handler`, WASI 0.3)',
            body: `${handles(`it is \`async def\`, takes a \`Request\` (\`method\`, \`path\`, \`query\`, \`headers\`,
\`body\`) and returns a \`Response\` (\`status\`, \`headers\`, \`body\`: a \`str\` goes as UTF-8 \`text/plain\`)`)}

Being \`async def\`, \`handle\` (and \`use_capabilities\`, which it awaits) can \`await\` what WASI 0.3 makes
asynchronous, such as an outgoing HTTP request, and do several such things at once with \`asyncio.gather\`; a
capability whose WIT is synchronous (key-value, blobstore, config, logging) is called as it is, without \`await\`. The
response's body goes to the client as a stream, after \`handle\` has returned. The component's event loop has no
timers: \`asyncio.sleep\` with a delay fails.

\`wasi_http.py\` is the tool's, and \`add\` may rewrite it: the wasi:http plumbing, \`HttpHandler\`, which the host
calls. It reads the request's body from its stream in chunks, awaits \`handle\` and returns the status and the
headers; a task it spawns then writes the body to the response's stream in chunks. A handler that raises gets a 500
with a short text, and a line on stderr that says why and where.
${imported}`,
          }
        : {
            title: 'HTTP server (`wasi:http/incoming-handler`)',
            body: `${handles(`it takes a \`Request\` (\`method\`, \`path\`, \`query\`, \`headers\`,
\`body\`) and returns a \`Response\` (\`status\`, \`headers\`, \`body\`: a \`str\` goes as UTF-8 \`text/plain\`)`)}

\`wasi_http.py\` is the tool's, and \`add\` may rewrite it: the wasi:http plumbing, \`IncomingHandler\`, which the host
calls. It reads the request's body in chunks, calls \`handle\` and writes the status, the headers and the body back
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
