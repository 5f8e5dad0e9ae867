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
# that the per-address sign-in limits see many clients, not one. BENCH_PG_PORT and BENCH_PG_BASE (see bench/pg.sh),
# BENCH_HTTP_PORT and BENCH_MANAGEMENT_PORT move the run off the default ports (55433, 8088, 9088) and directory, e.g.
# while someone else benchmarks on the same machine (all ports and directories: bench/lib.sh).
# Results: DIR/results.tsv and DIR/results.md (req/s, p50, p99, errors, CPU of service and PostgreSQL per
# request, resident memory), plus raw wrk output. The JVM runs with the options the container image ships
# (-XX:+UseSerialGC -Xmx64m and MALLOC_ARENA_MAX=2, see src/main/docker/Dockerfile.jvm); JAVA_OPTS replaces the
# JVM options, MALLOC_ARENA_MAX the other. APP=DIR runs another
# packaged copy of the service (e.g. a copy of target/quarkus-app saved before a change, for A/B runs). Before each
# phase it waits until the service has finished the previous phase's requests. Needs wrk (apt-get install -y wrk)
# and PostgreSQL 15's binaries (Debian's postgresql package).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_use_ports run

DURATION=10 WARMUP=30 CONNECTIONS=32 THREADS=2 PHASES="me,basic,verify,login,purge" OUT=""
USERS=${USERS:-10000} COOKIES=${COOKIES:-200} BACKGROUND_SESSIONS=${BACKGROUND_SESSIONS:-100000}
PURGE_ROWS=${PURGE_ROWS:-1000000} BCRYPT_COST=${BCRYPT_COST:-10}
APP=${APP:-$ROOT/target/quarkus-app} PURGE_INTERVAL=${SESSION_PURGE_INTERVAL:-2s} IDLE_MINUTES=30
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-60} FAIRNESS_DURATION=${FAIRNESS_DURATION:-20}
bench_options "-d -w -c -t --phases -o" "$@"
bench_no_arguments
bench_require wrk "apt-get install -y wrk"
bench_out_dir ""
BASE_URL=http://127.0.0.1:$HTTP_PORT
CORES=$(nproc)

bench_ensure_app
# The bcrypt ceiling runs on the packaged libraries; bench/compare.sh runs native executables too.
[ "$(bench_app_kind "$APP")" = jvm ] || { echo "APP must be a quarkus-app folder" >&2; exit 2; }
bench_require_free_ports "set BENCH_HTTP_PORT / BENCH_MANAGEMENT_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"
bench_stop_on_exit
bench_pg_start
bench_start_service "$APP" "$OUT/service.log" "$HTTP_PORT" "$MANAGEMENT_PORT" \
  QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
  QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1 SESSION_IDLE_TIMEOUT=${IDLE_MINUTES}m
bench_wait_ready "$SERVICE_PID" "$HTTP_PORT" "$MANAGEMENT_PORT" "the service" "$OUT/service.log"

bench_seed "$BASE_URL"
bench_login_lines 1 "$USERS" >"$OUT/logins.txt"
# Fairness: the flood is one account from one address; the others sign in, one after the other, from another.
bench_login_lines "$USERS" "$USERS" 192.0.2.1 >"$OUT/flood.txt"
bench_login_lines $((USERS / 2 + 1)) $((USERS / 2 + 500)) 192.0.2.2 >"$OUT/victims.txt"

echo -e "phase\trps\tp50_ms\tp99_ms\terrors\tnon2xx\tservice_cpu_ms_per_req\tpg_cpu_ms_per_req\trss_mb\tpeak_rss_mb" >"$OUT/results.tsv"
measure() { # phase script arg [duration]; waits for the service to settle first unless NO_SETTLE=1
  local row
  [ "${NO_SETTLE:-0}" = 1 ] || bench_settle "$SERVICE_PID"
  row=$(bench_measure "$1" "$2" "$3" "${4:-$DURATION}" bench_service_ticks bench_pg_ticks)
  printf '%s\t%s\t%s\t%s\n' "$1" "$row" "$(bench_rss_mb "$SERVICE_PID" VmRSS)" "$(bench_rss_mb "$SERVICE_PID" VmHWM)" \
    >>"$OUT/results.tsv"
  tail -1 "$OUT/results.tsv"
}

bench_warm_up "$WARMUP" "$OUT/cookies.txt" "$OUT/basic.txt" "$OUT/logins.txt"
under_flood() { # phase flood-script flood-arg: the sequential logins as `phase`, the flood as `phase-flood`
  local flood_pid
  bench_settle "$SERVICE_PID"
  WRK_CONNECTIONS=$FLOOD_CONNECTIONS WRK_TIMEOUT=60s bench_wrk "$2" "$3" "$((FAIRNESS_DURATION + 4))" \
    >"$OUT/$1-flood.wrk.txt" &
  flood_pid=$!
  sleep 2
  NO_SETTLE=1 WRK_THREADS=1 WRK_CONNECTIONS=1 WRK_TIMEOUT=60s measure "$1" login "$OUT/victims.txt" "$FAIRNESS_DURATION"
  wait "$flood_pid"
  printf '%s\t%s\t-\t-\t-\t-\n' "$1-flood" "$(bench_wrk_row "$OUT/$1-flood.wrk.txt")" >>"$OUT/results.tsv"
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
      bench_psql -c "INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
        SELECT gen_random_uuid(), sha256(convert_to(gen_random_uuid()::text, 'UTF8')), (SELECT id FROM users LIMIT 1),
               to_timestamp($expire_at) - interval '$IDLE_MINUTES minutes', to_timestamp($expire_at) - interval '$IDLE_MINUTES minutes',
               to_timestamp($expire_at)
        FROM generate_series(1, $PURGE_ROWS)" >/dev/null
      bench_psql -c "VACUUM ANALYZE user_sessions" >/dev/null
      bench_settle "$SERVICE_PID"
      wait_secs=$(( expire_at - purge_secs - $(date +%s) ))
      [ "$wait_secs" -ge 0 ] || { echo "inserting took too long for the baseline window: raise PURGE_MARGIN" >&2; exit 1; }
      sleep "$wait_secs"
      NO_SETTLE=1 measure purge-base me "$OUT/cookies.txt" "$purge_secs"
      sleep $(( expire_at - $(date +%s) > 0 ? expire_at - $(date +%s) : 0 ))
      NO_SETTLE=1 measure purge me "$OUT/cookies.txt" "$purge_secs"
      left=$(bench_psql -c "SELECT count(*) FROM user_sessions WHERE expires_at <= to_timestamp($expire_at)")
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
  echo "Machine: $(bench_machine); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Service: $(java -version 2>&1 | head -1) with $JAVA_OPTS and MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX, commit $(bench_commit), app $APP; PostgreSQL $(bench_pg_version)"
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
  bench_md_table "$OUT/results.tsv" \
    "| phase | req/s | p50 ms | p99 ms | errors | non-2xx | service CPU ms/req | PostgreSQL CPU ms/req | RSS MB | peak RSS MB |"
  [ -f "$OUT/purge-log.txt" ] && { echo; echo "Purge during the purge phase:"; echo '```'; cat "$OUT/purge-log.txt"; echo '```'; }
} >"$OUT/results.md"
cat "$OUT/results.md"
