#!/usr/bin/env bash
# Writes an AppCDS archive for the packaged jar from a training run, so later starts map the classes instead
# of loading and verifying them again (measured: ready 3.2 s -> 2.6 s on 2 cores; bench/README.md figures).
#   scripts/app-cds.sh [APP_DIR]     APP_DIR defaults to target/quarkus-app; writes APP_DIR/app-cds.jsa
# The run uses $JAVA_OPTS (give it the options you run with: the archive is only used by the same JDK with
# compatible options) and the database the environment configures (MYOLINE_DB_URL and friends; the default
# build uses a throw-away embedded H2 here). It starts the service on a free 127.0.0.1 port, waits until it is
# ready, sends a few requests so the request path is archived too, and stops it; the JVM writes the archive on
# exit. Run with: java -XX:SharedArchiveFile=APP_DIR/app-cds.jsa ... -jar APP_DIR/quarkus-run.jar
# Quarkus's own quarkus.package.jar.appcds.enabled archives only static initialisation (measured: no gain).
set -euo pipefail
app=$(cd "${1:-target/quarkus-app}" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
archive="$app/app-cds.jsa"
scratch=$(mktemp -d /tmp/myoline-cds.XXXXXX)
. "$repo/scripts/service-lib.sh"
port=$(free_port)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
rm -f "$archive"
# shellcheck disable=SC2086
# The training run gets more metaspace than the service: JDK 25 sizes the archive's buffer from it and, at 100m,
# fails to write the archive ("Unable to allocate from 'ro' region"); the archive is then used with the service's own.
(cd "$scratch" && exec java ${JAVA_OPTS:-} -XX:MaxMetaspaceSize=256m -XX:ArchiveClassesAtExit="$archive" -Dquarkus.http.port="$port" \
  -Dquarkus.http.host=127.0.0.1 -jar "$app/quarkus-run.jar" >"$scratch/training.log" 2>&1) &
pid=$!
wait_ready "$pid" "http://127.0.0.1:$port" "$scratch/training.log" 60
# A token from the development key pair when the service accepts it; otherwise the 401 path is archived.
token=$("$repo/scripts/mint-token.sh" clinician app-cds 1 2>/dev/null || true)
for path in /api/v1/drugs /api/v1/drugs/methotrexate "/api/v1/patients?page=0&size=1" /q/openapi; do
  curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" || true
done
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
pid=""
[ -s "$archive" ] || { echo "no archive written (see the JVM's output above)" >&2; exit 1; }
echo "$archive ($(du -m "$archive" | cut -f1) MB)"
