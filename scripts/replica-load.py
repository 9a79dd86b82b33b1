#!/usr/bin/env python3
"""Bounded write load through the load balancer, as careful clients send it, for scripts/replicas-test.sh.

  replica-load.py BASE TOKEN MAX_SECONDS OUT_JSON [--writers N] [--updaters N] [--stop-file PATH]

It runs until PATH exists (the caller's faults are over) or MAX_SECONDS have passed.

Writers: each has its own patient and creates episodes, each POST with its own Idempotency-Key, retried with
the same key on any failure (connection lost, 5xx, 409 while another attempt with that key is in flight) until
it is acknowledged. Updaters: all append their own tokens to the notes of one shared episode with PATCH and
If-Match, re-reading on 412; after a failed attempt they re-read to learn whether it was applied.

At the end it reads everything back through the balancer and writes to OUT_JSON: acknowledged writes, rows
found, acknowledged writes missing (lost), episodes beyond one per key (duplicates), acknowledged notes tokens
missing (lost updates) or repeated, and every attempt (time, kind, outcome) so the caller can time recoveries.
"""
import http.client
import json
import os
import sys
import threading
import time
import uuid
from urllib.parse import urlparse

BASE, TOKEN, SECONDS, OUT = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
opts = dict(zip(sys.argv[5::2], sys.argv[6::2]))
WRITERS = int(opts.get("--writers", 6))
UPDATERS = int(opts.get("--updaters", 4))
STOP_FILE = opts.get("--stop-file")
MAX_TOKENS = 300  # the notes hold 4000 characters
URL = urlparse(BASE)
GIVE_UP = 90.0  # seconds one write may keep retrying before it counts as never acknowledged

attempts = []  # (ms since epoch, kind, outcome)
lock = threading.Lock()


def log(kind, outcome):
    with lock:
        attempts.append((int(time.time() * 1000), kind, outcome))


class Client:
    def __init__(self):
        self.conn = None

    def call(self, method, path, body=None, headers=None):
        h = {"Authorization": "Bearer " + TOKEN, "Accept": "application/json"}
        h.update(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=15)
            self.conn.request(method, path, body=data, headers=h)
            r = self.conn.getresponse()
            payload = r.read()
            if r.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), payload
        except Exception as e:  # connection refused, reset, timeout: the caller retries
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, {}, str(e).encode()


def create_patient(client, mrn):
    body = {"mrn": mrn, "birthDate": "1965-03-01", "sex": "female", "subtype": "CLASSIC",
            "diagnosisDate": "2020-01-10", "features": ["SKIN", "MUSCLE"], "weightKg": 60, "heightCm": 165}
    key = str(uuid.uuid4())
    while True:
        status, _, payload = client.call("POST", "/api/v1/patients", body, {"Idempotency-Key": key})
        if status in (200, 201):
            return json.loads(payload)["id"]
        time.sleep(0.2)


stop_at = 0.0


def running():
    return time.time() < stop_at and not (STOP_FILE and os.path.exists(STOP_FILE))

acked = {}      # writer -> list of episode ids acknowledged
keys_used = {}  # writer -> keys acknowledged
unacked = []    # keys never acknowledged within GIVE_UP
tokens_acked = []
update_conflicts = [0]


def writer(n, patient):
    client = Client()
    acked[n] = []
    keys_used[n] = []
    i = 0
    while running():
        i += 1
        key = str(uuid.uuid4())
        body = {"drug": "methotrexate", "route": "ORAL", "dose": {"value": 15, "unit": "mg/wk"},
                "startDate": "2021-%02d-%02d" % (1 + i % 12, 1 + i % 28)}
        deadline = time.time() + GIVE_UP
        while True:
            status, _, payload = client.call("POST", "/api/v1/patients/%s/episodes" % patient, body,
                                             {"Idempotency-Key": key})
            if status in (200, 201):
                acked[n].append(json.loads(payload)["id"])
                keys_used[n].append(key)
                log("write", "ok")
                break
            log("write", "fail:%d" % status)
            if time.time() > deadline:
                unacked.append(key)
                break
            time.sleep(0.05)


def updater(n, patient, episode):
    client = Client()
    k = 0
    while running() and len(tokens_acked) < MAX_TOKENS:
        k += 1
        token = "u%d-%d;" % (n, k)
        while True:
            status, headers, payload = client.call("GET", "/api/v1/patients/%s/episodes/%s" % (patient, episode))
            if status != 200:
                log("update", "fail:%d" % status)
                time.sleep(0.05)
                continue
            notes = json.loads(payload).get("notes") or ""
            if token in notes:  # an earlier attempt was applied after all
                with lock:
                    tokens_acked.append(token)
                log("update", "ok")
                break
            status, _, _ = client.call("PATCH", "/api/v1/patients/%s/episodes/%s" % (patient, episode),
                                       {"notes": notes + token},
                                       {"If-Match": headers.get("etag", ""),
                                        "Content-Type": "application/merge-patch+json"})
            if status == 200:
                with lock:
                    tokens_acked.append(token)
                log("update", "ok")
                break
            if status == 412:
                update_conflicts[0] += 1
                log("update", "conflict")
            else:
                log("update", "fail:%d" % status)
                time.sleep(0.05)


def episodes_of(client, patient):
    while True:
        status, _, payload = client.call("GET", "/api/v1/patients/%s/episodes" % patient)
        if status == 200:
            return [e["id"] for e in json.loads(payload)]
        time.sleep(0.2)


def main():
    global stop_at
    client = Client()
    run = uuid.uuid4().hex[:6]
    patients = [create_patient(client, "LOAD-%s-%d" % (run, n)) for n in range(WRITERS + 1)]
    shared = patients[-1]
    while True:
        status, _, payload = client.call("POST", "/api/v1/patients/%s/episodes" % shared,
                                         {"drug": "methotrexate", "route": "ORAL", "dose": {"value": 15, "unit": "mg/wk"},
                                          "startDate": "2021-01-01", "notes": ""},
                                         {"Idempotency-Key": str(uuid.uuid4())})
        if status in (200, 201):
            episode = json.loads(payload)["id"]
            break
        time.sleep(0.2)
    stop_at = time.time() + SECONDS
    threads = [threading.Thread(target=writer, args=(n, patients[n])) for n in range(WRITERS)]
    threads += [threading.Thread(target=updater, args=(n, shared, episode)) for n in range(UPDATERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    acked_total = sum(len(v) for v in acked.values())
    lost, duplicates, rows = 0, 0, 0
    for n in range(WRITERS):
        found = episodes_of(client, patients[n])
        rows += len(found)
        lost += len(set(acked[n]) - set(found))
        duplicates += max(0, len(found) - len(set(keys_used[n])))
    while True:
        status, _, payload = client.call("GET", "/api/v1/patients/%s/episodes/%s" % (shared, episode))
        if status == 200:
            notes = json.loads(payload).get("notes") or ""
            break
        time.sleep(0.2)
    lost_updates = sum(1 for t in tokens_acked if t not in notes)
    repeated = sum(1 for t in set(tokens_acked) if notes.count(t) > 1)
    result = {
        "writes_acknowledged": acked_total, "episodes_found": rows, "writes_lost": lost,
        "duplicate_episodes": duplicates, "writes_never_acknowledged": len(unacked),
        "updates_acknowledged": len(tokens_acked), "lost_updates": lost_updates, "updates_applied_twice": repeated,
        "if_match_conflicts": update_conflicts[0],
        "attempts": attempts,
    }
    with open(OUT, "w") as f:
        json.dump(result, f)
    print(json.dumps({k: v for k, v in result.items() if k != "attempts"}))


main()
