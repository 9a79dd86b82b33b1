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
