"""What every reference of rnn-bench shares: its options, reading the text, and the
training loop around one chunk's update (chunk positions, the first losses, progress, the
time limit and the figures printed at the end), so the references differ only in the
model they train.
"""

import argparse
import os
import resource
import sys
import time


def arguments():
    """A parser with the options every reference takes: --data, --seconds, --iterations."""
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "Lessons", "data", "tinyshakespeare.txt"))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--iterations", type=int, default=0, help="stop after N iterations (0: run for --seconds)")
    return parser


def read_text(path):
    """The vocabulary's size and the text as indices into its sorted characters."""
    with open(path, encoding="utf-8") as f:
        data = f.read()
    index = {c: i for i, c in enumerate(sorted(set(data)))}
    return len(index), [index[c] for c in data]


def train(step, args, seq_length, stream_length, batch=1):
    """Calls `step(p, restart)` for chunk after chunk, each starting at position `p` of its
    stream (`restart`: the state starts afresh, at the start of the text), until
    --iterations or --seconds; `step` trains on the chunk and returns its loss. Prints
    the first three losses (compare.sh checks them), progress on stderr, and the figures."""
    n, p = 0, 0
    start = time.perf_counter()
    last_report = start
    while True:
        restart = p + seq_length + 1 >= stream_length or n == 0
        if restart:
            p = 0
        loss = step(p, restart)
        if n < 3:
            print(f"loss[{n}]={loss:.12f}")
        n += 1
        p += seq_length
        now = time.perf_counter()
        if now - last_report >= 2:
            print(f"  {n} iterations, loss {loss:.3f}, {now - start:.1f} s", file=sys.stderr)
            last_report = now
        if (args.iterations and n >= args.iterations) or (not args.iterations and now - start >= args.seconds):
            break
    elapsed = time.perf_counter() - start
    print(f"iterations={n}")
    print(f"seconds={elapsed:.3f}")
    print(f"peak_memory_mib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
    print(f"characters_per_second={n * batch * seq_length / elapsed:.0f}")
    print(f"iterations_per_second={n / elapsed:.0f}")
