#!/usr/bin/env bash
# The national case list as XLSX and CSV with N synthetic cases (default
# 100,000) on SQLite: wall time of each download and the server's peak
# memory while it serves them (issue #15: 100,000 cases to XLSX in < 30 s,
# < 200 MB RSS). Usage: scripts/bench-export.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
CASES="${CASES:-100000}"
PORT="${PORT:-18093}"
cargo build --release -q -p tgpl-server --bin tgpl
BIN=target/release/tgpl
work=$(mktemp -d /tmp/tgpl-bench-export.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export TGPL_DATA_DIR=$work TGPL_LOG=warn
echo "==> seeding $CASES synthetic cases"
$BIN seed-synthetic --cases "$CASES" 2>/dev/null
TGPL_RATE_LIMIT=off TGPL_RATE_LIMIT_ANONYMOUS=off TGPL_LISTEN=127.0.0.1:$PORT TGPL_JOBS=false $BIN serve &
pid=$!
API=http://127.0.0.1:$PORT/api/v1
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
T=$(curl -s -X POST $API/auth/login -H 'content-type: application/json' \
  -d '{"username":"cuc.canbo","password":"Demo@2026tgpl"}' | jq -r .access_token)
rss() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
echo "server before: $(rss VmRSS) KB RSS"
for format in xlsx csv; do
  # The heap (RssAnon) is sampled while the file is made; VmRSS also counts
  # the pages of the database file SQLite maps (mmap_size).
  (peak=0; while kill -0 "$pid" 2>/dev/null; do a=$(rss RssAnon); [ "${a:-0}" -gt "$peak" ] && peak=$a && echo "$peak" > "$work/anon"; sleep 0.2; done) &
  sampler=$!
  start=$(date +%s.%N)
  curl -s -o "$work/export.$format" "$API/cases/export/$format" -H "authorization: Bearer $T"
  end=$(date +%s.%N)
  kill "$sampler" 2>/dev/null || true
  echo "server heap during $format: peak $(cat "$work/anon") KB RssAnon"
  rm -f "$work/anon"
  rows=$([ "$format" = csv ] && echo $(($(wc -l < "$work/export.$format") - 1)) || echo "-")
  awk -v f="$format" -v s="$start" -v e="$end" -v b="$(stat -c %s "$work/export.$format")" -v r="$rows" \
    'BEGIN { printf "%s: %.1f s, %d bytes, rows %s\n", f, e - s, b, r }'
  echo "server after $format: $(rss VmHWM) KB peak RSS, $(rss RssAnon) KB heap now"
done
