#!/usr/bin/env bash
# Runs rnn-bench and its numpy reference one after the other, on the same machine, and
# prints both throughputs and their ratio. With --check it runs three iterations of
# each instead and fails unless their first three losses agree to 1e-9 (CI runs this).
#
#   bash Benchmarks/compare.sh [--seconds S]     # throughput, default 10 s each
#   bash Benchmarks/compare.sh --check           # same start, same losses
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=10
check=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --check) check=1; shift ;;
    *) echo "usage: compare.sh [--seconds S] [--check]" >&2; exit 2 ;;
  esac
done
swift build -c release --product rnn-bench >/dev/null
if [ "$check" = 1 ]; then
  swift_out=$(.build/release/rnn-bench --iterations 3 2>/dev/null)
  numpy_out=$(python3 Benchmarks/rnn-bench/min_char_rnn_numpy.py --iterations 3 2>/dev/null)
  python3 - "$swift_out" "$numpy_out" <<'PY'
import sys
def losses(text):
    return [float(l.split("=")[1]) for l in text.splitlines() if l.startswith("loss[")]
a, b = losses(sys.argv[1]), losses(sys.argv[2])
assert len(a) == 3 and len(b) == 3, (a, b)
for i, (x, y) in enumerate(zip(a, b)):
    print(f"loss[{i}] swift={x:.12f} numpy={y:.12f} difference={abs(x - y):.1e}")
worst = max(abs(x - y) for x, y in zip(a, b))
if worst > 1e-9:
    sys.exit(f"FAIL: the first three losses differ by {worst:.1e} (> 1e-9)")
print("same start, same losses: 1 passed, 0 failed")
PY
  exit 0
fi
swift_rate=$(.build/release/rnn-bench --seconds "$seconds" | tail -n 1 | cut -d= -f2)
numpy_rate=$(python3 Benchmarks/rnn-bench/min_char_rnn_numpy.py --seconds "$seconds" | tail -n 1 | cut -d= -f2)
echo "swift: $swift_rate iterations/s"
echo "numpy: $numpy_rate iterations/s"
python3 -c "print(f'ratio: {$swift_rate / $numpy_rate:.2f}x')"
