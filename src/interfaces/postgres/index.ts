import { markdownCode, python } from '../../escape.js';
import { storeName, url } from '../checks.js';
import { pythonBlock, pythonBlocks } from '../python.js';
import { defineInterface } from '../types.js';
import { witText } from '../../wit.js';
import { WIT_REFERENCE_UPSTREAM } from '../../versions.js';

/** Its wasmCloud 1.x provider, as wasmCloud's examples and wash's defaults reference it. */
const SQLDB_POSTGRES = 'ghcr.io/wasmcloud/sqldb-postgres:0.10.0';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The table the demo keeps its visits in: created when it is missing. */
const CREATE_VISITS = 'CREATE TABLE IF NOT EXISTS visits (path text NOT NULL, at timestamptz NOT NULL DEFAULT now())';

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
    constants: [['CREATE_VISITS', python(CREATE_VISITS)]],
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
    body: `\`postgres.query(sql, *params)\` returns the rows as tuples and \`postgres.execute(sql, *params)\` runs a statement;
\`$1\`, \`$2\`, ... are bound to the parameters, never spliced into the SQL. Values convert both ways: \`None\`, \`bool\`,
\`int\`, \`float\`, \`str\`, \`bytes\`, \`Decimal\`, \`date\`, \`time\`, \`datetime\`, \`UUID\`, and JSON as \`dict\` or \`list\`. A
database's failure is a \`postgres.DatabaseError\`. \`wash dev\` 2.10 cannot return a \`numeric\` column (its PostgreSQL plugin fails
the request): select it as \`::text\` and take \`Decimal(value)\`. \`demo()\` creates the table \`visits\` when it is missing, inserts a
row holding the request path (or subject), and answers with how many visits that path has had: \`visits: 1\`,
\`visits: 2\`, ... A database error becomes a \`postgres error:\` line of the answer, not a crash.

Start PostgreSQL first: \`sudo apt-get install postgresql\` (Debian, Ubuntu: it starts a server on port 5432),
\`brew install postgresql && brew services start postgresql\` (macOS), or a container:

\`\`\`sh
docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15
\`\`\`

${
  host.providers
    ? `The \`sqldb-postgres\` provider in \`wadm.yaml\` connects to it with the link config \`default-postgres\`
(\`POSTGRES_HOST\`, \`POSTGRES_PORT\`, \`POSTGRES_USERNAME\`, \`POSTGRES_PASSWORD\`, \`POSTGRES_DATABASE\`), taken from
${markdownCode(ctx.settings.postgresUrl)}; change them there to use another server. Keep a real password in a secret, not in \`wadm.yaml\`.`
    : `\`wash dev\` connects to ${markdownCode(ctx.settings.postgresUrl)} (\`dev.postgres_url\` in \`.wash/config.yaml\`) and runs the queries in
the database ${markdownCode(ctx.settings.postgresDatabase)} (\`config.database\` of its \`wasmcloud:postgres\` entry in \`dev.host_interfaces\`;
\`wash dev\` refuses to start without it). Deployed, the database is the \`config.database\` of the \`wasmcloud:postgres\` host
interface in \`manifests/workloaddeployment.yaml\`. Then see the rows the component wrote:

\`\`\`sh
psql '${ctx.settings.postgresUrl}' -c 'SELECT path, at FROM visits'
\`\`\``
}`,
    prerequisites: [
      'A PostgreSQL server, 15 or later (`sudo apt-get install postgresql`, `brew install postgresql`, or `docker` with the `postgres:15` image), and `psql` to see the rows',
    ],
  }),
  tryIt: () => [{ request: { path: '/visited' }, note: 'visits: 1, then 2, ... (rows in the visits table)' }],
});
