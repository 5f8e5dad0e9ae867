#!/usr/bin/env bash
# Same-window A/B comparison of two builds of session-auth: one throwaway PostgreSQL (bench/pg.sh), the same seeded
# data, the same wrk load, the two builds taking turns.
#
#   bench/compare.sh [-d SECS] [-w WARMUP_SECS] [-c CONNECTIONS] [-t THREADS] [-r ROUNDS] [--phases LIST] [-o DIR]
#                    [LABEL=]APP_A [LABEL=]APP_B
#
# Each APP is a packaged JVM build (a quarkus-app folder, e.g. a copy of target/quarkus-app, run with
# `java $JAVA_OPTS -jar`, default the image's -XX:+UseSerialGC -Xmx64m) or a native executable (its native-libs/
# beside it, run with NATIVE_OPTS, default none); both with MALLOC_ARENA_MAX (2). LABEL names it in the results
# (default a and b).
# Setup: PostgreSQL with an empty schema; each build started once, unmeasured (A migrates the schema, B applies any
# migration A lacks, and both have their files read once); USERS (10000) users with bcrypt cost BCRYPT_COST (10),
# BACKGROUND_SESSIONS (100000) other sessions, COOKIES (200) users logged in through A.
# Then ROUNDS (2) rounds, A then B in odd rounds and B then A in even ones, so that a change in the machine's load
# hits both alike. In each round each build is started afresh and measured:
#   start-up   wall time from its launch to the first 200 of GET /api/v1/status, and the CPU it used until then
#   idle RSS   its resident set once it is idle after start-up
#   then it answers each Basic credential once (its cache of verified credentials fills), warms up as bench/run.sh
#   does (/me for WARMUP_SECS, Basic for half of it, logins for a third) and runs each phase for SECS seconds:
#   me      GET /api/v1/users/me with a session cookie (rotating over COOKIES sessions)
#   basic   GET /api/v1/users/me with HTTP Basic (rotating over COOKIES users)
#   verify  GET /api/v1/auth_session/verify with a session cookie, as nginx auth_request calls it
#   login   POST /api/v1/auth_session/login, rotating over the users that hold none of the cookies' sessions
#   each with req/s, p50, p99, CPU of the service and of PostgreSQL per request, and the service's resident set at
#   the end of the phase (under load) and its peak.
# Results: DIR/results.tsv (one row per round, build and phase), DIR/startup.tsv, raw wrk output and service logs,
# and DIR/results.md: per build the medians over the rounds, and B against A as the median (and range) of the
# per-round ratios B/A. Run a build against a copy of itself to see the noise of the machine. NOTE="..." adds a
# line to results.md (say what else was running). COMPARE_PG_PORT (55435), COMPARE_PG_BASE
# (/tmp/session-auth-compare/pg), COMPARE_HTTP_PORT (8087) and COMPARE_MANAGEMENT_PORT (9087) move it (bench/lib.sh).
# Needs wrk (apt-get install -y wrk) and PostgreSQL 15's binaries (Debian's postgresql package).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_use_ports compare

DURATION=10 WARMUP=30 CONNECTIONS=32 THREADS=2 ROUNDS=2 PHASES="me,basic,verify,login" OUT=""
USERS=${USERS:-10000} COOKIES=${COOKIES:-200} BACKGROUND_SESSIONS=${BACKGROUND_SESSIONS:-100000}
BCRYPT_COST=${BCRYPT_COST:-10} PURGE_INTERVAL=${SESSION_PURGE_INTERVAL:-5m}
bench_options "-d -w -c -t -r --phases -o" "$@"
[ ${#BENCH_ARGS[@]} -eq 2 ] || { echo "usage: $0 [options] [LABEL=]APP_A [LABEL=]APP_B (-h for help)" >&2; exit 2; }
LABELS=() APPS=()
for i in 0 1; do
  arg=${BENCH_ARGS[$i]} label=$([ "$i" = 0 ] && echo a || echo b)
  [[ $arg == *=* ]] && { label=${arg%%=*}; arg=${arg#*=}; }
  [[ $label =~ ^[A-Za-z0-9._-]+$ ]] || { echo "label $label: letters, digits, . _ - only" >&2; exit 2; }
  arg=$(realpath "$arg") && bench_app_kind "$arg" >/dev/null || exit 2
  LABELS+=("$label") APPS+=("$arg")
done
[ "${LABELS[0]}" != "${LABELS[1]}" ] || { echo "the two builds need different labels" >&2; exit 2; }
for phase in ${PHASES//,/ }; do
  case "$phase" in me | basic | verify | login) ;; *) echo "unknown phase $phase" >&2; exit 2 ;; esac
done
[ "$USERS" -gt "$COOKIES" ] || { echo "USERS must exceed COOKIES: logins use the users without cookies" >&2; exit 2; }
bench_require wrk "apt-get install -y wrk"
bench_out_dir compare-
BASE_URL=http://127.0.0.1:$HTTP_PORT
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M')

bench_require_free_ports "set COMPARE_HTTP_PORT / COMPARE_MANAGEMENT_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"
bench_stop_on_exit
bench_pg_start

# start label app log: starts the build and waits for its first 200; sets STARTUP_MS (from launch to that answer)
# and STARTUP_CPU_MS (the CPU the process used until then).
start() {
  local t0
  t0=$EPOCHREALTIME
  bench_start_service "$2" "$3" "$HTTP_PORT" "$MANAGEMENT_PORT" \
    QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
    QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1 SESSION_IDLE_TIMEOUT=30m
  STARTUP_MS=$(python3 - "$HTTP_PORT" "$t0" "${BENCH_READY_TIMEOUT:-180}" "$SERVICE_PID" <<'PY'
import http.client, sys, time
port, t0, timeout, pid = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
def alive():
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
while time.time() - t0 < timeout and alive():
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/api/v1/status")
        if connection.getresponse().status == 200:
            print(round((time.time() - t0) * 1000))
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.005)
sys.exit(1)
PY
  ) || { echo "$1 gave no 200 on /api/v1/status; see $3" >&2; exit 1; }
  STARTUP_CPU_MS=$(($(bench_cpu_ticks "$SERVICE_PID") * 1000 / HZ))
  bench_wait_ready "$SERVICE_PID" "$HTTP_PORT" "$MANAGEMENT_PORT" "$1" "$3"
}
fill_basic_cache() { # each Basic credential once, four at a time
  awk '{ print $2, $3 }' "$OUT/basic.txt" | xargs -P 4 -L 1 sh -c \
    'curl -s -o /dev/null -H "Authorization: Basic $0" -H "X-Forwarded-For: $1" "'"$BASE_URL"'/api/v1/users/me"'
}

echo "setup: each build started once; $USERS users, $BACKGROUND_SESSIONS sessions, $COOKIES logged in through ${LABELS[0]}"
for app in 0 1; do
  start "${LABELS[$app]}" "${APPS[$app]}" "$OUT/setup-${LABELS[$app]}.log"
  echo "  ${LABELS[$app]}: first 200 after $STARTUP_MS ms (schema migrated as needed)"
  [ "$app" = 1 ] || bench_seed "$BASE_URL"
  bench_stop_service "$SERVICE_PID"
done
bench_login_lines $((COOKIES + 1)) "$USERS" >"$OUT/logins.txt"

echo -e "round\tapp\tstartup_ms\tstartup_cpu_ms\tidle_rss_mb\tload_before" >"$OUT/startup.tsv"
echo -e "round\tapp\tphase\trps\tp50_ms\tp99_ms\terrors\tnon2xx\tservice_cpu_ms_per_req\tpg_cpu_ms_per_req\trss_mb\tpeak_rss_mb\tload_before" \
  >"$OUT/results.tsv"
measure_build() { # round index
  local label=${LABELS[$2]} load phase row file
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "=== round $1: $label ($(date -u +%T), load average $load)"
  start "$label" "${APPS[$2]}" "$OUT/r$1-$label.log"
  bench_settle "$SERVICE_PID"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$label" "$STARTUP_MS" "$STARTUP_CPU_MS" "$(bench_rss_mb "$SERVICE_PID" VmRSS)" \
    "$load" >>"$OUT/startup.tsv"
  tail -1 "$OUT/startup.tsv"
  fill_basic_cache
  bench_warm_up "$WARMUP" "$OUT/cookies.txt" "$OUT/basic.txt" "$OUT/logins.txt"
  for phase in ${PHASES//,/ }; do
    case "$phase" in me | verify) file=cookies ;; basic) file=basic ;; login) file=logins ;; esac
    bench_settle "$SERVICE_PID"
    load=$(cut -d' ' -f1 /proc/loadavg)
    row=$(bench_measure "r$1-$label-$phase" "$phase" "$OUT/$file.txt" "$DURATION" bench_service_ticks bench_pg_ticks)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$label" "$phase" "$row" "$(bench_rss_mb "$SERVICE_PID" VmRSS)" \
      "$(bench_rss_mb "$SERVICE_PID" VmHWM)" "$load" >>"$OUT/results.tsv"
    tail -1 "$OUT/results.tsv"
  done
  bench_stop_service "$SERVICE_PID"
}
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="0 1"; else order="1 0"; fi
  for app in $order; do measure_build "$round" "$app"; done
done

{
  echo "# session-auth A/B comparison, $STARTED UTC"
  echo
  echo "Command: \`bench/compare.sh -d $DURATION -w $WARMUP -c $CONNECTIONS -t $THREADS -r $ROUNDS --phases $PHASES ${BENCH_ARGS[*]}\`"
  echo "Machine: $(bench_machine); load average at start $LOAD_AT_START, at end $(cut -d' ' -f1-3 /proc/loadavg)"
  [ -n "${NOTE:-}" ] && echo "Note: $NOTE"
  echo "Builds: ${LABELS[0]} = $(bench_describe_app "${APPS[0]}"); ${LABELS[1]} = $(bench_describe_app "${APPS[1]}"); MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX; $(java -version 2>&1 | head -1)"
  echo "Data: $USERS users (bcrypt cost $BCRYPT_COST), $BACKGROUND_SESSIONS other sessions, $COOKIES cookies/credentials rotated; PostgreSQL $(bench_pg_version); bench commit $(bench_commit)"
  echo
  python3 - "$OUT/startup.tsv" "$OUT/results.tsv" "${LABELS[0]}" "${LABELS[1]}" <<'PY'
import csv, statistics, sys
startup = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
results = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
a, b = sys.argv[3], sys.argv[4]
phases = list(dict.fromkeys(r["phase"] for r in results))
rounds = list(dict.fromkeys(r["round"] for r in startup))

def values(rows, key, **match):
    return [float(r[key]) for r in rows if all(r[k] == v for k, v in match.items())]

def spread(xs, digits=0):
    fmt = lambda x: f"{x:,.{digits}f}".replace(",", " ")
    if not xs:
        return "-"
    return fmt(statistics.median(xs)) + (f" ({fmt(min(xs))}–{fmt(max(xs))})" if len(xs) > 1 else "")

def ratios(rows, key, **match):
    out = []
    for rnd in rounds:
        va, vb = values(rows, key, round=rnd, app=a, **match), values(rows, key, round=rnd, app=b, **match)
        if va and vb and va[0] > 0:
            out.append(vb[0] / va[0])
    return out

def ratio_cell(xs):
    if not xs:
        return "-"
    cell = f"{statistics.median(xs):.3f}"
    return cell + (f" ({min(xs):.3f}–{max(xs):.3f})" if len(xs) > 1 else "")

print(f"Medians over {len(rounds)} rounds (range in brackets); each build started afresh in every round.")
print()
print("| build | start-up to first 200, ms | start-up CPU, ms | idle RSS MB | RSS under load MB (at the end of each phase) | peak RSS MB (highest) |")
print("|---|---|---|---|---|---|")
for app in (a, b):
    print(f"| {app} | {spread(values(startup, 'startup_ms', app=app))} | {spread(values(startup, 'startup_cpu_ms', app=app))} "
          f"| {spread(values(startup, 'idle_rss_mb', app=app))} | {spread(values(results, 'rss_mb', app=app))} "
          f"| {max(values(results, 'peak_rss_mb', app=app), default=float('nan')):.0f} |")
print()
print("| phase | build | req/s | p50 ms | p99 ms | service CPU ms/req | PostgreSQL CPU ms/req | errors + non-2xx |")
print("|---|---|---|---|---|---|---|---|")
for phase in phases:
    for app in (a, b):
        bad = sum(values(results, "errors", app=app, phase=phase) + values(results, "non2xx", app=app, phase=phase))
        print(f"| {phase} | {app} | {spread(values(results, 'rps', app=app, phase=phase))} "
              f"| {spread(values(results, 'p50_ms', app=app, phase=phase), 2)} | {spread(values(results, 'p99_ms', app=app, phase=phase), 2)} "
              f"| {spread(values(results, 'service_cpu_ms_per_req', app=app, phase=phase), 3)} "
              f"| {spread(values(results, 'pg_cpu_ms_per_req', app=app, phase=phase), 3)} | {bad:.0f} |")
print()
print(f"{b} against {a}: the median (and range) over the rounds of {b}'s figure divided by {a}'s in the same round.")
print()
print(f"| measure | {b} / {a} |")
print("|---|---|")
print(f"| start-up to first 200 | {ratio_cell(ratios(startup, 'startup_ms'))} |")
print(f"| start-up CPU | {ratio_cell(ratios(startup, 'startup_cpu_ms'))} |")
print(f"| idle RSS | {ratio_cell(ratios(startup, 'idle_rss_mb'))} |")
for phase in phases:
    print(f"| {phase} req/s | {ratio_cell(ratios(results, 'rps', phase=phase))} |")
    print(f"| {phase} service CPU per request | {ratio_cell(ratios(results, 'service_cpu_ms_per_req', phase=phase))} |")
    print(f"| {phase} RSS at the end of the phase | {ratio_cell(ratios(results, 'rss_mb', phase=phase))} |")
PY
  echo
  echo "Every measurement (load average: 1-minute, just before it):"
  echo
  bench_md_table "$OUT/startup.tsv" "| round | build | start-up ms | start-up CPU ms | idle RSS MB | load average |"
  echo
  bench_md_table "$OUT/results.tsv" "| round | build | phase | req/s | p50 ms | p99 ms | errors | non-2xx | service CPU ms/req | PostgreSQL CPU ms/req | RSS MB | peak RSS MB | load average |"
} >"$OUT/results.md"
cat "$OUT/results.md"
