#!/usr/bin/env bash
# Fault behaviour of the packaged service on a real PostgreSQL, observed from outside as a client would:
#  1. the database stops mid-run: API calls answer 503 problem+json within seconds, readiness goes DOWN,
#     liveness stays UP; the database returns: the service recovers without a restart;
#  2. a request body above the limit: 413 problem+json;
#  3. graceful shutdown: a request in flight when SIGTERM arrives still completes.
# Writes what it observed to target/fault-test/results.txt; exits non-zero on any failed expectation.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-lib.sh
out=target/fault-test
mkdir -p "$out"
results="$out/results.txt"
: >"$results"
failures=0
note() { echo "$*" | tee -a "$results"; }
expect() { # expect DESCRIPTION ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then note "  ok    $1: $2"; else note "  FAIL  $1: got $2, expected $3"; failures=$((failures + 1)); fi
}
now_ms() { date +%s%3N; }

echo "== building the PostgreSQL flavour of the jar"
mvn -B -q package -Dmaven.test.skip=true -Dcodegen.skip=true -Dquarkus.profile=pg \
  -Dquarkus.package.output-directory=pg-app >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }

pgdir=$(mktemp -d /tmp/myoline-fault-pg.XXXXXX)
port=$(free_port)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT

db_url=$(scripts/pg-cluster.sh start "$pgdir")
base="http://127.0.0.1:$port"

start_service() {
  QUARKUS_PROFILE=pg MYOLINE_DB_URL="$db_url" MYOLINE_DB_USER=myoline MYOLINE_DB_PASSWORD=myoline \
    MYOLINE_JWT_PUBLIC_KEY_LOCATION=dev-keys/publicKey.pem MYOLINE_JWT_ISSUER=myoline-dev \
    java -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -jar target/pg-app/quarkus-run.jar \
    >"$out/service.log" 2>&1 &
  pid=$!
  wait_ready "$pid" "$base" "$out/service.log" 15
}
token=$(scripts/mint-token.sh clinician fault-test)
auth=(-H "Authorization: Bearer $token")
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

start_service
note "== fault test on PostgreSQL $(psql --version | awk '{print $3}'), $(date -u +%FT%TZ)"
patient=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' "$base/api/v1/patients" \
  -d '{"mrn":"FAULT-1","birthDate":"1970-01-01","sex":"female","subtype":"CLASSIC"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
expect "read before the fault" "$(status "${auth[@]}" "$base/api/v1/patients/$patient")" 200

note "-- database stopped"
scripts/pg-cluster.sh pause "$pgdir"
t0=$(now_ms)
code=$(curl -s -o "$out/503.json" -w '%{http_code}' "${auth[@]}" "$base/api/v1/patients/$patient")
elapsed=$(( $(now_ms) - t0 ))
expect "GET during the outage" "$code" 503
expect "its content type" "$(curl -s -o /dev/null -w '%{content_type}' "${auth[@]}" "$base/api/v1/patients/$patient")" "application/problem+json"
note "        answered in ${elapsed} ms: $(cat "$out/503.json")"
[ "$elapsed" -lt 5000 ] || { note "  FAIL  the 503 took ${elapsed} ms (limit 5000)"; failures=$((failures + 1)); }
expect "POST during the outage" "$(status "${auth[@]}" -H 'Content-Type: application/json' "$base/api/v1/patients" \
  -d '{"mrn":"FAULT-2","birthDate":"1970-01-01","sex":"male","subtype":"CLASSIC"}')" 503
t0=$(now_ms)
expect "readiness during the outage" "$(status "$base/q/health/ready")" 503
note "        readiness answered in $(( $(now_ms) - t0 )) ms"
expect "liveness during the outage" "$(status "$base/q/health/live")" 200

note "-- database back"
scripts/pg-cluster.sh resume "$pgdir"
t0=$(now_ms)
recovered=""
for _ in $(seq 1 300); do
  if [ "$(status "${auth[@]}" "$base/api/v1/patients/$patient")" = 200 ]; then recovered=$(( $(now_ms) - t0 )); break; fi
  sleep 0.1
done
if [ -n "$recovered" ]; then note "  ok    recovered without a restart, ${recovered} ms after the database came back"
else note "  FAIL  no recovery within 30 s"; failures=$((failures + 1)); fi
expect "readiness after recovery" "$(status "$base/q/health/ready")" 200
expect "the service process is the same" "$(kill -0 "$pid" 2>/dev/null && echo alive)" alive
expect "POST after recovery" "$(status "${auth[@]}" -H 'Content-Type: application/json' "$base/api/v1/patients" \
  -d '{"mrn":"FAULT-3","birthDate":"1970-01-01","sex":"male","subtype":"CLASSIC"}')" 201

note "-- oversized body"
python3 -c 'print("{\"mrn\":\"" + "x" * 2000000 + "\"}")' >"$out/big.json"
expect "2 MB body" "$(status "${auth[@]}" -H 'Content-Type: application/json' --data-binary @"$out/big.json" "$base/api/v1/patients")" 413

note "-- graceful shutdown with a request in flight"
python3 - "$out/slow.json" <<'PY'
import sys
body = '{"drug":"methotrexate","route":"SC","dose":{"value":15,"unit":"mg/wk"},"startDate":"2021-01-01"' + ' ' * 400000 + '}'
open(sys.argv[1], "w").write(body)
PY
# ~400 kB at 100 kB/s: the upload is still running when SIGTERM arrives one second in.
curl -s -o /dev/null -w '%{http_code}' --limit-rate 100k "${auth[@]}" -H 'Content-Type: application/json' \
  --data-binary @"$out/slow.json" "$base/api/v1/patients/$patient/episodes" >"$out/inflight.code" &
curl_pid=$!
sleep 1
t0=$(now_ms)
kill -TERM "$pid"
wait "$curl_pid" || true
expect "in-flight request after SIGTERM" "$(cat "$out/inflight.code")" 201
set +e; wait "$pid"; exit_code=$?; set -e
pid=""
note "        the service stopped $(( $(now_ms) - t0 )) ms after SIGTERM with exit code $exit_code"
expect "new connections after shutdown" "$(status "$base/q/health/live" || true)" 000

note "== $( [ "$failures" -eq 0 ] && echo "all fault expectations met" || echo "$failures fault expectation(s) failed")"
exit "$failures"
