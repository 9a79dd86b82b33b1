#!/usr/bin/env python3
"""Summarises which documented operations and responses the test suite exercised under contract validation.

Reads the exchanges recorded by the suite's OpenAPI validation filter (target/contract-coverage/*.txt,
lines "METHOD /path/with/{id} STATUS") and the contract as built (target/openapi/openapi.json).
"""
import glob
import json
import re
import sys

contract = json.load(open("target/openapi/openapi.json"))
documented = set()
templates = []
for path, item in contract["paths"].items():
    templates.append((re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path))
    for method, op in item.items():
        if method.upper() not in ("GET", "PUT", "POST", "DELETE", "PATCH"):
            continue
        for status in op.get("responses", {}):
            documented.add((method.upper(), path, status))


def template(path):
    # Literal paths win over templated ones, as in routing.
    matches = [t for rx, t in templates if rx.match(path)]
    return min(matches, key=lambda t: t.count("{")) if matches else path

covered = set()
for f in glob.glob("target/contract-coverage/*.txt"):
    for line in open(f):
        parts = line.split()
        if len(parts) == 3:
            covered.add((parts[0], template(parts[1]), parts[2]))

operations = {(m, p) for m, p, _ in documented}
hit_ops = {(m, p) for m, p, s in covered if (m, p, s) in documented}
hit = documented & covered
undocumented = {c for c in covered if c not in documented}
print(f"contract coverage: {len(hit_ops)}/{len(operations)} operations, "
      f"{len(hit)}/{len(documented)} documented (operation, status) responses exercised and validated")
missing = sorted(documented - covered)
if missing:
    print("  not exercised: " + ", ".join(f"{m} {p} {s}" for m, p, s in missing))
if undocumented:
    print("  ERROR: exchanges with undocumented statuses: " + ", ".join(map(str, sorted(undocumented))))
    sys.exit(1)
