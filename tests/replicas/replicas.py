"""Two `tgpl serve` replicas on one PostgreSQL database (issue #14): each
runs the job runner, yet every notification mail goes out once and every
webhook event reaches the receiver once, in order. Requests alternate
between the replicas. Started by scripts/replicas.sh, which runs the two
servers, the SMTP server and this script.

usage: replicas.py URL_A URL_B MAIL_DIR
"""
import glob
import hashlib
import hmac
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

A, B, MAIL_DIR = sys.argv[1], sys.argv[2], sys.argv[3]
PASSWORD = "Demo@2026tgpl"
CASES = 6


def call(base, method, path, token=None, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + "/api/v1" + path, data=data, method=method)
    if data is not None:
        req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None), r.headers
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path} on {base}: {e.code} {e.read().decode()}")


def login(base, username):
    return call(base, "POST", "/auth/login", body={"username": username, "password": PASSWORD})[1]["access_token"]


# The webhook receiver: checks each signature, keeps what it took.
secret = b""
taken = []
lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        parts = dict(p.split("=", 1) for p in self.headers.get("tgpl-signature", "").split(",") if "=" in p)
        mac = hmac.new(secret, parts.get("t", "").encode() + b"." + body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(mac, parts.get("v1", "")):
            self.send_response(401)
            self.end_headers()
            return
        with lock:
            taken.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
hook_url = f"http://127.0.0.1:{server.server_address[1]}/hook"

admin = login(A, "admin")
svc = call(A, "GET", "/users?q=tichhop.cuc", admin)[1]["items"][0]["id"]
created = call(B, "POST", f"/users/{svc}/webhooks", login(B, "admin"), {"url": hook_url})[1]
secret = created["secret"].encode()
start = created["webhook"]["cursor"]
officer = call(A, "GET", "/users?q=tgv.hanoi", admin)[1]["items"][0]
centre = call(A, "GET", "/organisations?province=01&kind=centre", admin)[1]["items"][0]["id"]
practitioner = officer["practitioner_id"]
directors = {A: login(A, "gd.hanoi"), B: login(B, "gd.hanoi")}

codes = []
for i in range(CASES):
    base = A if i % 2 == 0 else B
    other = B if base == A else A
    body = {
        "organisation_id": centre, "channel": "in_person", "form_of_aid": "advice",
        "field_of_law": "civil_family", "summary": f"Hỏi về thủ tục ly hôn, yêu cầu số {i + 1}.",
        "eligibility": [{"code": "2", "proof_documents_present": True, "financial_hardship_proven": False}],
        "parties": [{"role": "beneficiary", "full_name": f"Lê Thị Bản Sao {i + 1}", "sex": "female"}],
    }
    case = call(base, "POST", "/cases", directors[base], body)[1]["case"]
    accepted = call(other, "POST", f"/cases/{case['id']}/accept", directors[other], {}, {"if-match": '"1"'})[1]
    call(base, "POST", f"/cases/{case['id']}/assign", directors[base], {"practitioner_id": practitioner},
         {"if-match": f"\"{accepted['version']}\""})
    codes.append(accepted["code"])


def mails():
    out = []
    for f in glob.glob(f"{MAIL_DIR}/*.json"):
        with open(f, encoding="utf-8") as fh:
            out.append(json.load(fh))
    return out


expected_events = 3 * CASES  # received, accepted, assigned
deadline = time.time() + 90
while time.time() < deadline:
    with lock:
        ours = [e for e in taken if e["seq"] > start]
    to_officer = [m for m in mails() if officer["email"] in m["to"]]
    if len(ours) >= expected_events and len(to_officer) >= CASES:
        break
    time.sleep(0.5)
time.sleep(3)  # anything sent twice would arrive by now

with lock:
    seqs = [e["seq"] for e in taken if e["seq"] > start]
to_officer = [m for m in mails() if officer["email"] in m["to"]]
problems = []
if len(seqs) != len(set(seqs)):
    problems.append(f"a webhook event arrived twice: {seqs}")
if seqs != sorted(seqs):
    problems.append(f"webhook events out of order: {seqs}")
if len(set(seqs)) < expected_events:
    problems.append(f"{len(set(seqs))} of {expected_events} webhook events arrived")
for code in codes:
    n = sum(1 for m in to_officer if code in m["subject"])
    if n != 1:
        problems.append(f"{n} assignment mails for {code}")
print(f"two replicas: {CASES} cases, {len(set(seqs))} webhook events (once each, in order: {not problems}), "
      f"{len(to_officer)} assignment mails to {officer['email']}")
if problems:
    raise SystemExit("\n".join(problems))
