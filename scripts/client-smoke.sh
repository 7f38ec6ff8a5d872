#!/usr/bin/env bash
# Generates clients from openapi/openapi.json as integrators would, and
# proves them:
#   - TypeScript: openapi-typescript, then `tsc --noEmit --strict` on
#     tests/clients/typecheck.ts (the acts' bodies, pages, problems);
#   - Python: openapi-python-client (tests/clients/python-client.yml), then
#     tests/clients/smoke.py against a live `tgpl serve` with demo data:
#     log in, create a case, accept, upload, read the paper, read the feed.
# Installs its tools idempotently (npm ci in tests/clients; a venv in
# target/clients/venv). Never skipped: anything missing fails.
# Needs a built server (TGPL_BIN, default target/debug/tgpl).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
say() { printf '==> %s\n' "$*"; }
clients=tests/clients
out="$root/target/clients"
venv="$out/venv"
generator=openapi-python-client==0.29.1

# --- tools -------------------------------------------------------------------
if [ -x "$clients/node_modules/.bin/openapi-typescript" ] &&
  [ "$clients/node_modules/.package-lock.json" -nt "$clients/package-lock.json" ]; then
  say "openapi-typescript present"
else
  say "npm ci in $clients (openapi-typescript, typescript)"
  npm ci --prefix "$clients" --no-audit --no-fund
fi
if ! "$venv/bin/openapi-python-client" --version 2>/dev/null | grep -q '0.29.1'; then
  say "installing $generator into $venv"
  mkdir -p "$out"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "$generator"
fi

# --- TypeScript ----------------------------------------------------------------
say "openapi-typescript openapi/openapi.json"
mkdir -p "$clients/generated"
"$clients/node_modules/.bin/openapi-typescript" openapi/openapi.json \
  -o "$clients/generated/tgpl.ts" >/dev/null
say "tsc --noEmit --strict $clients/typecheck.ts"
"$clients/node_modules/.bin/tsc" --noEmit --strict --target es2022 --module es2022 \
  --moduleResolution bundler "$clients/typecheck.ts"

# --- Python ------------------------------------------------------------------
say "openapi-python-client generate"
rm -rf "$out/python"
# A warning means part of the spec did not make it into the client: fail.
log="$("$venv/bin/openapi-python-client" generate --path openapi/openapi.json \
  --config "$clients/python-client.yml" --output-path "$out/python" 2>&1)" || {
  printf '%s\n' "$log" >&2
  exit 1
}
if grep -q 'WARNING\|Warning' <<<"$log"; then
  printf '%s\n' "$log" >&2
  echo "error: openapi-python-client could not read all of the spec" >&2
  exit 1
fi
"$venv/bin/pip" install -q --disable-pip-version-check "$out/python"
TGPL_PYTHON="$venv/bin/python" bash scripts/e2e.sh smoke.py
