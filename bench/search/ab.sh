#!/usr/bin/env bash
# Two builds of the service side by side on one PostgreSQL database (or copies of one SQLite file), timed in turns: for each search, ROUNDS rounds
# of N sequential requests over one kept-alive connection (request_times), A then B in odd rounds, B then A in even
# ones, so both see the same minutes of a busy machine; prints p50 and p25 over all rounds per build. Read only (no
# writes); the backends of DATABASE get `chrt -r 10` as PG_CHRT does in run.sh. One client; totals kept (600 s).
# AFTER_WRITES=1: each build gets a copy of DATABASE of its own (CREATE DATABASE … TEMPLATE, dropped at the end) and
# every timed search comes right after a write of that build's (times_after_writes, as run.sh's WRITE_BETWEEN=1): the
# first search after a write, in turns.
#
#   A_DLL=/path/a/Directory.Api.dll B_DLL=/path/b/Directory.Api.dll DATABASE=pg5_x100 chrt -r 10 bench/search/ab.sh
#   AFTER_WRITES=1 N=25 ROUNDS=10 A_DLL=… B_DLL=… DATABASE=pgsearch_x100 chrt -r 10 bench/search/ab.sh
#   A_CONNECTION=';…' / B_CONNECTION=';No Reset On Close=true'   (appended to that build's connection string)
#   PROVIDER=sqlite DATABASE=/tmp/growth5/x100.db AFTER_WRITES=1 …   (each build serves a copy of the file of its own,
#   made in a temporary folder and removed at the end; DATABASE itself is never written)
#
# POSTGRES (else $DIRECTORY_TEST_POSTGRES, else /tmp/pgenv's) names the server; ports A_PORT/B_PORT (7301/7302);
# WORDS the searches, '|'-separated (default: "domestic abuse", "commissioning manager", "nott"); N 50, ROUNDS 8.
# (Loop variables are not `i`: request_times, from server.sh, counts with a global one.)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "search/ab.sh: $*" >&2; }
source "$HERE/../server.sh"
: "${A_DLL:?A_DLL: the first build's Directory.Api.dll}" "${B_DLL:?B_DLL: the second build's Directory.Api.dll}" "${DATABASE:?DATABASE: a complete search database}"
N="${N:-50}"; ROUNDS="${ROUNDS:-8}"
WORK="$(mktemp -d)"
KEY="bench-$(head -c 32 /dev/urandom | base64 -w0)"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1
AFTER_WRITES="${AFTER_WRITES:-0}"
PROVIDER="${PROVIDER:-postgres}"
declare -A DLL=([A]="$A_DLL" [B]="$B_DLL") PORT=([A]="${A_PORT:-7301}" [B]="${B_PORT:-7302}") EXTRA=([A]="${A_CONNECTION:-}" [B]="${B_CONNECTION:-}")
declare -A SERVED=([A]="$DATABASE" [B]="$DATABASE")
if [[ "$PROVIDER" == sqlite ]]; then
  # A copy each (with the WAL, if any), so that neither build's writes nor its checkpoints reach the other's file.
  for b in A B; do
    SERVED[$b]="$WORK/$b.db"
    cp "$DATABASE" "${SERVED[$b]}"
    [[ ! -f "$DATABASE-wal" ]] || cp "$DATABASE-wal" "${SERVED[$b]}-wal"
  done
else
  ADMIN="$(pg_admin_connection)"
  pg_environment "$ADMIN"
fi
if [[ "$AFTER_WRITES" == 1 && "$PROVIDER" != sqlite ]]; then
  for b in A B; do
    SERVED[$b]="${DATABASE}_ab_${b,,}"
    psql -q -d postgres -c "DROP DATABASE IF EXISTS ${SERVED[$b]}" -c "CREATE DATABASE ${SERVED[$b]} TEMPLATE $DATABASE"
  done
fi
TOKEN="$(dotnet "$B_DLL" token --role commissioner-office --minutes 120 --Auth:SigningKey="$KEY" 2>/dev/null | grep -v '^[[:space:]]*$' | tail -1 | sed 's/^Bearer //')"
PIDS=()
drop_copies() { [[ "$AFTER_WRITES" != 1 || "$PROVIDER" == sqlite ]] || for b in A B; do psql -q -d postgres -c "DROP DATABASE IF EXISTS ${SERVED[$b]}" || true; done; }
trap 'for p in "${PIDS[@]}"; do stop_process "$p"; done; drop_copies; rm -rf "$WORK"' EXIT
for b in A B; do
  if [[ "$PROVIDER" == sqlite ]]; then
    database=(--ConnectionStrings:Directory="Data Source=${SERVED[$b]}${EXTRA[$b]}")
  else
    database=(--Database:Provider=Postgres --ConnectionStrings:Directory="$(pg_database_connection "$ADMIN" "${SERVED[$b]}")${EXTRA[$b]}")
  fi
  dotnet "${DLL[$b]}" --urls "http://127.0.0.1:${PORT[$b]}" "${database[@]}" \
    --Directory:SampleData=true --Auth:SigningKey="$KEY" --RateLimiting:Enabled=false >"$WORK/$b.log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://127.0.0.1:${PORT[$b]}/health" "$!" "$WORK/$b.log"
done
if [[ "$PROVIDER" != sqlite ]]; then
  (
    while true; do
      for pid in $(psql -qtA -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname IN ('${SERVED[A]}', '${SERVED[B]}')"); do
        chrt -p "$pid" 2>/dev/null | grep -q SCHED_RR || chrt -r -p 10 "$pid" 2>/dev/null || true
      done
      sleep 0.5
    done
  ) &
  PIDS+=($!)
fi
IFS='|' read -ra words <<<"${WORDS:-domestic abuse|commissioning manager|nott}"
for k in "${!words[@]}"; do
  jq -n --arg q 'query ($s: String) { contacts(search: $s, first: 25) { totalCount nodes { fullName jobTitle email organisation { name type } department { name } } } }' \
    --arg s "${words[$k]}" '{query: $q, variables: {s: $s}}' >"$WORK/request-$k.json"
  for b in A B; do request_times "http://127.0.0.1:${PORT[$b]}/graphql" "$TOKEN" "$WORK/request-$k.json" 200 >/dev/null; done
done
timed=request_times
[[ "$AFTER_WRITES" == 1 ]] && timed=times_after_writes
echo "start: $(uptime)"
for ((r = 0; r < ROUNDS; r++)); do
  order=(A B); ((r % 2)) && order=(B A)
  for k in "${!words[@]}"; do
    for b in "${order[@]}"; do $timed "http://127.0.0.1:${PORT[$b]}/graphql" "$TOKEN" "$WORK/request-$k.json" "$N" >>"$WORK/$b-$k.txt"; done
  done
done
echo "end: $(uptime)"
for k in "${!words[@]}"; do
  line="${words[$k]}:"
  for b in A B; do
    sorted="$(sort -g "$WORK/$b-$k.txt")"; n="$(wc -l <<<"$sorted")"
    line="$line $b p50 $(awk -v n="$n" 'NR == int((n + 1) / 2) { printf "%.2f", $1 * 1000 }' <<<"$sorted") ms (p25 $(awk -v n="$n" 'NR == int(n / 4) { printf "%.2f", $1 * 1000 }' <<<"$sorted"), $n requests);"
  done
  echo "$line"
done
