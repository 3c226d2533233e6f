import { markdownCode, python } from '../../escape.js';
import { subject } from '../checks.js';
import { MESSAGING_SDK, NATS_DEV, MESSAGING_NATS } from '../common/index.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';

/** WASI 0.3: how an event is sent (README). */
const STREAMED = `\`publish\` is an \`async def\` there: it writes the event's body, a \`stream<u8>\`, while
\`wasmcloud:messaging/consumer\` reads it (a messaging handler's reply goes out the same way), and returns once the
broker has the message.`;

export const messagingPublisher = defineInterface({
  id: 'messaging-publisher',
  title: 'Messaging publisher',
  summary: 'Publish messages to NATS subjects (imports wasmcloud:messaging/consumer)',
  direction: 'import',
  imports: ['wasmcloud:messaging/consumer'],
  exports: [],
  packages: ['wasmcloud:messaging'],
  p3: { summary: 'Publish messages to NATS subjects, awaiting each (imports wasmcloud:messaging/consumer)' },
  settings: [
    {
      key: 'eventsSubject',
      flag: 'events-subject',
      placeholder: 'SUBJECT',
      help: 'messaging-publisher: subject events go to',
      default: (component) => `${component}.events`,
      check: subject,
    },
  ],
  python: (ctx) => ({
    sdk: [MESSAGING_SDK(ctx.wasi)],
    uses: ['messaging'],
    constants: [['EVENTS_SUBJECT', python(ctx.settings.eventsSubject)]],
    steps: [pythonBlock('messaging-publisher', ctx.wasi === '0.3' ? 'p3/step.py' : 'step.py')],
    tests: pythonBlocks('messaging-publisher', 'test_capabilities.py'),
  }),
  needs: () => ({
    binds: { namespace: 'wasmcloud', package: 'messaging', interfaces: ['consumer'] },
    brokered: true,
    backends: [{ id: 'nats', provider: { image: MESSAGING_NATS, name: 'nats' } }],
  }),
  readme: (ctx, host) => ({
    title: 'Messaging publisher (`wasmcloud:messaging/consumer`)',
    body: host.providers
      ? `\`messaging.publish(subject, body)\` sends a message (a refusal is a \`messaging.MessagingError\`); \`demo()\` publishes the path (or subject) of every request or message to
${markdownCode(ctx.settings.eventsSubject)} through the \`nats\` provider. Watch them arrive with:

\`\`\`sh
wash sub '${ctx.settings.eventsSubject}'
\`\`\``
      : `\`messaging.publish(subject, body)\` sends a message (a refusal is a \`messaging.MessagingError\`); \`demo()\` publishes the path (or subject) of every request or message to
${markdownCode(ctx.settings.eventsSubject)}.${ctx.wasi === '0.3' ? ` ${STREAMED}` : ''} Without NATS, \`wash dev\` delivers it in memory, where nothing outside sees it.
${NATS_DEV} Then watch the events arrive with the [NATS CLI](https://github.com/nats-io/natscli):

\`\`\`sh
nats sub '${ctx.settings.eventsSubject}'
\`\`\``,
  }),
  tryIt: (ctx) => [{ command: `nats sub '${ctx.settings.eventsSubject}'`, note: 'with NATS wired in: each request or message arrives' }],
});
