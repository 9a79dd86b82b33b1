#!/usr/bin/env bash
# Two replicas of the packaged service behind HAProxy on one PostgreSQL, all on 127.0.0.1. While a bounded write
# load runs through the balancer (scripts/replica-load.py: retries with Idempotency-Key, If-Match updates) and an
# asynchronous bulk import runs, it
#   1. kills the replica that holds the import with SIGKILL, then restarts it;
#   2. rolls both replicas, one after the other (SIGTERM, start, ready);
#   3. restarts PostgreSQL;
# then checks that no acknowledged write was lost, no retry made a second episode, no If-Match update was lost,
# and that the import's manifest and rows equal those of a clean import of the same file into an empty database.
# Figures (and recovery times) go to target/replicas-test/results.txt; exits non-zero on any loss.
#   MYOLINE_REPLICAS_FEED_PATIENTS (default 1500). The load runs from before the first fault until 5 s after the last.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-lib.sh
out=target/replicas-test
rm -rf "$out" && mkdir -p "$out"
results="$out/results.txt"
failures=0
note() { echo "$*" | tee -a "$results"; }
expect() { # expect DESCRIPTION ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then note "  ok    $1: $2"; else note "  FAIL  $1: got $2, expected $3"; failures=$((failures + 1)); fi
}
now_ms() { date +%s%3N; }
feed_patients=${MYOLINE_REPLICAS_FEED_PATIENTS:-1500}

if ! command -v haproxy >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "haproxy is missing: install the Debian package haproxy" >&2; exit 1; }
  echo "installing HAProxy"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy
fi

echo "== building the PostgreSQL flavour of the jar and a feed of $feed_patients patients"
mvn -B -q package -Dmaven.test.skip=true -Dcodegen.skip=true -Dquarkus.profile=pg \
  -Dquarkus.package.output-directory=pg-app >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
java src/test/java/org/myoline/bulk/FeedGenerator.java --patients "$feed_patients" --prefix RFEED --bad-every 50 \
  --out "$out/feed.ndjson"

pgdir=$(mktemp -d /tmp/myoline-replicas-pg.XXXXXX)
declare -A pids ports
hapid=""
cleanup() {
  for name in "${!pids[@]}"; do kill -9 "${pids[$name]}" 2>/dev/null || true; wait "${pids[$name]}" 2>/dev/null || true; done
  [ -n "$hapid" ] && kill "$hapid" 2>/dev/null || true
  scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
MYOLINE_PG_PORT=$(free_port) db_url=$(scripts/pg-cluster.sh start "$pgdir")
pgport=$(cat "$pgdir/port")
psql_q() { psql -h 127.0.0.1 -p "$pgport" -U myoline -d "${2:-myoline}" -tAc "$1"; }

# start_replica NAME DATABASE: the replica's HOSTNAME is its name, so bulk_job.leased_by says which one holds a job.
start_replica() {
  local name=$1 db=${2:-myoline}
  [ -n "${ports[$name]:-}" ] || ports[$name]=$(free_port)
  HOSTNAME=$name QUARKUS_PROFILE=pg MYOLINE_DB_URL="jdbc:postgresql://127.0.0.1:$pgport/$db" MYOLINE_DB_USER=myoline \
    MYOLINE_DB_PASSWORD=myoline MYOLINE_JWT_PUBLIC_KEY_LOCATION=dev-keys/publicKey.pem MYOLINE_JWT_ISSUER=myoline-dev \
    MYOLINE_BULK_LEASE=10s java -Xmx256m -Dquarkus.http.port="${ports[$name]}" -Dquarkus.http.host=127.0.0.1 \
    -jar target/pg-app/quarkus-run.jar >>"$out/$name.log" 2>&1 &
  pids[$name]=$!
  wait_ready "${pids[$name]}" "http://127.0.0.1:${ports[$name]}" "$out/$name.log" 60
}
stop_replica() { # SIGTERM and wait for the process to end
  kill "${pids[$1]}" 2>/dev/null || true
  wait "${pids[$1]}" 2>/dev/null || true
}

start_replica a
start_replica b
lb=$(free_port)
cat >"$out/haproxy.cfg" <<EOF
global
  maxconn 512
defaults
  mode http
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  retries 2
  option redispatch
  retry-on conn-failure
frontend api
  bind 127.0.0.1:$lb
  default_backend replicas
backend replicas
  balance roundrobin
  option httpchk GET /q/health/ready
  http-check expect status 200
  default-server inter 250ms fall 2 rise 1
  server a 127.0.0.1:${ports[a]} check
  server b 127.0.0.1:${ports[b]} check
EOF
haproxy -f "$out/haproxy.cfg" -db >"$out/haproxy.log" 2>&1 &
hapid=$!
base="http://127.0.0.1:$lb"
for _ in $(seq 1 100); do curl -sf "$base/q/health/ready" >/dev/null && break; sleep 0.1; done

note "== replica test: 2 replicas + HAProxy $(haproxy -v | head -1 | awk '{print $3}') + PostgreSQL $(psql --version | awk '{print $3}'), $(date -u +%FT%TZ)"
note "   load through the balancer from before the first fault to 5 s after the last (6 writers with Idempotency-Key, 4 If-Match updaters); feed $(wc -l <"$out/feed.ndjson") lines, $(du -h "$out/feed.ndjson" | cut -f1), $feed_patients patients"
writer_token=$(scripts/mint-token.sh clinician replicas-load)
bulk_token=$(scripts/mint-token.sh integration replicas-bulk)

python3 scripts/replica-load.py "$base" "$writer_token" 600 "$out/load.json" --stop-file "$out/stop" >"$out/load.log" 2>&1 &
loadpid=$!
sleep 2
status_url=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $bulk_token" -H 'Prefer: respond-async' \
  -H 'Content-Type: application/fhir+ndjson' --data-binary @"$out/feed.ndjson" "$base/api/v1/fhir/\$import" \
  | tr -d '\r' | awk 'tolower($1)=="content-location:" {print $2}')
[ -n "$status_url" ] || { note "  FAIL  the import kick-off gave no Content-Location"; exit 1; }
job=${status_url##*/}
events="$out/events.txt"
: >"$events"

# 1. SIGKILL the replica that holds the import, once it has done some of it.
for _ in $(seq 1 200); do
  [ "$(psql_q "SELECT done_units FROM bulk_job WHERE id = '$job'")" -gt 50 ] 2>/dev/null && break
  sleep 0.1
done
holder=$(psql_q "SELECT leased_by FROM bulk_job WHERE id = '$job'")
victim=${holder%%/*}
[ "$victim" = a ] || [ "$victim" = b ] || victim=a
t=$(now_ms)
echo "kill9 $t" >>"$events"
kill -9 "${pids[$victim]}"
wait "${pids[$victim]}" 2>/dev/null || true
sleep 0.5 # a commit the replica sent just before it died may still land
done_before=$(psql_q "SELECT done_units FROM bulk_job WHERE id = '$job'")
note "-- SIGKILL replica $victim (holding the import; $done_before of $feed_patients patients committed)"
takeover=""
for _ in $(seq 1 600); do
  now_done=$(psql_q "SELECT done_units FROM bulk_job WHERE id = '$job'")
  state=$(psql_q "SELECT state FROM bulk_job WHERE id = '$job'")
  holder_now=$(psql_q "SELECT COALESCE(leased_by, '') FROM bulk_job WHERE id = '$job'")
  if [ "$state" = COMPLETED ] || { [ "${now_done:-0}" -gt "$done_before" ] && [ "${holder_now%%/*}" != "$victim" ]; }; then
    takeover=$(( $(now_ms) - t )); break
  fi
  sleep 0.1
done
note "   import resumed $takeover ms after the kill, by $(psql_q "SELECT COALESCE(leased_by, 'nobody (done)') FROM bulk_job WHERE id = '$job'" | cut -d/ -f1) (lease 10 s)"
[ -n "$takeover" ] || { note "  FAIL  the import was not resumed within 60 s"; failures=$((failures + 1)); }
t_restart=$(now_ms)
start_replica "$victim"
note "   replica $victim restarted and ready in $(( $(now_ms) - t_restart )) ms (under the load and the import)"

# 2. Roll both replicas.
t=$(now_ms)
echo "rolling $t" >>"$events"
for name in a b; do
  t_one=$(now_ms)
  stop_replica "$name"
  start_replica "$name"
  note "-- rolled replica $name: stopped and ready again in $(( $(now_ms) - t_one )) ms"
done
echo "rolled $(now_ms)" >>"$events"

# 3. Restart PostgreSQL.
t=$(now_ms)
echo "pgrestart $t" >>"$events"
scripts/pg-cluster.sh pause "$pgdir"
scripts/pg-cluster.sh resume "$pgdir"
note "-- PostgreSQL restarted in $(( $(now_ms) - t )) ms"
for name in a b; do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:${ports[$name]}/q/health/ready" >/dev/null && break; sleep 0.1; done
done
note "   both replicas ready $(( $(now_ms) - t )) ms after the restart began"
sleep 5
echo "end $(now_ms)" >>"$events"
touch "$out/stop"

wait "$loadpid" || { cat "$out/load.log"; note "  FAIL  the load generator failed"; exit 1; }
t_wait=$(now_ms)
manifest=""
for _ in $(seq 1 1200); do
  code=$(curl -s -o "$out/manifest.json" -w '%{http_code}' -H "Authorization: Bearer $bulk_token" "$status_url")
  [ "$code" = 200 ] && { manifest=yes; break; }
  sleep 0.5
done
[ -n "$manifest" ] || { note "  FAIL  the import did not finish (last status $code)"; exit 1; }
note "-- import finished $(( $(now_ms) - t_wait )) ms after the load ended; attempts: $(psql_q "SELECT attempts FROM bulk_job WHERE id = '$job'") claims"

# The same file, imported once into an empty database by one replica.
psql -q -h 127.0.0.1 -p "$pgport" -U postgres -c "CREATE DATABASE clean OWNER myoline" >/dev/null
start_replica c clean
clean_url=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $bulk_token" -H 'Prefer: respond-async' \
  -H 'Content-Type: application/fhir+ndjson' --data-binary @"$out/feed.ndjson" \
  "http://127.0.0.1:${ports[c]}/api/v1/fhir/\$import" | tr -d '\r' | awk 'tolower($1)=="content-location:" {print $2}')
t_clean=$(now_ms)
for _ in $(seq 1 1200); do
  [ "$(curl -s -o "$out/clean-manifest.json" -w '%{http_code}' -H "Authorization: Bearer $bulk_token" "$clean_url")" = 200 ] && break
  sleep 0.5
done
note "-- clean import of the same file: $(( $(now_ms) - t_clean )) ms on one replica"

note "== figures"
python3 - "$out" "$results" <<'PY'
import json, sys
out, results = sys.argv[1], sys.argv[2]
load = json.load(open(out + "/load.json"))
events = [l.split() for l in open(out + "/events.txt")]
lines = []
for k in ("writes_acknowledged", "episodes_found", "writes_lost", "duplicate_episodes", "writes_never_acknowledged",
          "updates_acknowledged", "lost_updates", "updates_applied_twice", "if_match_conflicts"):
    lines.append("   %-28s %s" % (k, load[k]))
attempts = load["attempts"]
marks = [(name, int(t)) for name, t in events]
for i, (name, start) in enumerate(marks):
    if name in ("rolled", "end"):
        continue
    end = marks[i + 1][1] if i + 1 < len(marks) else start + 30000
    window = [a for a in attempts if start <= a[0] < end]
    failed = [a for a in window if not a[2] in ("ok", "conflict")]
    if failed:
        last = max(a[0] for a in failed)
        nxt = [a[0] for a in window if a[0] > last and a[2] == "ok"]
        rec = "%d ms until writes succeeded again" % ((nxt[0] if nxt else last) - start)
    else:
        rec = "no failed request"
    ok = sum(1 for a in window if a[2] == "ok")
    lines.append("   %-28s %d requests failed and were retried, %d succeeded; %s" % (name, len(failed), ok, rec))
with open(results, "a") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
for k in writes_lost duplicate_episodes lost_updates updates_applied_twice writes_never_acknowledged; do
  expect "$k" "$(python3 -c "import json; print(json.load(open('$out/load.json'))['$k'])")" 0
done
expect "acknowledged writes found" "$(python3 -c "import json; d=json.load(open('$out/load.json')); print(d['episodes_found'] >= d['writes_acknowledged'] > 0)")" True
summary() { python3 -c "import json; print(json.dumps(json.load(open('$1'))['importSummary'], sort_keys=True))"; }
note "   import (with faults): $(summary "$out/manifest.json")"
note "   import (clean):       $(summary "$out/clean-manifest.json")"
expect "the import's manifest equals the clean import's" "$(summary "$out/manifest.json")" "$(summary "$out/clean-manifest.json")"
for table in "patient p" "treatment_episode e JOIN patient p ON p.id = e.patient_id" \
    "observation o JOIN patient p ON p.id = o.patient_id" "fhir_source s JOIN patient p ON p.id = s.patient_id"; do
  q="SELECT COUNT(*) FROM $table WHERE p.mrn LIKE 'RFEED-%'"
  expect "rows of ${table%% *} from the feed, against the clean import" "$(psql_q "$q")" "$(psql_q "$q" clean)"
done

# The derived-view result store is shared: a timeline stored by replica a (its second derivation there) is a hit on
# replica b with the same bytes, and a change written through b is what a serves next, never the older stored body.
echo "== the result store across replicas"
view_patient=$(psql_q "SELECT id FROM patient WHERE mrn LIKE 'RFEED-%' ORDER BY mrn LIMIT 1")
view() { # view REPLICA NAME: GET the patient's timeline on that replica into $out/view-NAME.{json,h}
  curl -s -D "$out/view-$2.h" -o "$out/view-$2.json" -H "Authorization: Bearer $writer_token" \
    "http://127.0.0.1:${ports[$1]}/api/v1/patients/$view_patient/timeline"
}
hits() { curl -s "http://127.0.0.1:${ports[$1]}/q/metrics" | awk '/^myoline_views_store_total/ && /result="hit"/ {h += $NF} END {printf "%d", h}'; }
etag() { tr -d '\r' <"$out/view-$1.h" | awk 'tolower($1) == "etag:" {print $2}'; }
view a a1; view a a2
for _ in $(seq 1 50); do
  [ "$(psql_q "SELECT COUNT(*) FROM view_result WHERE patient_id = '$view_patient'")" -ge 1 ] && break; sleep 0.1
done
hits_before=$(hits b); view b b1; hits_after=$(hits b)
note "   timeline stored by a, read on b: $((hits_after - hits_before)) hit on b, $(wc -c <"$out/view-b1.json") bytes"
expect "a view replica a stored is a hit on replica b" "$((hits_after - hits_before))" 1
expect "replica b serves replica a's bytes" "$(cmp -s "$out/view-a2.json" "$out/view-b1.json" && echo same || echo different)" same
written=$(curl -s -o "$out/view-write.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $writer_token" \
  -H 'Content-Type: application/json' \
  -d '{"drug":"cyclophosphamide","route":"IV","dose":{"value":750,"unit":"mg/m2"},"startDate":"2024-05-02"}' \
  "http://127.0.0.1:${ports[b]}/api/v1/patients/$view_patient/episodes")
expect "an episode written through replica b" "$written" 201
view a a3
expect "after a change through b, replica a answers a new tag" "$([ "$(etag a3)" != "$(etag a2)" ] && echo new || echo same)" new
expect "after a change through b, replica a's timeline has it" "$(grep -q cyclophosphamide "$out/view-a3.json" && echo yes || echo no)" yes

if [ "$failures" -ne 0 ]; then
  note "replica test FAILED ($failures)"
  exit 1
fi
note "replica test passed"
