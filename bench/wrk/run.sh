#!/usr/bin/env bash
# The "API under load" benchmarks of issue #5: wrk on loopback against the GraphQL service (an organisations page, a
# contact search, the whole national contact list page by page, the mapping report) and against the hand-written
# floor (bench/Directory.Api.Floor, the national contact list without GraphQL), on the bundled sample and on a
# synthetic dataset FACTOR times its size. Prints, and writes to bench/wrk/results/, one markdown table per dataset:
# requests/s, p50, p99 and the server process's peak resident memory during each scenario.
#
#   bench/wrk/run.sh                                   everything (about 6 minutes plus the first data import)
#   DATASETS=sample DURATION=5s bench/wrk/run.sh       a quick look
#
# Settings (environment): DATASETS ("sample x100"), FACTOR (100), THREADS (2), CONNECTIONS (8), DURATION (15s),
# WARMUP (3s), SEARCH ("domestic abuse"), API_PORT (5391), FLOOR_PORT (5392), SKIP_BUILD (0), TOKEN (an office
# token; otherwise obtained from the service's `token` subcommand when that is available), BUILD_SLOT (bench).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="$HERE/.data"
RESULTS="$HERE/results"
export BUILD_SLOT="${BUILD_SLOT:-bench}"
BIN="$ROOT/.artifacts/$BUILD_SLOT/bin"
API_DLL="$BIN/Directory.Api/release/Directory.Api.dll"
FLOOR_DLL="$BIN/Directory.Api.Floor/release/Directory.Api.Floor.dll"
DATAGEN_DLL="$BIN/Directory.DataGen/release/Directory.DataGen.dll"
FACTOR="${FACTOR:-100}"
DATASETS="${DATASETS:-sample x$FACTOR}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-8}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-3s}"
SEARCH="${SEARCH:-domestic abuse}"
API_PORT="${API_PORT:-5391}"
FLOOR_PORT="${FLOOR_PORT:-5392}"
API="http://127.0.0.1:$API_PORT"
FLOOR="http://127.0.0.1:$FLOOR_PORT"
# The page size of national-contact-list.graphql; the floor is asked for the same.
PAGE_SIZE=50
# Benchmarks run as in production: Development adds diagnostics and exception details to every request.
export ASPNETCORE_ENVIRONMENT=Production
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export LUA_PATH="$HERE/?.lua;;"

# A signing key for this run only: the service validates, and its `token` subcommand signs, the office token with it.
# Production has no key of its own (appsettings.Development.json's is for Development).
SIGNING_KEY="${SIGNING_KEY:-bench-$(head -c 32 /dev/urandom | base64 -w0)}"

API_PID=""
FLOOR_PID=""
stop_servers() {
  # Only the processes this script started, by their id.
  for pid in $API_PID $FLOOR_PID; do
    stop_process "$pid"
  done
  API_PID=""
  FLOOR_PID=""
}
trap stop_servers EXIT

log() { echo "run.sh: $*" >&2; }
# Not under a real-time policy (`chrt -r`, as the other benches run): with wrk's threads and the service's at one
# real-time priority on 2 cores, a thread that does not block holds its core for a whole round-robin quantum (100 ms),
# and the p99s of 8 connections became 1.8-2 s, on the floor as on the API (docs/benchmarks.md, "API under load").
if chrt -p $$ 2>/dev/null | grep -q 'SCHED_RR\|SCHED_FIFO'; then
  log "running wrk and the servers under the normal policy, not the real-time one this script was started with"
  chrt -o -p 0 $$
fi

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v jq >/dev/null || missing+=(jq)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build() {
  [[ "${SKIP_BUILD:-0}" == 1 ]] && return
  for project in src/Directory.Api bench/Directory.Api.Floor bench/Directory.DataGen; do
    log "building $project (Release, BUILD_SLOT=$BUILD_SLOT)"
    (cd "$ROOT" && dotnet build -c Release -nologo -v q "$project" >"$DATA/build.log" 2>&1) \
      || { cat "$DATA/build.log" >&2; exit 1; }
  done
}

# wait_ready url pid logfile
source "$HERE/../server.sh"

start_servers() { # database sample_data
  local connection="Data Source=$1"
  # The rate limiter (300 requests a minute per user by default) is off: wrk is one user measuring throughput.
  dotnet "$API_DLL" --urls "$API" --ConnectionStrings:Directory="$connection" --Directory:SampleData="$2" \
    --Auth:SigningKey="$SIGNING_KEY" --RateLimiting:Enabled=false >"$DATA/api.log" 2>&1 &
  API_PID=$!
  wait_ready "$API/health" "$API_PID" "$DATA/api.log"
  dotnet "$FLOOR_DLL" --urls "$FLOOR" --ConnectionStrings:Directory="$connection" --Auth:SigningKey="$SIGNING_KEY" \
    >"$DATA/floor.log" 2>&1 &
  FLOOR_PID=$!
  wait_ready "$FLOOR/health" "$FLOOR_PID" "$DATA/floor.log"
}

# The sample: the service loads it into an empty database on its first start. The synthetic dataset: written by
# DataGen and imported once; a marker file says the import finished, so an interrupted one is redone.
data_stamp() {
  (cd "$ROOT" && git ls-files -s data src/Directory.Data/Import src/Directory.Data/Migrations bench/Directory.DataGen) | sha1sum | cut -c1-40
}

# The marker holds a digest of what the database's content depends on (data, importer, migrations, generator), so a
# change to any of them rebuilds the cached database.
prepare_database() { # dataset -> path
  local dataset="$1" db="$DATA/$1.db" stamp
  stamp="$(data_stamp)"
  if [[ "$(cat "$db.complete" 2>/dev/null)" != "$stamp" ]]; then
    rm -rf "$db" "$db-wal" "$db-shm" "$db.complete"
  fi
  if [[ "$dataset" == sample ]]; then
    # Loaded by the service on its first start (Directory:SampleData=true); marked once it has answered /health.
    echo "$db"
    return
  fi
  local factor="${dataset#x}"
  if [[ ! -f "$db.complete" ]]; then
    rm -rf "$db" "$db-wal" "$db-shm" "$DATA/$dataset-csv"
    log "generating the ${factor}x dataset"
    (cd "$ROOT" && dotnet "$DATAGEN_DLL" generate data/stadv-2020 "$factor" "$DATA/$dataset-csv") >&2
    log "importing it into $db (a minute or more)"
    dotnet "$DATAGEN_DLL" import sqlite "Data Source=$db" "$DATA/$dataset-csv" | grep '^RESULT' >&2
    echo "$stamp" >"$db.complete"
  fi
  echo "$db"
}

obtain_token() {
  if [[ -n "${TOKEN:-}" ]]; then
    log "using TOKEN from the environment"
    return
  fi
  local output
  if output="$(cd "$ROOT" && dotnet "$API_DLL" token --role commissioner-office --minutes 120 --Auth:SigningKey="$SIGNING_KEY" 2>/dev/null)"; then
    TOKEN="$(printf '%s\n' "$output" | grep -v '^[[:space:]]*$' | tail -1 | sed 's/^Bearer //')"
    export TOKEN
    log "measuring with a commissioner-office token"
  else
    log "no token: the service's token subcommand is not available, requests are anonymous"
  fi
}

auth_description() { [[ -n "${TOKEN:-}" ]] && echo "with a commissioner-office token" || echo "anonymous"; }

graphql() { # body-file -> response body
  curl -sS -X POST "$API/graphql" -H 'Content-Type: application/json' -H 'Accept: application/graphql-response+json' \
    ${TOKEN:+-H "Authorization: Bearer $TOKEN"} --data-binary @"$1"
}

cursor() { sed -n "$(($1 + 1))p" "$2/cursors.txt"; } # page, work-folder -> the cursor of that page ("" for the first)

# Request bodies; the national contact list's cursors, read by walking its pages (keyset cursors: the last row's sort
# keys, see src/Directory.Api/Paging/PageRequest.cs) and checked below by comparing pages with the floor.
prepare_requests() { # work-folder
  local work="$1"
  jq -n --rawfile q "$HERE/organisations.graphql" '{query: $q}' >"$work/organisations.json"
  jq -n --rawfile q "$HERE/contact-search.graphql" --arg s "$SEARCH" '{query: $q, variables: {search: $s}}' >"$work/contact-search.json"
  jq -n --rawfile q "$HERE/mapping-report.graphql" '{query: $q}' >"$work/mapping-report.json"
  jq -Rs . "$HERE/national-contact-list.graphql" >"$work/national-contact-list.query.json"
  jq -n --rawfile q "$HERE/national-contact-list.graphql" '{query: $q}' >"$work/ncl-first.json"

  for scenario in organisations contact-search mapping-report ncl-first; do
    graphql "$work/$scenario.json" >"$work/$scenario.response.json"
    if ! jq -e '(.errors == null) and (.data != null)' "$work/$scenario.response.json" >/dev/null; then
      log "$scenario returned errors:"; head -c 2000 "$work/$scenario.response.json" >&2; exit 1
    fi
  done
  TOTAL_ROWS="$(jq '.data.nationalContactList.totalCount' "$work/ncl-first.response.json")"
  PAGES=$(((TOTAL_ROWS + PAGE_SIZE - 1) / PAGE_SIZE))
  ((PAGES > 0)) || PAGES=1 # an empty list is still one (empty) page
  : >"$work/cursors.txt"
  echo "" >>"$work/cursors.txt"
  local after="" previous="$work/ncl-first.response.json"
  for ((page = 1; page < PAGES; page++)); do
    after="$(jq -r '.data.nationalContactList.pageInfo.endCursor' "$previous")"
    echo "$after" >>"$work/cursors.txt"
    jq -n --rawfile q "$HERE/national-contact-list.graphql" --arg a "$after" '{query: $q, variables: {after: $a}}' >"$work/ncl-page.json"
    graphql "$work/ncl-page.json" >"$work/ncl-page.response.json"
    previous="$work/ncl-page.response.json"
  done
  SEARCH_TOTAL="$(jq '.data.contacts.totalCount' "$work/contact-search.response.json")"
  log "national contact list: $TOTAL_ROWS rows, $PAGES pages of $PAGE_SIZE; search \"$SEARCH\": $SEARCH_TOTAL contacts"
}

# The floor must return what GraphQL returns, or the comparison means nothing: the first, a middle and the last page.
check_floor() { # work-folder
  local work="$1" verdicts=() contacts=0
  for page in 0 $((PAGES / 2)) $((PAGES - 1)); do
    local after="" query
    after="$(cursor "$page" "$work")"
    if [[ -n "$after" ]]; then
      jq -n --rawfile q "$HERE/national-contact-list.graphql" --arg a "$after" '{query: $q, variables: {after: $a}}' >"$work/check.json"
      query="&after=$(jq -rn --arg a "$after" '$a|@uri')"
    else
      jq -n --rawfile q "$HERE/national-contact-list.graphql" '{query: $q}' >"$work/check.json"
      query=""
    fi
    graphql "$work/check.json" >"$work/check.graphql.json"
    curl -sS ${TOKEN:+-H "Authorization: Bearer $TOKEN"} "$FLOOR/floor/national-contact-list?first=$PAGE_SIZE$query" >"$work/check.floor.json"
    if cmp -s "$work/check.graphql.json" "$work/check.floor.json"; then
      verdicts+=("page $((page + 1)): identical bytes")
    elif diff <(jq -S . "$work/check.graphql.json") <(jq -S . "$work/check.floor.json") >"$work/check.diff"; then
      verdicts+=("page $((page + 1)): equal JSON")
    else
      log "the floor differs from GraphQL on page $((page + 1)) (the floor shows every contact, as the office sees them;" \
        "without an office token GraphQL shows fewer):"
      head -40 "$work/check.diff" >&2
      exit 1
    fi
    contacts=$((contacts + $(jq '[.data.nationalContactList.nodes[] | (.contacts + .countyContacts)[]] | length' "$work/check.graphql.json")))
  done
  FLOOR_CHECK="$(printf '%s, ' "${verdicts[@]}")$contacts contacts in those pages"
  log "floor check: $FLOOR_CHECK"
}

peak_rss_reset() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }
# User plus system CPU time of the server process, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
peak_rss_mb() { awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

run_wrk() { # label pid url script [VAR=value ...]
  local label="$1" pid="$2" url="$3" script="$4"
  shift 4
  # WRK_CONNECTIONS overrides CONNECTIONS for one scenario (a single client's latency, without queueing).
  local connections="${WRK_CONNECTIONS:-$CONNECTIONS}" threads="$THREADS"
  ((threads > connections)) && threads="$connections"
  env "$@" wrk -t1 -c2 -d"$WARMUP" --timeout 30s -s "$HERE/$script" "$url" >/dev/null
  peak_rss_reset "$pid"
  local output cpu_before cpu_after
  cpu_before="$(cpu_ticks "$pid")"
  output="$(env "$@" wrk -t"$threads" -c"$connections" -d"$DURATION" --timeout 30s --latency -s "$HERE/$script" "$url")"
  cpu_after="$(cpu_ticks "$pid")"
  printf '### %s\n%s\n\n' "$label" "$output" >>"$RAW"
  local result
  result="$(grep '^RESULT' <<<"$output")"
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
  local errors=$(($(field socket_errors) + $(field non2xx) + $(field timeouts)))
  local cpu_per_request
  cpu_per_request="$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" -v n="$(field requests)" \
    'BEGIN { printf "%.1f", (n > 0 ? t * 1000 / hz / n : 0) }')"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$connections" "$(field rps)" "$(field p50_ms)" \
    "$(field p99_ms)" "$(field max_ms)" "$cpu_per_request" "$(peak_rss_mb "$pid")" "$errors" \
    "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$TABLE"
  echo "$label $cpu_per_request $(field p50_ms) $(field p99_ms) $(field rps)" >>"$FIGURES"
}

run_dataset() { # dataset
  local dataset="$1" work="$DATA/work-$1" db
  mkdir -p "$work"
  db="$(prepare_database "$dataset")"
  local sample_data=false
  [[ "$dataset" == sample ]] && sample_data=true
  start_servers "$db" "$sample_data"
  [[ "$dataset" == sample ]] && data_stamp >"$DATA/sample.db.complete"
  prepare_requests "$work"
  check_floor "$work"

  TABLE="$RESULTS/$dataset.md"
  RAW="$RESULTS/$dataset.wrk.txt"
  FIGURES="$work/figures.txt"
  : >"$RAW"
  : >"$FIGURES"
  {
    echo "#### $dataset — $(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a ${WARMUP} warm-up), $TOTAL_ROWS national contact list rows" \
      "($PAGES pages of $PAGE_SIZE), search \"$SEARCH\" matching $SEARCH_TOTAL contacts, requests $(auth_description)."
    echo "Floor check: $FLOOR_CHECK."
    echo
    echo "| Scenario | Connections | Requests/s | p50 (ms) | p99 (ms) | max (ms) | Server CPU (ms/request) | Peak RSS (MB) | Errors | Load (1 min) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  } | tee "$TABLE"

  run_wrk "organisations page (first: 25)" "$API_PID" "$API" graphql.lua BODY_FILE="$work/organisations.json"
  run_wrk "contact search \"$SEARCH\"" "$API_PID" "$API" graphql.lua BODY_FILE="$work/contact-search.json"
  run_wrk "national contact list, all pages (GraphQL)" "$API_PID" "$API" paged.lua MODE=graphql \
    CURSORS_FILE="$work/cursors.txt" QUERY_FILE="$work/national-contact-list.query.json"
  run_wrk "national contact list, all pages (floor)" "$FLOOR_PID" "$FLOOR" paged.lua MODE=floor \
    CURSORS_FILE="$work/cursors.txt" PAGE_SIZE="$PAGE_SIZE"
  # One client: latency without queueing, where the machine's other work matters least.
  WRK_CONNECTIONS=1 run_wrk "national contact list, one client (GraphQL)" "$API_PID" "$API" paged.lua MODE=graphql \
    CURSORS_FILE="$work/cursors.txt" QUERY_FILE="$work/national-contact-list.query.json"
  WRK_CONNECTIONS=1 run_wrk "national contact list, one client (floor)" "$FLOOR_PID" "$FLOOR" paged.lua MODE=floor \
    CURSORS_FILE="$work/cursors.txt" PAGE_SIZE="$PAGE_SIZE"
  run_wrk "mapping report" "$API_PID" "$API" graphql.lua BODY_FILE="$work/mapping-report.json"
  WRK_CONNECTIONS=1 run_wrk "mapping report, one client" "$API_PID" "$API" graphql.lua BODY_FILE="$work/mapping-report.json"

  {
    echo
    ratio() { # label-a label-b -> "p50 x, p99 x, CPU x" of a over b
      awk -v a="$(grep -F "$1" "$FIGURES" | awk '{ print $(NF-3), $(NF-2), $(NF-1) }')" \
        -v b="$(grep -F "$2" "$FIGURES" | awk '{ print $(NF-3), $(NF-2), $(NF-1) }')" 'BEGIN {
        split(a, x, " "); split(b, y, " ");
        printf "p50 %.2fx, p99 %.2fx, server CPU per request %.2fx", x[2] / y[2], x[3] / y[3], x[1] / y[1] }'
    }
    echo "GraphQL / floor on the national contact list (target: latency <= 1.5x):" \
      "$CONNECTIONS connections $(ratio 'all pages (GraphQL)' 'all pages (floor)');" \
      "one client $(ratio 'one client (GraphQL)' 'one client (floor)')."
    echo "Mapping report p50: $(grep '^mapping report ' "$FIGURES" | awk '{ print $(NF-2) }') ms with $CONNECTIONS connections," \
      "$(grep '^mapping report, one client' "$FIGURES" | awk '{ print $(NF-2) }') ms with one (target on the 100x dataset: < 50 ms)."
    echo
  } | tee -a "$TABLE"
  stop_servers
}

mkdir -p "$DATA" "$RESULTS"
install_tools
build
obtain_token
{
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)," \
    "Linux $(uname -r), .NET SDK $(dotnet --version) (runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), ASPNETCORE_ENVIRONMENT=$ASPNETCORE_ENVIRONMENT, SQLite."
  echo
} | tee "$RESULTS/machine.md"
for dataset in $DATASETS; do
  run_dataset "$dataset"
done
