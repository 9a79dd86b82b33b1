#!/usr/bin/env bash
# Start-up and memory of the packaged service, measured the way the FHIR edge must stay within #6's targets.
#   bash bench/startup.sh [--runs 5] [--jar target/quarkus-app/quarkus-run.jar] [--bundle FILE | --patient FILE]
# Starts the jar --runs times on a fresh embedded H2 database with the JVM options k8s/ deploys with and
# reports, per run and as medians: ms from launch to /q/health/ready, RSS when ready, and the first write's
# latency and the RSS after it: --bundle posts a FHIR transaction Bundle to /api/v1/fhir, --patient posts a
# native patient JSON to /api/v1/patients (the comparison without FHIR). Only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-lib.sh
runs=5 jar=target/quarkus-app/quarkus-run.jar bundle="" path="" type=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --bundle) bundle=$2; path=/api/v1/fhir; type=application/fhir+json; shift 2 ;;
    --patient) bundle=$2; path=/api/v1/patients; type=application/json; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
HEAP_OPTS=${MYOLINE_BENCH_JAVA_OPTS:-$(recommended_java_opts)}
token=$(scripts/mint-token.sh integration)
work=$(mktemp -d /tmp/myoline-startup.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
for i in $(seq 1 "$runs"); do
  port=$(free_port)
  base="http://127.0.0.1:$port"
  t0=$(date +%s%3N)
  # shellcheck disable=SC2086
  java $HEAP_OPTS -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -Dquarkus.log.console.json.enabled=false \
    -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$work/run$i/myoline" -jar "$jar" >"$work/run$i.log" 2>&1 &
  pid=$!
  wait_ready "$pid" "$base" "$work/run$i.log" 120
  ready=$(( $(date +%s%3N) - t0 ))
  rss_ready=$(( $(ps -o rss= -p "$pid") / 1024 ))
  import_ms="-" rss_import="-"
  if [ -n "$bundle" ]; then
    t1=$(date +%s%3N)
    code=$(curl -s -o "$work/out.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
      -H "Content-Type: $type" --data-binary @"$bundle" "$base$path")
    import_ms=$(( $(date +%s%3N) - t1 ))
    case "$code" in 200|201) ;; *) echo "$path answered $code: $(head -c 400 "$work/out.json")" >&2; exit 1 ;; esac
    sleep 1
    rss_import=$(( $(ps -o rss= -p "$pid") / 1024 ))
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo "run $i: ready ${ready} ms, RSS ${rss_ready} MB; first write ${import_ms} ms, RSS after ${rss_import} MB"
  echo "$ready $rss_ready $import_ms $rss_import" >>"$work/runs.txt"
done
echo "median of $runs: ready $(cut -d' ' -f1 "$work/runs.txt" | median) ms, RSS at ready $(cut -d' ' -f2 "$work/runs.txt" | median) MB," \
  "first write $(cut -d' ' -f3 "$work/runs.txt" | grep -v - | median) ms, RSS after it $(cut -d' ' -f4 "$work/runs.txt" | grep -v - | median) MB"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
