#!/usr/bin/env bash
# How the engine's cost grows with a lesson's size: it should grow in proportion (twice
# the text, about twice the time). Prints figures for the debug-built tool; it is a
# benchmark, not a test.
#
#   Benchmarks/scale.sh
#
# 1. Lessons of 1.25, 2.5 and 5 MB of prose with inline and displayed math and a Swift
#    cell every 400 paragraphs: `unrolled build` on each, wall-clock seconds and
#    seconds per MB.
# 2. Lines built to make naive scanners quadratic: 4,000 formulas in one lesson, 300
#    unmatched backtick runs of growing length, 20,000 unclosed links, 20,000 unclosed
#    tags: seconds for each.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product unrolled >/dev/null
tool="$PWD/.build/debug/unrolled"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() {  # seconds taken by `unrolled build` of the lessons folder $1
  local start end
  start=$(date +%s.%N)
  "$tool" build --lessons "$1" --output "$1.site" >/dev/null 2>&1 || {
    echo "unrolled build failed on $1" >&2
    "$tool" build --lessons "$1" --output "$1.site" >&2 || true
    exit 1
  }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}'
}

lesson() {  # writes a lesson of about $2 bytes into folder $1
  mkdir -p "$1"
  python3 - "$1/01-large.md" "$2" <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2])
parts, total, i = ["# A large lesson\n\n"], 0, 0
while total < size:
    i += 1
    p = ("Paragraph %d: $h_{t-1} = \\tanh(W_{hh} h_{t-2} + b)$ and more about recurrence. " % i) * 3 + "\n\n"
    if i % 50 == 0:
        p += "$$\n\\frac{\\partial L}{\\partial h_t} = \\sum_k W^\\top \\delta_k\n$$\n\n"
    if i % 400 == 0:
        p += "```swift\nprint(%d)\n```\n\n" % i
    parts.append(p)
    total += len(p)
open(path, "w").write("".join(parts))
PY
}

for size in 1250000 2500000 5000000; do
  lesson "$work/l$size" "$size"
  t=$(seconds "$work/l$size")
  awk -v s="$size" -v t="$t" 'BEGIN {printf "%4.2f MB lesson: %6.2f s, %5.2f s per MB\n", s / 1e6, t, t / (s / 1e6)}'
done

pathological() {  # name, then a Python expression for the lesson's body
  mkdir -p "$work/$1"
  python3 -c "open('$work/$1/01-case.md', 'w').write('# A case\n\n' + ($2) + '\n')"
  printf '%-32s %6.2f s\n' "$1" "$(seconds "$work/$1")"
}
pathological "4,000 formulas" "''.join('Paragraph %d: \$x_{%d}\$, \$y^2\$, \$\\\\alpha\$ and \$h_t\$.\n\n' % (i, i) for i in range(1000))"
pathological "300 unmatched backtick runs" "''.join('\`' * n + ' x ' for n in range(1, 301))"
pathological "20,000 unclosed links" "'[a](b ' * 20000"
pathological "20,000 unclosed tags" "'<a ' * 20000"
