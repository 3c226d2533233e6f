import { markdownCode } from '../../escape.js';
import { hostPort } from '../checks.js';
import { prose } from '../prose.js';
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
    const p3 = ctx.wasi === '0.3';
    const address = markdownCode(ctx.settings.httpAddress);
    return {
      title: p3 ? 'HTTP server (`wasi:http/handler`, WASI 0.3)' : 'HTTP server (`wasi:http/incoming-handler`)',
      body: [
        prose('http-server', p3 ? 'about-p3' : 'about'),
        prose('http-server', host.providers ? 'host-wadm' : 'host-wash-dev', { address }),
        prose('http-server', 'curl', { port: port(ctx.settings.httpAddress) }),
      ].join('\n\n'),
    };
  },
  tryIt: (ctx) => [
    { request: { path: '/hello' }, note: `Hello from ${ctx.names.component}! GET /hello` },
    { request: { args: '-i', path: '/health' }, note: 'a route of its own: 200, content-type: text/plain, ok' },
  ],
});
