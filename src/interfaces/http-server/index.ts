import { markdownCode } from '../../escape.js';
import { hostPort } from '../checks.js';
import { pythonBlock, pythonBlocks } from '../python.js';
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
  settings: [
    {
      key: 'httpAddress',
      flag: 'http-address',
      placeholder: 'HOST:PORT',
      help: 'http-server: address wash dev (1.x: the provider) listens on',
      default: () => '0.0.0.0:8000',
      check: hostPort('0.0.0.0:8000'),
    },
  ],
  python: () => ({
    code: pythonBlocks('http-server', 'handler.py'),
    tests: { tests: pythonBlocks('http-server', 'test_app.py') },
    module: {
      name: 'wasi_http',
      code: pythonBlock('http-server', 'wasi_http.py'),
      tests: pythonBlock('http-server', 'test_wasi_http.py'),
      names: ['Request', 'Response', 'incoming_handler'],
      imports: [{ iface: 'wasi:http/types' }],
    },
  }),
  needs: (ctx) => ({
    // The host's HTTP router sends the component the requests for this host name.
    binds: { namespace: 'wasi', package: 'http', interfaces: ['incoming-handler'], config: { host: 'localhost' } },
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
    return {
      title: 'HTTP server (`wasi:http/incoming-handler`)',
      body: `\`IncomingHandler.handle\` in \`app.py\` answers every request with status 200 and a plain-text body that
names the component and echoes the method and path. ${serves}

\`\`\`sh
curl -i localhost:${port(ctx.settings.httpAddress)}/hello
\`\`\``,
    };
  },
  tryIt: (ctx) => [{ request: { path: '/hello' }, note: `Hello from ${ctx.names.component}! GET /hello` }],
});
