import { markdownCode, python } from '../escape.js';
import type { InterfaceModule, LinkSpec } from './types.js';

const CONSUMER = 'wasmcloud:messaging/consumer';
const TYPES = 'wasmcloud:messaging/types';

/** How to put wash dev's messaging on a real NATS server (README, wasmCloud 2). */
const NATS_DEV = `To reach it from outside under \`wash dev\`, run a NATS server with JetStream (\`nats-server -js\`), uncomment
\`data_nats_url\` in \`.wash/config.yaml\` and restart \`wash dev\` (keyvalue and blobstore then live in NATS too).`;

const consumerLink: LinkSpec = { target: 'nats', namespace: 'wasmcloud', package: 'messaging', interfaces: ['consumer'] };

export const messagingHandler: InterfaceModule = {
  id: 'messaging-handler',
  title: 'Messaging handler',
  summary: 'Handle messages from a NATS subscription and answer on reply-to (exports wasmcloud:messaging/handler)',
  direction: 'export',
  imports: [CONSUMER],
  exports: ['wasmcloud:messaging/handler'],
  packages: ['wasmcloud:messaging'],
  python: () => ({
    fromImports: [{ iface: TYPES, names: ['BrokerMessage'] }],
    moduleImports: [{ iface: CONSUMER, alias: 'consumer' }],
    exportClass: `class Handler(exports.Handler):
    """Handles every message the NATS messaging provider delivers from the subscription."""

    def handle_message(self, msg: BrokerMessage) -> None:
        lines = [f"Hello from {COMPONENT_NAME}! {msg.subject}", *use_capabilities(msg.subject, msg.body)]
        if msg.reply_to is not None:
            consumer.publish(BrokerMessage(subject=msg.reply_to, body="\\n".join(lines).encode(), reply_to=None))`,
  }),
  host: (ctx) => ({
    hostInterfaces: [
      { namespace: 'wasmcloud', package: 'messaging', interfaces: ['handler', 'consumer'], config: { subscriptions: ctx.settings.subscription } },
    ],
  }),
  wadm: (ctx) => ({
    providers: [
      {
        name: 'nats',
        provider: 'messaging-nats',
        links: [
          {
            target: ctx.names.wadmComponent,
            namespace: 'wasmcloud',
            package: 'messaging',
            interfaces: ['handler'],
            sourceConfig: { name: 'subscription', properties: { subscriptions: ctx.settings.subscription } },
          },
        ],
      },
    ],
    componentLinks: [consumerLink],
  }),
  readme: (ctx) =>
    ctx.major === 2
      ? {
          title: 'Messaging handler (`wasmcloud:messaging/handler`)',
          body: `\`Handler.handle_message\` receives every message published to ${markdownCode(ctx.settings.subscription)} (the
\`subscriptions\` of the \`wasmcloud:messaging\` host interface) and, when the message has a reply-to subject,
answers with a greeting through \`wasmcloud:messaging/consumer\`.

${NATS_DEV} Then send a request with the [NATS CLI](https://github.com/nats-io/natscli) or any NATS client:

\`\`\`sh
nats req '${ctx.settings.subscription}' 'hi'      # prints the reply
\`\`\``,
        }
      : {
          title: 'Messaging handler (`wasmcloud:messaging/handler`)',
          body: `\`Handler.handle_message\` receives every message published to ${markdownCode(ctx.settings.subscription)} (the
\`subscriptions\` of the \`nats\` provider's link) and, when the message has a reply-to subject, answers with a
greeting through \`wasmcloud:messaging/consumer\`.

\`\`\`sh
wash pub '${ctx.settings.subscription}' 'hi'      # fire and forget
nats req '${ctx.settings.subscription}' 'hi'      # with the NATS CLI: prints the reply
\`\`\``,
        },
};

export const messagingPublisher: InterfaceModule = {
  id: 'messaging-publisher',
  title: 'Messaging publisher',
  summary: 'Publish messages to NATS subjects (imports wasmcloud:messaging/consumer)',
  direction: 'import',
  imports: [CONSUMER],
  exports: [],
  packages: ['wasmcloud:messaging'],
  python: (ctx) => ({
    fromImports: [{ iface: TYPES, names: ['BrokerMessage'] }],
    moduleImports: [{ iface: CONSUMER, alias: 'consumer' }],
    constants: [['EVENTS_SUBJECT', python(ctx.settings.eventsSubject)]],
    code: `def publish_event(key: str) -> None:
    """Publish \`key\` to EVENTS_SUBJECT, without waiting for an answer."""
    consumer.publish(BrokerMessage(subject=EVENTS_SUBJECT, body=key.encode(), reply_to=None))`,
    steps: [
      `try:
    publish_event(key)
    lines.append(f"published {key} to {EVENTS_SUBJECT}")
except Err as error:
    lines.append(f"publish error: {error.value}")`,
    ],
  }),
  host: () => ({ hostInterfaces: [{ namespace: 'wasmcloud', package: 'messaging', interfaces: ['consumer'] }] }),
  wadm: () => ({
    providers: [{ name: 'nats', provider: 'messaging-nats', links: [] }],
    componentLinks: [consumerLink],
  }),
  readme: (ctx) => ({
    title: 'Messaging publisher (`wasmcloud:messaging/consumer`)',
    body:
      ctx.major === 2
        ? `\`publish_event\` publishes the path (or subject) of every request or message to
${markdownCode(ctx.settings.eventsSubject)}. Without NATS, \`wash dev\` delivers it in memory, where nothing outside sees it.
${NATS_DEV} Then watch the events arrive with the [NATS CLI](https://github.com/nats-io/natscli):

\`\`\`sh
nats sub '${ctx.settings.eventsSubject}'
\`\`\``
        : `\`publish_event\` publishes the path (or subject) of every request or message to
${markdownCode(ctx.settings.eventsSubject)} through the \`nats\` provider. Watch them arrive with:

\`\`\`sh
wash sub '${ctx.settings.eventsSubject}'
\`\`\``,
  }),
};
