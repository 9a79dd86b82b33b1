#!/usr/bin/env python3
"""Reads each patient's view once, as a chart opened earlier in the day would, and keeps the ETag it came with.

    python3 bench/prime.py BASE TOKEN IDS TEMPLATE OUT

Every id in IDS gets one GET of TEMPLATE ({id} replaced), on four keep-alive connections; OUT gets one
"id etag" line per 200 answer (the input of bench/lua/revalidate.lua). Prints how many were read and how long
it took. Fails on any answer other than 200.
"""
import http.client
import sys
import threading
import time
import urllib.parse

base, token, ids_file, template, out = sys.argv[1:6]
ids = [line.strip() for line in open(ids_file) if line.strip()]
url = urllib.parse.urlparse(base)
tags, failures, lock = {}, [], threading.Lock()


def work(part):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    for pid in part:
        conn.request("GET", template.replace("{id}", pid), headers={"Authorization": "Bearer " + token})
        response = conn.getresponse()
        response.read()
        with lock:
            if response.status == 200:
                tags[pid] = response.getheader("ETag")
            else:
                failures.append(f"{pid}: {response.status}")
    conn.close()


start = time.monotonic()
threads = [threading.Thread(target=work, args=(ids[i::4],)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if failures:
    sys.exit(f"prime {template}: {len(failures)} answers other than 200, first {failures[0]}")
with open(out, "w") as f:
    f.writelines(f"{pid} {tags[pid]}\n" for pid in ids)
print(f"primed {len(ids)} reads of {template} in {time.monotonic() - start:.1f} s")
