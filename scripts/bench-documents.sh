#!/usr/bin/env bash
# Issue #4 benchmark: a 1 GB document up and down through the API (local
# disk and S3), the server's peak RSS growth meanwhile, `cp` of the same
# file for comparison, and 50 concurrent 5 MB uploads.
# Usage: scripts/bench-documents.sh            (SIZE_MB=1024 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
SIZE_MB="${SIZE_MB:-1024}"
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq; }
command -v s3s-fs >/dev/null || cargo install s3s-fs@0.14.1 --features binary --locked --quiet
cargo build --release -q -p tgpl-server --bin tgpl
BIN=$PWD/target/release/tgpl
# Everything on the disk that holds the repository (the "same disk" for cp).
work=$(mktemp -d "$PWD/target/bench-documents.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
mbps() { python3 -c "print(f'{$1/1e6/($3-$2):.0f}')"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(df -h "$PWD" | awk 'NR==2{print $1}'); file ${SIZE_MB} MiB"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$work/doc.pdf.tail"
{ printf '%%PDF-1.7\n'; cat "$work/doc.pdf.tail"; } >"$work/doc.pdf"
rm "$work/doc.pdf.tail"
bytes=$(stat -c %s "$work/doc.pdf")
sync

t0=$(now); cp "$work/doc.pdf" "$work/copy.pdf"; t1=$(now)
sync -f "$work/copy.pdf" 2>/dev/null || sync; t2=$(now)
echo "cp:                 $(mbps "$bytes" "$t0" "$t1") MB/s (to the page cache); cp + fsync $(mbps "$bytes" "$t0" "$t2") MB/s"
rm "$work/copy.pdf"
# The floor any upload that hashes on the way must pay: SHA-256 alone.
t0=$(now); openssl dgst -sha256 "$work/doc.pdf" >/dev/null; t1=$(now)
echo "sha256 (openssl):   $(mbps "$bytes" "$t0" "$t1") MB/s (hashing alone, SHA-NI)"

# RSS sampler: prints the peak VmRSS (KB) of pid $1 until killed.
sample_rss() {
  local pid=$1 peak=0 v
  while kill -0 "$pid" 2>/dev/null; do
    v=$(awk '/VmRSS/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${v:-0}" -gt "$peak" ] && peak=$v && echo "$peak" >"$work/peak.$pid"
    sleep 0.05
  done
}

start_server() { # name port extra-env...
  local name=$1 port=$2
  shift 2
  mkdir -p "$work/$name"
  env TGPL_DATA_DIR="$work/$name" TGPL_RATE_LIMIT=off TGPL_RATE_LIMIT_ANONYMOUS=off TGPL_LISTEN=127.0.0.1:$port TGPL_SEED_DEMO=auto TGPL_LOG=warn \
    TGPL_MAX_UPLOAD_MB=$((SIZE_MB + 16)) "$@" "$BIN" serve --workers 2 >"$work/$name.log" 2>&1 &
  pids+=($!)
  server_pid=$!
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && return; sleep 0.2; done
  echo "server $name did not start"; cat "$work/$name.log"; exit 1
}

run_backend() { # name port
  local name=$1 port=$2 api="http://127.0.0.1:$2/api/v1"
  local tok case rss0 peak doc
  tok=$(curl -s -X POST "$api/auth/login" -H 'content-type: application/json' \
    -d '{"username":"vt.hanoi","password":"Demo@2026tgpl"}' | jq -r .access_token)
  local centre
  centre=$(curl -s "$api/auth/me" -H "authorization: Bearer $tok" | jq -r .organisation_id)
  case=$(curl -s -X POST "$api/cases" -H "authorization: Bearer $tok" -H 'content-type: application/json' -d "{
    \"organisation_id\":\"$centre\",\"channel\":\"in_person\",\"form_of_aid\":\"advice\",\"field_of_law\":\"civil_family\",
    \"summary\":\"Hồ sơ đo hiệu năng tải tài liệu.\",
    \"eligibility\":[{\"code\":\"2\",\"proof_documents_present\":true,\"financial_hardship_proven\":false}],
    \"parties\":[{\"role\":\"beneficiary\",\"full_name\":\"Nguyễn Văn Đo\"}]}" | jq -r .case.id)
  rss0=$(awk '/VmRSS/{print $2}' "/proc/$server_pid/status")
  sample_rss "$server_pid" & local sampler=$!
  t0=$(now)
  doc=$(curl -s -X POST "$api/cases/$case/documents?kind=procedural_document&filename=doc.pdf" \
    -H "authorization: Bearer $tok" -H 'content-type: application/pdf' -H 'expect:' \
    -T "$work/doc.pdf" | tee "$work/resp" | jq -r .id)
  t1=$(now)
  case "$doc" in null | "") echo "upload failed: $(cat "$work/resp" 2>/dev/null)"; tail "$work/$name.log"; exit 1 ;; esac
  curl -s -o "$work/down.pdf" "$api/cases/$case/documents/$doc/content" -H "authorization: Bearer $tok"
  t2=$(now)
  kill "$sampler" 2>/dev/null || true
  peak=$(cat "$work/peak.$server_pid" 2>/dev/null || echo "$rss0")
  cmp -s "$work/doc.pdf" "$work/down.pdf" || { echo "downloaded bytes differ"; exit 1; }
  rm -f "$work/down.pdf" "$work/peak.$server_pid"
  echo "$name upload:       $(mbps "$bytes" "$t0" "$t1") MB/s"
  echo "$name download:     $(mbps "$bytes" "$t1" "$t2") MB/s (to a file on the same disk; bytes identical)"
  echo "$name peak RSS growth during both: $(((peak - rss0) / 1024)) MiB (from $((rss0 / 1024)) MiB)"

  head -c $((5 * 1024 * 1024 - 9)) /dev/urandom | { printf '%%PDF-1.7\n'; cat; } >"$work/five.pdf"
  t0=$(now)
  seq 50 | xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST \
    "$api/cases/$case/documents?kind=other&filename=five-{}.pdf" -H "authorization: Bearer $tok" \
    -H 'content-type: application/pdf' -T "$work/five.pdf" >"$work/codes"
  t1=$(now)
  echo "$name 50 concurrent 5 MB uploads: $(grep -c '^201$' "$work/codes")/50 answered 201 in $(python3 -c "print(f'{$t1-$t0:.1f}')") s; other answers: $(grep -vc '^201$' "$work/codes" || true)"
}

start_server local 18091
run_backend local 18091

mkdir -p "$work/s3data"
s3s-fs --host 127.0.0.1 --port 19014 --access-key benchak --secret-key benchsecretkey "$work/s3data" >/dev/null 2>&1 &
pids+=($!)
sleep 1
start_server s3 18092 TGPL_STORAGE=s3 TGPL_S3_ENDPOINT=http://127.0.0.1:19014 TGPL_S3_BUCKET=tgpl-bench \
  TGPL_S3_ACCESS_KEY=benchak TGPL_S3_SECRET_KEY=benchsecretkey
run_backend s3 18092
