"""What bench/report.py and bench/floor/report.py share: the machine a run was measured on, and a scenario's CPU
per request from the tick counters the harnesses sample (scripts/service-lib.sh: cpu_ticks, machine_ticks)."""
import os
import platform
import re
import subprocess


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip() + \
            subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stderr.strip()
    except Exception as e:  # noqa: BLE001 - a missing tool only leaves a blank in the machine description
        return f"({e})"


def describe(db="pg", db_settings=""):
    """The machine: CPU, cores, memory, OS, Java, and PostgreSQL with the settings its cluster was started with."""
    return {
        "cpu": re.sub(r"\s+", " ", sh("lscpu | grep 'Model name' | cut -d: -f2")),
        "cores": os.cpu_count(),
        "memory": sh("free -h | awk '/Mem:/ {print $2}'"),
        "os": platform.platform(),
        "java": sh("java -version 2>&1 | head -1"),
        "postgresql": (sh("psql --version") + (f" ({db_settings})" if db_settings else "")) if db == "pg" else "-",
        "note": "client (wrk, 2 threads) and server share the same 2 cores",
    }


def cpu_per_request(before, after, hz, requests):
    """µs of CPU per request (service, PostgreSQL, whole machine) between two "service postgres machine" samples."""
    b = [int(x) for x in before.split()]
    e = [int(x) for x in after.split()]
    return tuple((e[i] - b[i]) * 1e6 / hz / requests for i in range(3))
