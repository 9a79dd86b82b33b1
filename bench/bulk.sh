#!/usr/bin/env bash
# Asynchronous bulk import and export on PostgreSQL, with the JVM options k8s/ deploys with.
#   bash bench/bulk.sh [--sizes 2000,20000] [--out bench/results]
# For each size (patients; 12 FHIR resources each: Patient, Condition, 3 MedicationRequest, 3
# MedicationAdministration, 4 Observation; every 50th patient has a bad line) it generates the NDJSON feed,
# starts a fresh replica, and measures:
#   import: kick-off until the 202 (the feed streamed into the database), kick-off until the manifest, resources
#           and patients per second, the replica's peak RSS;
#   export: asynchronous export of every patient: kick-off until the manifest, downloading the files, lines and
#           bytes per second, peak RSS.
# RSS is sampled every 250 ms (ps). Results: <out>/<date>-bulk-<sizes>.md and .json. Load only on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-lib.sh
sizes=2000,20000 out=bench/results
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
HEAP_OPTS=${MYOLINE_BENCH_JAVA_OPTS:-$(recommended_java_opts)}
work=bench/target/bulk
rm -rf "$work" && mkdir -p "$work" "$out"

echo "== build (PostgreSQL)"
mvn -B -q package -Dmaven.test.skip=true -Dcodegen.skip=true -Dquarkus.profile=pg -Dquarkus.package.output-directory=pg-app

pid="" sampler=""
pgdir=$(mktemp -d /tmp/myoline-bulk-pg.XXXXXX)
cleanup() {
  local status=$?
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$pgdir"
  return "$status"
}
trap cleanup EXIT
db_url=$(MYOLINE_PG_PORT=$(free_port) scripts/pg-cluster.sh start "$pgdir")
port=$(free_port)
base="http://127.0.0.1:$port"
token=$(scripts/mint-token.sh integration bulk-bench)
now_ms() { date +%s%3N; }

start_service() {
  QUARKUS_PROFILE=pg MYOLINE_DB_URL="$db_url" MYOLINE_DB_USER=myoline MYOLINE_DB_PASSWORD=myoline \
    MYOLINE_JWT_PUBLIC_KEY_LOCATION=dev-keys/publicKey.pem MYOLINE_JWT_ISSUER=myoline-dev \
    java $HEAP_OPTS -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -jar target/pg-app/quarkus-run.jar \
    >"$work/service-$1.log" 2>&1 &
  pid=$!
  wait_ready "$pid" "$base" "$work/service-$1.log" 60
}
# sample FILE: the replica's RSS in KiB every 250 ms, one number per line, until killed
sample() {
  while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid" >>"$1" 2>/dev/null || true; sleep 0.25; done
}
peak_mb() { sort -n "$1" | tail -1 | awk '{printf "%d", $1 / 1024}'; }
wait_manifest() { # wait_manifest STATUS_URL FILE -> waits for the 200
  until [ "$(curl -s -o "$2" -w '%{http_code}' -H "Authorization: Bearer $token" "$1")" = 200 ]; do sleep 0.5; done
}
location() { tr -d '\r' | awk 'tolower($1)=="content-location:" {print $2}'; }

rows=()
for n in ${sizes//,/ }; do
  feed="$work/feed-$n.ndjson"
  java src/test/java/org/myoline/bulk/FeedGenerator.java --patients "$n" --prefix "B$n" --bad-every 50 --out "$feed"
  lines=$(wc -l <"$feed")
  bytes=$(stat -c %s "$feed")
  echo "== $n patients: $lines lines, $((bytes / 1048576)) MiB"
  start_service "$n"
  : >"$work/rss-import-$n.txt"
  sample "$work/rss-import-$n.txt" &
  sampler=$!
  t0=$(now_ms)
  status=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $token" -H 'Prefer: respond-async' \
    -H 'Content-Type: application/fhir+ndjson' --data-binary @"$feed" "$base/api/v1/fhir/\$import" | location)
  t_staged=$(now_ms)
  wait_manifest "$status" "$work/import-$n.json"
  t_done=$(now_ms)
  kill "$sampler" 2>/dev/null || true
  sampler=""
  import_peak=$(peak_mb "$work/rss-import-$n.txt")

  : >"$work/rss-export-$n.txt"
  sample "$work/rss-export-$n.txt" &
  sampler=$!
  e0=$(now_ms)
  estatus=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $token" -H 'Prefer: respond-async' \
    -H 'Accept: application/fhir+json' "$base/api/v1/fhir/\$export" | location)
  wait_manifest "$estatus" "$work/export-$n.json"
  e_done=$(now_ms)
  exported_bytes=0 exported_lines=0
  for url in $(python3 -c "import json,sys; [print(f['url']) for f in json.load(open(sys.argv[1]))['output']]" "$work/export-$n.json"); do
    size=$(curl -sf -H "Authorization: Bearer $token" -o "$work/export-file.ndjson" -w '%{size_download}' "$url")
    exported_bytes=$((exported_bytes + size))
    exported_lines=$((exported_lines + $(wc -l <"$work/export-file.ndjson")))
  done
  e_downloaded=$(now_ms)
  kill "$sampler" 2>/dev/null || true
  sampler=""
  export_peak=$(peak_mb "$work/rss-export-$n.txt")
  kill "$pid" && wait "$pid" 2>/dev/null || true
  pid=""
  rm -f "$feed" "$work/export-file.ndjson"
  rows+=("$(python3 - "$n" "$lines" "$bytes" "$t0" "$t_staged" "$t_done" "$import_peak" "$e0" "$e_done" \
    "$e_downloaded" "$exported_lines" "$exported_bytes" "$export_peak" "$work/import-$n.json" <<'PY'
import json, sys
n, lines, size, t0, staged, done, ipeak, e0, edone, edl, elines, ebytes, epeak, manifest = sys.argv[1:]
t0, staged, done, e0, edone, edl = map(int, (t0, staged, done, e0, edone, edl))
summary = json.load(open(manifest))["importSummary"]
row = {"patients": int(n), "lines": int(lines), "mib": round(int(size) / 1048576, 1),
       "staged_s": round((staged - t0) / 1000, 1), "import_s": round((done - t0) / 1000, 1),
       "resources_per_s": round(int(lines) / ((done - t0) / 1000)),
       "patients_per_s": round(int(n) / ((done - t0) / 1000), 1),
       "patients_written": summary["patientsWritten"], "patients_rejected": summary["patientsRejected"],
       "import_peak_rss_mb": int(ipeak),
       "export_s": round((edone - e0) / 1000, 1), "download_s": round((edl - edone) / 1000, 1),
       "export_lines": int(elines), "export_mib": round(int(ebytes) / 1048576, 1),
       "export_lines_per_s": round(int(elines) / ((edone - e0) / 1000)), "export_peak_rss_mb": int(epeak)}
print(json.dumps(row))
PY
)")
  echo "   ${rows[-1]}"
done

stamp=$(date -u +%Y-%m-%d)
name="$out/$stamp-bulk-${sizes//,/-}"
printf '%s\n' "${rows[@]}" | python3 -c "import json,sys; print(json.dumps([json.loads(l) for l in sys.stdin], indent=1))" >"$name.json"
python3 - "$name.json" "$HEAP_OPTS" >"$name.md" <<'PY'
import json, sys, platform, os
rows = json.load(open(sys.argv[1]))
print("# Bulk import and export, PostgreSQL (`bash bench/bulk.sh --sizes %s`)\n" % ",".join(str(r["patients"]) for r in rows))
print("Machine: %s, %d cores; JVM options: `%s`.\n" % (platform.platform(), os.cpu_count(), sys.argv[2]))
print("| patients | lines | MiB | streamed to the database (s) | import (s) | resources/s | patients/s | written / rejected | import peak RSS (MB) | export of every patient in the database (s) | download (s) | exported lines | exported MiB | export lines/s | export peak RSS (MB) |")
print("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| %(patients)d | %(lines)d | %(mib).1f | %(staged_s).1f | %(import_s).1f | %(resources_per_s)d | %(patients_per_s).1f | %(patients_written)d / %(patients_rejected)d | %(import_peak_rss_mb)d | %(export_s).1f | %(download_s).1f | %(export_lines)d | %(export_mib).1f | %(export_lines_per_s)d | %(export_peak_rss_mb)d |" % r)
if len(rows) > 1:
    a, b = rows[0], rows[-1]
    print("\nPeak RSS at %.0f× the feed: import %d → %d MB (%+.0f%%), export %d → %d MB (%+.0f%%)." % (
        b["lines"] / a["lines"], a["import_peak_rss_mb"], b["import_peak_rss_mb"],
        100.0 * (b["import_peak_rss_mb"] - a["import_peak_rss_mb"]) / a["import_peak_rss_mb"],
        a["export_peak_rss_mb"], b["export_peak_rss_mb"],
        100.0 * (b["export_peak_rss_mb"] - a["export_peak_rss_mb"]) / a["export_peak_rss_mb"]))
PY
cat "$name.md"
