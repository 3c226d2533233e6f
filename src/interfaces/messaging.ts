import { markdownCode, python } from '../escape.js';
import type { InterfaceModule, LinkSpec, TestFragment } from './types.js';

const CONSUMER = 'wasmcloud:messaging/consumer';
const TYPES = 'wasmcloud:messaging/types';

/** How to put wash dev's messaging on a real NATS server (README, wasmCloud 2). */
const NATS_DEV = `To reach it from outside under \`wash dev\`, run a NATS server with JetStream (\`nats-server -js\`), uncomment
\`data_nats_url\` in \`.wash/config.yaml\` and restart \`wash dev\` (keyvalue and blobstore then live in NATS too).`;

/** tests/test_app.py: consumer.publish records what it was given. */
const PUBLISH_FAKE: Omit<TestFragment, 'tests'> = {
  modules: ['consumer', 'messaging_types'],
  state: ['published: list[tuple[str, bytes, str | None]] = field(default_factory=list)'],
  methods: [
    `def publish(self, msg: messaging_types.BrokerMessage) -> None:
    self.published.append((msg.subject, msg.body, msg.reply_to))`,
  ],
  patches: ['monkeypatch.setattr(consumer, "publish", fake.publish)'],
};

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
    stdlib: ['sys'],
    fromImports: [{ iface: TYPES, names: ['BrokerMessage'] }],
    moduleImports: [{ iface: CONSUMER, alias: 'consumer' }],
    exportClass: `def message_answer(subject: str, body: bytes) -> str:
    """The answer to a message: a greeting that names the subject, then what each capability did."""
    return "\\n".join([f"Hello from {COMPONENT_NAME}! {subject}", *use_capabilities(subject, body)])


class Handler(exports.Handler):
    """Handles every message the host delivers from the subscription."""

    def handle_message(self, msg: BrokerMessage) -> None:
        answer = message_answer(msg.subject, msg.body)
        if msg.reply_to is None:
            return
        try:
            consumer.publish(BrokerMessage(subject=msg.reply_to, body=answer.encode(), reply_to=None))
        except Err as error:
            # Nobody is waiting on this call: say it where the host's output shows it.
            print(f"reply to {msg.reply_to} failed: {error.value}", file=sys.stderr)`,
    tests: {
      ...PUBLISH_FAKE,
      tests: [
        `def test_a_message_with_reply_to_gets_the_answer(host: FakeHost) -> None:
    app.Handler().handle_message(app.BrokerMessage(subject="jobs.1", body=b"ping", reply_to="inbox.1"))
    replies = [body for subject, body, _ in host.published if subject == "inbox.1"]
    assert len(replies) == 1
    assert replies[0].decode().splitlines()[0] == f"Hello from {app.COMPONENT_NAME}! jobs.1"


def test_a_message_without_reply_to_gets_no_answer(host: FakeHost) -> None:
    app.Handler().handle_message(app.BrokerMessage(subject="jobs.2", body=b"", reply_to=None))
    assert [body for _, body, _ in host.published if body.startswith(b"Hello from")] == []`,
      ],
    },
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
    tests: {
      ...PUBLISH_FAKE,
      tests: [
        `def test_each_request_or_message_is_published_as_an_event(host: FakeHost) -> None:
    capabilities.use_capabilities("/orders/7", b"")
    assert (capabilities.EVENTS_SUBJECT, b"/orders/7", None) in host.published`,
      ],
    },
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
