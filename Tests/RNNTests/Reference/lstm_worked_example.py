"""Reference values for ReferenceValueTests: the LSTM worked example of Aidan Gomez,
"Backpropogating an LSTM: A Numerical Example" (2016), forward pass over two steps,
evaluated here with 50-digit arithmetic (mpmath) so the test can ask for 1e-12.

Run: python3 Tests/RNNTests/Reference/lstm_worked_example.py
"""
from mpmath import mp, mpf, tanh, exp

mp.dps = 50


def sigmoid(z):
    return 1 / (1 + exp(-z))


W = {  # gate: (input weights, recurrent weight, bias)
    "a": ([mpf("0.45"), mpf("0.25")], mpf("0.15"), mpf("0.2")),
    "i": ([mpf("0.95"), mpf("0.8")], mpf("0.8"), mpf("0.65")),
    "f": ([mpf("0.7"), mpf("0.45")], mpf("0.1"), mpf("0.15")),
    "o": ([mpf("0.6"), mpf("0.4")], mpf("0.25"), mpf("0.1")),
}
xs = [[mpf(1), mpf(2)], [mpf("0.5"), mpf(3)]]
out, state = mpf(0), mpf(0)
for t, x in enumerate(xs):
    z = {k: w[0] * x[0] + w[1] * x[1] + u * out + b for k, (w, u, b) in W.items()}
    a, i, f, o = tanh(z["a"]), sigmoid(z["i"]), sigmoid(z["f"]), sigmoid(z["o"])
    state = a * i + f * state
    out = tanh(state) * o
    print(f"t={t} state={mp.nstr(state, 20)} out={mp.nstr(out, 20)}")
