"""The PyTorch references for rnn-bench: the same models, data and training, in float64 on
the CPU, with the forward loop written out by hand and the backward pass by autograd, as
a PyTorch programmer would write it; with --layer, the forward pass through the kernels of
PyTorch's nn.RNN and nn.LSTM (torch._VF, what those modules call) (nn.GRU applies its reset gate after the product, U_h(r*h) in the
library and r*(U_h h) in PyTorch, so it is a different model and is not offered).

Weights come from the library's generator in the library's order (min_char_rnn_numpy.py
and gated_numpy.py), so the first losses can be compared.

    python3 Benchmarks/rnn-bench/torch_reference.py --model vanilla|lstm|gru [--batch B] [--layer]
                                                    [--seconds S] [--iterations N]
"""
import sys

import numpy as np
import torch

import harness
from min_char_rnn_numpy import SeededGenerator

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def weights(model, rng, vocab, hidden):
    """name -> tensor, drawn in the library's order."""
    gates = {"vanilla": ["h"], "lstm": ["f", "i", "o", "c"], "gru": ["z", "r", "h"]}[model]
    w = {}
    for g in gates:
        w["W" + g] = torch.tensor(rng.matrix(hidden, vocab, 0.01))
        w["U" + g] = torch.tensor(rng.matrix(hidden, hidden, 0.01))
        w["b" + g] = torch.zeros(hidden, 1)
    w["Why"] = torch.tensor(rng.matrix(vocab, hidden, 0.01))
    w["by"] = torch.zeros(vocab, 1)
    if model == "lstm":
        w["bf"] += 1
    return w


def forward_by_hand(model, w, inputs, state):
    """inputs: B x T tokens; state: tensors of hidden x B. Returns scores (T*B x V) and the state."""
    T = inputs.shape[1]
    hs = []
    if model == "vanilla":
        (h,) = state
        for t in range(T):
            h = torch.tanh(w["Wh"][:, inputs[:, t]] + w["Uh"] @ h + w["bh"])
            hs.append(h)
        new_state = (h,)
    elif model == "lstm":
        h, c = state
        for t in range(T):
            x = inputs[:, t]
            f = torch.sigmoid(w["Wf"][:, x] + w["Uf"] @ h + w["bf"])
            i = torch.sigmoid(w["Wi"][:, x] + w["Ui"] @ h + w["bi"])
            o = torch.sigmoid(w["Wo"][:, x] + w["Uo"] @ h + w["bo"])
            g = torch.tanh(w["Wc"][:, x] + w["Uc"] @ h + w["bc"])
            c = f * c + i * g
            h = o * torch.tanh(c)
            hs.append(h)
        new_state = (h, c)
    else:
        (h,) = state
        for t in range(T):
            x = inputs[:, t]
            z = torch.sigmoid(w["Wz"][:, x] + w["Uz"] @ h + w["bz"])
            r = torch.sigmoid(w["Wr"][:, x] + w["Ur"] @ h + w["br"])
            candidate = torch.tanh(w["Wh"][:, x] + w["Uh"] @ (r * h) + w["bh"])
            h = z * h + (1 - z) * candidate
            hs.append(h)
        new_state = (h,)
    H = torch.stack(hs)  # T x hidden x B
    scores = (w["Why"] @ H + w["by"]).permute(0, 2, 1).reshape(-1, w["Why"].shape[0])  # row t*B + b
    return scores, new_state


def forward_with_layer(model, w, inputs, state):
    """The same through nn.RNN's and nn.LSTM's kernels, their weights tied to the library's."""
    hidden = w["Uh" if model == "vanilla" else "Uf"].shape[0]
    vocab = w["Why"].shape[0]
    x = torch.nn.functional.one_hot(inputs.T, vocab).to(torch.float64)  # T x B x V
    initial = [s.T.unsqueeze(0).contiguous() for s in state]
    if model == "vanilla":
        params = [w["Wh"], w["Uh"], w["bh"][:, 0], torch.zeros(hidden)]
        out, h = torch._VF.rnn_tanh(x, initial[0], params, True, 1, 0.0, False, False, False)
        new_state = (h[0].T,)
    else:
        order = ["i", "f", "c", "o"]  # PyTorch's gate order: input, forget, cell, output
        params = [
            torch.cat([w["W" + g] for g in order]),
            torch.cat([w["U" + g] for g in order]),
            torch.cat([w["b" + g][:, 0] for g in order]),
            torch.zeros(4 * hidden),
        ]
        out, h, c = torch._VF.lstm(x, initial, params, True, 1, 0.0, False, False, False)
        new_state = (h[0].T, c[0].T)
    scores = out.reshape(-1, hidden) @ w["Why"].T + w["by"][:, 0]
    return scores, new_state


def main():
    parser = harness.arguments()
    parser.add_argument("--model", choices=["vanilla", "lstm", "gru"], default="vanilla")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--layer", action="store_true", help="forward through nn.RNN / nn.LSTM")
    args = parser.parse_args()
    if args.layer and args.model == "gru":
        sys.exit("torch_reference.py: --layer is offered for vanilla and lstm only (see the docstring)")

    vocab, text = harness.read_text(args.data)
    hidden, seq_length, learning_rate, batch = 100, 25, 0.1, args.batch
    encoded = torch.tensor(text)
    w = weights(args.model, SeededGenerator(42), vocab, hidden)
    for t in w.values():
        t.requires_grad_(True)
    memory = {k: torch.zeros_like(t) for k, t in w.items()}
    forward = forward_with_layer if args.layer else forward_by_hand
    stream_length = len(encoded) // batch

    def fresh_state():
        return tuple(torch.zeros(hidden, batch) for _ in range(2 if args.model == "lstm" else 1))

    carried = {"state": fresh_state()}

    def step(p, restart):
        if restart:
            carried["state"] = fresh_state()
        starts = torch.arange(batch)[:, None] * stream_length + p + torch.arange(seq_length)
        inputs, targets = encoded[starts], encoded[starts + 1]
        scores, state = forward(args.model, w, inputs, carried["state"])
        loss = torch.nn.functional.cross_entropy(scores, targets.T.reshape(-1), reduction="sum")
        for t in w.values():
            t.grad = None
        loss.backward()
        carried["state"] = tuple(s.detach() for s in state)
        with torch.no_grad():
            for k, t in w.items():
                g = t.grad.clamp_(-5, 5)
                memory[k] += g * g
                t += -learning_rate * g / torch.sqrt(memory[k] + 1e-8)
        return loss.item()

    harness.train(step, args, seq_length, stream_length, batch)

if __name__ == "__main__":
    main()
