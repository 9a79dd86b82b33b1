#!/usr/bin/env bash
# Helpers for the scripts that start the packaged service on 127.0.0.1: source this file.

# A TCP port nobody is listening on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_ready PID BASE_URL LOG [SECONDS]: returns once BASE_URL/q/health/ready answers 200; stops the calling
# script (exit 1, with the end of LOG) if the process PID dies first or SECONDS (default 60) run out.
wait_ready() {
  local pid=$1 base=$2 log=$3 deadline=$(( $(date +%s) + ${4:-60} ))
  until curl -sf "$base/q/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      echo "service did not become ready ($log):" >&2
      tail -30 "$log" >&2
      exit 1
    fi
    sleep 0.02
  done
}

# The JVM options k8s/ deploys the service with (JAVA_OPTS_APPEND in k8s/configmap.yaml): the benchmarks run with
# the same options unless MYOLINE_BENCH_JAVA_OPTS names others. Stops the calling script if it cannot find them.
recommended_java_opts() {
  local opts
  opts=$(sed -n 's/^ *JAVA_OPTS_APPEND: *"\(.*\)"$/\1/p' k8s/configmap.yaml)
  if [ -z "$opts" ]; then
    echo "no JAVA_OPTS_APPEND in k8s/configmap.yaml" >&2
    exit 1
  fi
  echo "$opts"
}

# PostgreSQL server settings sized as a production server would be (PostgreSQL's guidance: shared_buffers about a
# quarter of memory, here at most 4 GB; effective_cache_size half), for the benchmark harnesses' own clusters.
bench_pg_settings() {
  local mem_mb buffers_mb
  mem_mb=$(awk '/^MemTotal/{print int($2 / 1024)}' /proc/meminfo)
  buffers_mb=$(( mem_mb / 4 < 4096 ? mem_mb / 4 : 4096 ))
  echo "-c shared_buffers=${buffers_mb}MB -c effective_cache_size=$(( mem_mb / 2 ))MB"
}

# CPU clock ticks (user + system) used so far by the processes named, summed (processes gone count 0).
cpu_ticks() {
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}

# CPU clock ticks used so far by the whole machine (user, nice, system, irq, softirq).
machine_ticks() {
  awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat
}

# The wrk load generator, installed from the Debian packages when the machine has none.
ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
}
