#!/usr/bin/env bash
# The client gates: clients nobody here wrote, run against the packaged jar, so that the contract and the service
# cannot drift apart unnoticed.
#   1. Prism as a validating proxy in front of the service; a scripted integrator session goes through it
#      (tools/clients/prism-session.mjs) and any request or response violation fails the gate.
#   2. A typescript-fetch client generated from the contract, compiled with tsc --strict, runs every seed history
#      (tools/clients/typescript/seed-session.ts) with the Accept headers the generator chose.
#   3. Swagger UI in headless Debian chromium (tools/clients/swagger-ui.mjs): no console error, Authorize, then
#      Try it out on list drugs, create patient twice and get timeline, each 2xx. Screenshots: target/client-gates/.
#   4. The timeline picture and the clinical summary in the same chromium (tools/clients/timeline-pictures.mjs): each
#      seed, a 300-episode history and a hostile-text history; no label overlaps, every drug drawn, the header's
#      verdict is /assessment's, nothing injected runs; one deliberate break must be caught. PNGs and PDFs:
#      target/client-gates/pictures/.
# CONTRACT=path checks another copy of the contract (gates 1 and 2), e.g. to show a gate catching a break.
# Installs its tools (npm ci, apt-get chromium) when missing; everything listens on 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/service-lib.sh
contract=$(realpath "${CONTRACT:-openapi/openapi.yaml}")
jar="$PWD/target/quarkus-app/quarkus-run.jar"
out="$PWD/target/client-gates"
rm -rf "$out" && mkdir -p "$out"
[ -f "$jar" ] || mvn -B -q package -DskipTests
t0=$(date +%s)

if [ ! -x tools/clients/node_modules/.bin/prism ]; then
  npm ci --prefix tools/clients --no-audit --no-fund --loglevel=error
fi
chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
  echo "installing chromium (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  chromium=$(command -v chromium)
fi

work=$(mktemp -d)
svc_pid="" prism_pid=""
cleanup() {
  [ -n "$prism_pid" ] && kill "$prism_pid" 2>/dev/null
  [ -n "$svc_pid" ] && kill "$svc_pid" 2>/dev/null
  wait 2>/dev/null || true
  cp "$work"/*.log "$out"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The service on a fresh embedded database, with a per-caller rate limit so that 429 is exercised too.
port=$(free_port)
(cd "$work" && exec java -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -Dmyoline.http.rate-limit=20 \
  -jar "$jar" >"$work/service.log" 2>&1) &
svc_pid=$!
base="http://127.0.0.1:$port"
wait_ready "$svc_pid" "$base" "$work/service.log" 60

clinician=$(scripts/mint-token.sh clinician gate-clinician)
# Each gate calls as its own caller: the rate limit counts per token.
failed=()

echo "-- gate 1/4: Prism validating proxy"
g=$(date +%s)
pport=$(free_port)
tools/clients/node_modules/.bin/prism proxy "$contract" "$base" --host 127.0.0.1 --port "$pport" --cors=false \
  >"$work/prism.log" 2>&1 &
prism_pid=$!
deadline=$(( $(date +%s) + 60 ))
until curl -s -o /dev/null "http://127.0.0.1:$pport/cds-services"; do
  if ! kill -0 "$prism_pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
    tail -20 "$work/prism.log" >&2; echo "prism did not start" >&2; exit 1
  fi
  sleep 0.2
done
timeout 300 node tools/clients/prism-session.mjs "http://127.0.0.1:$pport" "$contract" "$clinician" \
  "$(scripts/mint-token.sh viewer gate-viewer)" "$(scripts/mint-token.sh integration gate-integration)" \
  "$(scripts/mint-token.sh clinician gate-burst)" "$(scripts/mint-token.sh auditor gate-auditor)" || failed+=("prism")
kill "$prism_pid" 2>/dev/null; wait "$prism_pid" 2>/dev/null || true; prism_pid=""
echo "   ($(( $(date +%s) - g )) s)"

echo "-- gate 2/4: typescript-fetch client, tsc --strict"
g=$(date +%s)
ts="$out/typescript"
if mvn -B -q org.openapitools:openapi-generator-maven-plugin:generate@typescript-client \
     -Dclients.contract="$contract" >"$work/generate.log" 2>&1; then
  rm -rf "$ts" && cp -r target/clients/typescript "$ts"
  cp tools/clients/typescript/seed-session.ts tools/clients/typescript/tsconfig.json "$ts"/
  if tools/clients/node_modules/.bin/tsc -p "$ts" --typeRoots "$PWD/tools/clients/node_modules/@types"; then
    timeout 300 node "$ts/dist/seed-session.js" "$base" "$(scripts/mint-token.sh clinician gate-typescript)" \
      src/test/resources/fixtures || failed+=("typescript")
  else
    echo "the generated client and the session do not compile under --strict" >&2; failed+=("typescript")
  fi
else
  tail -20 "$work/generate.log" >&2; failed+=("typescript")
fi
echo "   ($(( $(date +%s) - g )) s)"

echo "-- gate 3/4: Swagger UI in headless chromium"
g=$(date +%s)
timeout 300 node tools/clients/swagger-ui.mjs "$base" "$(scripts/mint-token.sh clinician gate-swagger)" "$out/swagger-ui" "$chromium" || failed+=("swagger-ui")
echo "   ($(( $(date +%s) - g )) s)"

echo "-- gate 4/4: timeline pictures and clinical summaries in headless chromium"
g=$(date +%s)
timeout 600 node tools/clients/timeline-pictures.mjs "$base" "$(scripts/mint-token.sh clinician gate-pictures)" \
  src/test/resources/fixtures "$out/pictures" "$chromium" || failed+=("pictures")
echo "   ($(( $(date +%s) - g )) s)"

echo "client gates: $(( $(date +%s) - t0 )) s in all"
if [ ${#failed[@]} -gt 0 ]; then
  echo "client gates FAILED: ${failed[*]} (logs and screenshots in $out)" >&2
  exit 1
fi
echo "client gates passed"
