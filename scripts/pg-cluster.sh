#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL cluster for tests and benchmarks, on 127.0.0.1 only.
#   scripts/pg-cluster.sh start [DIR]   -> prints the JDBC URL; installs PostgreSQL if it is missing (root only)
#   scripts/pg-cluster.sh stop  [DIR]
#   scripts/pg-cluster.sh pause|resume [DIR]   -> stop or start the server keeping its data (fault tests)
# Port: $MYOLINE_PG_PORT (default 55432). Role/database/password: myoline.
# Extra server settings: $MYOLINE_PG_SERVER_OPTS (e.g. "-c shared_buffers=2GB"), kept for resume.
set -euo pipefail

cmd=${1:?usage: pg-cluster.sh start|stop [dir]}
dir=${2:-${MYOLINE_PG_DIR:-/tmp/myoline-pg}}
pinned_port=${MYOLINE_PG_PORT:-}
port=${MYOLINE_PG_PORT:-55432}
. "$(dirname "$0")/service-lib.sh"

find_pgbin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

ensure_installed() {
  if find_pgbin >/dev/null; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server binaries not found; install the 'postgresql' package or set MYOLINE_DB_URL to an existing server" >&2
    exit 1
  fi
  echo "Installing PostgreSQL from the Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

# initdb and postgres refuse to run as root: use the postgres account when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    ensure_installed
    pgbin=$(find_pgbin)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    as_owner "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    server_opts=${MYOLINE_PG_SERVER_OPTS:-}
    printf '%s' "$server_opts" >"$dir/server-opts"
    # A port someone else holds would make the start fail: unless a port was asked for, try free ones.
    started=""
    for attempt in 1 2 3; do
      if as_owner "$pgbin/pg_ctl" -D "$dir/data" -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 $server_opts" \
        -l "$dir/server.log" -w start >/dev/null 2>&1; then
        started=yes
        break
      fi
      echo "PostgreSQL did not start on port $port (attempt $attempt):" >&2
      tail -5 "$dir/server.log" >&2 || true
      [ -n "$pinned_port" ] && break
      port=$(free_port)
    done
    [ -n "$started" ] || exit 1
    printf '%s' "$port" >"$dir/port"
    psql -q -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE myoline LOGIN PASSWORD 'myoline'" -c "CREATE DATABASE myoline OWNER myoline" >/dev/null
    echo "jdbc:postgresql://127.0.0.1:$port/myoline"
    ;;
  pause)
    pgbin=$(find_pgbin)
    as_owner "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    pgbin=$(find_pgbin)
    [ -f "$dir/port" ] && port=$(cat "$dir/port")
    server_opts=$(cat "$dir/server-opts" 2>/dev/null || true)
    as_owner "$pgbin/pg_ctl" -D "$dir/data" -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 $server_opts" \
      -l "$dir/server.log" -w start >/dev/null
    ;;
  stop)
    pgbin=$(find_pgbin) || exit 0
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: pg-cluster.sh start|stop|pause|resume [dir]" >&2
    exit 2
    ;;
esac
