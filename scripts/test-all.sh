#!/usr/bin/env bash
# The whole test suite: unit and HTTP tests on embedded H2, the packaged-jar integration tests, then the
# same HTTP suite against a real PostgreSQL. Uses $MYOLINE_DB_URL if set, else starts a throw-away
# local cluster (scripts/pg-cluster.sh). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

MVN=${MVN:-mvn}
MVN_FLAGS=(-B --no-transfer-progress)

echo "== 1/2  H2: unit, HTTP and packaged-jar tests"
"$MVN" "${MVN_FLAGS[@]}" clean verify -DskipITs=false
python3 scripts/contract-coverage.py

echo "== 2/2  PostgreSQL: the HTTP suite against a real server"
started_here=""
if [ -z "${MYOLINE_DB_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/myoline-pg.XXXXXX)
  trap 'scripts/pg-cluster.sh stop "$pgdir" || true; rm -rf "$pgdir"' EXIT
  MYOLINE_DB_URL=$(scripts/pg-cluster.sh start "$pgdir")
  started_here=yes
fi
export MYOLINE_DB_URL MYOLINE_DB_USER=${MYOLINE_DB_USER:-myoline} MYOLINE_DB_PASSWORD=${MYOLINE_DB_PASSWORD:-myoline}
# The pg profile has no default token key: the tests use the development key pair.
export MYOLINE_JWT_PUBLIC_KEY_LOCATION=${MYOLINE_JWT_PUBLIC_KEY_LOCATION:-dev-keys/publicKey.pem}
export MYOLINE_JWT_ISSUER=${MYOLINE_JWT_ISSUER:-myoline-dev}
echo "   database: $MYOLINE_DB_URL${started_here:+ (throw-away cluster)}"
MYOLINE_EXPECT_DB=PostgreSQL "$MVN" "${MVN_FLAGS[@]}" test -Dquarkus.test.profile=test,pg -Dsurefire.reportsDirectory=target/surefire-reports-pg

echo "== all tests passed (H2 and PostgreSQL)"
