import { markdownCode, python } from '../escape.js';
import type { InterfaceModule, LinkSpec } from './types.js';

const CONSUMER = 'wasmcloud:messaging/consumer@0.2.0';
const TYPES = 'wasmcloud:messaging/types@0.2.0';

const consumerLink: LinkSpec = { target: 'nats', namespace: 'wasmcloud', package: 'messaging', interfaces: ['consumer'] };

export const messagingHandler: InterfaceModule = {
  id: 'messaging-handler',
  title: 'Messaging handler',
  summary: 'Handle messages from a NATS subscription and answer on reply-to (exports wasmcloud:messaging/handler)',
  direction: 'export',
  imports: [CONSUMER],
  exports: ['wasmcloud:messaging/handler@0.2.0'],
  packages: ['wasmcloud:messaging@0.2.0'],
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
  readme: (ctx) => ({
    title: 'Messaging handler (`wasmcloud:messaging/handler`)',
    body: `\`Handler.handle_message\` receives every message published to ${markdownCode(ctx.settings.subscription)} (the
\`subscriptions\` of the \`nats\` provider's link) and, when the message has a reply-to subject, answers with a
greeting through \`wasmcloud:messaging/consumer\`.

\`\`\`sh
wash pub '${ctx.settings.subscription}' 'hi'      # fire and forget
nats req '${ctx.settings.subscription}' 'hi'      # with the NATS CLI: prints the reply
\`\`\``,
  }),
};

export const messagingPublisher: InterfaceModule = {
  id: 'messaging-publisher',
  title: 'Messaging publisher',
  summary: 'Publish messages to NATS subjects (imports wasmcloud:messaging/consumer)',
  direction: 'import',
  imports: [CONSUMER],
  exports: [],
  packages: ['wasmcloud:messaging@0.2.0'],
  python: (ctx) => ({
    fromImports: [{ iface: TYPES, names: ['BrokerMessage'] }],
    moduleImports: [{ iface: CONSUMER, alias: 'consumer' }],
    constants: [['EVENTS_SUBJECT', python(ctx.settings.eventsSubject)]],
    code: `def publish_event(key: str) -> None:
    """Publish \`key\` to EVENTS_SUBJECT, without waiting for an answer."""
    consumer.publish(BrokerMessage(subject=EVENTS_SUBJECT, body=key.encode(), reply_to=None))`,
    steps: ['publish_event(key)', 'lines.append(f"published {key} to {EVENTS_SUBJECT}")'],
  }),
  wadm: () => ({
    providers: [{ name: 'nats', provider: 'messaging-nats', links: [] }],
    componentLinks: [consumerLink],
  }),
  readme: (ctx) => ({
    title: 'Messaging publisher (`wasmcloud:messaging/consumer`)',
    body: `\`publish_event\` publishes the path (or subject) of every request or message to
${markdownCode(ctx.settings.eventsSubject)} through the \`nats\` provider. Watch them arrive with:

\`\`\`sh
wash sub '${ctx.settings.eventsSubject}'
\`\`\``,
  }),
};
