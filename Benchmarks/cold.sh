#!/usr/bin/env bash
# How long the course takes to render from nothing, with the debug-built tool: what a
# fresh clone pays once, and what every lesson costs when none of its runs are cached.
# Prints figures; it is a benchmark, not a test.
#
#   Benchmarks/cold.sh
#
# Each figure is measured in a scratch folder that links this repository's Sources/ and
# holds a copy of its lessons, so it starts with an empty `.build/unrolled-cache` and
# leaves the repository's own cache alone.
# 1. Setting up: the RNN library for lessons (swiftc -O, whole module) and the sandbox.
# 2. The English lessons, every run cold (`unrolled build`, the library already built).
# 3. Both editions, English and Chinese, every run cold.
# 4. The slowest lessons of (3), from the build's own table.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product unrolled >/dev/null
tool="$PWD/.build/debug/unrolled"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# A folder that looks like the repository to the tool, with its own cache.
root() {
  local dir="$scratch/$1"
  mkdir -p "$dir/Lessons"
  ln -s "$PWD/Sources" "$dir/Sources"
  ln -s "$PWD/Package.swift" "$dir/Package.swift"
  echo "$dir"
}
seconds() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }

english=$(root english)
cp -r Lessons/. "$english/Lessons/"
rm -rf "$english/Lessons/zh"
mkdir -p "$scratch/empty"
start=$(date +%s.%N)
(cd "$english" && "$tool" build --lessons "$scratch/empty" --output "$scratch/site-setup" >/dev/null)
end=$(date +%s.%N)
echo "set-up (RNN library and sandbox, once per version of their sources): $(seconds "$start" "$end") s"

start=$(date +%s.%N)
(cd "$english" && "$tool" build --output "$scratch/site-english" >/dev/null)
end=$(date +%s.%N)
count=$(ls "$english"/Lessons/*.md | wc -l)
echo "English course, $count lessons, every run cold: $(seconds "$start" "$end") s"

both=$(root both)
cp -r Lessons/. "$both/Lessons/"
cp -r "$english/.build" "$both/.build"  # the library and sandbox, not the runs
rm -rf "$both/.build/unrolled-cache/runs"
start=$(date +%s.%N)
table=$(cd "$both" && "$tool" build --output "$scratch/site-both" 2>&1)
end=$(date +%s.%N)
count=$(echo "$table" | grep -c ' ran ' || true)
echo "both editions, $count lessons, every run cold: $(seconds "$start" "$end") s"
echo "slowest lessons (compile and run):"
echo "$table" | grep ' ran ' | sort -k4 -n -r | head -6
