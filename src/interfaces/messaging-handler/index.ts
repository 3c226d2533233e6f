import { markdownCode } from '../../escape.js';
import { subscription } from '../checks.js';
import { MESSAGING_SDK, NATS_DEV, MESSAGING_NATS } from '../common/index.js';
import { pythonBlocks } from '../python.js';
import { defineInterface, type Context, type PythonFragment } from '../types.js';

/** What the tool's module does around the user's handler (README). */
const PLUMBING_P2 = `As generated, the reply greets the subject, then says what each capability did (a message writes).
\`wasmcloud_sdk/messaging.py\` is the tool's: \`Handler\`, which the host calls, sends the reply
to the message's reply-to subject, when it has one, through \`wasmcloud:messaging/consumer\`; a handler that raises
sends nothing, leaves a line on stderr that says why and where, and returns an error to the host.`;

/** WASI 0.3: the same, with an async handler and streamed bodies. */
const PLUMBING_P3 = `As generated, the reply greets the subject, then says what each capability did (a message writes).
\`wasmcloud_sdk/messaging.py\` is the tool's: \`MessageHandler\`, which the host calls, reads the
message's body (a \`stream<u8>\`) whole, awaits \`handle_message\`, and sends the reply to the message's reply-to subject,
when it has one, writing the reply's body while
\`wasmcloud:messaging/consumer\` reads it; a handler that raises sends nothing, leaves a line on stderr that says why and
where, and returns \`handle-message-error::other\` to the host.`;

/** What `handle_message` is in app.py, and what the tool's module does around it (README). */
const handlerText = (ctx: Context): { is: string; plumbing: string } =>
  ctx.wasi === '0.3' ? { is: '`handle_message` (an `async def`)', plumbing: PLUMBING_P3 } : { is: '`handle_message`', plumbing: PLUMBING_P2 };

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
  readme: (ctx, host) =>
    host.providers
      ? {
          title: 'Messaging handler (`wasmcloud:messaging/handler`)',
          body: `${handlerText(ctx).is} in \`app.py\` receives every message published to ${markdownCode(ctx.settings.subscription)} (the
\`subscriptions\` of the \`nats\` provider's link) as a \`Message\` (\`subject\`, \`body\`, \`reply_to\`) and returns the
text of its reply, or \`None\`. ${handlerText(ctx).plumbing}

\`\`\`sh
wash pub '${ctx.settings.subscription}' 'hi'      # fire and forget
nats req '${ctx.settings.subscription}' 'hi'      # with the NATS CLI: prints the reply
\`\`\``,
          prerequisites: ['The [NATS CLI](https://github.com/nats-io/natscli) (`nats`), to send a request and see the reply'],
        }
      : {
          title: 'Messaging handler (`wasmcloud:messaging/handler`)',
          body: `${handlerText(ctx).is} in \`app.py\` receives every message published to ${markdownCode(ctx.settings.subscription)} (the
\`subscriptions\` of the \`wasmcloud:messaging\` host interface) as a \`Message\` (\`subject\`, \`body\`, \`reply_to\`)
and returns the text of its reply, or \`None\`. ${handlerText(ctx).plumbing}

${NATS_DEV} Then send a request with the [NATS CLI](https://github.com/nats-io/natscli) or any NATS client:

\`\`\`sh
nats req '${ctx.settings.subscription}' 'hi'      # prints the reply
\`\`\``,
        },
  tryIt: (ctx) => [
    { command: `nats req '${ctx.settings.subscription.replace(/>$/, 'hi').replace(/\*/g, 'x')}' 'hi'`, note: 'with NATS wired in: prints the reply' },
  ],
});
