#!/usr/bin/env bash
# Runs rnn-bench and its numpy reference one after the other, on the same machine, and
# prints both throughputs and their ratio. With --check it runs three iterations of
# each instead and fails unless their first three losses agree to 1e-9 (CI runs this).
#
#   bash Benchmarks/compare.sh [--seconds S]     # throughput, default 10 s each
#   bash Benchmarks/compare.sh --check           # same start, same losses
#
# The reference (Benchmarks/rnn-bench/min_char_rnn_numpy.py) needs numpy: it is the
# fast Python baseline the Swift library is measured against, and numpy is what a
# careful Python programmer would use. Nothing else in Unrolled needs Python packages,
# so numpy is installed here, on first use, into a virtual environment of its own
# (.build/venv), never into the system's Python.
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

venv=.build/venv
python="$venv/bin/python3"
if ! "$python" -c "import numpy" 2>/dev/null; then
  # Debian and Ubuntu split venv's pip bootstrap into python3-venv (python3.X-venv).
  if ! python3 -c "import ensurepip" 2>/dev/null; then
    echo "installing python3-venv (for the numpy reference's virtual environment)" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
  fi
  echo "creating $venv with numpy (the reference implementation needs it)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$python" -m pip install --quiet --disable-pip-version-check numpy
fi

swift build -c release --product rnn-bench >/dev/null
if [ "$check" = 1 ]; then
  swift_out=$(.build/release/rnn-bench --iterations 3)
  numpy_out=$("$python" Benchmarks/rnn-bench/min_char_rnn_numpy.py --iterations 3)
  "$python" - "$swift_out" "$numpy_out" <<'PY'
import sys
def losses(text):
    return [float(l.split("=")[1]) for l in text.splitlines() if l.startswith("loss[")]
a, b = losses(sys.argv[1]), losses(sys.argv[2])
if len(a) != 3 or len(b) != 3:
    sys.exit(f"FAIL: expected three losses from each side, got swift={a} numpy={b}")
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
numpy_rate=$("$python" Benchmarks/rnn-bench/min_char_rnn_numpy.py --seconds "$seconds" | tail -n 1 | cut -d= -f2)
echo "swift: $swift_rate iterations/s"
echo "numpy: $numpy_rate iterations/s"
"$python" -c "print(f'ratio: {$swift_rate / $numpy_rate:.2f}x')"
