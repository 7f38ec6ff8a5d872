#!/usr/bin/env bash
# Import of N cases (default 1,000,000) from the old system's CSV export,
# on SQLite and PostgreSQL: wall time, rows per second and the peak RSS of
# `tgpl import` (GNU time). Usage: scripts/bench-import.sh [sqlite|postgres|both]
#
# Each backend: a fresh database with the demo hierarchy, then the
# docs/import sample organisations and practitioners, then the cases file
# (scripts/bench/legacy_cases.py: every row valid, seven years, three units).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
which="${1:-both}"
CASES="${CASES:-1000000}"
[ -x /usr/bin/time ] || apt-get install -y -qq time
cargo build --release -q -p tgpl-server --bin tgpl
BIN=target/release/tgpl
work=$(mktemp -d /tmp/tgpl-bench-import.XXXXXX)
PGDB=""
cleanup() {
  [ -n "$PGDB" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "==> writing $CASES cases"
python3 scripts/bench/legacy_cases.py "$CASES" "$work/vu-viec.csv"
ls -l "$work/vu-viec.csv"
export TGPL_LOG=warn
run() {
  local backend=$1
  export TGPL_DATA_DIR=$work/$backend
  mkdir -p "$TGPL_DATA_DIR"
  unset TGPL_DATABASE_URL
  if [ "$backend" = postgres ]; then
    PGDB="tgpl_bench_import_$$"
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE \"$PGDB\""
    export TGPL_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$PGDB"
  fi
  $BIN seed-demo >/dev/null 2>&1
  $BIN import organisations docs/import/to-chuc.csv
  $BIN import practitioners docs/import/nguoi-thuc-hien.csv
  echo "==> $backend: tgpl import cases ($CASES rows)"
  /usr/bin/time -f "$backend: %e s wall, %M KB peak RSS" $BIN import cases "$work/vu-viec.csv" 2>"$work/time-$backend" &
  # Peak RSS counts the pages of the database file SQLite maps (mmap_size):
  # the heap is RssAnon, sampled every half second.
  local anon=0 pid a
  sleep 0.5
  pid=$(pgrep -f "^$BIN import cases" | head -1 || true)
  while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
    a=$(awk '/RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${a:-0}" -gt "$anon" ] && anon=$a
    sleep 0.5
  done
  wait || true
  tail -1 "$work/time-$backend"
  echo "$backend: ${anon} KB peak RssAnon (heap)"
  local secs
  secs=$(tail -1 "$work/time-$backend" | awk '{print $2}')
  awk -v n="$CASES" -v s="$secs" -v b="$backend" 'BEGIN { if (s > 0) printf "%s: %.0f cases/s\n", b, n / s }'
  if [ "$backend" = postgres ]; then
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)"
    PGDB=""
  fi
}
case "$which" in
  sqlite) run sqlite ;;
  postgres) run postgres ;;
  *) run sqlite; run postgres ;;
esac
