#!/usr/bin/env bash
# Backup while serving reads (issue #15; BENCHMARKS.md): an embedded
# installation (SQLite) of CASES imported cases (default 1,000,000: about
# 3 GB with the read log and indexes) and DOCS documents of 1 MB, served by
# a release `tgpl serve`. An open-loop read load (case files and case-list
# pages as a centre's director, RATE req/s) runs for a baseline window, then
# in windows of WINDOW seconds for as long as `tgpl backup` runs beside it.
# Prints the installation's size, the backup's wall time and size, read
# p50/p95/p99 before and during the backup, and checks the backup with
# `tgpl restore --verify-only`.
# Usage: scripts/bench-backup.sh   (CASES=1000000 DOCS=200 RATE=100 WINDOW=10)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
CASES="${CASES:-1000000}"
DOCS="${DOCS:-200}"
RATE="${RATE:-100}"
WINDOW="${WINDOW:-10}"
CONNS="${CONNS:-16}"
[ -x /usr/bin/time ] || apt-get install -y -qq time
command -v jq >/dev/null || apt-get install -y -qq jq
cargo build --release -q -p tgpl-server --bin tgpl --example loadgen
BIN="$PWD/target/release/tgpl"
LOADGEN="$PWD/target/release/examples/loadgen"
work=$(mktemp -d /tmp/tgpl-bench-backup.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port=18098
API="http://127.0.0.1:$port/api/v1"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; SQLite; $(date -u +%F)"
export TGPL_DATA_DIR="$work/data" TGPL_LOG=warn
unset TGPL_DATABASE_URL
mkdir -p "$TGPL_DATA_DIR"
echo "==> $CASES cases from the old system's export"
python3 scripts/bench/legacy_cases.py "$CASES" "$work/vu-viec.csv"
$BIN seed-demo >/dev/null 2>&1
$BIN import organisations docs/import/to-chuc.csv >/dev/null
$BIN import practitioners docs/import/nguoi-thuc-hien.csv >/dev/null
$BIN import cases "$work/vu-viec.csv" >/dev/null
rm -f "$work/vu-viec.csv"

(cd "$work" && exec env TGPL_RATE_LIMIT=off TGPL_RATE_LIMIT_ANONYMOUS=off TGPL_LISTEN=127.0.0.1:$port TGPL_METRICS_LISTEN=off TGPL_JOBS=off \
  "$BIN" serve >"$work/serve.log" 2>&1) &
pid=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" || { cat "$work/serve.log"; exit 1; }
login() {
  curl -sf -X POST "$API/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Demo@2026tgpl\"}" | jq -r .access_token
}
TOKEN=$(login admin)
DIRECTOR=$(login gd.hanoi)
echo "==> $DOCS documents of 1 MB"
CENTRE=$(curl -sf "$API/organisations?province=01&kind=centre" -H "authorization: Bearer $TOKEN" | jq -r '.items[0].id')
head -c 1048576 /dev/urandom > "$work/doc.bin"
printf '%%PDF-1.4\n' | cat - "$work/doc.bin" > "$work/doc.pdf"
for i in $(seq "$DOCS"); do
  if [ $(( (i - 1) % 20 )) -eq 0 ]; then
    CASE=$(curl -sf -X POST "$API/cases" -H "authorization: Bearer $DIRECTOR" -H 'content-type: application/json' -d "{
      \"organisation_id\": \"$CENTRE\", \"channel\": \"in_person\", \"form_of_aid\": \"advice\", \"field_of_law\": \"civil_family\",
      \"summary\": \"Tư vấn về thừa kế.\", \"eligibility\": [{\"code\": \"2\", \"proof_documents_present\": true, \"financial_hardship_proven\": false}],
      \"parties\": [{\"role\": \"beneficiary\", \"full_name\": \"Người thứ $i\", \"sex\": \"female\"}]}" | jq -r .case.id)
  fi
  head -c 64 /dev/urandom >> "$work/doc.pdf"
  curl -sf -o /dev/null -X POST "$API/cases/$CASE/documents?kind=other&filename=tai-lieu-$i.pdf" \
    -H "authorization: Bearer $DIRECTOR" -H 'content-type: application/pdf' --data-binary @"$work/doc.pdf"
done
echo "installation: $(du -sh "$TGPL_DATA_DIR" | cut -f1) ($(du -sh "$TGPL_DATA_DIR"/tgpl.db | cut -f1) database)"

# Reads as the national staff see them: case files and list pages.
STAFF=$(login cuc.canbo)
curl -sf "$API/cases?limit=200" -H "authorization: Bearer $STAFF" | jq -r '.items[].id' |
  awk '{print "/api/v1/cases/" $1; print "/api/v1/cases?limit=50"}' > "$work/paths"
echo "==> open loop, $RATE req/s, $CONNS connections, ${WINDOW}s windows"
echo "-- before the backup: $(AUTH="Bearer $STAFF" $LOADGEN "http://127.0.0.1:$port" "$work/paths" "$RATE" "$CONNS" "$WINDOW")"
/usr/bin/time -f "backup: %e s wall, %M KB peak RSS" "$BIN" backup "$work/backup" >"$work/backup.log" 2>"$work/backup.time" &
backup=$!
n=0
while kill -0 "$backup" 2>/dev/null; do
  n=$((n + 1))
  echo "-- during the backup, window $n: $(AUTH="Bearer $STAFF" $LOADGEN "http://127.0.0.1:$port" "$work/paths" "$RATE" "$CONNS" "$WINDOW")"
done
wait "$backup"
tail -1 "$work/backup.time"
echo "backup size: $(du -sh "$work/backup" | cut -f1)"
echo "-- after the backup: $(AUTH="Bearer $STAFF" $LOADGEN "http://127.0.0.1:$port" "$work/paths" "$RATE" "$CONNS" "$WINDOW")"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
"$BIN" restore --verify-only "$work/backup" | tail -1
