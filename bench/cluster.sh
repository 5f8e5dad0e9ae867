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
# application. They stay clear of bench/run.sh (55433, 8088, 9088). Needs nginx (apt-get install -y nginx) and, for
# bench, wrk.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench

MODE=${1:-}
[ $# -gt 0 ] && shift
INSTANCES=2 DURATION=20 WARMUP=10 CONNECTIONS=32 THREADS=2 ROUNDS=2 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) INSTANCES=$2; shift 2 ;;
    -d) DURATION=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -c) CONNECTIONS=$2; shift 2 ;;
    -t) THREADS=$2; shift 2 ;;
    -r) ROUNDS=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$MODE" in
  up | bench) ;;
  -h | --help | help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
  *) echo "usage: $0 up [-n INSTANCES] | bench [-d SECS] [-w SECS] [-c CONNECTIONS] [-t THREADS] [-r ROUNDS] [-o DIR]" >&2
     exit 2 ;;
esac

NGINX=${NGINX:-/usr/sbin/nginx}
[ -x "$NGINX" ] || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
export BENCH_PG_BASE=${CLUSTER_PG_BASE:-/tmp/session-auth-cluster/pg}
export BENCH_PG_PORT=${CLUSTER_PG_PORT:-55434}
NGINX_PORT=${CLUSTER_NGINX_PORT:-8090}
FIRST_HTTP_PORT=${CLUSTER_HTTP_PORT:-8091}
FIRST_MANAGEMENT_PORT=${CLUSTER_MANAGEMENT_PORT:-9091}
APP_PORT=${CLUSTER_APP_PORT:-8099}
COOKIES=${COOKIES:-200} USERS=${USERS:-1000}
ADMIN_EMAIL=${ADMIN_EMAIL:-admin@cluster.local}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-cluster-$RANDOM-$RANDOM-$RANDOM}
OUT=${OUT:-$BENCH/results/cluster-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
RUN_DIR=$(mktemp -d /tmp/session-auth-cluster.XXXXXX)
# nginx's workers run as an unprivileged user when it is started as root: they must reach their temporary files.
chmod 755 "$RUN_DIR"

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$NGINX_PORT" "$APP_PORT" $(seq "$FIRST_HTTP_PORT" $((FIRST_HTTP_PORT + INSTANCES - 1))) \
  $(seq "$FIRST_MANAGEMENT_PORT" $((FIRST_MANAGEMENT_PORT + INSTANCES - 1))); do
  if port_taken "$port"; then echo "port $port is already in use (see the CLUSTER_*_PORT variables)" >&2; exit 1; fi
done

[ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dnative-sources.skip=true)

SERVICE_PIDS=() NGINX_PID=""
stop_nginx() {
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  NGINX_PID=""
}
stop_services() {
  local pid
  for pid in "${SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVICE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVICE_PIDS=()
}
# Everything this script started stops with it, by the process ids it recorded.
clean_up() { stop_nginx; stop_services; "$BENCH/pg.sh" stop; rm -rf "$RUN_DIR"; }
trap clean_up EXIT
trap 'exit 130' INT TERM

"$BENCH/pg.sh" start
psql_db() { "$BENCH/pg.sh" psql -qtA "$@"; }
psql_db -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE EXTENSION pgcrypto;" >/dev/null 2>&1

start_instance() { # index (0-based)
  local names=(a b c d e f g h) port=$((FIRST_HTTP_PORT + $1)) management_port=$((FIRST_MANAGEMENT_PORT + $1))
  local name=instance-${names[$1]}
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management_port INSTANCE_ID=$name \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$BENCH_PG_PORT/sessionauth \
  QUARKUS_DATASOURCE_USERNAME=sessionauth QUARKUS_DATASOURCE_PASSWORD=unused \
  ADMIN_EMAIL=$ADMIN_EMAIL ADMIN_PASSWORD=$ADMIN_PASSWORD SESSION_COOKIE_SECURE=false \
  BCRYPT_COST=${BCRYPT_COST:-4} SESSION_PURGE_INTERVAL=${SESSION_PURGE_INTERVAL:-10s} \
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} \
    java ${JAVA_OPTS:--XX:+UseSerialGC -Xmx64m} -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >"$OUT/$name.log" 2>&1 &
  SERVICE_PIDS+=($!)
  for _ in $(seq 1 360); do
    curl -sf "http://127.0.0.1:$management_port/q/health/ready" >/dev/null && return 0
    kill -0 "${SERVICE_PIDS[-1]}" 2>/dev/null || { echo "$name died; see $OUT/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$name not ready after 180 s; see $OUT/$name.log" >&2; exit 1
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
    port_taken "$NGINX_PORT" && return 0
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

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
BASE_URL=http://127.0.0.1:$NGINX_PORT
start_instance 0
start_nginx 1
echo "seeding $USERS users and logging $COOKIES of them in"
psql_db -c "INSERT INTO users (id, email, password_hash, role, created_at, updated_at)
  SELECT gen_random_uuid(), 'user' || i || '@bench.local', h.hash, 'USER', now(), now()
  FROM generate_series(1, $USERS) i, (SELECT crypt('secret123', gen_salt('bf', ${BCRYPT_COST:-4})) AS hash) h;
  ANALYZE users;" >/dev/null
: >"$OUT/cookies.txt"
for i in $(seq 1 "$COOKIES"); do
  curl -s -o /dev/null -c - -d "email=user$i@bench.local" -d "password=secret123" "$BASE_URL/api/v1/auth_session/login" \
    | awk '$6 == "_my_session_id" { print "_my_session_id=" $7 }' >>"$OUT/cookies.txt"
done
[ "$(wc -l <"$OUT/cookies.txt")" -eq "$COOKIES" ] || { echo "logins for cookies failed" >&2; exit 1; }

cpu_ticks() { # utime+stime of processes and their threads; 0 for one that has exited
  local sum=0 stat pid
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    # shellcheck disable=SC2086
    set -- $stat
    sum=$((sum + ${12} + ${13}))
  done
  echo "$sum"
}
PG_PID=$(head -1 "$BENCH_PG_BASE/data/postmaster.pid")
pg_ticks() { cpu_ticks "$PG_PID" $(pgrep -P "$PG_PID"); }
nginx_ticks() { cpu_ticks "$NGINX_PID" $(pgrep -P "$NGINX_PID"); }
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; } # busy idle, all cores

echo -e "round\tinstances\trps\tp50_ms\tp99_ms\terrors\tnon2xx\tservice_cpu_ms_per_req\tpg_cpu_ms_per_req\tnginx_cpu_ms_per_req\tmachine_busy_pct\tload_before\tload_after" >"$OUT/results.tsv"
measure() { # round, instance count
  local json load0 s0 p0 n0 m0 s1 p1 n1 m1
  stop_nginx
  start_nginx "$2"
  [ "$WARMUP" -gt 0 ] && wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP"s -s "$BENCH/lua/me.lua" "$BASE_URL" -- "$OUT/cookies.txt" >/dev/null
  load0=$(cut -d' ' -f1 /proc/loadavg)
  s0=$(cpu_ticks "${SERVICE_PIDS[@]}") p0=$(pg_ticks) n0=$(nginx_ticks) m0=$(machine_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION"s --latency --timeout 10s -s "$BENCH/lua/me.lua" "$BASE_URL" \
    -- "$OUT/cookies.txt" >"$OUT/me-$1-$2.wrk.txt"
  s1=$(cpu_ticks "${SERVICE_PIDS[@]}") p1=$(pg_ticks) n1=$(nginx_ticks) m1=$(machine_ticks)
  json=$(grep "^{" "$OUT/me-$1-$2.wrk.txt" | tail -1)
  python3 - "$1" "$2" "$json" "$((s1 - s0))" "$((p1 - p0))" "$((n1 - n0))" "$m0" "$m1" "$(getconf CLK_TCK)" \
    "$load0" "$(cut -d' ' -f1 /proc/loadavg)" >>"$OUT/results.tsv" <<'PY'
import json, sys
rnd, n, raw, service, pg, nginx, m0, m1, hz, load0, load1 = sys.argv[1:]
r = json.loads(raw)
per_request = lambda ticks: round(int(ticks) / int(hz) * 1000 / max(r["requests"], 1), 3)
busy0, idle0 = map(int, m0.split())
busy1, idle1 = map(int, m1.split())
busy = round(100 * (busy1 - busy0) / max(busy1 - busy0 + idle1 - idle0, 1))
print("\t".join(str(v) for v in (rnd, n, round(r["rps"]), r["p50_ms"], r["p99_ms"], r["errors"], r["non2xx"],
      per_request(service), per_request(pg), per_request(nginx), busy, load0, load1)))
PY
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
  echo "Machine: $(uname -sr), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB; everything (wrk, nginx, the instances, PostgreSQL) on the same cores"
  echo "Service: $(java -version 2>&1 | head -1) with ${JAVA_OPTS:--XX:+UseSerialGC -Xmx64m} and MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} per instance, commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown); PostgreSQL $("$BENCH/pg.sh" psql -tAc 'SHOW server_version'); $("$NGINX" -v 2>&1)"
  echo
  echo "CPU columns: ms of CPU per request of the instances together, of PostgreSQL and of nginx; machine busy: share of all cores busy during the run (anyone's)."
  echo
  echo "| round | instances | req/s | p50 ms | p99 ms | errors | non-2xx | service CPU ms/req | PostgreSQL CPU ms/req | nginx CPU ms/req | machine busy % | load avg before | load avg after |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$OUT/results.tsv" | awk -F'\t' '{ printf "| %s |", $1; for (i = 2; i <= NF; i++) printf " %s |", $i; print "" }'
} >"$OUT/results.md"
cat "$OUT/results.md"
