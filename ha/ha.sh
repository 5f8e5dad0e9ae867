#!/usr/bin/env bash
# A primary and a synchronous standby from the machine's PostgreSQL (Debian's 15), on loopback, with instances of
# the packaged service in front that reach whichever is primary through a two-host JDBC URL
# (jdbc:postgresql://127.0.0.1:P1,127.0.0.1:P2/sessionauth?targetServerType=primary). Failover is a promotion that
# this script drives (pg_ctl promote), as an operator's tool would: nothing here watches the primary by itself.
#
#   ha/ha.sh up [-n INSTANCES]   initialises node1 (primary) and node2 (its synchronous standby, from a base backup),
#                                starts INSTANCES (2) service instances in the background and prints their addresses
#   ha/ha.sh status              role and replication state of each node, readiness of each instance
#   ha/ha.sh failover [-d SECS]  stops the primary with `immediate` (as a crash would), waits SECS (2: the time a
#                                monitor takes to decide), promotes the standby and prints the timings. The new
#                                primary takes writes without a synchronous standby until `rejoin`
#   ha/ha.sh rejoin              makes the stopped node a standby of the new primary again (a fresh base backup)
#                                and makes it synchronous
#   ha/ha.sh measure [-r ROUNDS] [-c CLIENTS] [-d SECS] [-a SECS]
#                                ROUNDS (3) failovers under load: CLIENTS (4) curl loops log in, read /users/me
#                                and log every other session out, spread over the instances; each round fails
#                                over (-d as above), lets the load run SECS (8) more, checks every acknowledged
#                                login still works and every acknowledged logout is still refused, counts the
#                                answers and the seconds of 503, then rejoins. Results in DIR/results.md
#   ha/ha.sh down                stops the instances and both nodes and deletes HA_BASE
#
# Settings (environment): HA_BASE (/tmp/session-auth-ha: data, logs, process ids), HA_PG_PORT (25441; node2 uses the
# next port; below 32768, where the kernel picks client ports and tests pick free ones), HA_HTTP_PORT (8191) and
# HA_MANAGEMENT_PORT (9191) for the first instance, the next ports for the others; BCRYPT_COST (4: a demonstration,
# not production), HA_OUT (ha/results/<time>) for `measure`. If `up` fails half-way, `down` clears what it started.
# Run as root, PostgreSQL runs as user postgres (initdb and pg_ctl refuse root), so HA_BASE must be reachable by it.
# Needs PostgreSQL's server binaries (pg_config --bindir, or /usr/lib/postgresql/15/bin), curl, python3, and the
# packaged service (built with ./mvnw package -DskipTests -Dnative-sources.skip when missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=${PGBIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}
BASE=${HA_BASE:-/tmp/session-auth-ha}
PG_PORT=${HA_PG_PORT:-25441}
FIRST_HTTP_PORT=${HA_HTTP_PORT:-8191}
FIRST_MANAGEMENT_PORT=${HA_MANAGEMENT_PORT:-9191}
ADMIN_EMAIL=admin@ha.local
LOAD_PASSWORD="ha load passphrase"
COOKIE=_my_session_id
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); else AS_PG=(); fi

die() { echo "$*" >&2; exit 1; }
now() { echo "$EPOCHREALTIME"; }
node_port() { echo $((PG_PORT + ${1#node} - 1)); }
node_data() { echo "$BASE/$1"; }
pg_ctl() { "${AS_PG[@]}" "$PGBIN/pg_ctl" "$@"; }
psql_node() { # node, psql arguments...
  local node=$1; shift
  "$PGBIN/psql" -h 127.0.0.1 -p "$(node_port "$node")" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 "$@"
}
running() { [ -s "$(node_data "$1")/PG_VERSION" ] && pg_ctl -D "$(node_data "$1")" status >/dev/null 2>&1; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
role() { # primary, standby or down
  running "$1" || { echo down; return; }
  [ "$(psql_node "$1" -c 'SELECT pg_is_in_recovery()')" = f ] && echo primary || echo standby
}
other() { [ "$1" = node1 ] && echo node2 || echo node1; }
current_primary() { local n; for n in node1 node2; do [ "$(role $n)" = primary ] && { echo $n; return; }; done; echo none; }
jdbc_url() { echo "jdbc:postgresql://127.0.0.1:$(node_port node1),127.0.0.1:$(node_port node2)/sessionauth?targetServerType=primary"; }

start_node() { pg_ctl -D "$(node_data "$1")" -l "$BASE/$1.log" -w start >/dev/null; }

init_primary() { # node
  local data; data=$(node_data "$1")
  port_taken "$(node_port "$1")" && die "port $(node_port "$1") is taken (see HA_PG_PORT)"
  "${AS_PG[@]}" "$PGBIN/initdb" -D "$data" -U postgres -A trust -E UTF8 >/dev/null
  # Loopback only, trust authentication: a demonstration. wal_log_hints lets pg_rewind turn an old primary into a
  # standby without a full copy (rejoin here takes a fresh base backup, which is as quick for a small database).
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $(node_port "$1")
unix_socket_directories = '$BASE'
wal_level = replica
max_wal_senders = 5
wal_log_hints = on
synchronous_commit = on
CONF
  start_node "$1"
  psql_node "$1" -c "CREATE ROLE sessionauth LOGIN" -c "CREATE DATABASE sessionauth OWNER sessionauth"
}

init_standby() { # node, primary node
  local data; data=$(node_data "$1")
  port_taken "$(node_port "$1")" && die "port $(node_port "$1") is taken (see HA_PG_PORT)"
  rm -rf "$data"
  # -R writes standby.signal and primary_conninfo, application_name included: the name the primary's
  # synchronous_standby_names refers to.
  "${AS_PG[@]}" "$PGBIN/pg_basebackup" -d "host=127.0.0.1 port=$(node_port "$2") user=postgres application_name=$1" \
    -D "$data" -R -X stream -c fast
  echo "port = $(node_port "$1")" >>"$data/postgresql.conf"
  start_node "$1"
}

make_synchronous() { # primary node, standby node
  psql_node "$1" -c "ALTER SYSTEM SET synchronous_standby_names = '$2'" -c "SELECT pg_reload_conf()" >/dev/null
  for _ in $(seq 1 100); do
    [ "$(psql_node "$1" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = '$2'")" = sync ] && return 0
    sleep 0.1
  done
  die "$2 did not become the synchronous standby of $1; see $BASE/$2.log"
}

start_instance() { # index (0-based)
  local name=instance-$(($1 + 1)) port=$((FIRST_HTTP_PORT + $1)) management_port=$((FIRST_MANAGEMENT_PORT + $1)) pid
  port_taken "$port" && die "port $port is taken (see HA_HTTP_PORT)"
  port_taken "$management_port" && die "port $management_port is taken (see HA_MANAGEMENT_PORT)"
  # The load of `measure` signs the same few accounts in many times a minute: their success limit is raised.
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management_port INSTANCE_ID=$name \
  QUARKUS_DATASOURCE_JDBC_URL=$(jdbc_url) QUARKUS_DATASOURCE_USERNAME=sessionauth QUARKUS_DATASOURCE_PASSWORD=unused \
  ADMIN_EMAIL=$ADMIN_EMAIL ADMIN_PASSWORD=$(cat "$BASE/admin-password") SESSION_COOKIE_SECURE=false \
  BCRYPT_COST=${BCRYPT_COST:-4} SIGN_IN_MAX_SUCCESSES_PER_ACCOUNT=${SIGN_IN_MAX_SUCCESSES_PER_ACCOUNT:-10000} \
  SIGN_IN_MAX_IN_FLIGHT_PER_ADDRESS=${SIGN_IN_MAX_IN_FLIGHT_PER_ADDRESS:-64} MALLOC_ARENA_MAX=2 \
    setsid java -XX:+UseSerialGC -Xmx64m -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >"$BASE/$name.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$BASE/$name.pid"
  for _ in $(seq 1 360); do
    curl -sf "http://127.0.0.1:$management_port/q/health/ready" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || die "$name died; see $BASE/$name.log"
    sleep 0.5
  done
  die "$name not ready after 180 s; see $BASE/$name.log"
}

instance_urls() { local f; for f in "$BASE"/instance-*.pid; do [ -e "$f" ] || continue
  n=${f##*/instance-}; n=${n%.pid}; echo "http://127.0.0.1:$((FIRST_HTTP_PORT + n - 1))"; done; }

up() {
  local instances=2
  while [ $# -gt 0 ]; do case "$1" in -n) instances=$2; shift 2 ;; *) die "unknown option $1" ;; esac; done
  [ -e "$BASE" ] && die "$BASE exists: ha/ha.sh down first"
  [ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dnative-sources.skip)
  mkdir -p "$BASE" && chmod 755 "$BASE"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$BASE"
  echo "ha-$RANDOM-$RANDOM-$RANDOM" >"$BASE/admin-password"
  init_primary node1
  init_standby node2 node1
  make_synchronous node1 node2
  for i in $(seq 0 $((instances - 1))); do start_instance "$i"; done
  echo "node1 primary on 127.0.0.1:$(node_port node1), node2 synchronous standby on 127.0.0.1:$(node_port node2)"
  echo "JDBC URL: $(jdbc_url)"
  echo "instances: $(instance_urls | tr '\n' ' ')(management ports from $FIRST_MANAGEMENT_PORT; logs in $BASE)"
  echo "admin: $ADMIN_EMAIL / $(cat "$BASE/admin-password")"
}

status() {
  local n url i=0
  for n in node1 node2; do
    echo "$n 127.0.0.1:$(node_port "$n") $(role "$n")"
    if [ "$(role "$n")" = primary ]; then
      psql_node "$n" -F ' ' -c "SELECT '  standby ' || application_name, state, sync_state, 'replay_lag=' || coalesce(replay_lag::text, '0')
        FROM pg_stat_replication" -c "SELECT '  synchronous_standby_names=''' || current_setting('synchronous_standby_names') || ''''"
    fi
  done
  for url in $(instance_urls); do
    i=$((i + 1))
    echo "instance-$i $url ready: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((FIRST_MANAGEMENT_PORT + i - 1))/q/health/ready")"
  done
}

# Prints: killed_at promoted_at writable_at (epoch seconds) of one failover from the current primary.
failover_now() { # delay seconds
  local old new killed promoted
  old=$(current_primary)
  [ "$old" = none ] && die "no primary to fail over from"
  new=$(other "$old")
  [ "$(role "$new")" = standby ] || die "$new is not a standby; ha/ha.sh rejoin first"
  pg_ctl -D "$(node_data "$old")" -m immediate -w stop >/dev/null
  killed=$(now)
  sleep "$1"
  pg_ctl -D "$(node_data "$new")" -w promote >/dev/null
  promoted=$(now)
  # A promoted server may still be finishing recovery for a moment; the new primary counts once it takes a write.
  until psql_node "$new" -c "SELECT txid_current()" >/dev/null 2>&1; do sleep 0.01; done
  echo "$killed $promoted $(now) $old $new"
  # The old primary is gone: waiting for it as a synchronous standby would stop every write. Nothing is set here
  # after a fresh base backup, so this only matters for a hand-made setup.
  psql_node "$new" -c "ALTER SYSTEM SET synchronous_standby_names = ''" -c "SELECT pg_reload_conf()" >/dev/null
}

failover() {
  local delay=2 t
  while [ $# -gt 0 ]; do case "$1" in -d) delay=$2; shift 2 ;; *) die "unknown option $1" ;; esac; done
  read -r -a t <<<"$(failover_now "$delay")"
  python3 -c "import sys; k, p, w = map(float, sys.argv[1:4]); print(f'{sys.argv[4]} stopped (immediate), {sys.argv[5]}'
    f' promoted {p - k:.2f} s later, taking writes {w - k:.2f} s after the stop')" "${t[@]}"
}

rejoin() {
  local primary stopped
  primary=$(current_primary)
  [ "$primary" = none ] && die "no primary"
  stopped=$(other "$primary")
  [ "$(role "$stopped")" = down ] || die "$stopped is running; nothing to rejoin"
  init_standby "$stopped" "$primary"
  make_synchronous "$primary" "$stopped"
  echo "$stopped is the synchronous standby of $primary"
}

down() {
  local f pid n
  for f in "$BASE"/instance-*.pid; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$f"
  done
  for n in node1 node2; do running "$n" && pg_ctl -D "$(node_data "$n")" -m fast -w stop >/dev/null; done
  rm -rf "$BASE"
}

# ---- measure: the load, and what it proves ----

# One client: log in, read /users/me, and log every other session out (then check that it is refused), until
# $1/stop exists. Every answer is one line of client-N.log: start end kind status; tokens of acknowledged logins it
# keeps and of acknowledged logouts go to kept-N.txt and ended-N.txt. A 503 logout is retried until it is not.
load_client() { # directory, client number, base url, users per client
  local dir=$1 c=$2 url=$3 users=$4 n=0 email t0 reply status token body=$1/body-$2
  while [ ! -e "$dir/stop" ]; do
    email="load-$c-$((n % users))@ha.local"
    t0=$(now)
    reply=$(curl -s -m 30 -o "$body" -D - -w '%{http_code}' --data-urlencode "email=$email" \
      --data-urlencode "password=$LOAD_PASSWORD" "$url/api/v1/auth_session/login")
    status=${reply: -3}
    log_answer "$t0" login "$status"
    if [ "$status" = 200 ]; then
      token=$(tr -d '\r' <<<"$reply" | sed -n "s/^[Ss]et-[Cc]ookie: $COOKIE=\([^;]*\).*/\1/p" | head -1)
      request me GET "$token" /api/v1/users/me >/dev/null
      if [ $((n % 2)) = 0 ]; then
        end_session "$token"
      else
        echo "$token" >>"$dir/kept-$c.txt"
      fi
    fi
    n=$((n + 1))
  done
}
request() { # kind, method, token, path; prints the status
  local t0 status
  t0=$(now)
  status=$(curl -s -m 30 -o "$body" -w '%{http_code}' -X "$2" -b "$COOKIE=$3" "$url$4")
  log_answer "$t0" "$1" "$status"
  echo "$status"
}
log_answer() { # start, kind, status
  local kind=$2
  [ "$3" = 503 ] && ! grep -q '"error":"Service unavailable"' "$body" && kind="$kind-bad503"
  echo "$1 $(now) $kind $3" >>"$dir/client-$c.log"
}
end_session() { # token
  local status kind=logout
  while :; do
    status=$(request "$kind" DELETE "$1" /api/v1/auth_session/logout)
    case "$status" in
      200) echo "$1" >>"$dir/ended-$c.txt"; request me-ended GET "$1" /api/v1/users/me >/dev/null; return ;;
      503) kind=logout-retry ;;     # not acknowledged: it may or may not have happened
      *) return ;;                  # a retried logout of a session that did end answers 403
    esac
    [ -e "$dir/stop" ] && return
  done
}

create_load_users() { # clients, users per client, base url
  local c u
  for c in $(seq 1 "$1"); do for u in $(seq 0 $(($2 - 1))); do
    curl -s -o /dev/null -u "$ADMIN_EMAIL:$(cat "$BASE/admin-password")" -H 'Content-Type: application/json' \
      -d "{\"email\":\"load-$c-$u@ha.local\",\"password\":\"$LOAD_PASSWORD\"}" "$3/api/v1/users"
  done; done
}

check_sessions() { # directory: every kept session answers 200, every ended one 403; prints "kept ok ended ok"
  local url kept=0 kept_ok=0 ended=0 ended_ok=0 token
  url=$(instance_urls | head -1)
  while read -r token; do kept=$((kept + 1))
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$COOKIE=$token" "$url/api/v1/users/me")" = 200 ] && kept_ok=$((kept_ok + 1))
  done < <(cat "$1"/kept-*.txt 2>/dev/null)
  while read -r token; do ended=$((ended + 1))
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$COOKIE=$token" "$url/api/v1/users/me")" = 403 ] && ended_ok=$((ended_ok + 1))
  done < <(cat "$1"/ended-*.txt 2>/dev/null)
  echo "$kept $kept_ok $ended $ended_ok"
}

measure() {
  local rounds=3 clients=4 delay=2 after=8 users=20 out r dir c t urls pids checks
  while [ $# -gt 0 ]; do case "$1" in
    -r) rounds=$2; shift 2 ;; -c) clients=$2; shift 2 ;; -d) delay=$2; shift 2 ;; -a) after=$2; shift 2 ;;
    *) die "unknown option $1" ;; esac; done
  [ "$(current_primary)" = none ] && die "not up: ha/ha.sh up first"
  mapfile -t urls < <(instance_urls)
  out=${HA_OUT:-$ROOT/ha/results/$(date -u +%Y%m%d-%H%M%S)}
  mkdir -p "$out"
  create_load_users "$clients" "$users" "${urls[0]}"
  for r in $(seq 1 "$rounds"); do
    dir=$out/round-$r
    mkdir -p "$dir"
    pids=()
    for c in $(seq 1 "$clients"); do
      load_client "$dir" "$c" "${urls[$(((c - 1) % ${#urls[@]}))]}" "$users" &
      pids+=($!)
    done
    sleep 3
    cut -d' ' -f1 /proc/loadavg >"$dir/load.txt"
    read -r -a t <<<"$(failover_now "$delay")"
    echo "${t[*]}" >"$dir/failover.txt"
    sleep "$after"
    touch "$dir/stop"
    wait "${pids[@]}"
    checks=$(check_sessions "$dir")
    echo "$checks" >"$dir/sessions.txt"
    rejoin >/dev/null
    python3 "$ROOT/ha/summarise.py" round "$r" "$dir"
  done
  python3 "$ROOT/ha/summarise.py" report "$out" "ha/ha.sh measure -r $rounds -c $clients -d $delay -a $after" \
    "$(uname -sr), $(nproc) cores, $("$PGBIN/postgres" --version), $(java -version 2>&1 | head -1), ${#urls[@]} instance(s), commit $(cd "$ROOT" && git rev-parse --short HEAD)" \
    >"$out/results.md"
  cat "$out/results.md"
}

MODE=${1:-}
[ $# -gt 0 ] && shift
case "$MODE" in
  up) up "$@" ;;
  status) status ;;
  failover) failover "$@" ;;
  rejoin) rejoin ;;
  measure) measure "$@" ;;
  down) down ;;
  -h | --help | help) sed -n '2,/^set -euo/p' "$0" | sed '$d' ;;
  *) die "usage: $0 up [-n INSTANCES] | status | failover [-d SECS] | rejoin | measure [-r ROUNDS] [-c CLIENTS] [-d SECS] [-a SECS] | down" ;;
esac
