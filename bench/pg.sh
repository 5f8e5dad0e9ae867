#!/usr/bin/env bash
# Throwaway PostgreSQL for the benchmark: Debian's PostgreSQL 15 binaries, 127.0.0.1:55433, data under
# /tmp/session-auth-bench/pg (BENCH_PG_PORT and BENCH_PG_BASE move them; see bench/lib.sh), database and role
# "sessionauth" (trust auth on loopback only).
#
#   bench/pg.sh start | stop | destroy | psql [args]
#
# Benchmark-only settings, NOT for production: fsync, synchronous_commit and full_page_writes are off, so
# commits never wait for the disk. Never touches port 5432 or another cluster.
set -euo pipefail

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_use_ports run
PGBIN=${PGBIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}
BASE=$PG_BASE PORT=$PG_PORT
DATA=$BASE/data
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); else AS_PG=(); fi

psql_db() { "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U sessionauth -d sessionauth -v ON_ERROR_STOP=1 "$@"; }

start() {
  if [ ! -s "$DATA/PG_VERSION" ]; then
    mkdir -p "$BASE" && chmod 755 "$BASE"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$BASE"
    "${AS_PG[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 >/dev/null
    cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$BASE'
max_connections = 200
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 4GB
checkpoint_timeout = 30min
jit = off
CONF
  fi
  if ! "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      echo "port $PORT is taken by something else" >&2; exit 1
    fi
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$BASE/postgres.log" -w start >/dev/null
  fi
  "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'sessionauth'" | grep -q 1 \
    || "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -c "CREATE ROLE sessionauth LOGIN" -c "CREATE DATABASE sessionauth OWNER sessionauth"
  "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d sessionauth -q -c "CREATE EXTENSION IF NOT EXISTS pgcrypto"
}

stop() {
  if [ -s "$DATA/PG_VERSION" ] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  destroy) stop; rm -rf "$BASE" ;;
  psql) shift; psql_db "$@" ;;
  *) echo "usage: $0 start|stop|destroy|psql [args]" >&2; exit 2 ;;
esac
