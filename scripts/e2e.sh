#!/usr/bin/env bash
# End-to-end test of the web app in Debian's Chromium (playwright-core):
# starts `tgpl serve` on a free port with a fresh data directory and demo
# data, serving frontend/dist, runs tests/e2e/scenario.mjs, stops the server.
# Needs: scripts/setup-web.sh, scripts/build-spa.sh, a built server
# (TGPL_BIN, default target/debug/tgpl). Never skipped: anything missing fails.
# A `.py` script is a client scenario instead: tests/clients/NAME run by
# TGPL_PYTHON (scripts/client-smoke.sh), with no browser.
# Usage: scripts/e2e.sh [scenario.mjs|bench.mjs|smoke.py]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
script="${1:-scenario.mjs}"

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}
bin="${TGPL_BIN:-$root/target/debug/tgpl}"
[ -x "$bin" ] || die "no server binary at $bin: run 'cargo build -p tgpl-server' (make e2e does)"
case "$script" in
  *.py) runner=("${TGPL_PYTHON:-python3}" "tests/clients/$script") ;;
  *)
    runner=(node "tests/e2e/$script")
    [ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: run scripts/setup-web.sh"
    [ -d tests/e2e/node_modules/playwright-core ] || die "playwright-core is missing: run scripts/setup-web.sh"
    [ -f frontend/dist/index.html ] && compgen -G "frontend/dist/tgpl_web_bg.*.wasm" >/dev/null || die "frontend/dist is not built: run scripts/build-spa.sh"
    ;;
esac
command -v node >/dev/null || die "node is missing: run scripts/setup-web.sh"

# node is here anyway (playwright-core): no python or curl needed.
port="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
ready() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$port/readyz"; }
data="$(mktemp -d "${TMPDIR:-/tmp}/tgpl-e2e.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ "${KEEP_E2E_DATA:-}" = 1 ]; then
    echo "data and server log kept in $data"
  else
    rm -rf "$data"
  fi
}
trap cleanup EXIT

# Run from the data dir, so that no tgpl.toml of the checkout is read.
run_env=(env -u TGPL_DATABASE_URL -u TGPL_CONFIG -u TGPL_JWT_KEY_FILE
  TGPL_LISTEN="127.0.0.1:$port" TGPL_DATA_DIR="$data" TGPL_SEED_DEMO=auto
  # No metrics listener: its default 127.0.0.1:9090 is a fixed port another
  # process may hold, and the server then exits "Address already in use".
  TGPL_METRICS_LISTEN=off
  TGPL_STATIC_DIR="$root/frontend/dist" TGPL_LOG="${TGPL_LOG:-warn}"
  TGPL_JOBS_POLL_MS=300
  # Each browser context is a person at a machine of their own: the helpers
  # send an address per context in X-Forwarded-For, which the server believes
  # from this machine only, so the per-address login limit (20 a minute)
  # counts people, not the whole test run.
  TGPL_TRUSTED_PROXIES=127.0.0.1)
# Benchmarks want a fuller register: demo data plus N synthetic cases.
if [ -n "${TGPL_E2E_SYNTHETIC:-}" ]; then
  echo "==> tgpl seed-synthetic --cases $TGPL_E2E_SYNTHETIC"
  (cd "$data" && exec "${run_env[@]}" "$bin" seed-synthetic --cases "$TGPL_E2E_SYNTHETIC") >"$data/seed.log" 2>&1 || {
    cat "$data/seed.log" >&2
    die "seeding failed"
  }
fi
echo "==> tgpl serve on 127.0.0.1:$port (data $data)"
(cd "$data" && exec "${run_env[@]}" "$bin" serve >"$data/server.log" 2>&1) &
pid=$!
for _ in $(seq 1 120); do
  ready && break
  kill -0 "$pid" 2>/dev/null || {
    cat "$data/server.log" >&2
    die "the server exited"
  }
  sleep 0.5
done
ready || {
  tail -50 "$data/server.log" >&2
  die "the server is not ready after 60 s"
}

echo "==> ${runner[*]}"
status=0
TGPL_URL="http://127.0.0.1:$port" "${runner[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 40 lines) ---" >&2
  tail -40 "$data/server.log" >&2
fi
exit "$status"
