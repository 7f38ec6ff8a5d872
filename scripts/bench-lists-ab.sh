#!/usr/bin/env bash
# A/B of the case lists between two builds of tgpl on one seeded PostgreSQL
# database (BENCHMARKS.md, session 21): the province, national and search
# lists of scripts/bench-cases.sh, 64 connections, 10 s, alternated twice.
# Usage: scripts/bench-lists-ab.sh A_BINARY B_BINARY   (CASES, default 100000)
# REUSE_DB=<name>: an already seeded database of this server, kept afterwards
# (seeding 1,000,000 cases takes about 11 minutes); it is settled again.
set -euo pipefail
cd "$(dirname "$0")/.."
A=${1:?the A build of tgpl}
B=${2:?the B build of tgpl}
CASES=${CASES:-100000}
work=$(mktemp -d /tmp/ab.XXXXXX)
PGDB=${REUSE_DB:-tgpl_ab_$$}
if [ -n "${REUSE_DB:-}" ]; then
  trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
else
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PGDB"
  trap 'kill $(jobs -p) 2>/dev/null; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)"; rm -rf "$work"' EXIT
fi
export TGPL_DATA_DIR=$work TGPL_DATABASE_URL=postgres://postgres@127.0.0.1:5432/$PGDB TGPL_LOG=warn TGPL_RATE_LIMIT=off TGPL_RATE_LIMIT_ANONYMOUS=off TGPL_METRICS_LISTEN=off
if [ -z "${REUSE_DB:-}" ]; then
  /usr/bin/time -f "seeded in %es" "$B" seed-synthetic --cases "$CASES" 2>&1 | grep seeded
fi
psql -q -h 127.0.0.1 -U postgres -d "$PGDB" -c "VACUUM ANALYZE" -c CHECKPOINT
TGPL_LISTEN=127.0.0.1:18091 "$A" serve > "$work/a.log" 2>&1 &
TGPL_LISTEN=127.0.0.1:18092 "$B" serve > "$work/b.log" 2>&1 &
for p in 18091 18092; do for _ in $(seq 100); do curl -sf http://127.0.0.1:$p/healthz >/dev/null && break; sleep 0.2; done; done
tok() { curl -s -X POST http://127.0.0.1:18092/api/v1/auth/login -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"Demo@2026tgpl\"}" | jq -r .access_token; }
STP=$(tok stp.hanoi); ADMIN=$(tok admin)
run() { BENCH_PATH="$3" AUTH="Bearer $2" wrk -t2 -c64 -d10s -s scripts/bench/path.lua "http://127.0.0.1:$4" | grep RESULT | sed "s|^|$1 |"; }
for round in 1 2; do
  for side in "A 18091" "B 18092"; do set -- $side
    run "$1 province" "$STP" "/api/v1/cases?status=in_progress&form_of_aid=litigation_defence&limit=50" $2
    run "$1 national" "$ADMIN" "/api/v1/cases?field_of_law=land&accepted_from=2025-01-01&accepted_to=2025-12-31&limit=50" $2
    run "$1 search  " "$ADMIN" "/api/v1/cases?q=tran%20thi%20lan&limit=50" $2
  done
done
