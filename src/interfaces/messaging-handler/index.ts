import { markdownCode } from '../../escape.js';
import { subscription } from '../checks.js';
import { NATS_DEV, PUBLISH_FAKE } from '../common/index.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';

/** What the tool's module does around the user's handler (README). */
const PLUMBING = `As generated, the reply greets the subject, then says what each capability did (a message writes).
\`wasmcloud_messaging.py\` is the tool's, and \`add\` may rewrite it: \`Handler\`, which the host calls, sends the reply
to the message's reply-to subject, when it has one, through \`wasmcloud:messaging/consumer\`; a handler that raises
sends nothing, leaves a line on stderr that says why and where, and returns an error to the host.`;

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
  python: () => ({
    code: pythonBlocks('messaging-handler', 'handler.py'),
    tests: { ...PUBLISH_FAKE, tests: pythonBlocks('messaging-handler', 'test_app.py') },
    module: {
      name: 'wasmcloud_messaging',
      code: pythonBlock('messaging-handler', 'wasmcloud_messaging.py'),
      tests: pythonBlock('messaging-handler', 'test_wasmcloud_messaging.py'),
      names: ['Message', 'message_handler'],
      imports: [{ iface: 'wasmcloud:messaging/types' }, { iface: 'wasmcloud:messaging/consumer', alias: 'consumer' }],
    },
  }),
  needs: (ctx) => ({
    binds: { namespace: 'wasmcloud', package: 'messaging', interfaces: ['handler', 'consumer'], config: { subscriptions: ctx.settings.subscription } },
    subscribes: ctx.settings.subscription,
    brokered: true,
    backends: [{ id: 'nats', provider: { id: 'messaging-nats', name: 'nats', link: { name: 'subscription', properties: { subscriptions: ctx.settings.subscription } } } }],
  }),
  readme: (ctx, host) =>
    host.providers
      ? {
          title: 'Messaging handler (`wasmcloud:messaging/handler`)',
          body: `\`handle_message\` in \`app.py\` receives every message published to ${markdownCode(ctx.settings.subscription)} (the
\`subscriptions\` of the \`nats\` provider's link) as a \`Message\` (\`subject\`, \`body\`, \`reply_to\`) and returns the
text of its reply, or \`None\`. ${PLUMBING}

\`\`\`sh
wash pub '${ctx.settings.subscription}' 'hi'      # fire and forget
nats req '${ctx.settings.subscription}' 'hi'      # with the NATS CLI: prints the reply
\`\`\``,
          prerequisites: ['The [NATS CLI](https://github.com/nats-io/natscli) (`nats`), to send a request and see the reply'],
        }
      : {
          title: 'Messaging handler (`wasmcloud:messaging/handler`)',
          body: `\`handle_message\` in \`app.py\` receives every message published to ${markdownCode(ctx.settings.subscription)} (the
\`subscriptions\` of the \`wasmcloud:messaging\` host interface) as a \`Message\` (\`subject\`, \`body\`, \`reply_to\`)
and returns the text of its reply, or \`None\`. ${PLUMBING}

${NATS_DEV} Then send a request with the [NATS CLI](https://github.com/nats-io/natscli) or any NATS client:

\`\`\`sh
nats req '${ctx.settings.subscription}' 'hi'      # prints the reply
\`\`\``,
        },
  tryIt: (ctx) => [
    { command: `nats req '${ctx.settings.subscription.replace(/>$/, 'hi').replace(/\*/g, 'x')}' 'hi'`, note: 'with NATS wired in: prints the reply' },
  ],
});
