#!/usr/bin/env bash
# Loopback benchmark of session-auth against a throwaway PostgreSQL (bench/pg.sh), with wrk.
#
#   bench/run.sh [-d SECS] [-w WARMUP_SECS] [-c CONNECTIONS] [-t THREADS] [--phases LIST] [-o DIR]
#
# It packages the service if target/quarkus-app is missing, starts PostgreSQL and the service (bcrypt cost 10,
# like the peers in application-docs/performance.md), seeds USERS users (password secret123) and
# BACKGROUND_SESSIONS other sessions, logs COOKIES users in, warms up, then runs each phase for SECS seconds:
#   me      GET /api/v1/users/me with a session cookie (rotating over COOKIES sessions)
#   basic   GET /api/v1/users/me with HTTP Basic (rotating over COOKIES users)
#   verify  GET /api/v1/auth_session/verify with a session cookie, as nginx auth_request calls it
#   login   POST /api/v1/auth_session/login (rotating over USERS users, each from an address of its own)
#   fairness  sequential logins (wrk -c1) of other users from one address, alone (`fairness-idle`), then
#           (`fairness`) while one account floods correct logins from another address over FLOOD_CONNECTIONS (60)
#           connections (`fairness-flood`), then (`fairness-control`) while GET /api/v1/status, the cheapest
#           route, is flooded the same way (`fairness-control-flood`): what any flood of cheap requests costs;
#           each for FAIRNESS_DURATION (20) seconds, wrk's timeout 60 s
#   purge   `me` for PURGE_DURATION (30) seconds twice, back to back: `purge-base` on its own, then `purge` while
#           the service purges PURGE_ROWS sessions that all expire as that window starts (its purge runs every
#           2 s here; SESSION_PURGE_BATCH_SIZE / SESSION_PURGE_BATCH_PAUSE pass through to the service)
# and measures the bcrypt ceiling of the machine (cores / time of one verification at cost 10).
# Clients are told apart by X-Forwarded-For, which the service trusts from 127.0.0.1 only (as behind a proxy), so
# that the per-address sign-in limits see many clients, not one. BENCH_PG_PORT and BENCH_PG_BASE (see bench/pg.sh)
# and BENCH_HTTP_PORT move the run off the default ports, e.g. while someone else benchmarks on the same machine.
# Results: DIR/results.tsv and DIR/results.md (req/s, p50, p99, errors, CPU of service and PostgreSQL per
# request, resident memory), plus raw wrk output. The JVM runs with the options the container image ships
# (-XX:+UseSerialGC -Xmx64m and MALLOC_ARENA_MAX=2, see src/main/docker/Dockerfile.jvm); JAVA_OPTS replaces the
# JVM options, MALLOC_ARENA_MAX the other. APP=DIR runs another
# packaged copy of the service (e.g. a copy of target/quarkus-app saved before a change, for A/B runs). Before each
# phase it waits until the service has finished the previous phase's requests. Needs wrk (apt-get install -y wrk)
# and PostgreSQL 15's binaries (Debian's postgresql package).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench

DURATION=10 WARMUP=30 CONNECTIONS=32 THREADS=2 PHASES="me,basic,verify,login,purge" OUT=""
USERS=${USERS:-10000} COOKIES=${COOKIES:-200} BACKGROUND_SESSIONS=${BACKGROUND_SESSIONS:-100000}
PURGE_ROWS=${PURGE_ROWS:-1000000} PORT=${BENCH_HTTP_PORT:-8088} MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-9088}
BCRYPT_COST=${BCRYPT_COST:-10}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xmx64m} MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
APP=${APP:-$ROOT/target/quarkus-app} PURGE_INTERVAL=${SESSION_PURGE_INTERVAL:-2s} IDLE_MINUTES=30
PG_PORT=${BENCH_PG_PORT:-55433} PG_BASE=${BENCH_PG_BASE:-/tmp/session-auth-bench/pg}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-60} FAIRNESS_DURATION=${FAIRNESS_DURATION:-20}
export BENCH_PG_PORT=$PG_PORT BENCH_PG_BASE=$PG_BASE
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -c) CONNECTIONS=$2; shift 2 ;;
    -t) THREADS=$2; shift 2 ;;
    --phases) PHASES=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
OUT=${OUT:-$BENCH/results/$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
BASE_URL=http://127.0.0.1:$PORT
HZ=$(getconf CLK_TCK)
CORES=$(nproc)

[ -f "$APP/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dnative-sources.skip=true)

"$BENCH/pg.sh" start
PG_PID=$(head -1 "$PG_BASE/data/postmaster.pid")
psql_db() { "$BENCH/pg.sh" psql -qtA "$@"; }
psql_db -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE EXTENSION pgcrypto;" >/dev/null 2>&1

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is already in use (set BENCH_HTTP_PORT)" >&2; exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$MANAGEMENT_PORT") 2>/dev/null; then
  echo "port $MANAGEMENT_PORT is already in use (set BENCH_MANAGEMENT_PORT)" >&2; exit 1
fi
SERVICE_PID=""
stop_service() { [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true; }
# Everything this script started stops with it; KEEP_PG=1 leaves PostgreSQL running for another run.
clean_up() { stop_service; [ "${KEEP_PG:-0}" = 1 ] || "$BENCH/pg.sh" stop; }
trap clean_up EXIT
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/sessionauth \
QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1 \
QUARKUS_DATASOURCE_USERNAME=sessionauth QUARKUS_DATASOURCE_PASSWORD=unused \
SESSION_COOKIE_SECURE=false BCRYPT_COST=$BCRYPT_COST SESSION_PURGE_INTERVAL=$PURGE_INTERVAL SESSION_IDLE_TIMEOUT=${IDLE_MINUTES}m \
MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX \
  java $JAVA_OPTS -jar "$APP/quarkus-run.jar" >"$OUT/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  # Health is on the management port; an APP copy built before it existed serves it on the application port.
  { curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" || curl -sf "$BASE_URL/q/health/ready"; } >/dev/null && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service died; see $OUT/service.log" >&2; exit 1; }
  sleep 0.5
done

echo "seeding $USERS users and $BACKGROUND_SESSIONS sessions"
psql_db <<SQL
INSERT INTO users (id, email, password_hash, role, created_at, updated_at)
SELECT gen_random_uuid(), 'user' || i || '@bench.local', h.hash, 'USER', now(), now()
FROM generate_series(1, $USERS) i, (SELECT crypt('secret123', gen_salt('bf', $BCRYPT_COST)) AS hash) h;
INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
SELECT gen_random_uuid(), sha256(convert_to(gen_random_uuid()::text, 'UTF8')), u.ids[i % $USERS + 1], now(), now(),
       now() + interval '12 hours'
FROM generate_series(1, $BACKGROUND_SESSIONS) i, (SELECT array_agg(id ORDER BY id) AS ids FROM users) u;
ANALYZE users; ANALYZE user_sessions;
SQL

: >"$OUT/cookies.txt" : >"$OUT/basic.txt" : >"$OUT/logins.txt"
address() { echo "10.$(( $1 / 65536 % 256 )).$(( $1 / 256 % 256 )).$(( $1 % 256 ))"; } # user i's own address
for i in $(seq 1 "$COOKIES"); do
  curl -s -o /dev/null -c - -d "email=user$i@bench.local" -d "password=secret123" "$BASE_URL/api/v1/auth_session/login" \
    | awk '$6 == "_my_session_id" { print "_my_session_id=" $7 }' >>"$OUT/cookies.txt"
  printf 'Basic %s %s\n' "$(printf 'user%s@bench.local:secret123' "$i" | base64 -w0)" "$(address "$i")" >>"$OUT/basic.txt"
done
for i in $(seq 1 "$USERS"); do echo "user$i@bench.local secret123 $(address "$i")"; done >"$OUT/logins.txt"
# Fairness: the flood is one account from one address; the others sign in, one after the other, from another.
echo "user$USERS@bench.local secret123 192.0.2.1" >"$OUT/flood.txt"
for i in $(seq $((USERS / 2 + 1)) $((USERS / 2 + 500))); do echo "user$i@bench.local secret123 192.0.2.2"; done \
  >"$OUT/victims.txt"
[ "$(wc -l <"$OUT/cookies.txt")" -eq "$COOKIES" ] || { echo "logins for cookies failed" >&2; exit 1; }

cpu_ticks() { # utime+stime of a process and its threads; 0 for a process that has just exited
  local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  stat=${stat##*) }; set -- $stat; echo $(( ${12} + ${13} ))
}
pg_ticks() { local s=0 p; for p in $PG_PID $(pgrep -P "$PG_PID"); do s=$((s + $(cpu_ticks "$p"))); done; echo $s; }
rss_mb() { awk -v k="$2" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

run_wrk() { # phase script arg duration; WRK_THREADS, WRK_CONNECTIONS and WRK_TIMEOUT override the defaults
  wrk -t"${WRK_THREADS:-$THREADS}" -c"${WRK_CONNECTIONS:-$CONNECTIONS}" -d"$4"s --latency --timeout "${WRK_TIMEOUT:-10s}" \
    -s "$BENCH/lua/$2.lua" "$BASE_URL" -- "$3"
}

echo -e "phase\trps\tp50_ms\tp99_ms\terrors\tnon2xx\tservice_cpu_ms_per_req\tpg_cpu_ms_per_req\trss_mb\tpeak_rss_mb" >"$OUT/results.tsv"
# Waits (at most 15 s) until the service has finished the requests of the previous load: wrk stops waiting for
# answers when its time is up, but the service still works on what it received, and that work (up to one bcrypt
# per open connection for logins) would otherwise be counted against the next phase.
settle() {
  local t0 t1
  for _ in $(seq 1 30); do
    t0=$(cpu_ticks "$SERVICE_PID"); sleep 0.5; t1=$(cpu_ticks "$SERVICE_PID")
    [ $((t1 - t0)) -le $((HZ / 20)) ] && return 0
  done
  return 0 # still busy after 15 s: measure anyway rather than abort the run (set -e)
}
measure() { # phase script arg [duration]
  local s0 p0 s1 p1 json
  [ "${NO_SETTLE:-0}" = 1 ] || settle
  s0=$(cpu_ticks "$SERVICE_PID"); p0=$(pg_ticks)
  run_wrk "$1" "$2" "$3" "${4:-$DURATION}" >"$OUT/$1.wrk.txt"
  s1=$(cpu_ticks "$SERVICE_PID"); p1=$(pg_ticks)
  json=$(grep "^{" "$OUT/$1.wrk.txt" | tail -1)
  python3 - "$1" "$json" "$((s1 - s0))" "$((p1 - p0))" "$HZ" "$(rss_mb "$SERVICE_PID" VmRSS)" "$(rss_mb "$SERVICE_PID" VmHWM)" >>"$OUT/results.tsv" <<'PY'
import json, sys
phase, raw, service_ticks, pg_ticks, hz, rss, peak = sys.argv[1:]
r = json.loads(raw)
per_request = lambda ticks: int(ticks) / int(hz) * 1000 / max(r["requests"], 1)
print("\t".join(str(v) for v in (phase, round(r["rps"]), r["p50_ms"], r["p99_ms"], r["errors"], r["non2xx"],
      round(per_request(service_ticks), 3), round(per_request(pg_ticks), 3), rss, peak)))
PY
  tail -1 "$OUT/results.tsv"
}

if [ "$WARMUP" -gt 0 ]; then
  echo "warming up for $WARMUP s"
  run_wrk warmup me "$OUT/cookies.txt" "$WARMUP" >/dev/null
  run_wrk warmup basic "$OUT/basic.txt" "$((WARMUP / 2))" >/dev/null
  run_wrk warmup login "$OUT/logins.txt" "$((WARMUP / 3))" >/dev/null
fi
under_flood() { # phase flood-script flood-arg: the sequential logins as `phase`, the flood as `phase-flood`
  local flood_pid
  settle
  WRK_CONNECTIONS=$FLOOD_CONNECTIONS WRK_TIMEOUT=60s run_wrk "$1-flood" "$2" "$3" "$((FAIRNESS_DURATION + 4))" \
    >"$OUT/$1-flood.wrk.txt" &
  flood_pid=$!
  sleep 2
  NO_SETTLE=1 WRK_THREADS=1 WRK_CONNECTIONS=1 WRK_TIMEOUT=60s measure "$1" login "$OUT/victims.txt" "$FAIRNESS_DURATION"
  wait "$flood_pid"
  python3 - "$1-flood" "$(grep "^{" "$OUT/$1-flood.wrk.txt" | tail -1)" >>"$OUT/results.tsv" <<'PY'
import json, sys
r = json.loads(sys.argv[2])
print("\t".join(str(v) for v in (sys.argv[1], round(r["rps"]), r["p50_ms"], r["p99_ms"], r["errors"], r["non2xx"],
      "-", "-", "-", "-")))
PY
  tail -1 "$OUT/results.tsv"
}

for phase in ${PHASES//,/ }; do
  case "$phase" in
    me) measure me me "$OUT/cookies.txt" ;;
    basic) measure basic basic "$OUT/basic.txt" ;;
    verify) measure verify verify "$OUT/cookies.txt" ;;
    login) measure login login "$OUT/logins.txt" ;;
    fairness)
      # The same sequential logins alone, then under each flood; a flood starts 2 s before them and ends 2 s after.
      WRK_THREADS=1 WRK_CONNECTIONS=1 WRK_TIMEOUT=60s measure fairness-idle login "$OUT/victims.txt" "$FAIRNESS_DURATION"
      under_flood fairness login "$OUT/flood.txt"
      under_flood fairness-control status ""
      ;;
    purge)
      # A fair comparison: `purge-base` and `purge` are the same `me` load for the same PURGE_DURATION, back to back
      # on the same table. The PURGE_ROWS sessions are inserted (and vacuumed, as autovacuum would long have done
      # for sessions that expired one by one) while still valid, and all expire at the instant `purge` starts, so
      # the purge cannot start before that window and starts within one purge interval of it.
      purge_secs=${PURGE_DURATION:-30}
      expire_at=$(( $(date +%s) + ${PURGE_MARGIN:-120} + purge_secs ))
      echo "inserting $PURGE_ROWS sessions that expire at $(date -u -d "@$expire_at" +%T)"
      psql_db -c "INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
        SELECT gen_random_uuid(), sha256(convert_to(gen_random_uuid()::text, 'UTF8')), (SELECT id FROM users LIMIT 1),
               to_timestamp($expire_at) - interval '$IDLE_MINUTES minutes', to_timestamp($expire_at) - interval '$IDLE_MINUTES minutes',
               to_timestamp($expire_at)
        FROM generate_series(1, $PURGE_ROWS)" >/dev/null
      psql_db -c "VACUUM ANALYZE user_sessions" >/dev/null
      settle
      wait_secs=$(( expire_at - purge_secs - $(date +%s) ))
      [ "$wait_secs" -ge 0 ] || { echo "inserting took too long for the baseline window: raise PURGE_MARGIN" >&2; exit 1; }
      sleep "$wait_secs"
      NO_SETTLE=1 measure purge-base me "$OUT/cookies.txt" "$purge_secs"
      sleep $(( expire_at - $(date +%s) > 0 ? expire_at - $(date +%s) : 0 ))
      NO_SETTLE=1 measure purge me "$OUT/cookies.txt" "$purge_secs"
      left=$(psql_db -c "SELECT count(*) FROM user_sessions WHERE expires_at <= to_timestamp($expire_at)")
      {
        echo "purge window: $purge_secs s from $(date -u -d "@$expire_at" +%T), purge every $PURGE_INTERVAL," \
          "batch ${SESSION_PURGE_BATCH_SIZE:-default} rows, pause ${SESSION_PURGE_BATCH_PAUSE:-default}"
        echo "rows deleted during the window: $(( PURGE_ROWS - left )) of $PURGE_ROWS"
        awk -F'\t' '$1 == "purge-base" { b = $4 } $1 == "purge" { p = $4 } END { if (b > 0) printf "p99 purge / purge-base: %.2f\n", p / b }' \
          "$OUT/results.tsv"
      } >"$OUT/purge-log.txt"
      cat "$OUT/purge-log.txt"
      ;;
    *) echo "unknown phase $phase" >&2; exit 2 ;;
  esac
done

java -cp "$APP/lib/main/*" "$BENCH/BcryptCeiling.java" "$BCRYPT_COST" "$CORES" >"$OUT/bcrypt.json"

{
  echo "# session-auth benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`bench/run.sh -d $DURATION -w $WARMUP -c $CONNECTIONS -t $THREADS --phases $PHASES\`"
  echo "Machine: $(uname -sr), $CORES cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Service: $(java -version 2>&1 | head -1) with $JAVA_OPTS and MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX, commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown), app $APP; PostgreSQL $("$BENCH/pg.sh" psql -tAc 'SHOW server_version')"
  echo "Data: $USERS users (bcrypt cost $BCRYPT_COST), $BACKGROUND_SESSIONS other sessions, $COOKIES cookies/credentials rotated"
  echo "Bcrypt ceiling: $(cat "$OUT/bcrypt.json")"
  python3 - "$OUT/results.tsv" "$OUT/bcrypt.json" <<'PY'
import csv, json, sys
ceiling = json.load(open(sys.argv[2]))
for row in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    if row["phase"] == "fairness":
        rows = {r["phase"]: r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
        idle, flood = float(rows["fairness-idle"]["p50_ms"]), rows["fairness-flood"]
        control = float(rows["fairness-control"]["p50_ms"])
        print(f"Fairness: sequential logins p50 {idle:.0f} ms alone, {float(row['p50_ms']):.0f} ms under the login flood "
              f"({float(row['p50_ms']) / idle:.1f}x; the flood got {flood['rps']} answers/s, {flood['non2xx']} of them not 2xx), "
              f"{control:.0f} ms under a /status flood ({control / idle:.1f}x)")
    if row["phase"] == "login":
        cpu = float(row["service_cpu_ms_per_req"])
        print(f"Login: {float(row['rps']) / ceiling['verifications_per_s']:.0%} of the ceiling; service CPU {cpu:.1f} ms per "
              f"login, of which bcrypt {ceiling['cpu_ms_per_verify']:.1f} ms: {cpu - ceiling['cpu_ms_per_verify']:.1f} ms besides the hash")
PY
  echo
  echo "| phase | req/s | p50 ms | p99 ms | errors | non-2xx | service CPU ms/req | PostgreSQL CPU ms/req | RSS MB | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$OUT/results.tsv" | awk -F'\t' '{ printf "| %s |", $1; for (i = 2; i <= NF; i++) printf " %s |", $i; print "" }'
  [ -f "$OUT/purge-log.txt" ] && { echo; echo "Purge during the purge phase:"; echo '```'; cat "$OUT/purge-log.txt"; echo '```'; }
} >"$OUT/results.md"
cat "$OUT/results.md"
