#!/usr/bin/env bash
# Several instances of the packaged service on one PostgreSQL, behind nginx round-robin (bench/nginx.conf.template,
# the configuration the integration tests use too).
#
#   bench/cluster.sh up [-n INSTANCES]
#       starts PostgreSQL (bench/pg.sh with its own directory and port), INSTANCES (2) instances and nginx, prints
#       their addresses and runs until Ctrl-C; then stops everything it started.
#   bench/cluster.sh bench [-d SECS] [-w WARMUP_SECS] [-c CONNECTIONS] [-t THREADS] [-r ROUNDS] [-o DIR]
#       measures GET /api/v1/users/me with a session cookie (bench/lua/me.lua, COOKIES rotating sessions) through
#       nginx in front of 1 and of 2 instances, alternately for ROUNDS (2) rounds so that a change in the machine's
#       load hits both alike, and writes DIR/results.md. Both instances run throughout; in a 1-instance run nginx
#       sends everything to the first one.
#
# Ports (all on 127.0.0.1; each is checked to be free): CLUSTER_PG_PORT (55434) for PostgreSQL, under
# CLUSTER_PG_BASE (/tmp/session-auth-cluster/pg); CLUSTER_NGINX_PORT (8090) for nginx; CLUSTER_HTTP_PORT (8091) and
# the ports after it for the instances; CLUSTER_MANAGEMENT_PORT (9091) and the ports after it for the instances'
# management interfaces (health, metrics; not behind nginx); CLUSTER_APP_PORT (8099) for the stand-in protected
# application. They stay clear of bench/run.sh (55433, 8088, 9088) and bench/compare.sh (55435, 8087, 9087); all
# ports and directories are set in bench/lib.sh. APP=DIR runs another packaged copy of the service (default
# target/quarkus-app, packaged if missing). Needs nginx (apt-get install -y nginx) and, for bench, wrk.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_use_ports cluster
FIRST_HTTP_PORT=$HTTP_PORT FIRST_MANAGEMENT_PORT=$MANAGEMENT_PORT

MODE=${1:-}
[ $# -gt 0 ] && shift
INSTANCES=2 DURATION=20 WARMUP=10 CONNECTIONS=32 THREADS=2 ROUNDS=2 OUT=""
bench_options "-n -d -w -c -t -r -o" "$@"
bench_no_arguments
case "$MODE" in
  up | bench) ;;
  -h | --help | help) bench_help; exit 0 ;;
  *) echo "usage: $0 up [-n INSTANCES] | bench [-d SECS] [-w SECS] [-c CONNECTIONS] [-t THREADS] [-r ROUNDS] [-o DIR]" >&2
     exit 2 ;;
esac

NGINX=${NGINX:-/usr/sbin/nginx}
[ -x "$NGINX" ] || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
COOKIES=${COOKIES:-200} USERS=${USERS:-1000} BCRYPT_COST=${BCRYPT_COST:-4} PURGE_INTERVAL=${SESSION_PURGE_INTERVAL:-10s}
APP=${APP:-$ROOT/target/quarkus-app}
ADMIN_EMAIL=${ADMIN_EMAIL:-admin@cluster.local}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-cluster-$RANDOM-$RANDOM-$RANDOM}
bench_out_dir cluster-
bench_require_free_ports "see the CLUSTER_*_PORT variables" "$NGINX_PORT" "$APP_PORT" \
  $(seq "$FIRST_HTTP_PORT" $((FIRST_HTTP_PORT + INSTANCES - 1))) \
  $(seq "$FIRST_MANAGEMENT_PORT" $((FIRST_MANAGEMENT_PORT + INSTANCES - 1)))
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/session-auth-cluster.XXXXXX")
# nginx's workers run as an unprivileged user when it is started as root: they must reach their temporary files.
chmod 755 "$RUN_DIR"

bench_ensure_app

NGINX_PID=""
stop_nginx() {
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  NGINX_PID=""
}
# Everything this script started stops with it, by the process ids it recorded.
clean_up() { stop_nginx; bench_stop_services; bench_pg_stop; rm -rf "$RUN_DIR"; }
bench_stop_on_exit clean_up

bench_pg_start

start_instance() { # index (0-based)
  local names=(a b c d e f g h) port=$((FIRST_HTTP_PORT + $1)) management_port=$((FIRST_MANAGEMENT_PORT + $1))
  local name=instance-${names[$1]}
  bench_start_service "$APP" "$OUT/$name.log" "$port" "$management_port" INSTANCE_ID="$name" \
    ADMIN_EMAIL="$ADMIN_EMAIL" ADMIN_PASSWORD="$ADMIN_PASSWORD"
  bench_wait_ready "$SERVICE_PID" "$port" "$management_port" "$name" "$OUT/$name.log"
}

start_nginx() { # instance count
  local servers="" i conf
  for i in $(seq 0 $(($1 - 1))); do servers+="        server 127.0.0.1:$((FIRST_HTTP_PORT + i));"$'\n'; done
  conf=$(<"$BENCH/nginx.conf.template")
  conf=${conf//__DIR__/$RUN_DIR}
  conf=${conf//__UPSTREAM_SERVERS__/${servers%$'\n'}}
  conf=${conf//__LISTEN_PORT__/$NGINX_PORT}
  conf=${conf//__APP_PORT__/$APP_PORT}
  printf '%s\n' "$conf" >"$RUN_DIR/nginx.conf"
  "$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g 'daemon off;' >"$OUT/nginx.out" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 100); do
    bench_port_taken "$NGINX_PORT" && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx died: $(cat "$OUT/nginx.out")" >&2; exit 1; }
    sleep 0.1
  done
  echo "nginx not listening on $NGINX_PORT" >&2; exit 1
}

if [ "$MODE" = up ]; then
  for i in $(seq 0 $((INSTANCES - 1))); do start_instance "$i"; done
  start_nginx "$INSTANCES"
  echo "PostgreSQL 127.0.0.1:$BENCH_PG_PORT; instances on ports $FIRST_HTTP_PORT..$((FIRST_HTTP_PORT + INSTANCES - 1)),"\
    "health and metrics on $FIRST_MANAGEMENT_PORT..$((FIRST_MANAGEMENT_PORT + INSTANCES - 1)) (logs in $OUT)"
  echo "nginx: http://127.0.0.1:$NGINX_PORT (admin $ADMIN_EMAIL, password $ADMIN_PASSWORD); Ctrl-C stops everything"
  wait "$NGINX_PID"
  exit 0
fi

bench_require wrk "apt-get install -y wrk"
BASE_URL=http://127.0.0.1:$NGINX_PORT
start_instance 0
start_nginx 1
echo "seeding $USERS users and logging $COOKIES of them in"
bench_seed_users "$USERS" "$BCRYPT_COST"
bench_login_cookies "$BASE_URL" 1 "$COOKIES" "$OUT/cookies.txt"

nginx_ticks() { bench_tree_ticks "$NGINX_PID"; }
echo -e "round\tinstances\trps\tp50_ms\tp99_ms\terrors\tnon2xx\tservice_cpu_ms_per_req\tpg_cpu_ms_per_req\tnginx_cpu_ms_per_req\tmachine_busy_pct\tload_before\tload_after" >"$OUT/results.tsv"
measure() { # round, instance count
  local row load0
  stop_nginx
  start_nginx "$2"
  [ "$WARMUP" -gt 0 ] && bench_wrk me "$OUT/cookies.txt" "$WARMUP" >/dev/null
  load0=$(cut -d' ' -f1 /proc/loadavg)
  row=$(MACHINE_BUSY=1 bench_measure "me-$1-$2" me "$OUT/cookies.txt" "$DURATION" bench_service_ticks bench_pg_ticks nginx_ticks)
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$row" "$load0" "$(cut -d' ' -f1 /proc/loadavg)" >>"$OUT/results.tsv"
  tail -1 "$OUT/results.tsv"
}
start_instance 1
upstreams_answering() { # how many instances answer through nginx
  for _ in 1 2 3 4; do curl -s -o /dev/null -D - "$BASE_URL/api/v1/status" | tr -d '\r' | awk '/^X-Upstream/ { print $2 }'; done \
    | sort -u | wc -l
}
for round in $(seq 1 "$ROUNDS"); do
  measure "$round" 1
  measure "$round" 2
  # Round-robin over both, or the 2-instance run measured one instance.
  [ "$(upstreams_answering)" = 2 ] || { echo "nginx does not alternate between the two instances" >&2; exit 1; }
done

{
  echo "# session-auth, 1 vs 2 instances behind nginx, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`bench/cluster.sh bench -d $DURATION -w $WARMUP -c $CONNECTIONS -t $THREADS -r $ROUNDS\` (GET /api/v1/users/me, $COOKIES rotating session cookies, through nginx)"
  echo "Machine: $(bench_machine); everything (wrk, nginx, the instances, PostgreSQL) on the same cores"
  echo "Service: $(java -version 2>&1 | head -1) with $JAVA_OPTS and MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX per instance, commit $(bench_commit); PostgreSQL $(bench_pg_version); $("$NGINX" -v 2>&1)"
  echo
  echo "CPU columns: ms of CPU per request of the instances together, of PostgreSQL and of nginx; machine busy: share of all cores busy during the run (anyone's)."
  echo
  bench_md_table "$OUT/results.tsv" "| round | instances | req/s | p50 ms | p99 ms | errors | non-2xx | service CPU ms/req | PostgreSQL CPU ms/req | nginx CPU ms/req | machine busy % | load avg before | load avg after |"
} >"$OUT/results.md"
cat "$OUT/results.md"
