import { markdownCode, python } from '../../escape.js';
import { matching } from '../checks.js';
import { prose } from '../prose.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';
import { witText } from '../../wit.js';
import { WIT_REFERENCE_UPSTREAM } from '../../versions.js';

/** What `wash dev` serves as the secret's value: a stand-in, never a real secret (the file is tracked by git). */
export const DEV_SECRET_VALUE = 'dev-only-not-a-secret';

/** A secret's key: lowercase letters, digits and `-`, as a Kubernetes Secret's keys and wash dev's config have them. */
const secretName = matching(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a secret name (lowercase letters, digits and `-`, up to 63)', 'e.g. api-key');

export const secrets = defineInterface({
  id: 'secrets',
  title: 'Secrets',
  summary: 'Read a secret without ever logging it (imports wasmcloud:secrets/store and reveal)',
  direction: 'import',
  imports: ['wasmcloud:secrets/store', 'wasmcloud:secrets/reveal'],
  exports: [],
  packages: ['wasmcloud:secrets'],
  wit: {
    'wasmcloud:secrets': {
      // No registry crate ships it: the wasmCloud 2 host's own text. Only WASI 0.3's host serves it.
      texts: [
        witText(
          'wasmcloud:secrets@2.1.0',
          [],
          {
            reference: 'wasmcloud2/wit/deps/wasmcloud-secrets-2.1.0/package.wit',
            upstream: `${WIT_REFERENCE_UPSTREAM}/wasmcloud-secrets-2.1.0/package.wit`,
          },
          ['wasmcloud2/wit/deps/wasmcloud-secrets-2.1.0'],
        ),
      ],
      serves: { p3: 'wasmcloud:secrets@2.1.0' },
    },
  },
  // wasmcloud:secrets@2.1.0 is async: only a WASI 0.3 component calls it.
  wasi: ['0.3'],
  settings: [
    {
      key: 'secretName',
      flag: 'secret-name',
      placeholder: 'NAME',
      help: 'secrets: the key of the secret the component reads (WASI 0.3)',
      default: () => 'api-key',
      check: secretName,
    },
  ],
  python: (ctx) => ({
    sdk: [
      {
        name: 'secrets',
        source: 'p3/sdk/secrets.py',
        imports: [
          { iface: 'wasmcloud:secrets/store', alias: 'secrets_store' },
          { iface: 'wasmcloud:secrets/reveal', alias: 'secrets_reveal' },
        ],
        host: 'values: name → the secret',
      },
    ],
    uses: ['secrets'],
    constants: [['SECRET_NAME', python(ctx.settings.secretName)]],
    stdlib: ['hashlib'],
    code: pythonBlocks('secrets', 'capability.py'),
    steps: [pythonBlock('secrets', 'step.py')],
    tests: pythonBlocks('secrets', 'test_capabilities.py'),
  }),
  needs: (ctx) => ({
    binds: { namespace: 'wasmcloud', package: 'secrets', interfaces: ['store', 'reveal'], secretFrom: [`${ctx.names.component}-secrets`] },
    dev: {
      hostInterface: {
        comment: `The secret \`wash dev\` serves: a development stand-in, not a secret (this file is tracked by git; wash does not expand \${VARS} here). Deployed, the value comes from the Kubernetes Secret ${ctx.names.component}-secrets.`,
        interfaces: ['store', 'reveal'],
        config: { [ctx.settings.secretName]: DEV_SECRET_VALUE },
      },
    },
  }),
  readme: (ctx) => ({
    title: 'Secrets (`wasmcloud:secrets/store`, `wasmcloud:secrets/reveal`)',
    body: prose('secrets', 'about', {
      secret: markdownCode(ctx.settings.secretName),
      secretRaw: ctx.settings.secretName,
      devValue: DEV_SECRET_VALUE,
      component: ctx.names.component,
    }),
  }),
  tryIt: (ctx) => [{ request: { path: '/' }, note: `secret ${ctx.settings.secretName}: its length and sha256 prefix, never the value` }],
});
