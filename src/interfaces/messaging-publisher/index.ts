import { markdownCode, python } from '../../escape.js';
import { subject } from '../checks.js';
import { MESSAGING_NATS, MESSAGING_SDK } from '../common/index.js';
import { prose } from '../prose.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';

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
  readme: (ctx, host) => {
    const values = { subject: markdownCode(ctx.settings.eventsSubject), subjectRaw: ctx.settings.eventsSubject };
    return {
      title: 'Messaging publisher (`wasmcloud:messaging/consumer`)',
      body: host.providers
        ? prose('messaging-publisher', 'host-wadm', values)
        : prose('messaging-publisher', 'host-wash-dev', {
            ...values,
            streamed: ctx.wasi === '0.3' ? ` ${prose('messaging-publisher', 'publish-p3')}` : '',
            natsDev: prose('common', 'nats-dev'),
          }),
    };
  },
  tryIt: (ctx) => [{ command: `nats sub '${ctx.settings.eventsSubject}'`, note: 'with NATS wired in: each request or message arrives' }],
});
