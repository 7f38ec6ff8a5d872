#!/usr/bin/env bash
# Public services benchmark (issue #12; BENCHMARKS.md): the public pages'
# first render under Chromium's "Slow 4G" emulation, and the progress lookup
# and the directory search open-loop at 200 req/s, against a release server
# on SQLite with demo data, a directory of 300 organisations and 2,000
# practitioners, and 200 online requests to look up.
# Needs the web app built (scripts/build-spa.sh) and scripts/setup-web.sh.
# Usage: scripts/bench-public.sh   (RATE=200 DURATION=15 CONNS=16)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
RATE="${RATE:-200}"
DURATION="${DURATION:-15}"
CONNS="${CONNS:-16}"
compgen -G "frontend/dist/tgpl_public_bg.*.wasm" >/dev/null || { echo "frontend/dist is not built: run scripts/build-spa.sh" >&2; exit 1; }
cargo build --release -q -p tgpl-server --bin tgpl --example loadgen
work=$(mktemp -d /tmp/tgpl-bench-public.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port=18097
root="$PWD"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; SQLite"
(cd "$work" && exec env -u TGPL_DATABASE_URL TGPL_DATA_DIR="$work" TGPL_SEED_DEMO=auto TGPL_LOG=warn \
  TGPL_RATE_LIMIT=off TGPL_RATE_LIMIT_ANONYMOUS=off TGPL_LISTEN=127.0.0.1:$port TGPL_METRICS_LISTEN=off TGPL_TRUSTED_PROXIES=127.0.0.1 \
  TGPL_STATIC_DIR="$root/frontend/dist" TGPL_JOBS=off "$root/target/release/tgpl" serve >"$work/serve.log" 2>&1) &
pid=$!
for _ in $(seq 100); do curl -sf http://127.0.0.1:$port/readyz >/dev/null && break; sleep 0.2; done
curl -sf -o /dev/null http://127.0.0.1:$port/readyz || { cat "$work/serve.log"; exit 1; }
BENCH_WORK="$work" TGPL_URL="http://127.0.0.1:$port" node tests/e2e/bench-public.mjs
echo "== open loop, $RATE req/s, $CONNS connections, ${DURATION}s (each request from one of 50,000 addresses)"
for what in lookups directory; do
  out=$(XFF_ROTATE=50000 target/release/examples/loadgen "http://127.0.0.1:$port" "$work/$what" "$RATE" "$CONNS" "$DURATION")
  echo "-- $what: $out"
done
