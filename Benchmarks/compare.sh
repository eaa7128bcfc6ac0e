#!/usr/bin/env bash
# Runs rnn-bench and its references one after the other, on the same machine, and prints
# their throughputs, peak memory and ratios. With --check it runs three iterations of
# each setup instead and fails unless the first three losses agree to 1e-9 (CI runs this).
#
#   bash Benchmarks/compare.sh [--seconds S]            # vanilla, batch 1, 10 s each side
#   bash Benchmarks/compare.sh --model lstm --batch 32  # any model and batch size
#   bash Benchmarks/compare.sh --all [--torch]          # every setup of the README's table
#   bash Benchmarks/compare.sh --check [--torch]        # same start, same losses, every setup
#
# The references (Benchmarks/rnn-bench/*_numpy.py) need numpy: it is the fast Python
# baseline the Swift library is measured against. Nothing else in Unrolled needs Python
# packages, so numpy is installed here, on first use, into a virtual environment of its
# own (.build/venv), never into the system's Python. --torch adds the PyTorch reference
# (torch_reference.py, float64, one thread), installed from PyPI into .build/venv-torch;
# when that cannot be done the comparison is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every side on one thread, as rnn-bench runs: numpy's OpenBLAS would otherwise start a
# thread per core, which on a shared machine waits for the busy core and slows to a
# crawl (numpy at batch 32: 248 iterations/s on one thread, 31 on two with the other
# core busy). torch_reference.py sets its own thread count to 1 too.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
seconds=10
check=0
torch=0
all=0
model=vanilla
batch=1
usage="usage: compare.sh [--seconds S] [--model vanilla|lstm|gru] [--batch B] [--all] [--check] [--torch]"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --check) check=1; shift ;;
    --torch) torch=1; shift ;;
    --all) all=1; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done

ensure_venv() {  # ensure_venv DIR PACKAGE... : a virtual environment that imports the packages
  local venv="$1"; shift
  local imports
  imports=$(IFS=,; echo "$*")
  if "$venv/bin/python3" -c "import $imports" 2>/dev/null; then return 0; fi
  # Debian and Ubuntu split venv's pip bootstrap into python3-venv (python3.X-venv).
  if ! python3 -c "import ensurepip" 2>/dev/null; then
    echo "installing python3-venv (for the references' virtual environments)" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
  fi
  echo "creating $venv with $* (for the references)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "$@"
}

ensure_venv .build/venv numpy
numpy_python=.build/venv/bin/python3
torch_python=""
if [ "$torch" = 1 ]; then
  if ensure_venv .build/venv-torch numpy torch; then
    torch_python=.build/venv-torch/bin/python3
  else
    echo "skipping the PyTorch comparison: torch could not be installed into .build/venv-torch" >&2
  fi
fi

swift build -c release --product rnn-bench >/dev/null

# The command line of each side for a model and batch size.
swift_cmd() { echo ".build/release/rnn-bench --model $1 --batch $2"; }
numpy_cmd() {
  if [ "$1" = vanilla ]; then
    echo "$numpy_python Benchmarks/rnn-bench/min_char_rnn_numpy.py --batch $2"
  else
    echo "$numpy_python Benchmarks/rnn-bench/gated_numpy.py --model $1"
  fi
}
torch_cmd() { echo "$torch_python Benchmarks/rnn-bench/torch_reference.py --model $1 --batch $2"; }

# The numpy references of the gated models read one sequence at a time (batch 1).
if [ "$check" = 1 ]; then
  setups="vanilla:1 lstm:1 gru:1 vanilla:32"
elif [ "$all" = 1 ]; then
  setups="vanilla:1 lstm:1 gru:1 vanilla:32 lstm:32 gru:32"
else
  setups="$model:$batch"
fi

if [ "$check" = 1 ]; then
  failed=0
  for setup in $setups; do
    m=${setup%:*}; b=${setup#*:}
    sides="swift=$(swift_cmd "$m" "$b")|numpy=$(numpy_cmd "$m" "$b")"
    [ -n "$torch_python" ] && sides="$sides|torch=$(torch_cmd "$m" "$b")"
    outputs=()
    IFS='|' read -ra pairs <<<"$sides"
    for pair in "${pairs[@]}"; do
      outputs+=("${pair%%=*}" "$(${pair#*=} --iterations 3 2>/dev/null)")
    done
    "$numpy_python" - "$m batch $b" "${outputs[@]}" <<'PY' || failed=$((failed + 1))
import sys
def losses(text):
    return [float(l.split("=")[1]) for l in text.splitlines() if l.startswith("loss[")]
setup, rest = sys.argv[1], sys.argv[2:]
sides = {rest[i]: losses(rest[i + 1]) for i in range(0, len(rest), 2)}
swift = sides.pop("swift")
for name, other in sides.items():
    if len(swift) != 3 or len(other) != 3:
        sys.exit(f"FAIL {setup}: expected three losses from each side, got swift={swift} {name}={other}")
    worst = max(abs(x - y) for x, y in zip(swift, other))
    print(f"{setup}: swift {swift[0]:.9f} {swift[1]:.9f} {swift[2]:.9f}; {name} differs by at most {worst:.1e}")
    if worst > 1e-9:
        sys.exit(f"FAIL {setup}: the first three losses differ from {name}'s by {worst:.1e} (> 1e-9)")
PY
  done
  count=$(echo $setups | wc -w)
  echo "same start, same losses: $((count - failed)) passed, $failed failed"
  [ "$failed" = 0 ]
  exit
fi

value() { grep "^$1=" | cut -d= -f2; }
printf "%-8s %5s  %-8s %12s %10s %8s %7s\n" model batch side "chars/s" "iter/s" "MiB" ratio
for setup in $setups; do
  m=${setup%:*}; b=${setup#*:}
  swift_out=$($(swift_cmd "$m" "$b") --seconds "$seconds" 2>/dev/null)
  swift_rate=$(echo "$swift_out" | value characters_per_second)
  row() {  # row SIDE OUTPUT
    local rate
    rate=$(echo "$2" | value characters_per_second)
    printf "%-8s %5s  %-8s %12s %10s %8s %7s\n" "$m" "$b" "$1" "$rate" "$(echo "$2" | value iterations_per_second)" \
      "$(echo "$2" | value peak_memory_mib)" "$("$numpy_python" -c "print(f'{$swift_rate / $rate:.2f}x')")"
  }
  row swift "$swift_out"
  if [ "$m" = vanilla ] || [ "$b" = 1 ]; then row numpy "$($(numpy_cmd "$m" "$b") --seconds "$seconds" 2>/dev/null)"; fi
  if [ -n "$torch_python" ]; then
    row torch "$($(torch_cmd "$m" "$b") --seconds "$seconds" 2>/dev/null)"
    if [ "$m" != gru ]; then row nn.layer "$($(torch_cmd "$m" "$b") --layer --seconds "$seconds" 2>/dev/null)"; fi
  fi
done
echo "(ratio: Swift's characters per second over that side's, measured in this run, one after the other)"
