#!/usr/bin/env python3
"""A webhook receiver for scripts/bench-webhooks.sh: verifies each
delivery's TGPL-Signature (HMAC-SHA256 over "<t>.<body>") and appends what
it took, one JSON line per event, to a file. Refuses a bad signature (401).

usage: webhook-receiver.py PORT SECRET OUT.jsonl
"""
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, SECRET, OUT = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]


def verify(header: str, body: bytes) -> bool:
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    if "t" not in parts or "v1" not in parts:
        return False
    mac = hmac.new(SECRET, parts["t"].encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(mac.hexdigest(), parts["v1"])


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        if not verify(self.headers.get("tgpl-signature", ""), body):
            self.send_response(401)
            self.end_headers()
            return
        event = json.loads(body)
        with open(OUT, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "seq": event["seq"],
                "id": self.headers.get("tgpl-event-id"),
                "type": event["type"],
                "recorded_at": event["recorded_at"],
                "received": time.time(),
                "attempt": int(self.headers.get("tgpl-delivery-attempt", "1")),
            }) + "\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer.allow_reuse_address = True
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
