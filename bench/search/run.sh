#!/usr/bin/env bash
# Issue 18 §1–2: search latency at ×1 and ×FACTOR on SQLite or PostgreSQL, one client (sequential requests over one kept-alive connection, timed by curl), as
# p50 ratios from one run. For each dataset it starts the service (Release), asks every search REQUESTS times after
# WARMUP untimed ones, and prints a markdown table: p50 and p90 per dataset and the ratio of the p50s.
#
#   bench/search/run.sh                      ×1 and ×100 (the ×100 import takes a few minutes the first time)
#   FACTOR=10 REQUESTS=50 bench/search/run.sh
#   DATA=/tmp/search-x100 bench/search/run.sh  (a copy of the databases elsewhere: x$FACTOR.db with x$FACTOR.db.complete)
#   TOTAL_CACHE_SECONDS=0 bench/search/run.sh  (no search total kept between requests: every request counts its
#                                              matches, as the first search after a write does; default 600)
#   WRITE_BETWEEN=1 bench/search/run.sh      (each timed search right after a write: the office changes one contact's job
#                                            title, alternating two values, untimed, on the same kept-alive connection
#                                            (times_after_writes); the first search after any write, measured
#                                            directly; one client only)
#   PROVIDER=postgres bench/search/run.sh    on PostgreSQL: a database per dataset, ${PG_PREFIX}_x1 and
#                                            ${PG_PREFIX}_x$FACTOR (PG_PREFIX=search), on the server of POSTGRES (an
#                                            Npgsql connection string of a role that may create databases; default
#                                            $DIRECTORY_TEST_POSTGRES, else /tmp/pgenv's), each imported once by
#                                            DataGen (×1 too: the generated ×1 folder), ANALYZEd and marked complete
#                                            (the database's comment); CSV=/tmp/growth5 imports the folders x1 and
#                                            x$FACTOR there instead of generating them; PG_CHRT=10 (root, the
#                                            server on this machine) gives the backends serving those databases the
#                                            real-time priority `chrt -r 10` gives the service
#
# The ×FACTOR database is shared with bench/wrk/run.sh (bench/wrk/.data/x$FACTOR.db) when that one is complete.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${DATA:-$HERE/.data}"
mkdir -p "$DATA"
export BUILD_SLOT="${BUILD_SLOT:-bench}"
BIN="$ROOT/.artifacts/$BUILD_SLOT/bin"
API_DLL="$BIN/Directory.Api/release/Directory.Api.dll"
DATAGEN_DLL="$BIN/Directory.DataGen/release/Directory.DataGen.dll"
FACTOR="${FACTOR:-100}"
REQUESTS="${REQUESTS:-100}"
WARMUP="${WARMUP:-200}"   # enough for the runtime to have optimised the request path (see bench/growth/run.sh)
CLIENTS="${CLIENTS:-8}"
API_PORT="${API_PORT:-5393}"
TOTAL_CACHE_SECONDS="${TOTAL_CACHE_SECONDS:-600}"
WRITE_BETWEEN="${WRITE_BETWEEN:-0}"
PROVIDER="${PROVIDER:-sqlite}"
PG_PREFIX="${PG_PREFIX:-search}"
API="http://127.0.0.1:$API_PORT"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1
SIGNING_KEY="bench-$(head -c 32 /dev/urandom | base64 -w0)"

API_PID=""
PRIORITY_PID=""
stop_server() { [[ -z "$API_PID" ]] || stop_process "$API_PID"; API_PID=""; }
trap 'stop_server; [[ -z "$PRIORITY_PID" ]] || kill "$PRIORITY_PID" 2>/dev/null || true' EXIT
log() { echo "search/run.sh: $*" >&2; }
source "$HERE/../server.sh"

# name|query|variables: the contact searches of bench/wrk (the common ones first), a prefix as one types, a short
# word (scanned, not indexed) and the organisation type-ahead.
SEARCHES=(
  'contacts "domestic abuse"|contacts(search: $s, first: 25) { totalCount nodes { fullName jobTitle email organisation { name type } department { name } } }|domestic abuse'
  'contacts "commissioning manager"|contacts(search: $s, first: 25) { totalCount nodes { fullName jobTitle email organisation { name type } department { name } } }|commissioning manager'
  'contacts "nott" (typing)|contacts(search: $s, first: 25) { totalCount nodes { fullName organisation { name } } }|nott'
  'contacts "refuge jo" (short last word)|contacts(search: $s, first: 25) { totalCount nodes { fullName organisation { name } } }|refuge jo'
  'organisations "nott" (type-ahead)|organisations(search: $s, first: 10) { totalCount nodes { code name } }|nott'
)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  for project in src/Directory.Api bench/Directory.DataGen; do
    log "building $project (Release)"
    (cd "$ROOT" && dotnet build -c Release -nologo -v q "$project" >"$DATA/build.log" 2>&1) || { cat "$DATA/build.log" >&2; exit 1; }
  done
fi

prepare() { # dataset -> database path
  local db="$DATA/$1.db"
  if [[ "$1" == x1 ]]; then rm -f "$db" "$db-wal" "$db-shm"; echo "$db"; return; fi
  if [[ ! -f "$db.complete" ]]; then
    rm -rf "$db" "$db-wal" "$db-shm" "$DATA/$1-csv"
    log "generating and importing the ${FACTOR}x dataset"
    (cd "$ROOT" && dotnet "$DATAGEN_DLL" generate data/stadv-2020 "$FACTOR" "$DATA/$1-csv") >&2
    dotnet "$DATAGEN_DLL" import sqlite "Data Source=$db" "$DATA/$1-csv" | grep '^RESULT' >&2
    touch "$db.complete"
  fi
  echo "$db"
}

# PostgreSQL: the dataset's database (created, imported, analysed and marked complete the first time) -> its
# connection string. The mark is the database's comment, set last, so an interrupted import is started afresh.
prepare_postgres() {
  local admin database csv
  admin="$(pg_admin_connection)"
  pg_environment "$admin"
  database="${PG_PREFIX}_$1"
  if [[ "$(psql -qtA -d postgres -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$database'")" != complete ]]; then
    csv="${CSV:+$CSV/$1}"
    if [[ -z "$csv" ]]; then
      csv="$DATA/$1-csv"
      rm -rf "$csv"
      (cd "$ROOT" && dotnet "$DATAGEN_DLL" generate data/stadv-2020 "${1#x}" "$csv") >&2
    fi
    log "importing $csv into PostgreSQL database $database"
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null
    dotnet "$DATAGEN_DLL" import postgres "$(pg_database_connection "$admin" "$database")" "$csv" | grep '^RESULT' >&2
    # (ANALYZE warns of every shared catalog a database owner may not analyse: not ours.)
    psql -q -d "$database" -c "SET client_min_messages = error" -c "ANALYZE" -c "COMMENT ON DATABASE $database IS 'complete'" >/dev/null
  fi
  pg_database_connection "$admin" "$database"
}

# PG_CHRT: the service's requests are answered by PostgreSQL backends, children of the server, which `chrt` on this
# script does not reach; every 0.5 s, each new backend of the bench's databases gets the priority too.
if [[ "$PROVIDER" == postgres && -n "${PG_CHRT:-}" ]]; then
  (
    pg_environment "$(pg_admin_connection)"
    while true; do
      for pid in $(psql -qtA -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname LIKE '${PG_PREFIX}\_x%'"); do
        chrt -p "$pid" 2>/dev/null | grep -q SCHED_RR || chrt -r -p "$PG_CHRT" "$pid" 2>/dev/null || true
      done
      sleep 0.5
    done
  ) &
  PRIORITY_PID=$!
fi

TOKEN="$(cd "$ROOT" && dotnet "$API_DLL" token --role commissioner-office --minutes 120 --Auth:SigningKey="$SIGNING_KEY" 2>/dev/null | grep -v '^[[:space:]]*$' | tail -1 | sed 's/^Bearer //')"

declare -A P50 P90 P50C TOTAL
for dataset in x1 "x$FACTOR"; do
  if [[ "$PROVIDER" == postgres ]]; then
    database=(--Database:Provider=Postgres --ConnectionStrings:Directory="$(prepare_postgres "$dataset")")
  else
    database=(--ConnectionStrings:Directory="Data Source=$(prepare "$dataset")")
  fi
  dotnet "$API_DLL" --urls "$API" "${database[@]}" --Directory:SampleData=true \
    --Auth:SigningKey="$SIGNING_KEY" --RateLimiting:Enabled=false --Search:TotalCacheSeconds="$TOTAL_CACHE_SECONDS" >"$DATA/api.log" 2>&1 &
  API_PID=$!
  wait_ready "$API/health" "$API_PID" "$DATA/api.log"
  timed=request_times
  [[ "$WRITE_BETWEEN" == 1 ]] && timed=times_after_writes
  for entry in "${SEARCHES[@]}"; do
    IFS='|' read -r name field search <<<"$entry"
    body="$(jq -n --arg q "query (\$s: String) { $field }" --arg s "$search" '{query: $q, variables: {s: $s}}')"
    printf '%s' "$body" >"$DATA/request.json"
    $timed "$API/graphql" "$TOKEN" "$DATA/request.json" "$WARMUP" "$DATA/response.json" >/dev/null
    jq -e '.errors == null' "$DATA/response.json" >/dev/null || { log "$name: $(head -c 500 "$DATA/response.json")"; exit 1; }
    TOTAL[$dataset,$name]="$(jq '.data[] | .totalCount' "$DATA/response.json")"
    times="$($timed "$API/graphql" "$TOKEN" "$DATA/request.json" "$REQUESTS" | sort -g)"
    P50[$dataset,$name]="$(awk -v n="$REQUESTS" 'NR == int((n + 1) / 2) { printf "%.2f", $1 * 1000 }' <<<"$times")"
    P90[$dataset,$name]="$(awk -v n="$REQUESTS" 'NR == int(n * 0.9) { printf "%.2f", $1 * 1000 }' <<<"$times")"
    # The same search from CLIENTS clients at once (issue 18: the latency targets are one client's, the 8-client
    # figures are recorded beside them): REQUESTS requests each over its own kept-alive connection, p50 over all.
    [[ "$WRITE_BETWEEN" == 1 ]] && { P50C[$dataset,$name]=-; log "$dataset $name: p50 ${P50[$dataset,$name]} ms after a write each (${TOTAL[$dataset,$name]} matches)"; continue; }
    times="$(for ((c = 0; c < CLIENTS; c++)); do request_times "$API/graphql" "$TOKEN" "$DATA/request.json" "$REQUESTS" & done; wait)"
    times="$(sort -g <<<"$times")"
    P50C[$dataset,$name]="$(awk -v n="$((CLIENTS * REQUESTS))" 'NR == int((n + 1) / 2) { printf "%.2f", $1 * 1000 }' <<<"$times")"
    log "$dataset $name: p50 ${P50[$dataset,$name]} ms (${TOTAL[$dataset,$name]} matches), $CLIENTS clients ${P50C[$dataset,$name]} ms"
  done
  stop_server
done

echo "| search | matches ×1 | matches ×$FACTOR | p50 ×1 (ms) | p50 ×$FACTOR (ms) | p90 ×$FACTOR (ms) | ×$FACTOR / ×1 | p50 ×1, $CLIENTS clients (ms) | p50 ×$FACTOR, $CLIENTS clients (ms) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for entry in "${SEARCHES[@]}"; do
  IFS='|' read -r name _ _ <<<"$entry"
  ratio="$(awk -v a="${P50[x1,$name]}" -v b="${P50[x$FACTOR,$name]}" 'BEGIN { printf "%.2f", b / a }')"
  echo "| $name | ${TOTAL[x1,$name]} | ${TOTAL[x$FACTOR,$name]} | ${P50[x1,$name]} | ${P50[x$FACTOR,$name]} | ${P90[x$FACTOR,$name]} | $ratio | ${P50C[x1,$name]} | ${P50C[x$FACTOR,$name]} |"
done
echo
echo "One client, $REQUESTS sequential requests per search over one kept-alive connection after $WARMUP untimed, $([[ "$WRITE_BETWEEN" == 1 ]] && echo "no more clients" || echo "then $CLIENTS clients of $REQUESTS each"); $PROVIDER; search totals kept for ${TOTAL_CACHE_SECONDS} s (0: counted on every request); $([[ "$WRITE_BETWEEN" == 1 ]] && echo "each timed search after a write (untimed); ")load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)."
