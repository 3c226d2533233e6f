import { markdownCode, python } from '../../escape.js';
import { storeName, url } from '../checks.js';
import { prose } from '../prose.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';
import { witText } from '../../wit.js';
import { WIT_REFERENCE_UPSTREAM } from '../../versions.js';

/** Its wasmCloud 1.x provider, as wasmCloud's examples and wash's defaults reference it. */
const SQLDB_POSTGRES = 'ghcr.io/wasmcloud/sqldb-postgres:0.10.0';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The table the demo keeps its visits in: created when it is missing. Two first requests at once may both create it,
 * and PostgreSQL's CREATE TABLE IF NOT EXISTS then fails in one of them (23505 on pg_type, seen with 32 at once):
 * the block catches that in the database, one statement as the host runs it.
 */
const CREATE_VISITS = [
  'DO $$ BEGIN CREATE TABLE IF NOT EXISTS visits (path text NOT NULL, at timestamptz NOT NULL DEFAULT now()); ',
  'EXCEPTION WHEN duplicate_table OR unique_violation THEN NULL; END $$',
];

export const postgres = defineInterface({
  id: 'postgres',
  title: 'PostgreSQL',
  summary: 'Query a PostgreSQL database with parameters (imports wasmcloud:postgres/query)',
  direction: 'import',
  imports: ['wasmcloud:postgres/query'],
  exports: [],
  packages: ['wasmcloud:postgres'],
  wit: {
    'wasmcloud:postgres': {
      // No registry crate ships it: the wasmCloud 2 host's own text, which its sqldb-postgres provider served on 1.x too
      // (the 1.x reference data has none: 1.x borrows the 2.x host's).
      texts: [
        witText(
          'wasmcloud:postgres@0.1.1-draft',
          [],
          {
            reference: 'wasmcloud2/wit/deps/wasmcloud-postgres-0.1.1-draft/package.wit',
            upstream: `${WIT_REFERENCE_UPSTREAM}/wasmcloud-postgres-0.1.1-draft/package.wit`,
          },
          ['wasmcloud2/wit/deps/wasmcloud-postgres-0.1.1-draft'],
        ),
      ],
      serves: { 2: 'wasmcloud:postgres@0.1.1-draft', 1: 'wasmcloud:postgres@0.1.1-draft' },
    },
  },
  settings: [
    {
      key: 'postgresUrl',
      flag: 'postgres-url',
      placeholder: 'URL',
      help: 'postgres: the server wash dev connects to (1.x: the provider link)',
      default: () => DEFAULT_URL,
      check: url(['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// URL', DEFAULT_URL, true),
    },
    {
      key: 'postgresDatabase',
      flag: 'postgres-database',
      placeholder: 'NAME',
      help: 'postgres: the database the queries run in',
      default: () => 'postgres',
      check: storeName,
    },
  ],
  python: () => ({
    sdk: [
      {
        name: 'postgres',
        source: 'sdk/postgres.py',
        imports: [{ iface: 'wasmcloud:postgres/query', alias: 'postgres_query' }, { iface: 'wasmcloud:postgres/types' }],
        host: 'statements: (sql, params) of each statement run; answer(sql, rows) sets what a query returns',
      },
    ],
    uses: ['postgres'],
    constants: [['CREATE_VISITS', `(\n    ${CREATE_VISITS.map(python).join('\n    ')}\n)`]],
    steps: [pythonBlock('postgres', 'step.py')],
    tests: pythonBlocks('postgres', 'test_capabilities.py'),
  }),
  needs: (ctx) => {
    const server = new URL(ctx.settings.postgresUrl);
    const database = ctx.settings.postgresDatabase;
    return {
      binds: { namespace: 'wasmcloud', package: 'postgres', interfaces: ['query'], config: { database } },
      backends: [
        {
          id: 'postgresql',
          provider: {
            image: SQLDB_POSTGRES,
            name: 'sqldb-postgres',
            link: {
              name: 'default-postgres',
              properties: {
                POSTGRES_HOST: server.hostname,
                POSTGRES_PORT: server.port || '5432',
                POSTGRES_USERNAME: decodeURIComponent(server.username) || 'postgres',
                POSTGRES_PASSWORD: decodeURIComponent(server.password),
                POSTGRES_DATABASE: database,
                POSTGRES_TLS_REQUIRED: 'false',
              },
            },
          },
        },
      ],
      dev: {
        backends: {
          summary: 'PostgreSQL: the server wasmcloud:postgres queries go to. Start it before `wash dev` (README says how).',
          settings: [{ key: 'postgres_url', value: ctx.settings.postgresUrl, active: true }],
        },
        hostInterface: {
          comment: 'The database the queries run in: wash dev needs it to serve wasmcloud:postgres.',
          interfaces: ['query'],
          config: { database },
        },
      },
    };
  },
  readme: (ctx, host) => ({
    title: 'PostgreSQL (`wasmcloud:postgres/query`)',
    body: [
      prose('postgres', 'about'),
      host.providers
        ? prose('postgres', 'host-wadm', { url: markdownCode(ctx.settings.postgresUrl) })
        : prose('postgres', 'host-wash-dev', {
            url: markdownCode(ctx.settings.postgresUrl),
            urlRaw: ctx.settings.postgresUrl,
            database: markdownCode(ctx.settings.postgresDatabase),
          }),
    ].join('\n\n'),
    prerequisites: [
      'A PostgreSQL server, 15 or later (`sudo apt-get install postgresql`, `brew install postgresql`, or `docker` with the `postgres:15` image), and `psql` to see the rows',
    ],
  }),
  tryIt: () => [{ request: { path: '/visited' }, note: 'visits: 1, then 2, ... (rows in the visits table)' }],
});
