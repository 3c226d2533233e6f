import { markdownCode } from '../../escape.js';
import { subscription } from '../checks.js';
import { MESSAGING_NATS, MESSAGING_SDK } from '../common/index.js';
import { prose } from '../prose.js';
import { pythonBlocks } from '../python.js';
import { defineInterface, type PythonFragment } from '../types.js';

const PYTHON_P2: PythonFragment = {
  sdk: [MESSAGING_SDK('0.2')],
  names: [{ module: 'messaging', names: ['Message', 'message_handler'] }],
  code: pythonBlocks('messaging-handler', 'handler.py'),
  tests: pythonBlocks('messaging-handler', 'test_app.py'),
};

/** WASI 0.3: an async handler; bodies are streams. */
const PYTHON_P3: PythonFragment = {
  sdk: [MESSAGING_SDK('0.3')],
  names: [{ module: 'messaging', names: ['Message', 'message_handler'] }],
  code: pythonBlocks('messaging-handler', 'p3/handler.py'),
  tests: pythonBlocks('messaging-handler', 'p3/test_app.py'),
  // The export class is MessageHandler (http-server's is HttpHandler): both would be Handler otherwise.
  exportNames: [{ iface: 'wasmcloud:messaging/handler', name: 'message_handler' }],
};

export const messagingHandler = defineInterface({
  id: 'messaging-handler',
  title: 'Messaging handler',
  summary: 'Handle messages from a NATS subscription and answer on reply-to (exports wasmcloud:messaging/handler)',
  direction: 'export',
  imports: ['wasmcloud:messaging/consumer'],
  exports: ['wasmcloud:messaging/handler'],
  packages: ['wasmcloud:messaging'],
  p3: { summary: 'Handle messages with async def, streaming bodies, and answer on reply-to (exports wasmcloud:messaging/handler)' },
  settings: [
    {
      key: 'subscription',
      flag: 'subscription',
      placeholder: 'SUBJECT',
      help: 'messaging-handler: NATS subscription',
      default: (component) => `${component}.requests`,
      check: subscription,
    },
  ],
  python: (ctx) => (ctx.wasi === '0.3' ? PYTHON_P3 : PYTHON_P2),
  needs: (ctx) => ({
    binds: {
      namespace: 'wasmcloud',
      package: 'messaging',
      interfaces: ['handler', 'consumer'],
      config: { subscriptions: ctx.settings.subscription },
    },
    subscribes: ctx.settings.subscription,
    brokered: true,
    backends: [
      {
        id: 'nats',
        provider: { image: MESSAGING_NATS, name: 'nats', link: { name: 'subscription', properties: { subscriptions: ctx.settings.subscription } } },
      },
    ],
  }),
  readme: (ctx, host) => {
    const p3 = ctx.wasi === '0.3';
    const values = {
      async: p3 ? ' (an `async def`)' : '',
      subscription: markdownCode(ctx.settings.subscription),
      subscriptionRaw: ctx.settings.subscription,
      plumbing: prose('messaging-handler', p3 ? 'plumbing-p3' : 'plumbing'),
    };
    return host.providers
      ? {
          title: 'Messaging handler (`wasmcloud:messaging/handler`)',
          body: prose('messaging-handler', 'host-wadm', values),
          prerequisites: ['The [NATS CLI](https://github.com/nats-io/natscli) (`nats`), to send a request and see the reply'],
        }
      : {
          title: 'Messaging handler (`wasmcloud:messaging/handler`)',
          body: prose('messaging-handler', 'host-wash-dev', { ...values, natsDev: prose('common', 'nats-dev') }),
        };
  },
  tryIt: (ctx) => [
    { command: `nats req '${ctx.settings.subscription.replace(/>$/, 'hi').replace(/\*/g, 'x')}' 'hi'`, note: 'with NATS wired in: prints the reply' },
  ],
});
