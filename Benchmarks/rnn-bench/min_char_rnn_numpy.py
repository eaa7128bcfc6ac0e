"""The numpy reference for rnn-bench: the same character-level RNN, trained the same way.

Vocabulary 65, hidden size 100, 25-step chunks, tanh, softmax cross-entropy, full BPTT
over each chunk, element-wise clipping to +-5, Adagrad with learning rate 0.1. The
weights start from the same seeded generator as the Swift library's SeededGenerator
(SplitMix64 seeding, xoshiro256**, Box-Muller), so both start from identical weights and
their first losses can be compared.

Written the way a careful numpy programmer would: one-hot inputs are column lookups, and
everything that does not depend on the recurrence (output scores, softmax, the gradients
of Why, by, Wxh, Whh, bh) is one matrix product over all 25 steps; only the recurrence
itself, forward and backward, loops in Python.

    python3 Benchmarks/rnn-bench/min_char_rnn_numpy.py [--batch B] [--seconds S] [--iterations N]

With --batch B it trains on B chunks at once, as `rnn-bench --batch B` does: B streams,
each reading its own B-th of the text, the hidden states a B x 100 matrix, every product
a matrix-matrix one, losses and gradients summed over the batch.

Prints the first losses, progress, and last a line `iterations_per_second=N`.
"""
import math

import numpy as np

import harness

MASK = (1 << 64) - 1


class SeededGenerator:
    """The Swift library's generator, bit for bit."""

    def __init__(self, seed):
        s = seed

        def split_mix():
            nonlocal s
            s = (s + 0x9E3779B97F4A7C15) & MASK
            z = s
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            return z ^ (z >> 31)

        self.s = [split_mix() for _ in range(4)]

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self._rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0**-53

    def normal(self):
        u1 = ((self.next() >> 11) + 1) * 2.0**-53
        u2 = self.uniform()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def matrix(self, rows, cols, scale):
        return np.array([scale * self.normal() for _ in range(rows * cols)]).reshape(rows, cols)


def main():
    parser = harness.arguments()
    parser.add_argument("--batch", type=int, default=1, help="chunks trained on at once")
    args = parser.parse_args()
    batch = args.batch
    vocab, text = harness.read_text(args.data)
    hidden, seq_length, learning_rate = 100, 25, 0.1
    encoded = np.array(text, dtype=np.intp)

    rng = SeededGenerator(42)
    Wxh = rng.matrix(hidden, vocab, 0.01)
    Whh = rng.matrix(hidden, hidden, 0.01)
    Why = rng.matrix(vocab, hidden, 0.01)
    bh = np.zeros(hidden)
    by = np.zeros(vocab)
    params = [Wxh, Whh, Why, bh, by]
    memory = [np.zeros_like(p) for p in params]
    WxhT = Wxh.T  # a view: row k of WxhT is column k of Wxh

    H = np.zeros((seq_length + 1, hidden))  # H[0] is h before the chunk
    steps = np.arange(seq_length)

    def loss_and_gradients(inputs, targets, hprev):
        H[0] = hprev
        xwb = WxhT[inputs] + bh  # Wxh x_t + bh: columns of Wxh that one-hot inputs select
        for t in range(seq_length):
            h = np.dot(Whh, H[t], out=H[t + 1])
            h += xwb[t]
            np.tanh(h, out=h)
        hs = H[1:]
        ys = hs @ Why.T + by
        ys -= ys.max(axis=1, keepdims=True)
        e = np.exp(ys)
        ps = e / e.sum(axis=1, keepdims=True)
        loss = -np.log(ps[steps, targets]).sum()
        dy = ps
        dy[steps, targets] -= 1
        dWhy = dy.T @ hs
        dby = dy.sum(axis=0)
        dh_out = dy @ Why  # the part of dL/dh_t that comes through y_t
        dhraw = 1 - hs * hs  # tanh'(z_t), turned into dL/dz_t step by step below
        dhnext = np.zeros(hidden)
        for t in range(seq_length - 1, -1, -1):
            dhnext += dh_out[t]
            dhraw[t] *= dhnext
            dhnext = np.dot(dhraw[t], Whh)  # Whh^T dL/dz_t
        dWhh = dhraw.T @ H[:-1]
        dbh = dhraw.sum(axis=0)
        dWxh = np.zeros_like(Wxh)
        np.add.at(dWxh.T, inputs, dhraw)
        return loss, [dWxh, dWhh, dWhy, dbh, dby], H[seq_length].copy()

    def batch_loss_and_gradients(inputs, targets, hprev):
        """inputs, targets: B x T token arrays; hprev: B x hidden."""
        B, T = inputs.shape
        Hb = np.zeros((T + 1, B, hidden))
        Hb[0] = hprev
        xwb = WxhT[inputs.T] + bh  # T x B x hidden
        for t in range(T):
            h = np.dot(Hb[t], Whh.T, out=Hb[t + 1])
            h += xwb[t]
            np.tanh(h, out=h)
        hs = Hb[1:].reshape(T * B, hidden)
        ys = hs @ Why.T + by
        ys -= ys.max(axis=1, keepdims=True)
        e = np.exp(ys)
        ps = e / e.sum(axis=1, keepdims=True)
        rows = np.arange(T * B)
        flat_targets = targets.T.reshape(-1)  # row t*B + b
        loss = -np.log(ps[rows, flat_targets]).sum()
        dy = ps
        dy[rows, flat_targets] -= 1
        dWhy = dy.T @ hs
        dby = dy.sum(axis=0)
        dh_out = (dy @ Why).reshape(T, B, hidden)
        dhraw = (1 - Hb[1:] * Hb[1:])
        dhnext = np.zeros((B, hidden))
        for t in range(T - 1, -1, -1):
            dhnext += dh_out[t]
            dhraw[t] *= dhnext
            dhnext = dhraw[t] @ Whh
        dz = dhraw.reshape(T * B, hidden)
        dWhh = dz.T @ Hb[:-1].reshape(T * B, hidden)
        dbh = dz.sum(axis=0)
        dWxh = np.zeros_like(Wxh)
        np.add.at(dWxh.T, inputs.T.reshape(-1), dz)
        return loss, [dWxh, dWhh, dWhy, dbh, dby], Hb[T].copy()

    stream_length = len(encoded) // batch  # stream b reads its own B-th of the text
    state = {"h": np.zeros(hidden) if batch == 1 else np.zeros((batch, hidden))}

    def step(p, restart):
        if restart:
            state["h"] = np.zeros_like(state["h"])
        if batch == 1:
            inputs = encoded[p : p + seq_length]
            targets = encoded[p + 1 : p + seq_length + 1]
            loss, grads, state["h"] = loss_and_gradients(inputs, targets, state["h"])
        else:
            starts = np.arange(batch)[:, None] * stream_length + p + np.arange(seq_length)
            loss, grads, state["h"] = batch_loss_and_gradients(encoded[starts], encoded[starts + 1], state["h"])
        for param, grad, mem in zip(params, grads, memory):
            np.clip(grad, -5, 5, out=grad)
            mem += grad * grad
            param += -learning_rate * grad / np.sqrt(mem + 1e-8)
        return loss

    harness.train(step, args, seq_length, stream_length, batch)

if __name__ == "__main__":
    main()
