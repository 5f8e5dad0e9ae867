# Shared by the benchmark scripts (bench/run.sh, bench/cluster.sh, bench/compare.sh, bench/pg.sh); sourced, not run.
# It holds every port and directory they use (each from an environment variable, with its default here), the
# command-line options, starting and stopping the packaged service and PostgreSQL, seeding, the login loop, the
# credential files, CPU and memory sampling, and one measured wrk run.
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
BENCH_RESULTS=${BENCH_RESULTS:-$BENCH/results}
HZ=$(getconf CLK_TCK)

# ---- Ports and directories, all on 127.0.0.1; each script's defaults stay clear of the others'. ----
# bench_use_ports run|cluster|compare sets PG_PORT, PG_BASE, HTTP_PORT and MANAGEMENT_PORT (cluster: the first
# instance's; also NGINX_PORT and APP_PORT), and exports BENCH_PG_PORT / BENCH_PG_BASE for bench/pg.sh.
bench_use_ports() {
  case "$1" in
    run)
      PG_PORT=${BENCH_PG_PORT:-55433} PG_BASE=${BENCH_PG_BASE:-/tmp/session-auth-bench/pg}
      HTTP_PORT=${BENCH_HTTP_PORT:-8088} MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-9088} ;;
    cluster)
      PG_PORT=${CLUSTER_PG_PORT:-55434} PG_BASE=${CLUSTER_PG_BASE:-/tmp/session-auth-cluster/pg}
      HTTP_PORT=${CLUSTER_HTTP_PORT:-8091} MANAGEMENT_PORT=${CLUSTER_MANAGEMENT_PORT:-9091}
      NGINX_PORT=${CLUSTER_NGINX_PORT:-8090} APP_PORT=${CLUSTER_APP_PORT:-8099} ;;
    compare)
      PG_PORT=${COMPARE_PG_PORT:-55435} PG_BASE=${COMPARE_PG_BASE:-/tmp/session-auth-compare/pg}
      HTTP_PORT=${COMPARE_HTTP_PORT:-8087} MANAGEMENT_PORT=${COMPARE_MANAGEMENT_PORT:-9087} ;;
    *) echo "bench_use_ports: unknown set $1" >&2; exit 2 ;;
  esac
  export BENCH_PG_PORT=$PG_PORT BENCH_PG_BASE=$PG_BASE
}

bench_port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
bench_require_free_ports() { # hint port...: fails naming the first port in use and the variables that move it
  local hint=$1 port; shift
  for port in "$@"; do
    if bench_port_taken "$port"; then echo "port $port is already in use ($hint)" >&2; exit 1; fi
  done
}

# Where a run writes: OUT (-o) or a new folder under BENCH_RESULTS named PREFIX and the time.
bench_out_dir() { OUT=${OUT:-$BENCH_RESULTS/$1$(date -u +%Y%m%d-%H%M%S)}; mkdir -p "$OUT"; }

# ---- Options: one meaning per letter across the scripts. ----
declare -A BENCH_OPTION_VARS=([-d]=DURATION [-w]=WARMUP [-c]=CONNECTIONS [-t]=THREADS [-r]=ROUNDS [-n]=INSTANCES
  [-o]=OUT [--phases]=PHASES)
bench_help() { sed -n '2,/^set -euo/p' "$0" | sed '$d'; }
# bench_options "ACCEPTED OPTIONS" ARGS...: sets the variable of each accepted option; -h/--help prints the script's
# header and exits; other words land in BENCH_ARGS.
bench_options() {
  local accepted=" $1 "
  shift
  BENCH_ARGS=()
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) bench_help; exit 0 ;;
      -*)
        [[ $accepted == *" $1 "* ]] || { echo "unknown option $1" >&2; exit 2; }
        [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; }
        if [ "$1" != -o ] && [ "$1" != --phases ] && ! [[ $2 =~ ^[0-9]+$ ]]; then
          echo "option $1 takes a whole number, not $2" >&2; exit 2
        fi
        printf -v "${BENCH_OPTION_VARS[$1]}" '%s' "$2"
        shift 2 ;;
      *) BENCH_ARGS+=("$1"); shift ;;
    esac
  done
}
bench_no_arguments() { [ ${#BENCH_ARGS[@]} -eq 0 ] || { echo "unknown option ${BENCH_ARGS[0]}" >&2; exit 2; }; }
# Everything a script started stops with it, by the process ids it recorded, however it ends (Ctrl-C and kill
# included): the services and PostgreSQL (KEEP_PG=1 leaves PostgreSQL running for another run), or what the
# function named instead stops.
bench_clean_up() { bench_stop_services; bench_pg_stop; }
bench_stop_on_exit() { # [function]
  trap "${1:-bench_clean_up}" EXIT
  trap 'exit 130' INT TERM
  # set -e ends a script silently; say which command did it.
  trap 'echo "$0: line $LINENO: $BASH_COMMAND failed" >&2' ERR
}
bench_require() { # command install-hint
  command -v "$1" >/dev/null || { echo "$1 is missing: $2" >&2; exit 1; }
}

# ---- PostgreSQL (bench/pg.sh on PG_PORT / PG_BASE) ----
bench_psql() { "$BENCH/pg.sh" psql -qtA "$@"; }
bench_pg_start() { # starts it (or finds it running) and empties the schema; sets PG_PID
  "$BENCH/pg.sh" start
  PG_PID=$(head -1 "$PG_BASE/data/postmaster.pid")
  bench_psql -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE EXTENSION pgcrypto;" >/dev/null 2>&1
}
bench_pg_stop() { [ "${KEEP_PG:-0}" = 1 ] || "$BENCH/pg.sh" stop; } # KEEP_PG=1 leaves it running for another run
bench_pg_version() { "$BENCH/pg.sh" psql -tAc 'SHOW server_version'; }

# ---- The packaged service ----
# APP is a packaged JVM build (a quarkus-app folder: quarkus-run.jar inside), run with JAVA_OPTS (default: the
# options the container image ships, see src/main/docker/Dockerfile.jvm), or a native executable (its native-libs/
# beside it), run with NATIVE_OPTS (default none). Both get MALLOC_ARENA_MAX (default 2).
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xmx64m} NATIVE_OPTS=${NATIVE_OPTS:-} MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
bench_app_kind() { # app: jvm, native, or fails
  if [ -f "$1/quarkus-run.jar" ]; then echo jvm
  elif [ -f "$1" ] && [ -x "$1" ]; then echo native
  else echo "$1 is neither a quarkus-app folder (quarkus-run.jar) nor an executable" >&2; return 1
  fi
}
bench_describe_app() { # app: what it is, for a report
  local kind digest
  kind=$(bench_app_kind "$1")
  if [ "$kind" = jvm ]; then
    digest=$(cat "$1"/app/*.jar "$1"/quarkus/*.dat 2>/dev/null | sha256sum | cut -c1-12)
    echo "JVM, $1 (app jar + quarkus data sha256 $digest) with $JAVA_OPTS"
  else
    digest=$(sha256sum <"$1" | cut -c1-12)
    echo "native, $1 (sha256 $digest)${NATIVE_OPTS:+ with $NATIVE_OPTS}"
  fi
}
# Packages the checkout when APP is its own target/quarkus-app and that is missing; any other APP must exist.
bench_ensure_app() {
  if [ "$APP" = "$ROOT/target/quarkus-app" ] && [ ! -f "$APP/quarkus-run.jar" ]; then
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dnative-sources.skip=true)
  fi
  bench_app_kind "$APP" >/dev/null || exit 1
}

BENCH_SERVICE_PIDS=()
# bench_start_service app log http-port management-port [NAME=VALUE...]: starts it in the background against the
# benchmark's PostgreSQL, with extra environment; SERVICE_PID is its process id (the JVM's or the executable's).
bench_start_service() {
  local app=$1 log=$2 http_port=$3 management_port=$4 launch
  shift 4
  if [ "$(bench_app_kind "$app")" = jvm ]; then
    # shellcheck disable=SC2206 # JAVA_OPTS is a list of options
    launch=(java $JAVA_OPTS -jar "$app/quarkus-run.jar")
  else
    # shellcheck disable=SC2206
    launch=("$app" $NATIVE_OPTS)
  fi
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$http_port" QUARKUS_MANAGEMENT_PORT="$management_port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/sessionauth" \
    QUARKUS_DATASOURCE_USERNAME=sessionauth QUARKUS_DATASOURCE_PASSWORD=unused \
    SESSION_COOKIE_SECURE=false BCRYPT_COST="$BCRYPT_COST" SESSION_PURGE_INTERVAL="$PURGE_INTERVAL" \
    MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" "$@" "${launch[@]}" >"$log" 2>&1 &
  SERVICE_PID=$!
  BENCH_SERVICE_PIDS+=("$SERVICE_PID")
}
# bench_wait_ready pid http-port management-port name log: until ready, at most BENCH_READY_TIMEOUT (180) s.
bench_wait_ready() {
  local tries=$((${BENCH_READY_TIMEOUT:-180} * 2))
  for _ in $(seq 1 "$tries"); do
    # Health is on the management port; a copy built before that existed serves it on the application port.
    { curl -sf "http://127.0.0.1:$3/q/health/ready" || curl -sf "http://127.0.0.1:$2/q/health/ready"; } >/dev/null \
      && return 0
    bench_alive "$1" || { echo "$4 died; see $5" >&2; exit 1; }
    sleep 0.5
  done
  echo "$4 not ready after ${BENCH_READY_TIMEOUT:-180} s; see $5" >&2; exit 1
}
bench_alive() { [ -e "/proc/$1" ] && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
bench_stop_service() { # pid
  local pid kept=()
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  for pid in "${BENCH_SERVICE_PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  BENCH_SERVICE_PIDS=("${kept[@]}")
}
bench_stop_services() { # every instance this script started, by the process ids it recorded
  local pid
  for pid in "${BENCH_SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_SERVICE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  BENCH_SERVICE_PIDS=()
}

# ---- Data: users userI@bench.local with password secret123 ----
bench_seed_users() { # count bcrypt-cost
  bench_psql -c "INSERT INTO users (id, email, password_hash, role, created_at, updated_at)
    SELECT gen_random_uuid(), 'user' || i || '@bench.local', h.hash, 'USER', now(), now()
    FROM generate_series(1, $1) i, (SELECT crypt('secret123', gen_salt('bf', $2)) AS hash) h;
    ANALYZE users;" >/dev/null
}
bench_seed_sessions() { # count: sessions of the seeded users, valid for 12 hours, whose tokens nobody knows
  bench_psql -c "INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
    SELECT gen_random_uuid(), sha256(convert_to(gen_random_uuid()::text, 'UTF8')), u.ids[(i % u.n + 1)::int], now(), now(),
           now() + interval '12 hours'
    FROM generate_series(1, $1) i, (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM users) u;
    ANALYZE user_sessions;" >/dev/null
}
# bench_seed base-url: USERS users with bcrypt cost BCRYPT_COST, BACKGROUND_SESSIONS sessions, and users 1..COOKIES
# logged in (OUT/cookies.txt) and as Basic credentials (OUT/basic.txt).
bench_seed() {
  echo "seeding $USERS users and $BACKGROUND_SESSIONS sessions"
  bench_seed_users "$USERS" "$BCRYPT_COST"
  bench_seed_sessions "$BACKGROUND_SESSIONS"
  bench_login_cookies "$1" 1 "$COOKIES" "$OUT/cookies.txt"
  bench_basic_lines 1 "$COOKIES" >"$OUT/basic.txt"
}
# The login loop: logs users first..last in through base-url, one after the other, and writes their session cookies
# (name=value, one a line) to file; fails unless every login gave one.
bench_login_cookies() { # base-url first last file
  local cookie=${SESSION_NAME:-_my_session_id} i
  for i in $(seq "$2" "$3"); do
    curl -s -o /dev/null -c - -d "email=user$i@bench.local" -d "password=secret123" "$1/api/v1/auth_session/login" \
      | awk -v name="$cookie" '$6 == name { print name "=" $7 }'
  done >"$4"
  [ "$(wc -l <"$4")" -eq $(($3 - $2 + 1)) ] || { echo "logins for cookies failed" >&2; exit 1; }
}
# Lines for bench/lua/login.lua ("email password address") and basic.lua ("Basic base64 address"): user I signs in
# from an address of its own (10.x.y.z from I), or from the one given, sent as X-Forwarded-For.
bench_login_lines() { # first last [address]
  seq "$1" "$2" | awk -v address="${3:-}" '{
    a = address != "" ? address : sprintf("10.%d.%d.%d", int($1 / 65536) % 256, int($1 / 256) % 256, $1 % 256)
    print "user" $1 "@bench.local secret123 " a }'
}
bench_basic_lines() { # first last
  local email password address
  bench_login_lines "$1" "$2" | while read -r email password address; do
    printf 'Basic %s %s\n' "$(printf '%s:%s' "$email" "$password" | base64 -w0)" "$address"
  done
}

# ---- CPU and memory, from /proc ----
bench_cpu_ticks() { # pid...: utime+stime of the processes and their threads; 0 for one that has exited
  local sum=0 stat pid
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    # shellcheck disable=SC2086 # split the fields
    set -- $stat
    sum=$((sum + ${12} + ${13}))
  done
  echo "$sum"
}
bench_tree_ticks() { bench_cpu_ticks "$1" $(pgrep -P "$1"); } # a process and its children (PostgreSQL's backends)
bench_service_ticks() { bench_cpu_ticks "${BENCH_SERVICE_PIDS[@]}"; }
bench_pg_ticks() { bench_tree_ticks "$PG_PID"; }
bench_machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; } # busy idle, all cores
bench_rss_mb() { awk -v k="$2" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; } # pid VmRSS|VmHWM
# Waits (at most 15 s) until a process has finished the requests of the previous load: wrk stops waiting for answers
# when its time is up, but the service still works on what it received, and that work (up to one bcrypt per open
# connection for logins) would otherwise be counted against the next measurement.
bench_settle() { # pid
  local t0 t1
  for _ in $(seq 1 30); do
    t0=$(bench_cpu_ticks "$1"); sleep 0.5; t1=$(bench_cpu_ticks "$1")
    [ $((t1 - t0)) -le $((HZ / 20)) ] && return 0
  done
  return 0 # still busy after 15 s: measure anyway rather than abort the run (set -e)
}

# ---- wrk ----
# bench_wrk script arg duration: bench/lua/SCRIPT.lua against BASE_URL with THREADS and CONNECTIONS, which
# WRK_THREADS, WRK_CONNECTIONS (and WRK_TIMEOUT, default 10 s) override.
bench_wrk() {
  wrk -t"${WRK_THREADS:-$THREADS}" -c"${WRK_CONNECTIONS:-$CONNECTIONS}" -d"$3"s --latency --timeout "${WRK_TIMEOUT:-10s}" \
    -s "$BENCH/lua/$1.lua" "$BASE_URL" -- "$2"
}
bench_warm_up() { # seconds cookies basic logins: /me for that long, Basic for half of it, logins for a third
  [ "$1" -gt 0 ] || return 0
  echo "warming up for $1 s"
  bench_wrk me "$2" "$1" >/dev/null
  [ "$1" -lt 2 ] || bench_wrk basic "$3" "$(($1 / 2))" >/dev/null
  [ "$1" -lt 3 ] || bench_wrk login "$4" "$(($1 / 3))" >/dev/null
}
bench_wrk_row() { # wrk-output-file: req/s, p50 ms, p99 ms, errors, non-2xx (tab-separated)
  grep "^{" "$1" | tail -1 | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print("\t".join(str(v) for v in (round(r["rps"]), r["p50_ms"], r["p99_ms"], r["errors"], r["non2xx"])))'
}
# bench_measure label script arg duration ticker...: one wrk run (raw output in OUT/label.wrk.txt); prints req/s,
# p50 ms, p99 ms, errors, non-2xx, then for each ticker (a command printing CPU ticks, e.g. bench_service_ticks) its
# ms of CPU per request, then with MACHINE_BUSY=1 the share of all cores busy during the run, in %.
bench_measure() {
  local label=$1 script=$2 arg=$3 duration=$4 ticker before=() after=() m0="" m1=""
  shift 4
  for ticker in "$@"; do before+=("$($ticker)"); done
  [ "${MACHINE_BUSY:-0}" = 1 ] && m0=$(bench_machine_ticks)
  bench_wrk "$script" "$arg" "$duration" >"$OUT/$label.wrk.txt"
  [ "${MACHINE_BUSY:-0}" = 1 ] && m1=$(bench_machine_ticks)
  for ticker in "$@"; do after+=("$($ticker)"); done
  python3 - "$(grep "^{" "$OUT/$label.wrk.txt" | tail -1)" "$HZ" "$m0" "$m1" "${before[*]}" "${after[*]}" <<'PY'
import json, sys
raw, hz, m0, m1, before, after = sys.argv[1:]
r = json.loads(raw)
row = [round(r["rps"]), r["p50_ms"], r["p99_ms"], r["errors"], r["non2xx"]]
row += [round((int(b) - int(a)) / int(hz) * 1000 / max(r["requests"], 1), 3) for a, b in zip(before.split(), after.split())]
if m0:
    (busy0, idle0), (busy1, idle1) = map(int, m0.split()), map(int, m1.split())
    row.append(round(100 * (busy1 - busy0) / max(busy1 - busy0 + idle1 - idle0, 1)))
print("\t".join(map(str, row)))
PY
}

# ---- Reports ----
bench_machine() {
  echo "$(uname -sr), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB"
}
bench_commit() { (cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) || echo unknown; }
bench_md_table() { # tsv-file "| heading | ... |": a Markdown table of the file's rows after its own header line
  echo "$2"
  echo "$2" | sed 's/[^|]//g; s/|/|---/g; s/---$//'
  tail -n +2 "$1" | awk -F'\t' '{ printf "| %s |", $1; for (i = 2; i <= NF; i++) printf " %s |", $i; print "" }'
}
