#!/usr/bin/env bash
# The soak of issue 15 (section 6): mixed reads, searches, writes, exports and erasures at a fixed rate for a fixed
# time against (a) the service on SQLite and (b) two service instances on one PostgreSQL database. Records every
# request's latency and outcome and each server's resident memory and CPU time, then writes per-minute tables, a
# plot and the markdown for docs/benchmarks.md. Not part of `dotnet test`. See bench/soak/README.md.
#
#   bench/soak/run.sh                               both targets, 20 minutes each at 20 requests/s
#   DURATION=2m bench/soak/run.sh                   a short check of the script and the service
#   TARGETS=sqlite DURATION=5m RATE=40 bench/soak/run.sh
#
# Settings (environment): TARGETS ("sqlite postgres"), DURATION (20m; 90s, 5m or seconds), RATE (20 requests/s),
# MAX_IN_FLIGHT (100: a request due while that many are unanswered is not sent and counts as an error),
# SAMPLE_SECONDS (5), TIMEOUT_SECONDS (30), PORT_BASE (5491), PARTNER_ORG (E06000001), SKIP_BUILD (0),
# BUILD_SLOT (soak), POSTGRES (an Npgsql connection string of a role that may create databases; default
# $DIRECTORY_TEST_POSTGRES, else the one in /tmp/pgenv), KEEP_DATABASES (0: the soak's databases are removed).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export BUILD_SLOT="${BUILD_SLOT:-soak}"
API_DLL="$ROOT/.artifacts/$BUILD_SLOT/bin/Directory.Api/release/Directory.Api.dll"
TARGETS="${TARGETS:-sqlite postgres}"
DURATION="${DURATION:-20m}"
RATE="${RATE:-20}"
MAX_IN_FLIGHT="${MAX_IN_FLIGHT:-100}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-5}"
TIMEOUT_SECONDS="${TIMEOUT_SECONDS:-30}"
PORT_BASE="${PORT_BASE:-5491}"
PARTNER_ORG="${PARTNER_ORG:-E06000001}"
KEEP_DATABASES="${KEEP_DATABASES:-0}"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$HERE/results/$STAMP"
# As in production: Development adds diagnostics and exception details to every request.
export ASPNETCORE_ENVIRONMENT=Production
export DOTNET_CLI_TELEMETRY_OPTOUT=1
# A signing key for this run only; the tokens come from the service's own `token` subcommand.
SIGNING_KEY="soak-$(head -c 32 /dev/urandom | base64 -w0)"

log() { echo "run.sh: $*" >&2; }

seconds_of() { # 20m | 90s | 1200 -> seconds
  case "$1" in
    *m) echo $((${1%m} * 60)) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DURATION_SECONDS="$(seconds_of "$DURATION")"
[[ "$DURATION_SECONDS" =~ ^[0-9]+$ && "$DURATION_SECONDS" -gt 0 ]] || { log "DURATION must be like 20m, 90s or 1200"; exit 2; }

SERVER_PIDS=()
PG_DATABASE=""
stop_servers() {
  # Only the processes this script started, by their id; SIGTERM is a graceful stop.
  for pid in "${SERVER_PIDS[@]}"; do
    stop_process "$pid"
  done
  SERVER_PIDS=()
}
drop_pg_database() {
  if [[ -n "$PG_DATABASE" && "$KEEP_DATABASES" != 1 ]]; then
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $PG_DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  PG_DATABASE=""
}
cleanup() { stop_counters; stop_servers; drop_pg_database; }
trap cleanup EXIT

build() {
  [[ "${SKIP_BUILD:-0}" == 1 ]] && return
  mkdir -p "$RESULTS"
  log "building src/Directory.Api (Release, BUILD_SLOT=$BUILD_SLOT)"
  (cd "$ROOT" && dotnet build -c Release -nologo -v q src/Directory.Api >"$RESULTS/build.log" 2>&1) \
    || { cat "$RESULTS/build.log" >&2; exit 1; }
}

token() { # role [--org CODE]
  local minutes=$((DURATION_SECONDS / 60 + 60))
  dotnet "$API_DLL" token --role "$@" --minutes "$minutes" --sub "soak-$1" --Auth:SigningKey="$SIGNING_KEY" | tail -1
}

start_server() { # log-file port provider connection-string
  # The rate limiter stays on, as in production, with limits the fixed rate cannot reach (the soak is a handful of
  # users sending 20 requests a second between them).
  dotnet "$API_DLL" --urls "http://127.0.0.1:$2" --Database:Provider="$3" --ConnectionStrings:Directory="$4" \
    --Directory:SampleData=true --Auth:SigningKey="$SIGNING_KEY" \
    --RateLimiting:PermitsPerUser=1000000 --RateLimiting:PermitsPerAddress=1000000 >"$1" 2>&1 &
  SERVER_PIDS+=($!)
}

# wait_ready url pid logfile
source "$HERE/../server.sh"

# RSS alone cannot say whether memory levels off: it mixes the managed heap with what the GC keeps committed and with
# native memory (SQLite's page caches, Npgsql buffers). When dotnet-counters is installed
# (`dotnet tool install -g dotnet-counters`), each server's System.Runtime counters (GC heap size by generation, GC
# committed memory, working set) are recorded beside it, and report.mjs puts the GC heap in the tables and the plot.
COUNTER_PIDS=()
start_counters() { # out-folder
  local counters index=0 pid
  counters="$(command -v dotnet-counters || echo "$HOME/.dotnet/tools/dotnet-counters")"
  [[ -x "$counters" ]] || { log "dotnet-counters not installed: GC heap sizes are not recorded"; return 0; }
  for pid in "${SERVER_PIDS[@]}"; do
    index=$((index + 1))
    "$counters" collect --process-id "$pid" --refresh-interval "$SAMPLE_SECONDS" --format csv \
      --output "$1/counters-$index.csv" --counters System.Runtime >"$1/counters-$index.log" 2>&1 &
    COUNTER_PIDS+=($!)
  done
}
# SIGTERM: a background job of a non-interactive shell ignores SIGINT; the CSV is written as it goes.
stop_counters() {
  for pid in "${COUNTER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  COUNTER_PIDS=()
}

run_soak() { # target out-folder port...
  local target="$1" out="$2"
  shift 2
  local urls pids
  urls="$(printf '"http://127.0.0.1:%s",' "$@")"
  pids="$(printf '%s,' "${SERVER_PIDS[@]}")"
  cat >"$out/config.json" <<EOF
{
  "target": "$target", "urls": [${urls%,}], "pids": [${pids%,}],
  "tokens": { "office": "$OFFICE_TOKEN", "partner": "$PARTNER_TOKEN", "government": "$GOVERNMENT_TOKEN", "voluntarySector": "$VOLUNTARY_TOKEN" },
  "partnerOrganisation": "$PARTNER_ORG", "rate": $RATE, "durationSeconds": $DURATION_SECONDS, "maxInFlight": $MAX_IN_FLIGHT,
  "sampleSeconds": $SAMPLE_SECONDS, "timeoutSeconds": $TIMEOUT_SECONDS, "out": "$out"
}
EOF
  log "$target: $RATE requests/s for $DURATION_SECONDS s against $# instance(s)"
  local status=0
  node "$HERE/soak.mjs" "$out/config.json" || status=$?
  # The tokens are secrets of this run only, but need not lie around in the results.
  rm -f "$out/config.json"
  return "$status"
}

# After the run: what the servers logged as failures (ASP.NET Core's console logger marks them "fail:" / "crit:").
server_failures() { # log-file...
  local file
  for file in "$@"; do
    echo "$(basename "$file"): $(grep -cE '^(fail|crit): ' "$file" || true) failure entries"
  done
}

soak_sqlite() {
  local out="$RESULTS/sqlite" port="$PORT_BASE"
  mkdir -p "$out"
  local db="$out/directory.db"
  start_server "$out/server-1.log" "$port" Sqlite "Data Source=$db"
  wait_ready "http://127.0.0.1:$port/health" "${SERVER_PIDS[0]}" "$out/server-1.log"
  start_counters "$out"
  local status=0
  run_soak sqlite "$out" "$port" || status=$?
  stop_counters
  # The database's size says how much the soak's writes grew the data the page caches hold.
  local size
  size="$(du -m "$db" | cut -f1)"
  stop_servers
  server_failures "$out/server-1.log" >"$out/server-failures.txt"
  echo "database file after the soak: $size MB" >>"$out/server-failures.txt"
  if command -v sqlite3 >/dev/null; then
    echo "integrity_check after the soak: $(sqlite3 "$db" 'PRAGMA integrity_check')" >>"$out/server-failures.txt"
  fi
  [[ "$KEEP_DATABASES" == 1 ]] || rm -f "$db" "$db-wal" "$db-shm"
  return "$status"
}

soak_postgres() {
  local admin
  admin="$(pg_admin_connection)" || return 1
  pg_environment "$admin"
  PG_DATABASE="directory_soak_${STAMP//-/_}"
  psql -q -d postgres -c "CREATE DATABASE $PG_DATABASE" >/dev/null
  local connection
  connection="$(pg_database_connection "$admin" "$PG_DATABASE")"
  local out="$RESULTS/postgres" first="$((PORT_BASE + 1))" second="$((PORT_BASE + 2))"
  mkdir -p "$out"
  # Both instances start together on the empty database, as a deployment would start them.
  start_server "$out/server-1.log" "$first" Postgres "$connection"
  start_server "$out/server-2.log" "$second" Postgres "$connection"
  wait_ready "http://127.0.0.1:$first/health" "${SERVER_PIDS[0]}" "$out/server-1.log"
  wait_ready "http://127.0.0.1:$second/health" "${SERVER_PIDS[1]}" "$out/server-2.log"
  start_counters "$out"
  local status=0
  run_soak postgres "$out" "$first" "$second" || status=$?
  stop_counters
  local size
  size="$(psql -qtA -d "$PG_DATABASE" -c "SELECT pg_database_size(current_database()) / 1048576")"
  stop_servers
  server_failures "$out/server-1.log" "$out/server-2.log" >"$out/server-failures.txt"
  echo "database size after the soak: $size MB" >>"$out/server-failures.txt"
  drop_pg_database
  return "$status"
}

mkdir -p "$RESULTS"
build
[[ -f "$API_DLL" ]] || { log "$API_DLL is missing: build without SKIP_BUILD=1"; exit 1; }
OFFICE_TOKEN="$(token commissioner-office)"
PARTNER_TOKEN="$(token partner --org "$PARTNER_ORG")"
GOVERNMENT_TOKEN="$(token government)"
VOLUNTARY_TOKEN="$(token voluntary-sector)"

{
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)," \
    "Linux $(uname -r), .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }'), Node $(node --version)," \
    "commit $(cd "$ROOT" && git rev-parse --short HEAD), load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} >"$RESULTS/benchmarks.md"

failed=()
for target in $TARGETS; do
  status=0
  case "$target" in
    sqlite) soak_sqlite || status=$? ;;
    postgres) soak_postgres || status=$? ;;
    *) log "unknown target '$target' (sqlite, postgres)"; exit 2 ;;
  esac
  ((status == 0)) || failed+=("$target")
  if [[ -f "$RESULTS/$target/requests.csv" ]]; then
    node "$HERE/report.mjs" "$RESULTS/$target" >/dev/null
    cp "$RESULTS/$target/plot.svg" "$RESULTS/$target.svg"
    { cat "$RESULTS/$target/table.md"; echo; sed 's/^/Server log: /' "$RESULTS/$target/server-failures.txt"; echo; } >>"$RESULTS/benchmarks.md"
  fi
done

cat "$RESULTS/benchmarks.md"
log "results: $RESULTS (benchmarks.md: the tables for docs/benchmarks.md; <target>.svg: the plots;" \
  "<target>/requests.csv, servers.csv, minutes.csv, servers-by-minute.csv, summary.json: the records)"
errors="$(cat "$RESULTS"/*/summary.json 2>/dev/null | jq -s 'map(.totals.all.errors) | add // 0')"
if ((${#failed[@]})) || [[ "$errors" != 0 ]]; then
  log "FAILED: ${errors} request errors${failed:+; targets that did not complete: ${failed[*]}}"
  exit 1
fi
log "no errors"
