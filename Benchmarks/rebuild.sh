#!/usr/bin/env bash
# How fast an unchanged course rebuilds with the debug-built tool, and what an edit to
# one lesson's prose costs. Prints figures; it is a benchmark, not a test.
#
#   Benchmarks/rebuild.sh [RUNS]     (default 10 runs)
#
# 1. `unrolled build --check` on the committed course, RUNS times after one warm-up:
#    the median and the slowest wall-clock time.
# 2. A sentence added to one lesson's prose, then `unrolled build --output DIR`: how
#    many lessons ran (none should) and how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
swift build --product unrolled >/dev/null
tool=.build/debug/unrolled
"$tool" build --check >/dev/null  # warm-up: fills the run cache if it is empty
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$tool" build --check >/dev/null
  end=$(date +%s.%N)
  times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}')
slowest=$(echo "$sorted" | tail -1)
printf 'unchanged course, unrolled build --check (debug tool): median %.3f s, slowest %.3f s over %s runs\n' \
  "$median" "$slowest" "$runs"

copy=$(mktemp -d)
site=$(mktemp -d)
trap 'rm -rf "$copy" "$site"' EXIT
cp -r Lessons/. "$copy/"
lesson=$(ls "$copy"/*.md | head -1)
printf '\nA sentence added to the prose.\n' >>"$lesson"
"$tool" build --lessons "$copy" --output "$site/site" >/dev/null 2>&1 || true  # runs them once under these paths
printf '\nAnother sentence.\n' >>"$lesson"
start=$(date +%s.%N)
output=$("$tool" build --lessons "$copy" --output "$site/site" 2>&1)
end=$(date +%s.%N)
ran=$(echo "$output" | grep -c ' ran ' || true)
printf 'one lesson'"'"'s prose edited, unrolled build: %s lessons ran, %.3f s\n' "$ran" "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')"
