#!/usr/bin/env bash
# The engine against its peers: our engine and GraphQL.NET (BenchmarkDotNet, bench/Directory.GraphQL.Benchmarks)
# and graphql-js 16 + graphql-jit (node, bench/graphql-js), on the same documents, schema, fixture and resolvers.
# First both harnesses check that every engine writes our engine's JSON byte for byte (the run stops otherwise);
# then ROUNDS rounds, each running the .NET harness and then the JavaScript one (A B A B …), with `uptime`'s load
# average recorded before and after each, under `chrt -r 10` when run as root (a core ahead of other work on a
# shared machine). Writes results/engine.md (medians across rounds, with the spread) and keeps the raw reports in
# results/runs/<time>/ (git-ignored).
#   bench/engine/run.sh            # 3 rounds: ≈ 8 minutes plus the build (7–8 at load 6–17 with chrt, 2026-12-06)
#   QUICK=1 bench/engine/run.sh    # 3 shorter rounds: ≈ 3 minutes plus the build; writes results/engine-quick.md
#   ROUNDS=5 bench/engine/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rounds=${ROUNDS:-3}
if [[ "${QUICK:-0}" == 1 ]]; then
  iteration_ms=25; iterations=10; warmups=10; js_ms=250; table=engine-quick.md
else
  # Both sides warm each case up for as long as they then measure it (a second: BenchmarkDotNet's warm-up
  # iterations, bench.mjs's warm-up of --time; graphql-jit's large case ran 1.3–1.6k/s after 500 ms and 2.6–2.8k/s
  # after a second), then measure ten slices of 100 ms and report their median (BenchmarkDotNet's iterations,
  # bench.mjs's slices of a tenth of --time each), so that a burst of other work counts alike on both sides.
  iteration_ms=100; iterations=10; warmups=10; js_ms=1000; table=engine.md
fi
results="$root/bench/engine/results"
run="$results/runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
priority=()
if [[ $(id -u) == 0 ]] && command -v chrt >/dev/null; then
  priority=(chrt -r 10)
fi
load() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$run/load.tsv"; }
printf 'round\tharness\twhen\tload (1, 5, 15 min)\n' >"$run/load.tsv"

echo "$(date -u +%T) building (Release) …"
dotnet build -c Release bench/Directory.GraphQL.Benchmarks -v quiet -nologo >"$run/build.log" 2>&1 || { cat "$run/build.log"; exit 1; }
# BUILD_SLOT (Directory.Build.props) puts a build under .artifacts/$BUILD_SLOT, so that worktrees' builds do not collide.
dll="$root/.artifacts${BUILD_SLOT:+/$BUILD_SLOT}/bin/Directory.GraphQL.Benchmarks/release/Directory.GraphQL.Benchmarks.dll"
# npm ci only when the installed packages are not the ones package.json pins (npm ls fails then).
if ! (cd bench/graphql-js && npm ls --depth=0 >/dev/null 2>&1); then
  (cd bench/graphql-js && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
node_bench=(node --expose-gc --max-semi-space-size=128 "$root/bench/graphql-js/bench.mjs")

echo "$(date -u +%T) checking that every engine writes the same JSON …"
"${priority[@]}" dotnet "$dll" check "$run/ours-json"
"${priority[@]}" "${node_bench[@]}" --expect "$run/ours-json" --check-only

{
  echo "started $(date -u '+%Y-%m-%d %H:%M:%S') UTC; rounds $rounds; BenchmarkDotNet in-process, $warmups warm-up + $iterations measured iterations of ${iteration_ms} ms; node ${js_ms} ms per case in 10 slices (median)"
  echo "priority: ${priority[*]:-none (not root)}"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
  echo "dotnet $(dotnet --version), node $(node --version)"
  echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench ':!*.md' || echo ' (with uncommitted changes to code)')"
} >"$run/conditions.txt"

for round in $(seq 1 "$rounds"); do
  echo "$(date -u +%T) round $round/$rounds: .NET …"
  load "$round" dotnet before
  "${priority[@]}" dotnet "$dll" --filter '*EngineBenchmarks*' --inProcess --launchCount 1 \
    --warmupCount "$warmups" --iterationCount "$iterations" --iterationTime "$iteration_ms" \
    --exporters json --artifacts "$run/dotnet-$round" >"$run/dotnet-$round.log" 2>&1 \
    || { tail -40 "$run/dotnet-$round.log"; exit 1; }
  load "$round" dotnet after
  echo "$(date -u +%T) round $round/$rounds: JavaScript …"
  load "$round" node before
  "${priority[@]}" "${node_bench[@]}" --time "$js_ms" --json "$run/js-$round.json" >"$run/js-$round.log" 2>&1 \
    || { tail -40 "$run/js-$round.log"; exit 1; }
  load "$round" node after
done
echo "finished $(date -u '+%Y-%m-%d %H:%M:%S') UTC" >>"$run/conditions.txt"

node "$root/bench/engine/summarise.mjs" "$run" >"$results/$table"
echo "wrote bench/engine/results/$table (raw reports in ${run#"$root"/})"
