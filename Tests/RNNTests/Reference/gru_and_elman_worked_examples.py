"""Reference values for ReferenceValueTests: a vanilla (Elman) RNN and a GRU, forward
over three steps with two inputs, two hidden units and two outputs, written from the
papers' equations with plain Python floats and the math module (no numpy, nothing
from the Swift library).

Elman (1990), "Finding structure in time", with a linear output layer:
    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)
    y_t = W_hy h_t + b_y
Cho et al. (2014), "Learning phrase representations using RNN encoder-decoder",
equations (5)-(8): the reset gate multiplies the old state before U_h, and an update
gate near 1 keeps the old state:
    z_t = sigmoid(W_z x_t + U_z h_{t-1} + b_z)
    r_t = sigmoid(W_r x_t + U_r h_{t-1} + b_r)
    c_t = tanh(W_h x_t + U_h (r_t * h_{t-1}) + b_h)
    h_t = z_t * h_{t-1} + (1 - z_t) * c_t
    y_t = W_hy h_t + b_y

Run: python3 Tests/RNNTests/Reference/gru_and_elman_worked_examples.py
and paste the printed lines into ReferenceValueTests.swift.
"""
import math


def matvec(m, v):
    return [sum(m[i][j] * v[j] for j in range(len(v))) for i in range(len(m))]


def add(*vectors):
    return [sum(parts) for parts in zip(*vectors)]


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


XS = [[1.0, 2.0], [0.5, -1.0], [-1.5, 0.25]]
H0 = [0.1, -0.2]
WHY = [[1.0, -0.5], [0.25, 0.75]]
BY = [0.2, -0.3]


def show(name, t, h, y):
    print(f"{name} t={t + 1} h=[{h[0]!r}, {h[1]!r}] y=[{y[0]!r}, {y[1]!r}]")


def elman():
    wxh = [[0.5, -0.3], [0.2, 0.8]]
    whh = [[0.1, 0.4], [-0.6, 0.3]]
    bh = [0.05, -0.1]
    h = H0
    for t, x in enumerate(XS):
        h = [math.tanh(a) for a in add(matvec(wxh, x), matvec(whh, h), bh)]
        show("elman", t, h, add(matvec(WHY, h), BY))


def gru():
    wz, uz, bz = [[0.3, -0.2], [0.6, 0.1]], [[0.5, -0.4], [0.2, 0.7]], [0.1, -0.05]
    wr, ur, br = [[-0.4, 0.9], [0.35, -0.15]], [[0.25, 0.3], [-0.5, 0.45]], [-0.2, 0.15]
    wh, uh, bh = [[0.8, 0.1], [-0.3, 0.65]], [[-0.35, 0.55], [0.4, 0.2]], [0.05, 0.1]
    h = H0
    for t, x in enumerate(XS):
        z = [sigmoid(a) for a in add(matvec(wz, x), matvec(uz, h), bz)]
        r = [sigmoid(a) for a in add(matvec(wr, x), matvec(ur, h), br)]
        c = [math.tanh(a) for a in add(matvec(wh, x), matvec(uh, [ri * hi for ri, hi in zip(r, h)]), bh)]
        h = [zi * hi + (1 - zi) * ci for zi, hi, ci in zip(z, h, c)]
        show("gru", t, h, add(matvec(WHY, h), BY))


elman()
gru()
