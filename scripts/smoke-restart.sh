#!/usr/bin/env bash
# Proves that the packaged service keeps its data on the embedded H2 default across a restart:
# start the jar in a scratch directory, create a patient, stop, start again, read the patient back.
# And that reads buffered for the access log are written at shutdown: the flush interval is set to an hour, so
# the three reads before the stop reach the database only through the shutdown flush.
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
  (cd "$work" && exec java -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 \
    -Dmyoline.audit.access.flush-interval=1h -jar "$jar" >>"$work/app.log" 2>&1) &
  pid=$!
  wait_ready "$pid" "http://127.0.0.1:$port" "$work/app.log" 20
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

token=$(scripts/mint-token.sh clinician smoke-test)
start
id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/v1/patients" \
  -d '{"mrn":"SMOKE-1","birthDate":"1970-01-01","sex":"female","subtype":"CLASSIC"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for _ in 1 2 3; do curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/patients/$id"; done
stop
grep -q "Access log flushed at shutdown: 3 records written, 0 left" "$work/app.log" \
  || { echo "the access log was not flushed at shutdown:" >&2; grep -i "access log" "$work/app.log" >&2; exit 1; }
[ -f "$work/data/myoline.mv.db" ] || { echo "no H2 file under ./data" >&2; exit 1; }
start
mrn=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/patients/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["mrn"])')
reads=$(curl -sf -H "Authorization: Bearer $(scripts/mint-token.sh auditor smoke-auditor)" \
  "http://127.0.0.1:$port/api/v1/patients/$id/access-log" | python3 -c \
  'import json,sys; print(sum(1 for r in json.load(sys.stdin)["items"] if r["actor"] == "smoke-test" and r["operation"] == "getPatient"))')
stop
[ "$mrn" = "SMOKE-1" ] || { echo "patient lost across restart" >&2; exit 1; }
[ "$reads" = 4 ] || { echo "access log: $reads reads of the patient recorded, expected 4 (3 before the stop, 1 after)" >&2; exit 1; }
echo "smoke-restart: patient $id survived a restart (H2 file under ./data); its 4 reads are in the access log (3 written at shutdown)"
