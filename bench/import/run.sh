#!/usr/bin/env bash
# Import against its floor (issue 18 §4), on SQLite: for each factor, the sample multiplied (Directory.DataGen
# generate), the floor (floor.sh: sqlite3 .import into plain tables) and our import into an empty database with every
# index, validation and rule (Directory.DataGen import), each timed by /usr/bin/time; prints one Markdown row per run.
#   FACTORS="20 100" WRITERS="direct change-tracker" bench/import/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
FACTORS=${FACTORS:-"20 100"}
WRITERS=${WRITERS:-direct}
DATA=${DATA:-/tmp}
dotnet build bench/Directory.DataGen -c Release -v quiet -nologo >/dev/null
G=.artifacts${BUILD_SLOT:+/$BUILD_SLOT}/bin/Directory.DataGen/release/Directory.DataGen.dll
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| factor | rows | what | wall | CPU (user+sys) | CPU µs/row | ratio to floor (CPU/row) |"
echo "|---|---:|---|---:|---:|---:|---:|"
for factor in $FACTORS; do
  folder=$DATA/import-x$factor
  [[ -d $folder ]] || dotnet "$G" generate data/stadv-2020 "$factor" "$folder" >/dev/null
  floor=$(bench/import/floor.sh "$folder")
  rows=$(sed -E 's/.*rows=([0-9]+).*/\1/' <<< "$floor")
  floor_cpu=$(sed -E 's/.*cpu_seconds=([0-9.]+).*/\1/' <<< "$floor")
  floor_wall=$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<< "$floor")
  awk -v f="$factor" -v r="$rows" -v w="$floor_wall" -v c="$floor_cpu" 'BEGIN { printf "| %d× | %d | floor: sqlite3 .import | %.2f s | %.2f s | %.2f | 1 |\n", f, r, w, c, c * 1e6 / r }'
  for writer in $WRITERS; do
    db=$(mktemp -u /tmp/import-bench-XXXXXX.db)
    # The importer's own wall time (RESULT) excludes start-up, JIT and migration; CPU is the whole process's, less
    # that of importing nothing (an empty folder's start-up, measured below) so that it is the import's alone.
    out=$( { /usr/bin/time -f "TIME %U %S %M" dotnet "$G" import sqlite "Data Source=$db" "$folder" "$writer" ; } 2>&1 )
    rm -f "$db" "$db-wal" "$db-shm"
    empty=$(mktemp -d); edb=$(mktemp -u /tmp/import-bench-XXXXXX.db)
    base=$( { /usr/bin/time -f "TIME %U %S" dotnet "$G" import sqlite "Data Source=$edb" "$empty" "$writer" ; } 2>&1 | grep '^TIME' || true)
    rm -rf "$empty" "$edb" "$edb-wal" "$edb-shm"
    seconds=$(grep '^RESULT' <<< "$out" | sed -E 's/.* seconds=([0-9.]+).*/\1/')
    read -r _ user sys rss <<< "$(grep '^TIME' <<< "$out")"
    read -r _ buser bsys <<< "$base"
    awk -v f="$factor" -v r="$rows" -v w="$writer" -v s="$seconds" -v u="$user" -v y="$sys" -v bu="$buser" -v by="$bsys" -v fc="$floor_cpu" -v m="$rss" 'BEGIN {
      cpu = u + y - bu - by; printf "| %d× | %d | ours (%s), peak RSS %d MB | %.1f s | %.1f s | %.1f | %.1f× |\n", f, r, w, m / 1024, s, cpu, cpu * 1e6 / r, cpu / fc }'
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
