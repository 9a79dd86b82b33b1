#!/usr/bin/env bash
# Myoline benchmark: one command, from a fresh clone.
#   bash bench/run.sh [--patients 20000] [--seconds 20] [--warmup 10] [--connections 32] [--db pg|h2] [--seed 42]
#                     [--skip-jmh] [--profile] [--out bench/results]
# Generates a seeded synthetic cohort, bulk-loads it, starts the packaged jar with the JVM options
# k8s/ deploys with, drives each scenario with wrk on 127.0.0.1 for a bounded time, and writes
# bench/results/<date>-<db>-<patients>.md (+ .json, + .svg chart). Load only ever targets 127.0.0.1.
# --profile also records each scenario with JFR (bench/target/profile-*.jfr and a summary .txt beside it, via
# bench/profile.py) and the JVM's native memory by category (bench/target/native-memory.txt); profiling costs
# a little throughput, so compare profiled runs with profiled runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-lib.sh
patients=20000 seconds=20 warmup=10 connections=32 db=pg seed=42 jmh=yes profile=no out=bench/results
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --skip-jmh) jmh=no; shift ;;
    --profile) profile=yes; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# The JVM options k8s/configmap.yaml deploys with (docs/operations.md, "Memory"), unless the caller names others.
HEAP_OPTS=${MYOLINE_BENCH_JAVA_OPTS:-$(recommended_java_opts)}
work=bench/target
rm -rf "$work" && mkdir -p "$work" "$out"

ensure_wrk

echo "== build ($db)"
profile_args=()
[ "$db" = pg ] && profile_args=(-Dquarkus.profile=pg)
mvn -B -q test-compile >/dev/null
mvn -B -q package -Dmaven.test.skip=true -Dcodegen.skip=true "${profile_args[@]}" -Dquarkus.package.output-directory=bench-app
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"

pid="" pgdir="" pg_settings=""
# Keeps the script's own exit status: a trap that ends on a false test would turn a good run into exit 1.
cleanup() {
  local status=$?
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  if [ -n "$pgdir" ]; then scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; fi
  return "$status"
}
trap cleanup EXIT

if [ "$db" = pg ]; then
  pgdir=$(mktemp -d /tmp/myoline-bench-pg.XXXXXX)

  # Sized as a production server would be (bench_pg_settings), not the 128 MB default, which at 200,000 patients
  # made every history read copy its pages in from the OS cache.
  pg_settings=$(bench_pg_settings)
  url=$(MYOLINE_PG_SERVER_OPTS="$pg_settings" scripts/pg-cluster.sh start "$pgdir")
  load_url="$url?reWriteBatchedInserts=true"
  service_env=(QUARKUS_PROFILE=pg MYOLINE_DB_URL="$url" MYOLINE_DB_USER=myoline MYOLINE_DB_PASSWORD=myoline
    MYOLINE_JWT_PUBLIC_KEY_LOCATION=dev-keys/publicKey.pem MYOLINE_JWT_ISSUER=myoline-dev)
else
  mkdir -p "$work/h2"
  url="jdbc:h2:file:$PWD/$work/h2/myoline"
  load_url="$url"
  service_env=(MYOLINE_BENCH=h2)
fi

echo "== generate and load $patients patients (seed $seed)"
load_log=$(java -cp "$cp" org.myoline.bench.BenchData --url "$load_url" --patients "$patients" --seed "$seed" --out "$work" | tail -1)
echo "   $load_log"
if [ "$db" = pg ]; then
  # A server that has been running holds its hot pages in shared_buffers; a freshly bulk-loaded one holds
  # none, and a random walk over 200,000 patients would measure copying pages in from the OS cache instead
  # of the service. pg_prewarm (a contrib module shipped with the server) loads every table and index.
  psql -q -h 127.0.0.1 -p "$(cat "$pgdir/port")" -U postgres -d myoline -v ON_ERROR_STOP=1 -tA \
    -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" -c "VACUUM ANALYZE" \
    -c "SELECT 'prewarmed ' || pg_size_pretty(sum(pg_prewarm(c.oid)) * current_setting('block_size')::bigint)
          || ' of tables and indexes' FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')" \
    | sed 's/^/   /'
fi

port=$(free_port)
base="http://127.0.0.1:$port"
db_opts=""
[ "$db" = h2 ] && db_opts="-Dquarkus.datasource.jdbc.url=$url -Dquarkus.datasource.password=myoline"
# Starts the packaged jar with the recommended options plus "$@", logging to $1; sets pid and ready_ms (from
# exec to ready). Start-up is measured without and then with an AppCDS archive from a training run against
# the same database (scripts/app-cds.sh): both ready times are reported; the measured service uses the archive.
start_service() {
  local log=$1; shift
  local t0
  t0=$(date +%s%3N)
  # shellcheck disable=SC2086
  env "${service_env[@]}" java $HEAP_OPTS "$@" $db_opts -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.log.console.json.enabled=false -jar target/bench-app/quarkus-run.jar >"$log" 2>&1 &
  pid=$!
  wait_ready "$pid" "$base" "$log" 120
  ready_ms=$(( $(date +%s%3N) - t0 ))
}
start_service "$work/start-check.log"
ready_plain_ms=$ready_ms
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
echo "== AppCDS training run (scripts/app-cds.sh); ready without the archive: ${ready_plain_ms} ms"
env "${service_env[@]}" JAVA_OPTS="$HEAP_OPTS $db_opts" scripts/app-cds.sh target/bench-app | sed 's/^/   /'
jvm_extra="-XX:SharedArchiveFile=target/bench-app/app-cds.jsa"
[ "$profile" = yes ] && jvm_extra="$jvm_extra -XX:NativeMemoryTracking=summary"
echo "== start the jar ($HEAP_OPTS $jvm_extra)"
# shellcheck disable=SC2086
start_service "$work/service.log" $jvm_extra
echo "   ready in ${ready_ms} ms"
# RSS every half second (rss.txt, one line a sample): the run's peak, and each scenario's from the lines it spans.
: >"$work/rss.txt"
( while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid" >>"$work/rss.txt" 2>/dev/null || true; sleep 0.5; done ) &

token=$(scripts/mint-token.sh integration bench 4)
# CPU clock ticks (user + system) used so far by the service, by every PostgreSQL process, and by the whole
# machine: per scenario they show where the two shared cores went (service, database, the load client and the rest).
cpu_snapshot() {
  local pg=0
  [ "$db" = pg ] && pg=$(cpu_ticks $(pgrep -x postgres || true))
  echo "$(cpu_ticks "$pid") $pg $(machine_ticks)"
}
wrk_run() { # name script args...
  local name=$1; shift
  local script=$1; shift
  echo "-- $name"
  local line before after
  local slug
  slug=$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-' | sed 's/-$//' | tr 'A-Z' 'a-z')
  [ "$profile" = yes ] && jcmd "$pid" JFR.start name=scenario settings=profile >/dev/null
  store_before=$(store_counts)
  rss_from=$(wc -l <"$work/rss.txt")
  before=$(cpu_snapshot)
  line=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -H "Authorization: Bearer $token" -s "bench/lua/$script" \
    "$base" -- "$@" | grep '^{' | tail -1)
  after=$(cpu_snapshot)
  if [ "$profile" = yes ]; then
    jcmd "$pid" JFR.stop name=scenario filename="$PWD/$work/profile-$slug.jfr" >/dev/null
    python3 bench/profile.py "$work/profile-$slug.jfr" >"$work/profile-$slug.txt"
  fi
  echo "   $line"
  echo "{\"scenario\":\"$name\",\"result\":$line,\"cpu_ticks\":{\"before\":\"$before\",\"after\":\"$after\",\"hz\":$(getconf CLK_TCK)},\"store\":{\"before\":\"$store_before\",\"after\":\"$(store_counts)\"},\"rss_lines\":[$rss_from,$(wc -l <"$work/rss.txt")]}" \
    >>"$work/scenarios.jsonl"
}
# Hits and misses of the derived-view result store so far ("hits misses"; "0 0" for a build without one), from
# the service's own counter: the report gives each scenario's hit ratio.
store_counts() {
  curl -s "$base/q/metrics" | awk '/^myoline_views_store_total/ && /result="hit"/ {h += $NF} /^myoline_views_store_total/ && /result="miss"/ {m += $NF}
    END {printf "%d %d", h, m}'
}
count_episodes() {
  if [ "$db" = pg ]; then
    psql -h 127.0.0.1 -p "$(cat "$pgdir/port")" -U myoline -d myoline -tA -c "SELECT count(*) FROM treatment_episode"
  else
    echo ""
  fi
}

# Every scenario's code path is compiled before it is measured: JFR showed C2 still compiling the write path
# for 15 of the 20 measured seconds when only the reads were warmed (on 2 cores the compiler competes with
# the requests). Warm-up writes land before the episode count the write check starts from.
echo "== warm-up (JIT) of every scenario's path, not recorded"
for path in "/api/v1/drugs/methotrexate" "/api/v1/patients/{id}" "/api/v1/patients/{id}/timeline" \
  "/api/v1/patients/{id}/assessment" "/api/v1/patients?page={page}&size=20" "/api/v1/patients/{id}/timeline?format=svg" \
  "/api/v1/patients/{id}/timeline?format=html"; do
  wrk -t2 -c"$connections" -d"${warmup}s" -H "Authorization: Bearer $token" -s bench/lua/get.lua "$base" -- "$work/patients-50.txt" \
    "$path" >/dev/null
done
wrk -t2 -c"$connections" -d"${warmup}s" -H "Authorization: Bearer $token" -s bench/lua/post.lua "$base" -- "$work/patients.txt" >/dev/null
# The day's charts: 5,000 of the 50-episode patients (the same number at every cohort size, so a larger cohort
# changes the database, not the working set), each opened twice earlier in the day (the EHR's read and the CDS
# Hooks call on the same chart open): timeline and assessment read twice, keeping the ETag. The next two scenarios
# re-read these unchanged histories; the two after revalidate them.
head -n 5000 "$work/patients-50.txt" >"$work/patients-50-day.txt"
echo "== prime: the day's $(wc -l <"$work/patients-50-day.txt") charts, timeline and assessment read twice"
for _ in 1 2; do
  python3 bench/prime.py "$base" "$token" "$work/patients-50-day.txt" "/api/v1/patients/{id}/timeline" "$work/timeline-tags.txt" | sed 's/^/   /'
  python3 bench/prime.py "$base" "$token" "$work/patients-50-day.txt" "/api/v1/patients/{id}/assessment" "$work/assessment-tags.txt" | sed 's/^/   /'
done
sleep 2 # the result store's writer thread catches up
: >"$work/scenarios.jsonl"
wrk_run "trivial: GET /api/v1/drugs/{code}" get.lua "$work/patients.txt" "/api/v1/drugs/methotrexate"
wrk_run "GET /api/v1/patients/{id}" get.lua "$work/patients.txt" "/api/v1/patients/{id}"
wrk_run "GET timeline (50-episode patients)" get.lua "$work/patients-50-day.txt" "/api/v1/patients/{id}/timeline"
wrk_run "GET assessment (50-episode patients)" get.lua "$work/patients-50-day.txt" "/api/v1/patients/{id}/assessment"
wrk_run "revalidate timeline (If-None-Match, 304)" revalidate.lua "$work/timeline-tags.txt" "/api/v1/patients/{id}/timeline"
wrk_run "revalidate assessment (If-None-Match, 304)" revalidate.lua "$work/assessment-tags.txt" "/api/v1/patients/{id}/assessment"
# A view not seen before: each request names one of 365 as-of dates of the past year for one of the 50-episode
# patients, so nearly every request is a (patient, date) no earlier request asked for: read, evaluate, store.
wrk_run "timeline not seen before (asOf of the past year)" get.lua "$work/patients-50.txt" "/api/v1/patients/{id}/timeline?asOf={date}"
wrk_run "assessment not seen before (asOf of the past year)" get.lua "$work/patients-50.txt" "/api/v1/patients/{id}/assessment?asOf={date}"
wrk_run "GET /api/v1/patients?page=N" get.lua "$work/patients.txt" "/api/v1/patients?page={page}&size=20"
# Rendering: the same 60-episode histories as JSON, as the SVG picture and as the HTML summary, back to back.
wrk_run "render: timeline JSON (60-episode patients)" get.lua "$work/patients-60.txt" "/api/v1/patients/{id}/timeline"
wrk_run "render: timeline SVG (60-episode patients)" get.lua "$work/patients-60.txt" "/api/v1/patients/{id}/timeline?format=svg"
wrk_run "render: summary HTML (60-episode patients)" get.lua "$work/patients-60.txt" "/api/v1/patients/{id}/timeline?format=html"
before=$(count_episodes)
wrk_run "POST episodes" post.lua "$work/patients.txt"
after=$(count_episodes)
wrk_run "mixed 90/10 read/write" mixed.lua "$work/patients-50.txt"

echo "-- cohort outcomes (IVIg over all patients), 5 sequential requests"
: >"$work/cohort.txt"
for _ in 1 2 3 4 5; do
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base/api/v1/cohorts/outcomes?drug=ivig" >>"$work/cohort.txt"
done
cat "$work/cohort.txt" | tr '\n' ' '; echo
[ "$profile" = yes ] && jcmd "$pid" VM.native_memory summary >"$work/native-memory.txt"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

if [ "$jmh" = yes ]; then
  echo "== JMH: engine alone"
  java -cp "$cp" org.openjdk.jmh.Main EngineBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -bm avgt -tu us -rf json \
    -rff "$work/jmh.json" >"$work/jmh.log" 2>&1 || { tail -20 "$work/jmh.log"; exit 1; }
  grep -E "^EngineBenchmark" "$work/jmh.log" || true
fi

python3 bench/report.py --work "$work" --out "$out" --db "$db" --patients "$patients" --seconds "$seconds" --connections "$connections" \
  --ready-ms "$ready_ms" --load "$load_log" --episodes-before "$before" --episodes-after "$after" --heap "$HEAP_OPTS" \
  --db-settings "${pg_settings:-}" --warmup "$warmup" \
  --ready-plain-ms "$ready_plain_ms"
