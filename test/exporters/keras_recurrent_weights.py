"""Checks the Keras export's recurrent weight conversion without TensorFlow.

Usage: python3 keras_recurrent_weights.py conversion.py
conversion.py holds recurrent_to_keras / recurrent_from_keras as the export writes them. For SimpleRNN,
LSTM and GRU: random PyTorch weights (NetLoom's layout) are converted to Keras' layout, and a step-by-step
forward written from Keras' own equations (kernel, recurrent_kernel, bias; GRU with reset_after=True) must
match torch's module. Converting back must give a network with the same outputs. Prints JSON.
"""
import json
import sys

import numpy as np
import torch

namespace = {"np": np}
exec(open(sys.argv[1]).read(), namespace)
to_keras, from_keras = namespace["recurrent_to_keras"], namespace["recurrent_from_keras"]


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def keras_forward(kind, weights, x):
    kernel, recurrent, bias = weights
    n, T, _ = x.shape
    H = recurrent.shape[0]
    h = np.zeros((n, H))
    c = np.zeros((n, H))
    for t in range(T):
        xt = x[:, t]
        if kind == "SimpleRNN":
            h = np.tanh(xt @ kernel + h @ recurrent + bias)
        elif kind == "LSTM":
            z = xt @ kernel + h @ recurrent + bias
            i, f, g, o = np.split(z, 4, axis=1)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
        else:  # GRU, reset_after=True: gates z, r, h
            mx = xt @ kernel + bias[0]
            mh = h @ recurrent + bias[1]
            xz, xr, xh = np.split(mx, 3, axis=1)
            hz, hr, hh = np.split(mh, 3, axis=1)
            z = sigmoid(xz + hz)
            r = sigmoid(xr + hr)
            candidate = np.tanh(xh + r * hh)
            h = z * h + (1 - z) * candidate
    return h


results = {}
torch.manual_seed(5)
for kind, cls in [("SimpleRNN", torch.nn.RNN), ("LSTM", torch.nn.LSTM), ("GRU", torch.nn.GRU)]:
    module = cls(3, 4, batch_first=True).double()
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.7, 0.7)
    x = torch.empty(2, 5, 3, dtype=torch.float64).uniform_(-1, 1)
    want = module(x)[0][:, -1].detach().numpy()
    netloom = [getattr(module, n).detach().numpy() for n in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")]
    keras = to_keras(kind, netloom)
    back = from_keras(kind, keras)
    again = to_keras(kind, back)
    results[kind] = {
        "shapes": [list(a.shape) for a in keras],
        "forward": float(np.abs(keras_forward(kind, keras, x.numpy()) - want).max()),
        "round_trip": float(np.abs(keras_forward(kind, again, x.numpy()) - want).max()),
        "back_shapes": [list(a.shape) for a in back],
    }
print(json.dumps(results))
