#!/usr/bin/env bash
# Proves that the packaged service keeps its data on the embedded H2 default across a restart:
# start the jar in a scratch directory, create a patient, stop, start again, read the patient back.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-lib.sh
jar="$PWD/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
port=$(free_port)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start() {
  (cd "$work" && exec java -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -jar "$jar" >>"$work/app.log" 2>&1) &
  pid=$!
  wait_ready "$pid" "http://127.0.0.1:$port" "$work/app.log" 20
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

token=$(scripts/mint-token.sh clinician smoke-test)
start
id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/v1/patients" \
  -d '{"mrn":"SMOKE-1","birthDate":"1970-01-01","sex":"female","subtype":"CLASSIC"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
stop
[ -f "$work/data/myoline.mv.db" ] || { echo "no H2 file under ./data" >&2; exit 1; }
start
mrn=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/patients/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["mrn"])')
stop
[ "$mrn" = "SMOKE-1" ] || { echo "patient lost across restart" >&2; exit 1; }
echo "smoke-restart: patient $id survived a restart (H2 file under ./data)"
