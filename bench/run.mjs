#!/usr/bin/env node
// Cold start and install footprint of create-wasmcloud-python against create-vite (GitHub issue 5).
//
//   npm run bench                       # this checkout
//   node bench/run.mjs --repo <dir>     # another checkout (it must have its devDependencies installed)
//   node bench/run.mjs --json           # the same figures as JSON on stdout
//
// In one run, on this machine:
//   1. `npm pack` the repo into a temp dir (its `prepare` script builds dist/);
//   2. installs the tarball with `npm install --omit=dev --no-audit --no-fund` into an empty prefix,
//      and create-vite (pinned, see CREATE_VITE) into another;
//   3. counts installed packages (directories with a package.json directly under a node_modules
//      directory or under an @scope in one, at any depth, the installed package itself included) and
//      sums the bytes under each prefix's node_modules (apparent size of every file; 1 MB = 1e6 bytes);
//   4. runs each generator WARMUP times (3: the machine settles after npm's installs) and then --runs
//      times (default 11), alternating ours and
//      create-vite, each run in a fresh empty temp cwd with stdin closed:
//        ours:        node <bin> bench-app --interfaces http-server --yes
//        create-vite: node <bin> vt --template vanilla-ts
//      and reports the median wall time (spawn to exit, measured here) and the median peak RSS of the
//      generating process (GNU /usr/bin/time -f %M when present, otherwise a --require'd probe that
//      records process.resourceUsage().maxRSS when the process exits; --rss=time|probe forces one);
//      Both tools run with TMPDIR set to one directory of this benchmark's own, empty at the start:
//      ours keeps V8's code cache there (made by the first warm-up run), so a run of the user's cache
//      never counts. In the same rounds, ours also runs once more with a TMPDIR of its own, empty,
//      each time: a user's very first run (no code cache yet, and the cost of writing it);
//   5. prints every figure, the ratios ours / create-vite and PASS or MISS for each target of the
//      issue (the wall-time target is for runs with the code cache; the first-run ratio is printed
//      too). Missed targets never fail the run: only errors exit non-zero.
//
// Uses Node built-ins only. Temp files go under os.tmpdir() and are removed (unless --keep).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Newest create-vite whose engines field accepts Node 20 (`^20.19.0 || >=22.12.0`). */
const CREATE_VITE = '9.3.0';
const OURS = 'create-wasmcloud-python';
const TARGETS = { wallRatio: 1.5, sizeMB: 5, packages: 5 };
const RUN_TIMEOUT_MS = 60_000;
/** Unmeasured rounds first: each tool's first runs after npm's installs ran slow and scattered. */
const WARMUP = 3;

const USAGE = `Usage: node bench/run.mjs [--repo <dir>] [--runs <n>] [--create-vite <version>] [--rss time|probe] [--json] [--keep]

  --repo <dir>          checkout to pack and measure (default: the one holding this script)
  --runs <n>            measured runs per generator after ${WARMUP} warm-ups (default 11, at least 5)
  --create-vite <ver>   create-vite version to compare against (default ${CREATE_VITE})
  --rss time|probe      how to measure peak RSS (default: time if GNU /usr/bin/time works, else probe)
  --json                print the figures as JSON instead of a table
  --keep                keep the temp directory and print its path
`;

let args;
try {
  args = parseArgs({
    options: {
      repo: { type: 'string' },
      runs: { type: 'string', default: '11' },
      'create-vite': { type: 'string', default: CREATE_VITE },
      rss: { type: 'string' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 5) {
  process.stderr.write(`bench: --runs must be an integer of at least 5, got ${args.runs}\n`);
  process.exit(2);
}
if (args.rss !== undefined && !['time', 'probe'].includes(args.rss)) {
  process.stderr.write(`bench: --rss must be time or probe, got ${args.rss}\n`);
  process.exit(2);
}
const repo = resolve(args.repo ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const log = (text) => process.stderr.write(`bench: ${text}\n`);

// Child npm commands must not inherit the `npm run bench` script's own context.
const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(package_|lifecycle_|command$|config_local_prefix$)/i.test(k)));
// The generators run as a user would run the bin: no npm context at all.
const runEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function sh(command, argv, options = {}) {
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: npmEnv, ...options });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(
      `${command} ${argv.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}) in ${options.cwd ?? process.cwd()}:\n${output}`,
    );
  }
  return result.stdout;
}

/** Installed packages and bytes under <prefix>/node_modules. */
function footprint(prefix) {
  const root = join(prefix, 'node_modules');
  let packages = 0;
  const countIn = (nodeModules) => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const dirs = entry.name.startsWith('@')
        ? readdirSync(join(nodeModules, entry.name), { withFileTypes: true }).map((e) => join(nodeModules, entry.name, e.name))
        : [join(nodeModules, entry.name)];
      for (const dir of dirs) {
        if (!existsSync(join(dir, 'package.json'))) continue;
        packages += 1;
        if (!lstatSync(dir).isSymbolicLink()) countIn(join(dir, 'node_modules'));
      }
    }
  };
  countIn(root);
  let bytes = 0;
  let diskBytes = 0;
  let files = 0;
  const walk = (path) => {
    const st = lstatSync(path);
    diskBytes += st.blocks * 512;
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
    } else {
      bytes += st.size;
      files += 1;
    }
  };
  walk(root);
  return { packages, bytes, sizeMB: bytes / 1e6, diskMB: diskBytes / 1e6, files };
}

function install(prefix, spec) {
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  sh('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', prefix, spec], { cwd: prefix });
}

function binOf(prefix, name) {
  const dir = join(prefix, 'node_modules', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const rel = typeof manifest.bin === 'string' ? manifest.bin : (manifest.bin?.[name] ?? Object.values(manifest.bin ?? {})[0]);
  if (!rel) throw new Error(`${name} declares no bin`);
  return { bin: join(dir, rel), version: manifest.version };
}

function gnuTimeWorks() {
  if (!existsSync('/usr/bin/time')) return false;
  const out = join(tmpdir(), `bench-time-check-${process.pid}`);
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, 'true'], { stdio: 'ignore' });
  const ok = r.status === 0 && existsSync(out) && /^\d+\s*$/.test(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return ok;
}

/** One generation in a fresh empty cwd: wall ms, peak RSS in KB, files written. */
function generate(tool, scratch, index, rssMethod, probe) {
  const cwd = mkdtempSync(join(scratch, `${tool.key}-${index}-`));
  // TMPDIR: the benchmark's shared one, or for a first run an empty one of its own.
  const tmp = tool.freshTmp ? mkdtempSync(join(scratch, `${tool.key}-${index}-tmp-`)) : tool.tmp;
  const rssFile = join(scratch, `${tool.key}-${index}.rss`);
  const nodeArgs = [...(rssMethod === 'probe' ? ['--require', probe] : []), tool.bin, ...tool.args];
  const [command, argv] =
    rssMethod === 'time' ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const env = { ...runEnv, TMPDIR: tmp, ...(rssMethod === 'probe' ? { BENCH_RSS_FILE: rssFile } : {}) };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    const start = process.hrtime.bigint();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      if (code !== 0) {
        reject(
          new Error(`${tool.label} run ${index} failed (${signal ?? `exit ${code}`}) in ${cwd}:\n${output.trim().split('\n').slice(-30).join('\n')}`),
        );
        return;
      }
      const produced = join(cwd, tool.produces);
      if (!existsSync(produced)) {
        reject(new Error(`${tool.label} run ${index} exited 0 but wrote no ${tool.produces} in ${cwd}:\n${output.trim()}`));
        return;
      }
      let rssKB;
      try {
        rssKB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      } catch {
        rssKB = NaN;
      }
      if (!Number.isFinite(rssKB) || rssKB <= 0) {
        reject(new Error(`${tool.label} run ${index}: no peak RSS recorded in ${rssFile}`));
        return;
      }
      const files = footprintFiles(join(cwd, tool.dir));
      rmSync(cwd, { recursive: true, force: true });
      if (tool.freshTmp) rmSync(tmp, { recursive: true, force: true });
      rmSync(rssFile, { force: true });
      resolvePromise({ wallMs, rssKB, files });
    });
  });
}

function footprintFiles(dir) {
  let n = 0;
  const walk = (p) => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(p, e.name));
      else n += 1;
    }
  };
  walk(dir);
  return n;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  if (!existsSync(join(repo, 'package.json'))) throw new Error(`no package.json in ${repo}`);
  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'cwp-bench-'));
  try {
    // 1. Pack, as `npm publish` would (the prepare script builds dist/).
    log(`packing ${repo}`);
    const packDir = join(scratch, 'pack');
    mkdirSync(packDir);
    const packOut = sh('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: repo });
    let packInfo = {};
    try {
      packInfo = JSON.parse(packOut.slice(packOut.search(/^\[/m)))[0] ?? {};
    } catch {
      /* the tarball on disk is what counts */
    }
    const tarballs = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`expected one tarball in ${packDir}, found: ${tarballs.join(', ') || 'none'}`);
    const tarball = join(packDir, tarballs[0]);

    // 2. Install both into empty prefixes.
    log('installing the tarball with --omit=dev');
    const oursPrefix = join(scratch, 'ours');
    install(oursPrefix, tarball);
    log(`installing create-vite@${args['create-vite']}`);
    const vitePrefix = join(scratch, 'create-vite');
    install(vitePrefix, `create-vite@${args['create-vite']}`);

    // 3. Footprints.
    const oursFoot = footprint(oursPrefix);
    const viteFoot = footprint(vitePrefix);
    const oursBin = binOf(oursPrefix, OURS);
    const viteBin = binOf(vitePrefix, 'create-vite');

    // 4. Timing.
    const rssMethod = args.rss ?? (gnuTimeWorks() ? 'time' : 'probe');
    if (rssMethod === 'time' && !gnuTimeWorks()) throw new Error('--rss time: GNU /usr/bin/time -f %M does not work here');
    const probe = join(scratch, 'rss-probe.cjs');
    writeFileSync(
      probe,
      `process.on('exit', () => { require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n`,
    );
    const tmp = join(scratch, 'tmp');
    mkdirSync(tmp);
    const oursTool = {
      key: 'ours',
      label: OURS,
      bin: oursBin.bin,
      args: ['bench-app', '--interfaces', 'http-server', '--yes'],
      dir: 'bench-app',
      produces: 'bench-app/manifests/workloaddeployment.yaml',
      tmp,
    };
    const tools = [
      oursTool,
      { key: 'vite', label: 'create-vite', bin: viteBin.bin, args: ['vt', '--template', 'vanilla-ts'], dir: 'vt', produces: 'vt/package.json', tmp },
      { ...oursTool, key: 'oursFirst', label: `${OURS} (first run)`, freshTmp: true },
    ];
    const loadBefore = loadavg()[0];
    const samples = { ours: [], vite: [], oursFirst: [] };
    let files = {};
    log(
      `timing: ${WARMUP} warm-ups + ${runs} runs each, alternating ours, create-vite, ours' first run; peak RSS by ${rssMethod === 'time' ? '/usr/bin/time -f %M' : 'a process.resourceUsage() probe'}`,
    );
    for (let i = 0; i < WARMUP + runs; i += 1) {
      for (const tool of tools) {
        const sample = await generate(tool, scratch, i, rssMethod, probe);
        files[tool.key] = sample.files;
        if (i >= WARMUP) samples[tool.key].push(sample);
      }
    }
    const timing = (key) => {
      const wall = samples[key].map((s) => s.wallMs);
      const rss = samples[key].map((s) => s.rssKB / 1024);
      return {
        wallMedianMs: median(wall),
        wallMinMs: Math.min(...wall),
        wallMaxMs: Math.max(...wall),
        wallMs: wall,
        rssMedianMB: median(rss),
        rssMaxMB: Math.max(...rss),
        rssMB: rss,
        filesWritten: files[key],
      };
    };
    const oursTime = timing('ours');
    const viteTime = timing('vite');
    const firstTime = timing('oursFirst');

    const result = {
      machine: {
        node: process.version,
        npm: sh('npm', ['--version']).trim(),
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        // Other work on the machine inflates and scatters wall times: compare runs made under similar load.
        loadAverage1m: { beforeTiming: loadBefore, afterTiming: loadavg()[0] },
        // Read by every Node process at start-up (on Node 20 here: ~35 ms), the same for both tools.
        nodeExtraCaCerts: runEnv.NODE_EXTRA_CA_CERTS || null,
      },
      method: {
        runs,
        warmup: WARMUP,
        rss:
          rssMethod === 'time'
            ? 'GNU /usr/bin/time -f %M (max resident set size of the node process)'
            : 'process.resourceUsage().maxRSS read at exit by a --require probe',
        wall: 'spawn to exit of the child process, measured by the benchmark',
        tmpdir:
          "TMPDIR of both tools: one directory of the benchmark's, empty at the start (ours keeps its V8 code cache there, made by the first warm-up); ours' first run: an empty one each time",
        size: 'sum of the apparent sizes of all files under <prefix>/node_modules, 1 MB = 1e6 bytes; diskMB is allocated blocks (du-like)',
        packages: 'directories with a package.json directly under a node_modules directory or an @scope in one, at any depth',
      },
      ours: {
        name: OURS,
        version: oursBin.version,
        tarball: { file: tarballs[0], packedBytes: packInfo.size, unpackedBytes: packInfo.unpackedSize, entries: packInfo.entryCount },
        command: `node ${oursBin.bin.slice(oursPrefix.length + 1)} ${tools[0].args.join(' ')}`,
        ...oursFoot,
        ...oursTime,
        firstRun: {
          wallMedianMs: firstTime.wallMedianMs,
          wallMinMs: firstTime.wallMinMs,
          wallMaxMs: firstTime.wallMaxMs,
          wallMs: firstTime.wallMs,
          rssMedianMB: firstTime.rssMedianMB,
        },
      },
      createVite: {
        name: 'create-vite',
        version: viteBin.version,
        command: `node ${viteBin.bin.slice(vitePrefix.length + 1)} ${tools[1].args.join(' ')}`,
        ...viteFoot,
        ...viteTime,
      },
    };
    result.ratios = {
      sizeMB: result.ours.sizeMB / result.createVite.sizeMB,
      packages: result.ours.packages / result.createVite.packages,
      wallMedian: result.ours.wallMedianMs / result.createVite.wallMedianMs,
      firstRunWallMedian: result.ours.firstRun.wallMedianMs / result.createVite.wallMedianMs,
      rssMedian: result.ours.rssMedianMB / result.createVite.rssMedianMB,
    };
    result.targets = [
      {
        target: `wall-time median <= ${TARGETS.wallRatio}x create-vite`,
        value: result.ratios.wallMedian,
        pass: result.ratios.wallMedian <= TARGETS.wallRatio,
      },
      { target: `installed size <= ${TARGETS.sizeMB} MB`, value: result.ours.sizeMB, pass: result.ours.sizeMB <= TARGETS.sizeMB },
      { target: `installed packages <= ${TARGETS.packages}`, value: result.ours.packages, pass: result.ours.packages <= TARGETS.packages },
    ];
    result.elapsedSeconds = (Date.now() - started) / 1000;

    if (args.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      process.stdout.write(table(result));
    }
    if (args.keep) log(`kept ${scratch}`);
  } finally {
    if (!args.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

function table(r) {
  const f = (x, d = 2) => x.toFixed(d);
  const rows = [
    ['installed size (MB, apparent)', f(r.ours.sizeMB), f(r.createVite.sizeMB), f(r.ratios.sizeMB, 1)],
    ['installed size on disk (MB, du)', f(r.ours.diskMB), f(r.createVite.diskMB), f(r.ours.diskMB / r.createVite.diskMB, 1)],
    ['installed packages', String(r.ours.packages), String(r.createVite.packages), f(r.ratios.packages, 1)],
    ['installed files', String(r.ours.files), String(r.createVite.files), f(r.ours.files / r.createVite.files, 1)],
    [`wall time median (ms, n=${r.method.runs})`, f(r.ours.wallMedianMs, 0), f(r.createVite.wallMedianMs, 0), f(r.ratios.wallMedian, 2)],
    [
      'wall time min / max (ms)',
      `${f(r.ours.wallMinMs, 0)} / ${f(r.ours.wallMaxMs, 0)}`,
      `${f(r.createVite.wallMinMs, 0)} / ${f(r.createVite.wallMaxMs, 0)}`,
      '',
    ],
    [
      'first run, no code cache yet: median (ms)',
      f(r.ours.firstRun.wallMedianMs, 0),
      f(r.createVite.wallMedianMs, 0),
      f(r.ratios.firstRunWallMedian, 2),
    ],
    ['peak RSS median (MB)', f(r.ours.rssMedianMB, 1), f(r.createVite.rssMedianMB, 1), f(r.ratios.rssMedian, 2)],
    ['files generated', String(r.ours.filesWritten), String(r.createVite.filesWritten), ''],
  ];
  const head = ['', `${r.ours.name}@${r.ours.version}`, `create-vite@${r.createVite.version}`, 'ours / cv'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const t = r.ours.tarball;
  return `${[
    `Node ${r.machine.node}, npm ${r.machine.npm}, ${r.machine.platform}, ${r.machine.cpus} x ${r.machine.cpuModel}, load average ${f(r.machine.loadAverage1m.beforeTiming)} -> ${f(r.machine.loadAverage1m.afterTiming)}${r.machine.loadAverage1m.beforeTiming > r.machine.cpus ? ' (busy machine: wall times may be inflated)' : ''}`,
    `ours:        ${r.ours.command}`,
    `create-vite: ${r.createVite.command}`,
    `tarball:     ${t.file}${t.packedBytes ? `, ${f(t.packedBytes / 1e6, 3)} MB packed, ${f(t.unpackedBytes / 1e6, 3)} MB unpacked, ${t.entries} files` : ''}`,
    `each run in a fresh empty cwd, stdin closed; ${r.method.warmup} warm-ups + ${r.method.runs} runs, alternating; peak RSS: ${r.method.rss}`,
    `TMPDIR: the benchmark's own, empty at the start (ours' V8 code cache: made by the first warm-up); first runs: an empty one each`,
    ...(r.machine.nodeExtraCaCerts
      ? [
          `NODE_EXTRA_CA_CERTS is set (${r.machine.nodeExtraCaCerts}): every Node process, both tools', starts slower by reading it, which narrows the ratio; \`env -u NODE_EXTRA_CA_CERTS npm run bench\` measures without it`,
        ]
      : []),
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...r.targets.map((t) => `${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${Number.isInteger(t.value) ? t.value : t.value.toFixed(2)}`),
    '',
    `wall-time ratio ours / create-vite: ${f(r.ratios.wallMedian, 2)}x (${f(r.ours.wallMedianMs, 0)} ms / ${f(r.createVite.wallMedianMs, 0)} ms, medians); a first run, before the code cache exists: ${f(r.ratios.firstRunWallMedian, 2)}x`,
    '',
    `wall times (ms): ours ${r.ours.wallMs.map((x) => x.toFixed(0)).join(' ')}; create-vite ${r.createVite.wallMs.map((x) => x.toFixed(0)).join(' ')}; ours' first runs ${r.ours.firstRun.wallMs.map((x) => x.toFixed(0)).join(' ')}`,
    `(benchmark took ${r.elapsedSeconds.toFixed(0)} s)`,
  ].join('\n')}\n`;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
