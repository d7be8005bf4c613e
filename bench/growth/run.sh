#!/usr/bin/env bash
# The growth table (issue 18 §6): how each cost grows with the data. For each factor (×1, ×10, ×100 by default) the
# sample is multiplied (Directory.DataGen generate), imported into an empty SQLite database (import cost per row), and
# served by the Release service alone (rate limiter off, Production), which answers one client's requests in turn (over one kept-alive connection, except the cold report):
# a contact search, a contacts page in the default order (no search), an organisations page, a national contact list page, the mapping report cold (the first request
# after an audited change: an audit entry written by hand, as every writer commits one) and warm (repeated), taking
# the median of each; then the server's peak RSS (VmHWM). Writes bench/growth/results/growth.md (the table) and
# growth.svg (each cost against data size, log-log, by plot.py).
#   FACTORS="1 10 100" REPEAT=21 WARMUP=200 bench/growth/run.sh
#   REUSE=1 bench/growth/run.sh     reuses DATA/x$factor.db where an earlier run left it (with its import figures)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FACTORS="${FACTORS:-1 10 100}"
REPEAT="${REPEAT:-21}"
# Untimed requests before each timed series, so that the runtime's tiered compilation (a method is compiled again,
# optimised, after 30 calls once the first compilations have settled) is done with the request's path, as it is in a
# long-running service.
WARMUP="${WARMUP:-200}"
COLD="${COLD:-5}"
PORT="${PORT:-5393}"
API="http://127.0.0.1:$PORT"
DATA="${DATA:-/tmp/directory-growth}"
RESULTS="$HERE/results"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1
SIGNING_KEY="growth-$(head -c 32 /dev/urandom | base64 -w0)"
mkdir -p "$DATA" "$RESULTS"
log() { echo "growth: $*" >&2; }
source "$HERE/../server.sh"

API_PID=""
stop_server() { [[ -z "$API_PID" ]] || stop_process "$API_PID"; API_PID=""; }
trap stop_server EXIT

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  for project in src/Directory.Api bench/Directory.DataGen; do
    (cd "$ROOT" && dotnet build -c Release -nologo -v q "$project" >"$DATA/build.log" 2>&1) || { cat "$DATA/build.log" >&2; exit 1; }
  done
fi
API_DLL="$ROOT/.artifacts${BUILD_SLOT:+/$BUILD_SLOT}/bin/Directory.Api/release/Directory.Api.dll"
GEN_DLL="$ROOT/.artifacts${BUILD_SLOT:+/$BUILD_SLOT}/bin/Directory.DataGen/release/Directory.DataGen.dll"
TOKEN="$(cd "$ROOT" && dotnet "$API_DLL" token --role commissioner-office --minutes 120 --Auth:SigningKey="$SIGNING_KEY" 2>/dev/null | grep -v '^[[:space:]]*$' | tail -1 | sed 's/^Bearer //')"

body() { # document [variables-json] -> request body
  jq -n --rawfile q "$1" --argjson v "${2:-{\}}" '{query: $q, variables: $v}'
}

median_ms() { # body-file count -> median milliseconds of count requests over one kept-alive connection, after WARMUP
  request_times "$API/graphql" "$TOKEN" "$1" "$WARMUP" >/dev/null
  request_times "$API/graphql" "$TOKEN" "$1" "$2" | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f", t[int((NR + 1) / 2)] * 1000 }'
}

cold_report_ms() { # db body-file -> median ms of the first report after each of COLD audited changes
  # A new curl (and connection) per change, as the change comes between requests: ≈ 2 ms more than a kept-alive one.
  # Each change is one organisation's, as updateOrganisation makes it: the row (its version) and an audit entry
  # naming it, in one transaction; the report then reads that organisation's rows again, not everyone's (§5).
  for _ in $(seq 1 "$COLD"); do
    sqlite3 "$1" "BEGIN; UPDATE organisations SET version = version + 1 WHERE id = (SELECT MIN(id) FROM organisations WHERE in_scope);
      INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_key)
      SELECT datetime('now'), 'growth', 'update', 'Organisation', code FROM organisations WHERE id = (SELECT MIN(id) FROM organisations WHERE in_scope); COMMIT;"
    curl -sS -o /dev/null -w '%{time_total}\n' -X POST "$API/graphql" -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $TOKEN" --data-binary @"$2"
  done | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f", t[int((NR + 1) / 2)] * 1000 }'
}

work="$DATA/requests"; mkdir -p "$work"
body "$ROOT/bench/wrk/contact-search.graphql" '{"search":"domestic abuse"}' >"$work/search.json"
body "$ROOT/bench/wrk/contact-search.graphql" '{}' >"$work/contacts.json"   # no search: the default order
body "$ROOT/bench/wrk/organisations.graphql" >"$work/organisations.json"
body "$ROOT/bench/wrk/national-contact-list.graphql" >"$work/ncl.json"
body "$ROOT/bench/wrk/mapping-report.graphql" >"$work/report.json"

TABLE="$RESULTS/growth.tsv"
printf 'factor\trows\tsearch_ms\tcontacts_ms\torganisations_ms\tnational_list_ms\treport_cold_ms\treport_warm_ms\timport_us_per_row\tpeak_rss_mb\tload\n' >"$TABLE"
for factor in $FACTORS; do
  folder="$DATA/x$factor"; db="$DATA/x$factor.db"
  [[ -d "$folder" ]] || dotnet "$GEN_DLL" generate "$ROOT/data/stadv-2020" "$factor" "$folder" >&2
  if [[ "${REUSE:-0}" == 1 && -f "$db.result" ]]; then
    # An earlier run's database and its import figures (the ×100 import takes many minutes on a shared machine).
    log "reusing x$factor.db"
    result="$(cat "$db.result")"
  else
    rm -f "$db" "$db-wal" "$db-shm" "$db.result"
    log "importing x$factor"
    result="$(dotnet "$GEN_DLL" import sqlite "Data Source=$db" "$folder" | grep '^RESULT')"
    echo "$result" >"$db.result"
  fi
  rows="$(sed -E 's/.* rows=([0-9]+).*/\1/' <<<"$result")"
  import_us="$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<<"$result" | awk -v r="$rows" '{ printf "%.1f", $1 * 1e6 / r }')"

  dotnet "$API_DLL" --urls "$API" --ConnectionStrings:Directory="Data Source=$db" --Directory:SampleData=false \
    --Auth:SigningKey="$SIGNING_KEY" --RateLimiting:Enabled=false >"$DATA/api-x$factor.log" 2>&1 &
  API_PID=$!
  wait_ready "$API/health" "$API_PID" "$DATA/api-x$factor.log"
  for file in search contacts organisations ncl report; do
    curl -sS -o "$work/$file.response" -X POST "$API/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" --data-binary @"$work/$file.json"
    jq -e '.errors == null' "$work/$file.response" >/dev/null || { log "$file answered with errors: $(head -c 500 "$work/$file.response")"; exit 1; }
  done
  cold="$(cold_report_ms "$db" "$work/report.json")"
  warm="$(median_ms "$work/report.json" "$REPEAT")"
  search="$(median_ms "$work/search.json" "$REPEAT")"
  contacts="$(median_ms "$work/contacts.json" "$REPEAT")"
  organisations="$(median_ms "$work/organisations.json" "$REPEAT")"
  ncl="$(median_ms "$work/ncl.json" "$REPEAT")"
  rss="$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$API_PID/status")"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  stop_server
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$factor" "$rows" "$search" "$contacts" "$organisations" "$ncl" "$cold" "$warm" "$import_us" "$rss" "$load" | tee -a "$TABLE" >&2
done

{
  echo "| factor | rows | search p50 | contacts page p50 | organisations page p50 | national contact list page p50 | mapping report cold | mapping report warm | import per row | server peak RSS | load average |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$TABLE" | awk -F'\t' '{ printf "| %s× | %s | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms | %s µs | %s MB | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }'
} >"$RESULTS/growth.md"
python3 "$HERE/plot.py" "$TABLE" "$RESULTS/growth.svg"
cat "$RESULTS/growth.md"
