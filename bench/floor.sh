#!/usr/bin/env bash
# The floor: what the database work alone costs through the same stack, against the trivial endpoint and the
# product's own endpoints, in the same rounds (bench/README.md, "The floor").
#   bash bench/floor.sh [--patients 5000] [--seconds 10] [--rounds 3] [--warmup 8] [--connections 32] [--out bench/results]
# Builds the committed HEAD in a throwaway copy with one extra class, bench/floor/FloorResource.java (an indexed
# read, a stored body read, a history read, a durable insert, a new episode's statements in one transaction; no
# product logic), on PostgreSQL, loads a seeded cohort, primes the day's charts as bench/run.sh does, then runs every
# scenario once per round, in turn, so slow and fast moments of the machine fall on all of them. Writes
# bench/results/<date>-floor.md and .json. Load only ever targets 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-lib.sh
patients=5000 seconds=10 rounds=3 warmup=8 connections=32 out=bench/results
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) patients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
repo=$PWD
work=$repo/bench/target-floor
rm -rf "$work" && mkdir -p "$work/app" "$out"
ensure_wrk

commit=$(git rev-parse --short HEAD)
echo "== build $commit with bench/floor/FloorResource.java (throwaway copy in $work/app)"
git archive HEAD | tar -x -C "$work/app"
mkdir -p "$work/app/src/main/java/org/myoline/floor"
cp bench/floor/FloorResource.java "$work/app/src/main/java/org/myoline/floor/"
if ! (cd "$work/app" && mvn -B -q test-compile && mvn -B -q package -Dmaven.test.skip=true -Dcodegen.skip=true \
  -Dquarkus.profile=pg && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test) \
  >"$work/build.log" 2>&1; then
  grep -E 'ERROR|BUILD' "$work/build.log" | head -20 >&2
  exit 1
fi
cp="$work/app/target/test-classes:$work/app/target/classes:$(cat "$work/cp.txt")"

pid="" pgdir=""
cleanup() {
  local status=$?
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  if [ -n "$pgdir" ]; then scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; fi
  return "$status"
}
trap cleanup EXIT
pgdir=$(mktemp -d /tmp/myoline-floor-pg.XXXXXX)
pg_settings=$(bench_pg_settings)
url=$(MYOLINE_PG_SERVER_OPTS="$pg_settings" scripts/pg-cluster.sh start "$pgdir")
pgport=$(cat "$pgdir/port")
echo "== generate and load $patients patients"
java -cp "$cp" org.myoline.bench.BenchData --url "$url?reWriteBatchedInserts=true" --patients "$patients" --seed 42 \
  --out "$work" | tail -1 | sed 's/^/   /'

port=$(free_port)
base="http://127.0.0.1:$port"
java_opts=$(recommended_java_opts)
echo "== start the jar ($java_opts)"
# shellcheck disable=SC2086
env QUARKUS_PROFILE=pg MYOLINE_DB_URL="$url" MYOLINE_DB_USER=myoline MYOLINE_DB_PASSWORD=myoline \
  MYOLINE_JWT_PUBLIC_KEY_LOCATION=dev-keys/publicKey.pem MYOLINE_JWT_ISSUER=myoline-dev \
  java $java_opts -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -Dquarkus.log.console.json.enabled=false \
  -jar "$work/app/target/quarkus-app/quarkus-run.jar" >"$work/service.log" 2>&1 &
pid=$!
wait_ready "$pid" "$base" "$work/service.log" 120
token=$(scripts/mint-token.sh integration bench 4)

# The day's charts (their views stored, their ETags kept) are read; writes go to the other patients, so no
# write in one round turns a kept ETag of the next round into a 200.
head -n 2000 "$work/patients-50.txt" >"$work/day.txt"
grep -vxFf "$work/day.txt" "$work/patients.txt" >"$work/writers.txt"
psql -q -h 127.0.0.1 -p "$pgport" -U postgres -d myoline -c "VACUUM ANALYZE" >/dev/null
echo "== prime the day's $(wc -l <"$work/day.txt") charts (timeline and assessment read twice)"
for _ in 1 2; do
  for view in timeline assessment; do
    python3 bench/prime.py "$base" "$token" "$work/day.txt" "/api/v1/patients/{id}/$view" "$work/$view-tags.txt" >/dev/null
  done
done
sleep 2

# name | lua script | ids | path template
scenarios=(
  "trivial: GET /api/v1/drugs/{code}|get.lua|$work/day.txt|/api/v1/drugs/methotrexate"
  "floor: one indexed read|get.lua|$work/day.txt|/api/v1/floor/{id}/version"
  "revalidate timeline (304)|revalidate.lua|$work/timeline-tags.txt|/api/v1/patients/{id}/timeline"
  "revalidate assessment (304)|revalidate.lua|$work/assessment-tags.txt|/api/v1/patients/{id}/assessment"
  "floor: one indexed read of a stored timeline body|get.lua|$work/day.txt|/api/v1/floor/{id}/stored"
  "GET timeline, the day's charts|get.lua|$work/day.txt|/api/v1/patients/{id}/timeline"
  "GET assessment, the day's charts|get.lua|$work/day.txt|/api/v1/patients/{id}/assessment"
  "GET /api/v1/patients/{id}|get.lua|$work/day.txt|/api/v1/patients/{id}"
  "floor: read and decode a 50-episode history|get.lua|$work/patients-50.txt|/api/v1/floor/{id}/history"
  "timeline not seen before (asOf of the past year)|get.lua|$work/patients-50.txt|/api/v1/patients/{id}/timeline?asOf={date}"
  "assessment not seen before (asOf of the past year)|get.lua|$work/patients-50.txt|/api/v1/patients/{id}/assessment?asOf={date}"
  "floor: one durable insert|floor-write.lua|$work/writers.txt|write"
  "floor: a new episode's statements in one transaction|floor-write.lua|$work/writers.txt|transaction"
  "POST episodes|post.lua|$work/writers.txt|"
)
drive() { # seconds lua ids path
  local args=("$3")
  [ -n "$4" ] && args+=("$4")
  wrk -t2 -c"$connections" -d"$1s" --timeout 10s -H "Authorization: Bearer $token" -s "bench/lua/$2" "$base" -- "${args[@]}"
}
snapshot() { echo "$(cpu_ticks "$pid") $(cpu_ticks $(pgrep -x postgres || true)) $(machine_ticks)"; }

echo "== warm-up (JIT) of every scenario, ${warmup}s each, not recorded"
for s in "${scenarios[@]}"; do
  IFS='|' read -r _ lua ids path <<<"$s"
  drive "$warmup" "$lua" "$ids" "$path" >/dev/null
done
: >"$work/rounds.jsonl"
for round in $(seq "$rounds"); do
  echo "== round $round of $rounds"
  for s in "${scenarios[@]}"; do
    IFS='|' read -r name lua ids path <<<"$s"
    before=$(snapshot)
    line=$(drive "$seconds" "$lua" "$ids" "$path" | grep '^{' | tail -1)
    after=$(snapshot)
    echo "   $name: $line"
    echo "{\"round\":$round,\"scenario\":\"$name\",\"result\":$line,\"before\":\"$before\",\"after\":\"$after\",\"hz\":$(getconf CLK_TCK)}" \
      >>"$work/rounds.jsonl"
  done
done
python3 bench/floor/report.py --rounds "$work/rounds.jsonl" --out "$out" --commit "$commit" --patients "$patients" \
  --seconds "$seconds" --connections "$connections" --java-opts "$java_opts" --pg-settings "$pg_settings"
