#!/usr/bin/env python3
"""Writes bench/floor.sh's report: each scenario's throughput as a share of the trivial endpoint of the same round,
its p99 as a multiple of the trivial endpoint's, its CPU per request, and each product operation against the floor
of the database work it cannot avoid (bench/README.md, "The floor")."""
import argparse
import datetime
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from machine import cpu_per_request, describe  # noqa: E402 - bench/machine.py, beside bench/report.py

ap = argparse.ArgumentParser()
for name in ("rounds", "out", "commit", "patients", "seconds", "connections", "java-opts", "pg-settings"):
    ap.add_argument("--" + name, required=True)
a = ap.parse_args()

TRIVIAL = "trivial: GET /api/v1/drugs/{code}"
# Each product operation and the floor of the database work it must do.
AGAINST = {
    "revalidate timeline (304)": "floor: one indexed read",
    "revalidate assessment (304)": "floor: one indexed read",
    "GET timeline, the day's charts": "floor: one indexed read of a stored timeline body",
    "GET /api/v1/patients/{id}": "floor: one indexed read",
    "timeline not seen before (asOf of the past year)": "floor: read and decode a 50-episode history",
    "assessment not seen before (asOf of the past year)": "floor: read and decode a 50-episode history",
    "POST episodes": "floor: a new episode's statements in one transaction",
}


rows = [json.loads(line) for line in open(a.rounds) if line.strip()]
order, by = [], {}
for r in rows:
    if r["scenario"] not in by:
        order.append(r["scenario"])
        by[r["scenario"]] = []
    by[r["scenario"]].append(r)
trivial = {r["round"]: r for r in by[TRIVIAL]}


def cpu(r):
    service, postgres, total = cpu_per_request(r["before"], r["after"], r["hz"], max(r["result"]["requests"], 1))
    return service, postgres, max(total - service - postgres, 0), total


summary = {}
for name in order:
    rs = by[name]
    shares = [r["result"]["rps"] / trivial[r["round"]]["result"]["rps"] for r in rs]
    p99x = [r["result"]["p99_ms"] / trivial[r["round"]]["result"]["p99_ms"] for r in rs]
    cpus = [cpu(r) for r in rs]
    summary[name] = {
        "rps": statistics.median(r["result"]["rps"] for r in rs),
        "share": statistics.median(shares), "shares": shares, "p99x": statistics.median(p99x),
        "cpu": [statistics.median(c[i] for c in cpus) for i in range(4)],
        "errors": sum(r["result"]["unexpected_status"] + r["result"]["socket_errors"] for r in rs),
    }
for name, floor in AGAINST.items():
    if name in by and floor in by:
        f = {r["round"]: r["result"]["rps"] for r in by[floor]}
        summary[name]["of_floor"] = statistics.median(r["result"]["rps"] / f[r["round"]] for r in by[name])

now = datetime.datetime.now(datetime.timezone.utc)
# The day's first run is <date>-floor, later ones <date>b-floor, <date>c-floor...: a run never overwrites another.
stem = os.path.join(a.out, now.strftime("%Y-%m-%d") + "-floor")
for letter in "bcdefghijklmnopqrstuvwxyz":
    if not os.path.exists(stem + ".md"):
        break
    stem = os.path.join(a.out, now.strftime("%Y-%m-%d") + letter + "-floor")
machine = describe("pg", a.pg_settings)
with open(stem + ".json", "w") as out:
    json.dump({"commit": a.commit, "machine": machine, "rounds": rows, "summary": summary}, out, indent=1)

lines = [f"# The floor {now:%Y-%m-%d %H:%M} UTC — pg, {int(a.patients):,} patients, commit {a.commit}", "",
         f"Command: `bash bench/floor.sh --patients {a.patients} --seconds {a.seconds}` "
         f"({len(trivial)} rounds, every scenario once per round, in turn)", "", "## Machine", ""]
lines += [f"- {k}: {v}" for k, v in machine.items()]
lines += [f"- JVM options: {a.java_opts}", f"- wrk connections: {a.connections}", "",
          "## Results", "",
          "Medians over the rounds. Share: throughput against the trivial endpoint of the same round (each round's "
          "share in brackets). Of its floor: against the floor scenario of the same round that does the least "
          "database work the operation must do. CPU: µs per request (from /proc).", "",
          "| scenario | req/s | share of trivial | p99 × trivial | of its floor | CPU service / PostgreSQL / client and other / total | errors |",
          "|---|---:|---:|---:|---:|---:|---:|"]
for name in order:
    s = summary[name]
    each = ", ".join(f"{x:.0%}" for x in s["shares"])
    floor = f"{s['of_floor']:.0%}" if "of_floor" in s else ""
    c = " / ".join(f"{x:,.0f}" for x in s["cpu"])
    lines.append(f"| {name} | {s['rps']:,.0f} | {s['share']:.0%} ({each}) | ×{s['p99x']:.1f} | {floor} | {c} | {s['errors']} |")
open(stem + ".md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines[-len(order) - 2:]))
print(f"written {stem}.md and .json")
failed = [name for name in order if summary[name]["errors"]]
if failed:
    raise SystemExit("answers other than the expected status or socket errors in: " + ", ".join(failed))
