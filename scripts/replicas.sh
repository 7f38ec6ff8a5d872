#!/usr/bin/env bash
# Two `tgpl serve` replicas on one PostgreSQL database, each running the job
# runner (issue #14): a real SMTP server (aiosmtpd) and a webhook receiver
# check that every notification mail and every webhook event goes out
# exactly once (tests/replicas/replicas.py). Part of `make test`.
# Needs a built server (TGPL_BIN, default target/debug/tgpl), PostgreSQL on
# 127.0.0.1:5432 and python3-aiosmtpd (scripts/setup.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${TGPL_BIN:-target/debug/tgpl}")
[ -x "$BIN" ] || { echo "no server at $BIN: cargo build -p tgpl-server" >&2; exit 1; }
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "error: PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }
db="tgpl_replicas_$(date +%s)_$$"
work=$(mktemp -d /tmp/tgpl-replicas.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -w -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -w -X -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
smtp_port=18120
/usr/bin/python3 tests/support/smtp_sink.py "$smtp_port" "$work/mail" >/dev/null 2>&1 &
pids+=($!)
start() { # port seed
  (cd "$work" && exec env TGPL_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" \
    TGPL_DATA_DIR="$work/data" TGPL_SEED_DEMO="$2" TGPL_LOG=warn TGPL_LISTEN="127.0.0.1:$1" \
    TGPL_METRICS_LISTEN=off TGPL_RATE_LIMIT=off TGPL_JOBS_POLL_MS=200 \
    TGPL_SMTP_URL="smtp://127.0.0.1:$smtp_port" "$BIN" serve >"$work/serve-$1.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return 0; sleep 0.2; done
  echo "replica on port $1 did not start:" >&2; cat "$work/serve-$1.log" >&2; exit 1
}
# The first seeds the demo data; the second joins the same database.
start 18121 auto
start 18122 off
python3 tests/replicas/replicas.py http://127.0.0.1:18121 http://127.0.0.1:18122 "$work/mail" || {
  echo "--- replica logs ---" >&2; tail -20 "$work"/serve-*.log >&2; exit 1; }
