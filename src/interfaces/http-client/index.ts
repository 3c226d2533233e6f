import { markdownCode, python } from '../../escape.js';
import { url } from '../checks.js';
import { FAKE_RESOURCE } from '../common/index.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';

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
  python: (ctx) => ({
    fromImports: [{ iface: 'wasi:http/types', names: ['ErrorCode_HttpRequestDenied', 'Fields', 'OutgoingRequest', 'Scheme_Http', 'Scheme_Https'] }],
    moduleImports: [{ iface: 'wasi:http/outgoing-handler', alias: 'outgoing_handler' }],
    constants: [['UPSTREAM_URL', python(ctx.settings.httpClientUrl)]],
    code: pythonBlocks('http-client', 'capability.py'),
    steps: [pythonBlock('http-client', 'step.py')],
    tests: {
      modules: ['outgoing_handler'],
      fakes: [FAKE_RESOURCE, ...pythonBlocks('http-client', 'fakes.py')],
      state: ['requests: list[dict[str, object]] = field(default_factory=list)', 'upstream_status: int = 200', 'deny: bool = False'],
      methods: pythonBlocks('http-client', 'host.py'),
      patches: [
        'monkeypatch.setattr(capabilities, "OutgoingRequest", FakeRequest)',
        'monkeypatch.setattr(capabilities, "Fields", lambda: None)',
        'monkeypatch.setattr(outgoing_handler, "handle", fake.handle)',
      ],
      tests: pythonBlocks('http-client', 'test_capabilities.py'),
    },
  }),
  needs: (ctx) => ({
    binds: { namespace: 'wasi', package: 'http', interfaces: [ctx.wasi === '0.3' ? 'client' : 'outgoing-handler'] },
    // Its host, and its port when it names one.
    calls: [new URL(ctx.settings.httpClientUrl).host],
    backends: [{ id: 'http-client', provider: { id: 'http-client', name: 'httpclient' } }],
  }),
  readme: (ctx) => ({
    title: 'HTTP client (`wasi:http/outgoing-handler`)',
    body: `\`fetch_status\` sends a GET to ${markdownCode(ctx.settings.httpClientUrl)} (\`UPSTREAM_URL\` in \`capabilities.py\`) for every
request or message and reports the upstream status. The \`httpclient\` provider in \`wadm.yaml\` makes the
outgoing calls; change the URL in \`capabilities.py\` and rebuild to call another service.`,
  }),
  tryIt: (ctx) => [{ request: { path: '/' }, note: `upstream ${ctx.settings.httpClientUrl}: its status` }],
});
