#!/usr/bin/env bash
# Issue #2 benchmark: authenticated practitioner read vs a bare sea-orm
# find-by-id, and a filtered list page, on SQLite and PostgreSQL, with
# 100,000 practitioners plus the demo hierarchy. Results go to stdout;
# BENCHMARKS.md records them. Usage: scripts/bench.sh [sqlite|postgres|both]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
which="${1:-both}"
DURATION="${DURATION:-15s}"
CONNS="${CONNS:-64}"
N="${PRACTITIONERS:-100000}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v jq >/dev/null || apt-get install -y -qq jq

cargo build --release -q -p tgpl-server --bin tgpl --example bench_baseline
BIN=target/release/tgpl
BASE=target/release/examples/bench_baseline
work=$(mktemp -d /tmp/tgpl-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${PGDB:-}" ]; then psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

wait_up() { for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "server at $1 did not start" >&2; exit 1; }

run_one() {
  local label=$1 url=$2
  export TGPL_DATABASE_URL=$url TGPL_DATA_DIR=$work/$label
  echo "== $label: seeding demo data + $N practitioners"
  /usr/bin/time -f "   seeded in %es, max RSS %M KB" $BIN seed-demo --extra-practitioners "$N" 2>&1 | grep -v INFO || true

  TGPL_RATE_LIMIT=off TGPL_RATE_LIMIT_ANONYMOUS=off TGPL_LISTEN=127.0.0.1:18080 $BIN serve >"$work/$label-serve.log" 2>&1 &
  pids+=($!)
  wait_up http://127.0.0.1:18080/healthz
  local token
  token=$(curl -s -X POST http://127.0.0.1:18080/api/v1/auth/login -H 'content-type: application/json' \
    -d '{"username":"admin","password":"Demo@2026tgpl"}' | jq -r .access_token)
  # 1,000 practitioner ids spread over the register.
  : >"$work/ids"
  local after="" 
  for _ in $(seq 5); do
    local page
    page=$(curl -s "http://127.0.0.1:18080/api/v1/practitioners?limit=200${after:+&after=$after}" -H "authorization: Bearer $token")
    echo "$page" | jq -r '.items[].id' >>"$work/ids"
    after=$(echo "$page" | jq -r '.next // empty')
  done
  TGPL_LOG=warn TGPL_LISTEN=127.0.0.1:18091 $BASE >"$work/$label-base.log" 2>&1 &
  pids+=($!)
  sleep 1

  echo "-- warm-up"
  IDS_FILE=$work/ids AUTH="Bearer $token" wrk -t2 -c"$CONNS" -d3s -s scripts/bench/ids.lua http://127.0.0.1:18080 >/dev/null
  IDS_FILE=$work/ids PATH_PREFIX=/raw/practitioners/ wrk -t2 -c"$CONNS" -d3s -s scripts/bench/ids.lua http://127.0.0.1:18091 >/dev/null
  echo "-- baseline: bare sea-orm find-by-id over HTTP, $CONNS connections, $DURATION"
  IDS_FILE=$work/ids PATH_PREFIX=/raw/practitioners/ wrk -t2 -c"$CONNS" -d"$DURATION" -s scripts/bench/ids.lua http://127.0.0.1:18091 | grep RESULT
  echo "-- authenticated GET /api/v1/practitioners/{id}, $CONNS connections, $DURATION"
  IDS_FILE=$work/ids AUTH="Bearer $token" wrk -t2 -c"$CONNS" -d"$DURATION" -s scripts/bench/ids.lua http://127.0.0.1:18080 | grep RESULT
  echo "-- filtered list page of 50: province=01, kind=legal_aid_officer, status=active"
  BENCH_PATH="/api/v1/practitioners?province=01&kind=legal_aid_officer&status=active&limit=50" AUTH="Bearer $token" \
    wrk -t2 -c"$CONNS" -d"$DURATION" -s scripts/bench/path.lua http://127.0.0.1:18080 | grep RESULT
  echo "-- same list page with 8 connections (latency when not saturated)"
  BENCH_PATH="/api/v1/practitioners?province=01&kind=legal_aid_officer&status=active&limit=50" AUTH="Bearer $token" \
    wrk -t2 -c8 -d"$DURATION" -s scripts/bench/path.lua http://127.0.0.1:18080 | grep RESULT
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pids=()
  sleep 1
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
if [ "$which" = sqlite ] || [ "$which" = both ]; then
  run_one sqlite "sqlite://$work/sqlite.db?mode=rwc"
fi
if [ "$which" = postgres ] || [ "$which" = both ]; then
  PGDB="tgpl_bench_$$"
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE \"$PGDB\""
  run_one postgres "postgres://postgres@127.0.0.1:5432/$PGDB"
fi
