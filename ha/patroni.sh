#!/usr/bin/env bash
# The setup of ha/ha.sh with failover managed by Patroni (Debian's patroni 3.0.2) instead of the script: two
# PostgreSQL nodes (Debian's 15), each run by its own Patroni with `synchronous_mode: true`, Patroni's built-in Raft
# as the store of the leader lock, with a third Raft member (patroni_raft_controller, a witness without a database) so
# that two of three survive the loss of a node, and instances of the packaged service in front on the same two-host
# JDBC URL (targetServerType=primary). Nothing here promotes: a node's Patroni does when the leader lock expires.
#
#   ha/patroni.sh up [-n INSTANCES]  starts the witness and node1's Patroni (which runs initdb and becomes leader),
#                                    then node2's (a base backup, then the synchronous standby), then INSTANCES (2)
#                                    service instances, and prints their addresses
#   ha/patroni.sh status             patronictl list (members, roles, timeline, lag) and each instance's readiness
#   ha/patroni.sh failover           the loss of the primary's node: its Patroni is killed (SIGKILL), its PostgreSQL
#                                    stopped with `immediate`; prints when the other node was promoted by its Patroni
#                                    and took a write
#   ha/patroni.sh rejoin             starts the lost node's Patroni again: it rewinds or restarts its PostgreSQL as a
#                                    standby of the new primary, which makes it synchronous again
#   ha/patroni.sh measure [-r ROUNDS] [-c CLIENTS] [-a SECS]
#                                    ha/ha.sh's measure (same clients, checks and results.md) with this failover and
#                                    rejoin; -d is accepted and has no effect
#   ha/patroni.sh down               stops the instances, the Patronis (which stop their PostgreSQL) and the witness,
#                                    and deletes HA_PATRONI_BASE
#
# Settings (environment): HA_PATRONI_BASE (/tmp/session-auth-patroni), HA_PATRONI_PG_PORT (25451, node2 the next),
# HA_PATRONI_API_PORT (25461: Patroni's REST API, node2 the next), HA_PATRONI_RAFT_PORT (25471: node1, node2, witness),
# HA_PATRONI_HTTP_PORT (8291) and HA_PATRONI_MANAGEMENT_PORT (9291) for the first instance, the next for the others;
# Patroni's timing: HA_PATRONI_TTL (10), HA_PATRONI_LOOP_WAIT (2), HA_PATRONI_RETRY_TIMEOUT (4) (Patroni's defaults are
# 30, 10, 10); BCRYPT_COST and HA_OUT as for ha/ha.sh. All ports on 127.0.0.1, below 32768 and apart from ha/ha.sh's.
# Run as root, Patroni and PostgreSQL run as user postgres. Needs Debian's patroni and python3-pysyncobj
# (apt-get install patroni python3-pysyncobj; keep the package's own patroni service stopped), PostgreSQL's server
# binaries, curl, python3 and the packaged service.
set -euo pipefail
# shellcheck source=ha/ha.sh
. "$(dirname "$0")/ha.sh"
BASE=${HA_PATRONI_BASE:-/tmp/session-auth-patroni}
PG_PORT=${HA_PATRONI_PG_PORT:-25451}
API_PORT=${HA_PATRONI_API_PORT:-25461}
RAFT_PORT=${HA_PATRONI_RAFT_PORT:-25471}
FIRST_HTTP_PORT=${HA_PATRONI_HTTP_PORT:-8291}
FIRST_MANAGEMENT_PORT=${HA_PATRONI_MANAGEMENT_PORT:-9291}
TTL=${HA_PATRONI_TTL:-10}
LOOP_WAIT=${HA_PATRONI_LOOP_WAIT:-2}
RETRY_TIMEOUT=${HA_PATRONI_RETRY_TIMEOUT:-4}
SCOPE=session-auth
MEASURE_SETUP="; Patroni $(patroni --version 2>/dev/null | cut -d' ' -f2) ttl=$TTL loop_wait=$LOOP_WAIT retry_timeout=$RETRY_TIMEOUT (-d has no effect)"
# setpriv runs the program itself (runuser would stay its parent): the process id kept is Patroni's own.
if [ "$(id -u)" = 0 ]; then RUN_AS_PG=(setpriv --reuid=postgres --regid=postgres --init-groups); else RUN_AS_PG=(); fi

raft_addr() { echo "127.0.0.1:$((RAFT_PORT + $1 - 1))"; } # member number: 1 node1, 2 node2, 3 witness
api_port() { echo $((API_PORT + ${1#node} - 1)); }

raft_section() { # own member number
  local m partners=()
  for m in 1 2 3; do [ "$m" = "$1" ] || partners+=("$(raft_addr "$m")"); done
  cat <<YAML
raft:
  data_dir: $BASE/raft
  self_addr: $(raft_addr "$1")
  partner_addrs: [${partners[0]}, ${partners[1]}]
YAML
}

# One node's Patroni configuration. Loopback only, trust authentication: a demonstration, as in ha/ha.sh.
node_config() { # node
  local n=${1#node}
  cat <<YAML
scope: $SCOPE
name: $1
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$(api_port "$1")
  connect_address: 127.0.0.1:$(api_port "$1")
$(raft_section "$n")
bootstrap:
  dcs:
    ttl: $TTL
    loop_wait: $LOOP_WAIT
    retry_timeout: $RETRY_TIMEOUT
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      parameters:
        wal_level: replica
        wal_log_hints: 'on'
        max_wal_senders: 5
        synchronous_commit: 'on'
  initdb:
    - encoding: UTF8
    - auth: trust
postgresql:
  listen: 127.0.0.1:$(node_port "$1")
  connect_address: 127.0.0.1:$(node_port "$1")
  data_dir: $(node_data "$1")
  bin_dir: $PGBIN
  pgpass: $BASE/$1.pgpass
  # A standby's base backup starts with a checkpoint: spread over minutes by default, at once here.
  basebackup:
    - checkpoint: fast
  authentication:
    superuser:
      username: postgres
      password: unused
    replication:
      username: replicator
      password: unused
  parameters:
    unix_socket_directories: '$BASE'
  pg_hba:
    - local all all trust
    - host all all 127.0.0.1/32 trust
    - host replication all 127.0.0.1/32 trust
watchdog:
  mode: 'off'
YAML
}

start_patroni() { # node
  port_taken "$(node_port "$1")" && die "port $(node_port "$1") is taken (see HA_PATRONI_PG_PORT)"
  port_taken "$(api_port "$1")" && die "port $(api_port "$1") is taken (see HA_PATRONI_API_PORT)"
  HOME=$BASE setsid "${RUN_AS_PG[@]}" patroni "$BASE/$1.yml" >>"$BASE/$1-patroni.log" 2>&1 </dev/null &
  echo $! >"$BASE/$1-patroni.pid"
  disown # its SIGKILL by `failover` is no news to the shell that started it
}

start_witness() {
  port_taken "${RAFT_PORT}" && die "port $RAFT_PORT is taken (see HA_PATRONI_RAFT_PORT)"
  raft_section 3 >"$BASE/witness.yml"
  HOME=$BASE setsid "${RUN_AS_PG[@]}" patroni_raft_controller "$BASE/witness.yml" >>"$BASE/witness.log" 2>&1 </dev/null &
  echo $! >"$BASE/witness.pid"
  disown
}

alive() { [ -s "$BASE/$1.pid" ] && kill -0 "$(cat "$BASE/$1.pid")" 2>/dev/null; }

wait_for() { # seconds, description, command...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 10))); do "$@" 2>/dev/null && return 0; sleep 0.1; done
  die "$what not within $limit s; see $BASE/*.log"
}
takes_writes() { [ "$(role "$1")" = primary ] && psql_node "$1" -c "SELECT txid_current()" >/dev/null 2>&1; }
is_sync_standby_of() { # standby, primary
  [ "$(psql_node "$2" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = '$1'" 2>/dev/null)" = sync ]
}

up() {
  local instances=2
  while [ $# -gt 0 ]; do case "$1" in -n) instances=$2; shift 2 ;; *) die "unknown option $1" ;; esac; done
  command -v patroni >/dev/null || die "patroni is not installed (apt-get install patroni python3-pysyncobj)"
  [ -e "$BASE" ] && die "$BASE exists: ha/patroni.sh down first"
  [ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dnative-sources.skip)
  mkdir -p "$BASE/raft" && chmod 755 "$BASE"
  echo "ha-$RANDOM-$RANDOM-$RANDOM" >"$BASE/admin-password"
  node_config node1 >"$BASE/node1.yml"
  node_config node2 >"$BASE/node2.yml"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$BASE"
  start_witness
  start_patroni node1
  wait_for 120 "node1 bootstrapped and leader" takes_writes node1
  psql_node node1 -c "CREATE ROLE sessionauth LOGIN" -c "CREATE DATABASE sessionauth OWNER sessionauth"
  start_patroni node2
  wait_for 120 "node2 the synchronous standby of node1" is_sync_standby_of node2 node1
  for i in $(seq 0 $((instances - 1))); do start_instance "$i"; done
  patronictl_list
  echo "JDBC URL: $(jdbc_url)"
  echo "instances: $(instance_urls | tr '\n' ' ')(management ports from $FIRST_MANAGEMENT_PORT; logs in $BASE)"
  echo "admin: $ADMIN_EMAIL / $(cat "$BASE/admin-password")"
}

patronictl_list() { patronictl -c "$BASE/node1.yml" list 2>&1; }

status() {
  local url i=0
  patronictl_list
  for url in $(instance_urls); do
    i=$((i + 1))
    echo "instance-$i $url ready: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((FIRST_MANAGEMENT_PORT + i - 1))/q/health/ready")"
  done
}

# Prints: killed_at promoted_at writable_at (epoch seconds) old new, as ha/ha.sh's failover_now. The delay argument of
# ha/ha.sh's measure is ignored: when to promote is Patroni's decision.
failover_now() {
  local old new killed promoted
  old=$(current_primary)
  [ "$old" = none ] && die "no primary to fail over from"
  new=$(other "$old")
  [ "$(role "$new")" = standby ] || die "$new is not a standby; ha/patroni.sh rejoin first"
  alive "$old-patroni" || die "$old's Patroni is not running"
  # The node is lost as a whole: first its Patroni, which would otherwise restart PostgreSQL in place.
  kill -KILL "$(cat "$BASE/$old-patroni.pid")"
  pg_ctl -D "$(node_data "$old")" -m immediate -w stop >/dev/null
  killed=$(now)
  until [ "$(role "$new" 2>/dev/null)" = primary ]; do
    [ "${EPOCHREALTIME%.*}" -lt $((${killed%.*} + 120)) ] || die "$new not promoted within 120 s; see $BASE/$new-patroni.log"
    sleep 0.02
  done
  promoted=$(now)
  until psql_node "$new" -c "SELECT txid_current()" >/dev/null 2>&1; do sleep 0.01; done
  echo "$killed $promoted $(now) $old $new"
}

failover() {
  local t
  [ $# -eq 0 ] || die "failover takes no option"
  read -r -a t <<<"$(failover_now)"
  python3 -c "import sys; k, p, w = map(float, sys.argv[1:4]); print(f'{sys.argv[4]} lost (Patroni killed, PostgreSQL'
    f' stopped immediate), {sys.argv[5]} promoted by its Patroni {p - k:.2f} s later, taking writes {w - k:.2f} s after')" \
    "${t[@]}"
}

rejoin() {
  local primary lost
  primary=$(current_primary)
  [ "$primary" = none ] && die "no primary"
  lost=$(other "$primary")
  alive "$lost-patroni" && die "$lost's Patroni is running; nothing to rejoin"
  start_patroni "$lost"
  wait_for 120 "$lost the synchronous standby of $primary" is_sync_standby_of "$lost" "$primary"
  echo "$lost is the synchronous standby of $primary"
}

down() {
  local p n
  stop_instances
  # SIGTERM: each Patroni stops its PostgreSQL (fast) before it exits.
  for p in node1-patroni node2-patroni witness; do alive "$p" && kill "$(cat "$BASE/$p.pid")"; done
  for p in node1-patroni node2-patroni witness; do
    for _ in $(seq 1 300); do alive "$p" || break; sleep 0.1; done
    alive "$p" && kill -KILL "$(cat "$BASE/$p.pid")"
  done
  for n in node1 node2; do running "$n" && pg_ctl -D "$(node_data "$n")" -m fast -w stop >/dev/null; done
  rm -rf "$BASE"
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
  *) die "usage: $0 up [-n INSTANCES] | status | failover | rejoin | measure [-r ROUNDS] [-c CLIENTS] [-a SECS] | down" ;;
esac
