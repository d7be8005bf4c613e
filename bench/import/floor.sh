#!/usr/bin/env bash
# The import's floor (issue 18 §4): the sqlite3 command line's `.import` of the same CSV files into plain tables
# without indexes, constraints, validation or rules, in one transaction — the least any import of these files can
# cost on SQLite. Prints the rows, the wall and CPU time of the `.import`s alone and the cost per row, in the same
# form as `Directory.DataGen import`'s RESULT line, so bench/import/run.sh can put them side by side.
#   bench/import/floor.sh <survey folder> [database file]
set -euo pipefail
folder=${1:?usage: floor.sh <survey folder> [database file]}
db=${2:-$(mktemp -u /tmp/import-floor-XXXXXX.db)}
rm -f "$db"

# .import creates each table from the CSV header (every column TEXT, no key, no index) and loads the rest.
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  echo "BEGIN;"
  for file in "$folder"/*.csv; do
    echo ".import --csv '$file' \"$(basename "$file" .csv)\""
  done
  echo "COMMIT;"
} > "$script"

rows=0
for file in "$folder"/*.csv; do
  # Data rows: lines minus the header (the generated folders have no multi-line cells).
  rows=$(( rows + $(wc -l < "$file") - 1 ))
done

timing=$( { /usr/bin/time -f "%e %U %S" sqlite3 "$db" < "$script" ; } 2>&1 )
read -r wall user sys <<< "$timing"
loaded=$(sqlite3 "$db" "SELECT $(for file in "$folder"/*.csv; do printf '(SELECT COUNT(*) FROM \"%s\")+' "$(basename "$file" .csv)"; done)0")
[[ $loaded == "$rows" ]] || { echo "floor: loaded $loaded rows, the files have $rows" >&2; exit 1; }
awk -v rows="$rows" -v wall="$wall" -v user="$user" -v sys="$sys" 'BEGIN {
  printf "FLOOR rows=%d seconds=%.2f cpu_seconds=%.2f us_per_row=%.2f cpu_us_per_row=%.2f\n",
    rows, wall, user + sys, wall * 1e6 / rows, (user + sys) * 1e6 / rows }'
rm -f "$db"
