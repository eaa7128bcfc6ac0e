"""The numpy references for `rnn-bench --model lstm` and `--model gru`.

The same character-level setup as min_char_rnn_numpy.py (vocabulary 65, hidden size 100,
25-step chunks, softmax cross-entropy, full BPTT, element-wise clipping to +-5, Adagrad
with learning rate 0.1, weights drawn with scale 0.01 from the library's generator in the
library's order), with the library's LSTM (forget-gate bias 1) or GRU.

Written the way a careful numpy programmer would: the gates' recurrent matrices stacked
so that each step is one matrix-vector product, one-hot inputs as column lookups, and
everything that does not depend on the recurrence (output scores, softmax, the weight
gradients) one matrix product over all 25 steps; only the recurrence loops in Python.

    python3 Benchmarks/rnn-bench/gated_numpy.py --model lstm|gru [--seconds S] [--iterations N]

Prints the first losses, progress, and last a line `iterations_per_second=N`.
"""

import numpy as np

import harness
from min_char_rnn_numpy import SeededGenerator


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm(rng, vocab, hidden):
    """Weights in the library's order (W, U per gate: f, i, o, c; then Why), stacked."""
    W, U = [], []
    for _ in range(4):
        W.append(rng.matrix(hidden, vocab, 0.01))
        U.append(rng.matrix(hidden, hidden, 0.01))
    Why = rng.matrix(vocab, hidden, 0.01)
    b = np.zeros(4 * hidden)
    b[:hidden] = 1  # forget gate
    params = [np.vstack(W), np.vstack(U), b, Why, np.zeros(vocab)]
    H = hidden

    def loss_and_gradients(inputs, targets, state):
        Wx, Uall, ball, Why, by = params
        T = len(inputs)
        xw = Wx.T[inputs] + ball  # W·x_t + b for every gate, every step
        hs = np.zeros((T + 1, H))
        cs = np.zeros((T + 1, H))
        hs[0], cs[0] = state
        gates = np.zeros((T, 4 * H))  # f, i, o, g
        tanh_c = np.zeros((T, H))
        for t in range(T):
            z = xw[t] + Uall @ hs[t]
            a = gates[t]
            a[: 3 * H] = sigmoid(z[: 3 * H])
            a[3 * H :] = np.tanh(z[3 * H :])
            f, i, o, g = a[:H], a[H : 2 * H], a[2 * H : 3 * H], a[3 * H :]
            cs[t + 1] = f * cs[t] + i * g
            tanh_c[t] = np.tanh(cs[t + 1])
            hs[t + 1] = o * tanh_c[t]
        loss, dy = softmax_cross_entropy(hs[1:] @ Why.T + by, targets)
        dh_out = dy @ Why
        dz = np.zeros((T, 4 * H))
        dh_next = np.zeros(H)
        dc_next = np.zeros(H)
        for t in range(T - 1, -1, -1):
            a = gates[t]
            f, i, o, g = a[:H], a[H : 2 * H], a[2 * H : 3 * H], a[3 * H :]
            dh = dh_out[t] + dh_next
            dc = dh * o * (1 - tanh_c[t] * tanh_c[t]) + dc_next
            d = dz[t]
            d[:H] = dc * cs[t] * f * (1 - f)
            d[H : 2 * H] = dc * g * i * (1 - i)
            d[2 * H : 3 * H] = dh * tanh_c[t] * o * (1 - o)
            d[3 * H :] = dc * i * (1 - g * g)
            dh_next = d @ Uall
            dc_next = dc * f
        dWx = np.zeros_like(Wx)
        np.add.at(dWx.T, inputs, dz)
        grads = [dWx, dz.T @ hs[:-1], dz.sum(axis=0), dy.T @ hs[1:], dy.sum(axis=0)]
        return loss, grads, (hs[T].copy(), cs[T].copy())

    return params, loss_and_gradients, (np.zeros(H), np.zeros(H))


def gru(rng, vocab, hidden):
    """Weights in the library's order (W, U per gate: z, r, candidate; then Why)."""
    W, U = [], []
    for _ in range(3):
        W.append(rng.matrix(hidden, vocab, 0.01))
        U.append(rng.matrix(hidden, hidden, 0.01))
    Why = rng.matrix(vocab, hidden, 0.01)
    params = [np.vstack(W), np.vstack(U[:2]), U[2], np.zeros(3 * hidden), Why, np.zeros(vocab)]
    H = hidden

    def loss_and_gradients(inputs, targets, state):
        Wx, Uzr, Uh, ball, Why, by = params
        T = len(inputs)
        xw = Wx.T[inputs] + ball
        hs = np.zeros((T + 1, H))
        hs[0] = state
        zr = np.zeros((T, 2 * H))
        cand = np.zeros((T, H))
        for t in range(T):
            h = hs[t]
            zr[t] = sigmoid(xw[t, : 2 * H] + Uzr @ h)
            z, r = zr[t, :H], zr[t, H:]
            cand[t] = np.tanh(xw[t, 2 * H :] + Uh @ (r * h))
            hs[t + 1] = z * h + (1 - z) * cand[t]
        loss, dy = softmax_cross_entropy(hs[1:] @ Why.T + by, targets)
        dh_out = dy @ Why
        dzzr = np.zeros((T, 2 * H))  # update and reset gates' pre-activations
        dzh = np.zeros((T, H))
        dh_next = np.zeros(H)
        for t in range(T - 1, -1, -1):
            h_prev = hs[t]
            z, r = zr[t, :H], zr[t, H:]
            dh = dh_out[t] + dh_next
            dzzr[t, :H] = dh * (h_prev - cand[t]) * z * (1 - z)
            dzh[t] = dh * (1 - z) * (1 - cand[t] * cand[t])
            d_reset_hidden = dzh[t] @ Uh
            dzzr[t, H:] = d_reset_hidden * h_prev * r * (1 - r)
            dh_next = dh * z + d_reset_hidden * r + dzzr[t] @ Uzr
        dz = np.hstack([dzzr, dzh])
        dWx = np.zeros_like(Wx)
        np.add.at(dWx.T, inputs, dz)
        dUh = dzh.T @ (zr[:, H:] * hs[:-1])
        grads = [dWx, dzzr.T @ hs[:-1], dUh, dz.sum(axis=0), dy.T @ hs[1:], dy.sum(axis=0)]
        return loss, grads, hs[T].copy()

    return params, loss_and_gradients, np.zeros(H)


def softmax_cross_entropy(ys, targets):
    """The summed loss, by log-sum-exp, and its gradient with respect to the scores."""
    ys = ys - ys.max(axis=1, keepdims=True)
    e = np.exp(ys)
    s = e.sum(axis=1, keepdims=True)
    steps = np.arange(len(targets))
    loss = (np.log(s[:, 0]) - ys[steps, targets]).sum()
    dy = e / s
    dy[steps, targets] -= 1
    return loss, dy


def main():
    parser = harness.arguments()
    parser.add_argument("--model", choices=["lstm", "gru"], required=True)
    args = parser.parse_args()
    vocab, text = harness.read_text(args.data)
    hidden, seq_length, learning_rate = 100, 25, 0.1
    encoded = np.array(text, dtype=np.intp)

    params, loss_and_gradients, initial = (lstm if args.model == "lstm" else gru)(SeededGenerator(42), vocab, hidden)
    memory = [np.zeros_like(p) for p in params]
    carried = {"state": initial}

    def step(p, restart):
        if restart:
            carried["state"] = initial
        inputs = encoded[p : p + seq_length]
        targets = encoded[p + 1 : p + seq_length + 1]
        loss, grads, carried["state"] = loss_and_gradients(inputs, targets, carried["state"])
        for param, grad, mem in zip(params, grads, memory):
            np.clip(grad, -5, 5, out=grad)
            mem += grad * grad
            param += -learning_rate * grad / np.sqrt(mem + 1e-8)
        return loss

    harness.train(step, args, seq_length, len(encoded))

if __name__ == "__main__":
    main()
