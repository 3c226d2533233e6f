import { markdownCode, python } from '../../escape.js';
import { url } from '../checks.js';
import { prose } from '../prose.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface, type PythonFragment } from '../types.js';

/** Its wasmCloud 1.x provider, as wasmCloud's examples and wash's defaults reference it. */
const HTTP_CLIENT = 'ghcr.io/wasmcloud/http-client:0.13.0';

const HOST = 'requests: each request sent; respond(url, ...) sets an answer, deny(host) refuses a host';

/** WASI 0.2: `http_client.get` blocks until the answer is in, one request at a time. */
const p2 = (upstream: string): PythonFragment => ({
  sdk: [
    {
      name: 'http_client',
      source: 'sdk/http_client.py',
      // wasi:io/streams is wasi:http@0.2.0's (its module name would change with a second wasi:io, blobstore's).
      imports: [
        { iface: 'wasi:http/outgoing-handler', alias: 'outgoing_handler' },
        { iface: 'wasi:http/types' },
        { iface: 'wasi:io/streams@0.2.0', alias: 'io_streams' },
      ],
      host: HOST,
    },
  ],
  uses: ['http_client'],
  constants: [['UPSTREAM_URL', upstream]],
  code: pythonBlocks('http-client', 'capability.py'),
  steps: [pythonBlock('http-client', 'step.py')],
  tests: pythonBlocks('http-client', 'test_capabilities.py'),
});

/** WASI 0.3: `await http_client.get(...)`, so that several requests are in flight at once (asyncio.gather). */
const p3 = (upstream: string): PythonFragment => ({
  sdk: [
    {
      name: 'http_client',
      source: 'p3/sdk/http_client.py',
      imports: [{ iface: 'wasi:http/client', alias: 'http_client' }, { iface: 'wasi:http/types' }],
      host: HOST,
    },
  ],
  uses: ['http_client'],
  constants: [['UPSTREAM_URL', upstream]],
  stdlib: ['asyncio'],
  code: pythonBlocks('http-client', 'p3/capability.py'),
  steps: [pythonBlock('http-client', 'p3/step.py')],
  tests: pythonBlocks('http-client', 'p3/test_capabilities.py'),
});

export const httpClient = defineInterface({
  id: 'http-client',
  title: 'HTTP client',
  summary: 'Make outgoing HTTP requests (imports wasi:http/outgoing-handler)',
  direction: 'import',
  imports: ['wasi:http/outgoing-handler'],
  exports: [],
  packages: ['wasi:http'],
  p3: { summary: 'Make outgoing HTTP requests, several at once (imports wasi:http/client)', imports: ['wasi:http/client'] },
  settings: [
    {
      key: 'httpClientUrl',
      flag: 'http-client-url',
      placeholder: 'URL',
      help: 'http-client: URL the component fetches',
      default: () => 'https://example.com/',
      check: url(['http:', 'https:'], 'a plain http(s) URL', 'https://example.com/'),
    },
  ],
  python: (ctx) => (ctx.wasi === '0.3' ? p3 : p2)(python(ctx.settings.httpClientUrl)),
  needs: (ctx) => ({
    binds: { namespace: 'wasi', package: 'http', interfaces: [ctx.wasi === '0.3' ? 'client' : 'outgoing-handler'] },
    // Its host, and its port when it names one.
    calls: [new URL(ctx.settings.httpClientUrl).host],
    backends: [{ id: 'http-client', provider: { image: HTTP_CLIENT, name: 'httpclient' } }],
  }),
  readme: (ctx, host) => {
    const upstream = markdownCode(ctx.settings.httpClientUrl);
    return ctx.wasi === '0.3'
      ? { title: 'HTTP client (`wasi:http/client`)', body: prose('http-client', 'about-p3', { upstream }) }
      : {
          title: 'HTTP client (`wasi:http/outgoing-handler`)',
          body: prose('http-client', 'about', { upstream, host: prose('http-client', host.providers ? 'host-wadm' : 'host-wash-dev') }),
        };
  },
  tryIt: (ctx) => [
    {
      request: { path: '/' },
      note:
        ctx.wasi === '0.3'
          ? `upstream ${ctx.settings.httpClientUrl}: its status, twice (two requests at once)`
          : `upstream ${ctx.settings.httpClientUrl}: its status`,
    },
  ],
});
