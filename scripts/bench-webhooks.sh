#!/usr/bin/env bash
# Webhook reliability under a receiver outage (issue #14; BENCHMARKS.md):
# a server with demo data, a webhook subscription of the integration
# account to `case.received`, and a steady stream of new requests (RATE a
# second) for BEFORE + OUTAGE + AFTER seconds. The receiver
# (scripts/bench/webhook_receiver.py, which checks every signature) is
# stopped after BEFORE seconds and started again OUTAGE seconds later. Then
# every request the API acknowledged (201) must have reached the receiver:
# the report counts the events lost and those received twice, checks the
# order, and times the backlog's delivery after the receiver came back.
# Usage: scripts/bench-webhooks.sh   (OUTAGE=600 BEFORE=60 AFTER=120 RATE=2;
#        TGPL_BIN=target/debug/tgpl to skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
OUTAGE="${OUTAGE:-600}"
BEFORE="${BEFORE:-60}"
AFTER="${AFTER:-120}"
RATE="${RATE:-2}"
BIN="${TGPL_BIN:-target/release/tgpl}"
if [ -z "${TGPL_BIN:-}" ]; then cargo build --release -q -p tgpl-server --bin tgpl; fi
BIN=$(realpath "$BIN")
work=$(mktemp -d /tmp/tgpl-bench-webhooks.XXXXXX)
port=18099
hook_port=18098
API=http://127.0.0.1:$port/api/v1
server="" receiver="" producer=""
cleanup() {
  for p in $producer $receiver $server; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; SQLite; $BIN"
(cd "$work" && exec env -u TGPL_DATABASE_URL TGPL_DATA_DIR="$work" TGPL_SEED_DEMO=auto TGPL_LOG=warn \
  TGPL_RATE_LIMIT=off TGPL_RATE_LIMIT_ANONYMOUS=off TGPL_LISTEN=127.0.0.1:$port TGPL_METRICS_LISTEN=off \
  TGPL_JOBS_POLL_MS=1000 "$BIN" serve >"$work/serve.log" 2>&1) &
server=$!
for _ in $(seq 300); do curl -sf http://127.0.0.1:$port/readyz >/dev/null && break; sleep 0.2; done
curl -sf -o /dev/null http://127.0.0.1:$port/readyz || { cat "$work/serve.log"; exit 1; }

login() {
  curl -s -X POST $API/auth/login -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Demo@2026tgpl\"}" | jq -r .access_token
}
ADMIN=$(login admin)
SVC=$(curl -s "$API/users?q=tichhop.cuc" -H "authorization: Bearer $ADMIN" | jq -r '.items[0].id')
created=$(curl -s -X POST "$API/users/$SVC/webhooks" -H "authorization: Bearer $ADMIN" \
  -H 'content-type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$hook_port/hook\",\"event_types\":[\"case.received\"]}")
SECRET=$(jq -r .secret <<<"$created")
HOOK=$(jq -r .webhook.id <<<"$created")
START=$(jq -r .webhook.cursor <<<"$created")
CENTRE=$(curl -s "$API/organisations?province=01&kind=centre" -H "authorization: Bearer $ADMIN" | jq -r '.items[0].id')

start_receiver() {
  python3 scripts/bench/webhook_receiver.py $hook_port "$SECRET" "$work/received.jsonl" &
  receiver=$!
}
start_receiver

# The stream: one new request every 1/RATE s, each acknowledged id kept.
(
  token=$(login gd.hanoi); since=$(date +%s); n=0
  while :; do
    if [ $(( $(date +%s) - since )) -gt 600 ]; then token=$(login gd.hanoi); since=$(date +%s); fi
    n=$((n + 1))
    body="{\"organisation_id\":\"$CENTRE\",\"channel\":\"in_person\",\"form_of_aid\":\"litigation_defence\",\"field_of_law\":\"criminal\",\"summary\":\"Yêu cầu trợ giúp pháp lý số $n trong thử nghiệm gián đoạn webhook.\",\"eligibility\":[{\"code\":\"2\",\"proof_documents_present\":true,\"financial_hardship_proven\":false}],\"parties\":[{\"role\":\"beneficiary\",\"full_name\":\"Người thử nghiệm $n\",\"sex\":\"female\"}]}"
    out=$(curl -s -w '\n%{http_code}' -X POST $API/cases -H "authorization: Bearer $token" \
      -H 'content-type: application/json' -d "$body")
    [ "$(tail -n1 <<<"$out")" = 201 ] && head -n1 <<<"$out" | jq -r .case.id >>"$work/acknowledged"
    sleep "$(awk "BEGIN{print 1/$RATE}")"
  done
) &
producer=$!

sleep "$BEFORE"
kill "$receiver"; wait "$receiver" 2>/dev/null || true
down=$(date +%s.%N)
echo "receiver down at +${BEFORE}s for ${OUTAGE}s"
sleep "$OUTAGE"
start_receiver
up=$(date +%s.%N)
echo "receiver back; the stream goes on ${AFTER}s"
sleep "$AFTER"
kill "$producer"; wait "$producer" 2>/dev/null || true
# Let the last acknowledged events arrive (at most 3 minutes).
ack=$(wc -l <"$work/acknowledged")
for _ in $(seq 180); do
  got=$(sort -u <(jq -r .seq "$work/received.jsonl") | wc -l)
  [ "$got" -ge "$ack" ] && break
  sleep 1
done
ADMIN=$(login admin)
# The acknowledged requests' events, read from the change feed to its end.
python3 - "$work" "$START" "$down" "$up" "$API" "$ADMIN" "$HOOK" "$SVC" <<'PY'
import json, sys, urllib.request
from datetime import datetime
work, start, down, up, api, token, hook, svc = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7], sys.argv[8]
def get(path):
    req = urllib.request.Request(api + path, headers={"authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))
acknowledged = set(open(f"{work}/acknowledged").read().split())
# The events of the acknowledged requests, from the change feed.
expected, after = {}, start
while True:
    page = get(f"/events?after={after}&limit=1000")
    for e in page["items"]:
        if e["type"] == "case.received" and e["case_id"] in acknowledged:
            expected[e["seq"]] = e["id"]
    if not page["next"]:
        break
    after = page["next"]
lines = [json.loads(l) for l in open(f"{work}/received.jsonl")]
seqs = [l["seq"] for l in lines]
received = set(seqs)
lost = sorted(set(expected) - received)
dupes = len(seqs) - len(received)
in_order = all(a < b for a, b in zip(seqs, seqs[1:]))
during = [l for l in lines if l["seq"] in expected and l["received"] >= up]
# Recorded before the receiver came back, delivered after: held back.
backlog = [l for l in during if datetime.fromisoformat(l["recorded_at"].replace("Z", "+00:00")).timestamp() < up]
first_after = min((l["received"] for l in during), default=None)
drained = max((l["received"] for l in backlog), default=None)
log, cursor = [], None
while True:
    page = get(f"/users/{svc}/webhooks/{hook}/deliveries?limit=200" + (f"&after={cursor}" if cursor else ""))
    log += page["items"]
    cursor = page["next"]
    if not cursor:
        break
print(f"requests acknowledged: {len(acknowledged)}; their events in the outbox: {len(expected)}")
print(f"events received: {len(received)}; lost: {len(lost)}; received twice: {dupes}; in order: {in_order}")
print(f"events held back by the outage: {len(backlog)}")
if first_after is not None:
    print(f"first delivery after the receiver came back: {first_after - up:.1f} s")
if drained is not None:
    print(f"backlog delivered {drained - up:.1f} s after the receiver came back")
failed = [d for d in log if d["status"] is None]
print(f"delivery log: {len(log)} attempts, {len(failed)} failed (receiver unreachable)")
if lost or dupes or not in_order:
    sys.exit(1)
PY
