#!/usr/bin/env bash
# Drives the command the way an automation does: no terminal, stdin closed, --json, an answers file.
# Checks the exit codes and the JSON it prints. Run by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/dist/src/bin.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

check() { # check <json-file> <js expression over `d`>
  node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (!(eval(process.argv[2]))) { console.error("automation-check: failed:", process.argv[2], JSON.stringify(d, null, 2)); process.exit(1); }' "$1" "$2"
}

cat > answers.yaml <<'YAML'
name: robot
interfaces:
  - http-server
  - keyvalue
  - logging
keyvalueBackend: redis
YAML

# 1. Success from an answers file, a flag overriding it, JSON on stdout and nothing on stderr.
node "$bin" --answers answers.yaml --greeting Hi --json </dev/null >ok.json 2>ok.err
test ! -s ok.err || { echo "automation-check: stderr not empty"; cat ok.err; exit 1; }
check ok.json 'd.ok === true && d.answers.name === "robot" && d.answers.keyvalueBackend === "redis" && d.answers.interfaces.join() === "http-server,keyvalue,logging"'
check ok.json 'd.files.every((f) => f.action === "create" && require("fs").existsSync("robot/" + f.path)) && d.files.some((f) => f.path === "manifests/workloaddeployment.yaml")'
check ok.json 'd.next.includes("uv sync") && d.next.includes("uv run poe dev") && Array.isArray(d.warnings) && d.build[0] === "componentize-py"'

# 2. Same target again: exit 3, a JSON error, nothing changed.
before="$(find robot -type f -exec sha256sum {} + | sort)"
set +e; node "$bin" --answers answers.yaml --json </dev/null >exists.json; code=$?; set -e
test "$code" = 3 || { echo "automation-check: expected exit 3, got $code"; exit 1; }
check exists.json 'd.ok === false && d.error.code === "target-exists" && d.error.exitCode === 3'
test "$before" = "$(find robot -type f -exec sha256sum {} + | sort)"

# 3. Missing name without a terminal: exit 2 and the command that would succeed.
set +e; node "$bin" --json -i http-server </dev/null >missing.json; code=$?; set -e
test "$code" = 2 || { echo "automation-check: expected exit 2, got $code"; exit 1; }
check missing.json 'd.ok === false && d.error.field === "name" && /create-wasmcloud-python my-component .*--yes/.test(d.error.hint)'

# 4. Dry run: the plan, and no directory.
node "$bin" planned --yes --dry-run --json </dev/null >dry.json
check dry.json 'd.ok === true && d.dryRun === true && d.files.length > 5'
test ! -e planned

echo "automation-check: 4 passed, 0 failed"
