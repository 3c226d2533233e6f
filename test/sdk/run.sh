#!/usr/bin/env bash
# Scratch runner for the SDK's own tests while the generator learns to render the package:
#   test/sdk/run.sh p2|p3 [pytest args]     run test/sdk/<rev>/ against src/interfaces/*/sdk/*.py
#   test/sdk/run.sh p2|p3 --check           ruff, mypy --strict and pyright over the package
# The package is assembled in /tmp/sdk/<rev>/wasmcloud_sdk/ from symlinks (0.3's p3/sdk/ files win);
# bindings are those of the all-in-one projects in /tmp/gen/all02 and /tmp/gen/all03.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
rev=$1; shift
bin="$repo/.toolchain/venv/bin"
root=/tmp/sdk/$rev
rm -rf "$root/wasmcloud_sdk"; mkdir -p "$root/wasmcloud_sdk"
ln -sfn "/tmp/gen/all0${rev#p}/bindings" "$root/bindings"
[ -e "$root/wasmcloud_sdk/__init__.py" ] || echo '"""The SDK (scratch tree)."""' > "$root/wasmcloud_sdk/__init__.py"
# The messaging-publisher's messaging.py is the handler's without the export: the handler's serves here.
link() {
  for f in "$@"; do
    [ -f "$f" ] || continue
    case "$f" in */messaging-publisher/*) continue ;; esac
    out="$root/wasmcloud_sdk/$(basename "$f")"
    rm -f "$out"
    if grep -q '^# shared:' "$f"; then
      rel="${f#"$repo"/src/interfaces/}"
      node "$repo/test/sdk/expand.mjs" "${rel%%/*}" "${rel#*/}" > "$out"
    else
      ln -sf "$f" "$out"
    fi
  done
}
link "$repo"/src/interfaces/*/sdk/*.py
[ "$rev" = p3 ] && link "$repo"/src/interfaces/*/p3/sdk/*.py
if [ "${1:-}" = --check ]; then
  cd "$root"
  "$bin/ruff" check --line-length 120 --select E,F,W,I,UP,B --target-version "$([ "$rev" = p3 ] && echo py312 || echo py311)" wasmcloud_sdk/ "$repo/test/sdk/$rev"
  "$bin/ruff" format --check --line-length 120 wasmcloud_sdk/ "$repo/test/sdk/$rev"
  MYPYPATH="$root/bindings" "$bin/mypy" --strict --python-version 3.12 --follow-imports=silent --explicit-package-bases wasmcloud_sdk/*.py
  exit 0
fi
cd "$root"
PYTHONPATH="$root:$root/bindings" exec "$bin/pytest" -q -p no:cacheprovider --rootdir "$repo/test/sdk/$rev" -o asyncio_mode=auto "$repo/test/sdk/$rev" "$@"
