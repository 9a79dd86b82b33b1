#!/usr/bin/env python3
"""Turns a bench/run.sh run into bench/results/<date>-<db>-<patients>.{md,json,svg}: results, targets, machine."""
import argparse
import datetime
import json
import math
import os
import statistics

from machine import cpu_per_request, describe

ap = argparse.ArgumentParser()
for name in ("work", "out", "db", "patients", "seconds", "connections", "ready-ms", "load", "episodes-before", "episodes-after", "heap",
             "db-settings", "warmup", "ready-plain-ms"):
    ap.add_argument("--" + name, default="")
a = ap.parse_args()
work = a.work

scenarios = [json.loads(line) for line in open(os.path.join(work, "scenarios.jsonl")) if line.strip()]
by_name = {s["scenario"]: s["result"] for s in scenarios}
rss = [int(x) for x in open(os.path.join(work, "rss.txt")).read().split() if x.strip().isdigit()]
peak_rss_mb = max(rss) / 1024 if rss else None
cohort = [float(x) for x in open(os.path.join(work, "cohort.txt")).read().split()]
jmh = []
if os.path.exists(os.path.join(work, "jmh.json")):
    for r in json.load(open(os.path.join(work, "jmh.json"))):
        jmh.append({"episodes": int(r["params"]["episodes"]), "us": r["primaryMetric"]["score"],
                    "error_us": r["primaryMetric"]["scoreError"]})
    jmh.sort(key=lambda r: r["episodes"])

machine = describe(a.db, a.db_settings)

trivial = by_name.get("trivial: GET /api/v1/drugs/{code}", {})
rows = []
for s in scenarios:
    r = s["result"]
    rel = r["rps"] / trivial["rps"] if trivial.get("rps") else None
    rows.append((s["scenario"], r, rel))

targets = []


def target(name, ok, measured):
    targets.append({"target": name, "met": bool(ok), "measured": measured})


def errors(r):
    return r["unexpected_status"] + r["socket_errors"]


# Derived views against the trivial endpoint of the same run: an unchanged history at half its throughput with
# p99 at most twice its p99, revalidation (304) at three quarters, a view not seen before at 30%.
for view in ("timeline", "assessment"):
    r = by_name.get(f"GET {view} (50-episode patients)")
    if r and trivial:
        target(f"{view}, unchanged history: ≥ 50% of the trivial endpoint's throughput", r["rps"] >= 0.5 * trivial["rps"],
               f"{r['rps']:.0f} req/s = {100 * r['rps'] / trivial['rps']:.0f}% of {trivial['rps']:.0f}")
        target(f"{view}, unchanged history: p99 ≤ 2× the trivial endpoint's", r["p99_ms"] <= 2 * trivial["p99_ms"],
               f"p99 {r['p99_ms']:.1f} ms = ×{r['p99_ms'] / trivial['p99_ms']:.1f} of {trivial['p99_ms']:.1f}")
        target(f"{view}: zero errors", errors(r) == 0, f"{errors(r)} errors")
    r = by_name.get(f"revalidate {view} (If-None-Match, 304)")
    if r and trivial:
        target(f"{view}, 304 revalidation: ≥ 75% of the trivial endpoint's throughput", r["rps"] >= 0.75 * trivial["rps"],
               f"{r['rps']:.0f} req/s = {100 * r['rps'] / trivial['rps']:.0f}%; {errors(r)} answers other than 304")
    r = by_name.get(f"{view} not seen before (asOf of the past year)")
    if r and trivial:
        target(f"{view}, view not seen before: ≥ 30% of the trivial endpoint's throughput", r["rps"] >= 0.3 * trivial["rps"],
               f"{r['rps']:.0f} req/s = {100 * r['rps'] / trivial['rps']:.0f}%; {errors(r)} errors")
json60 = by_name.get("render: timeline JSON (60-episode patients)")
for kind in ("timeline SVG", "summary HTML"):
    r = by_name.get(f"render: {kind} (60-episode patients)")
    if r and json60 and json60.get("rps"):
        # "No more than the JSON timeline plus 50%" in cost per request: throughput at least 1/1.5 of JSON's.
        target(f"{kind}: costs ≤ 1.5× the JSON timeline (60 episodes)", r["rps"] * 1.5 >= json60["rps"],
               f"{r['rps']:.0f} req/s vs JSON {json60['rps']:.0f} req/s: ×{json60['rps'] / r['rps']:.2f} the cost; "
               f"p99 {r['p99_ms']:.1f} vs {json60['p99_ms']:.1f} ms")
        target(f"{kind}: zero errors", errors(r) == 0, f"{errors(r)} errors")
post = by_name.get("POST episodes")
if post:
    if trivial:
        target("POST episodes: ≥ 20% of the trivial endpoint's throughput", post["rps"] >= 0.2 * trivial["rps"],
               f"{post['rps']:.0f} writes/s = {100 * post['rps'] / trivial['rps']:.0f}%")
    target("POST episodes: zero errors", errors(post) == 0, f"{errors(post)} errors")
    if a.episodes_before and a.episodes_after:
        present = int(a.episodes_after) - int(a.episodes_before)
        # Requests still in flight when wrk stops are committed but never acknowledged: at most one per connection.
        target("every acknowledged write is present", post["ok"] <= present <= post["ok"] + int(a.connections),
               f"{post['ok']} acknowledged (201), {present} new rows ({present - post['ok']} in flight at the cut-off)")
if jmh:
    t = {r["episodes"]: r["us"] for r in jmh}
    if 1000 in t:
        target("engine: 1,000-episode history < 1 ms (JMH average)", t[1000] < 1000, f"{t[1000]:.0f} µs")
    if 100 in t and 10000 in t:
        allowed = (10000 * math.log(10000)) / (100 * math.log(100))
        target("engine: growth 100 → 10,000 episodes no worse than n log n", t[10000] / t[100] <= allowed,
               f"×{t[10000] / t[100]:.0f} (n log n allows ×{allowed:.0f})")
plain = f"; {int(a.ready_plain_ms)} ms without the AppCDS archive" if a.ready_plain_ms else ""
target("ready < 3 s after java -jar", int(a.ready_ms) < 3000, f"{int(a.ready_ms)} ms{plain}")
if peak_rss_mb:
    target("peak RSS < 350 MB", peak_rss_mb < 350, f"{peak_rss_mb:.0f} MB with {a.heap}")

stamp = datetime.datetime.now(datetime.timezone.utc)
base = f"{a.out or 'bench/results'}/{stamp:%Y-%m-%d}-{a.db}-{a.patients}"
md = [f"# Benchmark {stamp:%Y-%m-%d %H:%M} UTC — {a.db}, {int(a.patients):,} patients", "",
      f"Command: `bash bench/run.sh --db {a.db} --patients {a.patients} --seconds {a.seconds} --connections {a.connections}`", "",
      "## Machine", ""]
md += [f"- {k}: {v}" for k, v in machine.items()]
md += ["", "## Data", "", f"- {a.load}", "", "## Results", "",
       f"wrk, 2 threads, {a.connections} connections, {a.seconds} s per scenario, after warming every scenario's path for {a.warmup or '?'} s; latencies in ms.", "",
       "| scenario | req/s | vs trivial | p50 | p99 | p99.9 | errors | result store hits |", "|---|---:|---:|---:|---:|---:|---:|---:|"]


def hits(s):
    """The share of the scenario's result-store lookups that were hits ("" when it made none)."""
    st = s.get("store")
    if not st:
        return ""
    b = [int(x) for x in st["before"].split()]
    e = [int(x) for x in st["after"].split()]
    h, m = e[0] - b[0], e[1] - b[1]
    return f"{100 * h / (h + m):.0f}% of {h + m:,}" if h + m else ""


for s_, (name, r, rel) in zip(scenarios, rows):
    md.append(f"| {name} | {r['rps']:.0f} | {'' if rel is None else f'{100 * rel:.0f}%'} | {r['p50_ms']:.2f} | "
              f"{r['p99_ms']:.2f} | {r['p999_ms']:.2f} | {errors(r)} | {hits(s_)} |")


def peak_phase():
    """Where the run's peak RSS was sampled: in a scenario, or between them (warm-up, priming, the cohort query)."""
    at = rss.index(max(rss))
    for s in scenarios:
        lines = s.get("rss_lines")
        if lines and lines[0] <= at < lines[1]:
            return f"during \"{s['scenario']}\""
    return "outside the measured scenarios (warm-up, priming or the cohort query)"


cpu_rows = []
for s in scenarios:
    c = s.get("cpu_ticks")
    r = s["result"]
    if not c or not r.get("requests"):
        continue
    service, postgres, total = cpu_per_request(c["before"], c["after"], c["hz"], r["requests"])
    lines = s.get("rss_lines")
    peak = max(rss[lines[0]:lines[1]], default=0) / 1024 if lines else 0
    cpu_rows.append((s["scenario"], service, postgres, total - service - postgres, total, peak))
if cpu_rows:
    md += ["", "CPU time per request (µs of CPU, from /proc; 2 cores give at most 2,000,000 µs per second): the service "
           "JVM, every PostgreSQL process, and everything else on the machine (mostly the wrk client); and the "
           "service's peak RSS while the scenario ran.", "",
           "| scenario | service | PostgreSQL | client and other | total | service peak RSS MB |", "|---|---:|---:|---:|---:|---:|"]
    md += [f"| {n} | {sv:.0f} | {pg:.0f} | {ot:.0f} | {tt:.0f} | {f'{pk:.0f}' if pk else ''} |"
           for n, sv, pg, ot, tt, pk in cpu_rows]
md += ["", f"- time to ready after `java -jar`: {int(a.ready_ms)} ms with the AppCDS archive (scripts/app-cds.sh){plain}",
       f"- peak RSS during the run: {peak_rss_mb:.0f} MB, {peak_phase()} ({a.heap})" if peak_rss_mb else "- peak RSS: not sampled",
       f"- cohort outcomes (`GET /api/v1/cohorts/outcomes?drug=ivig` over all {int(a.patients):,} patients), "
       f"5 sequential requests: median {statistics.median(cohort) * 1000:.0f} ms "
       f"(min {min(cohort) * 1000:.0f}, max {max(cohort) * 1000:.0f})" if cohort else ""]
if jmh:
    md += ["", "## Engine alone (JMH, average time per timeline + assessment)", "", "| episodes | µs | ± |", "|---:|---:|---:|"]
    md += [f"| {r['episodes']:,} | {r['us']:.1f} | {r['error_us']:.1f} |" for r in jmh]
md += ["", "## Targets", "", "| target | met | measured |", "|---|---|---|"]
md += [f"| {t['target']} | {'yes' if t['met'] else '**no**'} | {t['measured']} |" for t in targets]
md += ["", f"Chart: [{os.path.basename(base)}.svg]({os.path.basename(base)}.svg)", ""]
open(base + ".md", "w").write("\n".join(md))
json.dump({"date": stamp.isoformat(), "db": a.db, "patients": int(a.patients), "machine": machine, "load": a.load,
           "scenarios": scenarios, "ready_ms": int(a.ready_ms),
           "ready_without_archive_ms": int(a.ready_plain_ms) if a.ready_plain_ms else None, "peak_rss_mb": peak_rss_mb, "cohort_seconds": cohort,
           "jmh": jmh, "targets": targets}, open(base + ".json", "w"), indent=2)

# chart: throughput and p99 per scenario, two horizontal bar panels
names = [n for n, _, _ in rows]
width, row_h, label_w, panel_w, top = 980, 26, 300, 260, 50
height = top + row_h * len(names) + 40
max_rps = max(r["rps"] for _, r, _ in rows) or 1
max_p99 = max(r["p99_ms"] for _, r, _ in rows) or 1
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
       '<rect width="100%" height="100%" fill="white"/>',
       f'<text x="10" y="20" font-size="14" font-weight="bold">Myoline {a.db}, {int(a.patients):,} patients, '
       f'{a.connections} connections — {stamp:%Y-%m-%d}</text>',
       f'<text x="{label_w}" y="{top - 10}" font-weight="bold">requests/s</text>',
       f'<text x="{label_w + panel_w + 60}" y="{top - 10}" font-weight="bold">p99 latency (ms)</text>']
for i, (name, r, _) in enumerate(rows):
    y = top + i * row_h
    svg.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{name.replace("&", "&amp;").replace("<", "&lt;")}</text>')
    w1 = panel_w * r["rps"] / max_rps
    svg.append(f'<rect x="{label_w}" y="{y + 4}" width="{w1:.1f}" height="{row_h - 8}" fill="#1f5fa8"/>')
    svg.append(f'<text x="{label_w + w1 + 4:.1f}" y="{y + 16}">{r["rps"]:.0f}</text>')
    x2 = label_w + panel_w + 60
    w2 = panel_w * r["p99_ms"] / max_p99
    svg.append(f'<rect x="{x2}" y="{y + 4}" width="{w2:.1f}" height="{row_h - 8}" fill="#c0504d"/>')
    svg.append(f'<text x="{x2 + w2 + 4:.1f}" y="{y + 16}">{r["p99_ms"]:.1f}</text>')
svg.append("</svg>")
open(base + ".svg", "w").write("\n".join(svg))
print("\n".join(md))
print(f"written: {base}.md, {base}.json, {base}.svg")
