"""Reference values for TrainingTests: four Adam steps on one weight, written from
Kingma and Ba (2015), Algorithm 1, with plain Python floats:

    m_t = b1 m_{t-1} + (1 - b1) g_t        v_t = b2 v_{t-1} + (1 - b2) g_t^2
    m^_t = m_t / (1 - b1^t)                v^_t = v_t / (1 - b2^t)
    w_t = w_{t-1} - lr m^_t / (sqrt(v^_t) + eps)

From the second step on, the result depends on b1, b2 and t, so a slip in any of them
changes these numbers. The weight starts at 1; the gradients are 2, -1, 0.5, 3.

Run: python3 Tests/RNNTests/Reference/adam_steps.py
and paste the printed lists into TrainingTests.swift.
"""
import math


def adam(lr, b1, b2, eps=1e-8, gradients=(2.0, -1.0, 0.5, 3.0)):
    w, m, v, ws = 1.0, 0.0, 0.0, []
    for t, g in enumerate(gradients, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        w -= lr * m_hat / (math.sqrt(v_hat) + eps)
        ws.append(w)
    return ws


print("lr=0.1 b1=0.8 b2=0.9:    ", [repr(w) for w in adam(0.1, 0.8, 0.9)])
print("lr=0.1 b1=0.9 b2=0.999:  ", [repr(w) for w in adam(0.1, 0.9, 0.999)])
