#!/usr/bin/env python3
"""PyTorch anchor for `netloom bench`: the reference workloads W1-W6 of docs/perf.md, same data, same
initial weights (mulberry32 streams), same protocol (100 steps -> loss of step 100, 1 s warm-up,
>= 3 s window, median of 3). Run with Debian's torch: /usr/bin/python3 test/bench/pytorch_anchor.py
Options: --workload W1 (repeatable), --quick (loss only), --json, --threads N (default 1).
"""
import json
import math
import statistics
import sys
import time

import torch

# One thread unless --threads N: the issue compares NetLoom with PyTorch at 1 and at 2 threads.
torch.set_num_threads(int(sys.argv[sys.argv.index('--threads') + 1]) if '--threads' in sys.argv else 1)


def mulberry32(seed):
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    def nxt():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(a ^ (a >> 15), a | 1)
        t = ((t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF) ^ t
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return nxt


def glorot(r, fan_in, fan_out):
    lim = math.sqrt(6 / (fan_in + fan_out))
    w = [(r() * 2 - 1) * lim for _ in range(fan_in * fan_out)]
    return torch.tensor(w, dtype=torch.float32).reshape(fan_in, fan_out)


def linear(r, fan_in, fan_out):
    lin = torch.nn.Linear(fan_in, fan_out)
    with torch.no_grad():
        lin.weight.copy_(glorot(r, fan_in, fan_out).t())
        lin.bias.zero_()
    return lin


def mlp(sizes, hidden_act, out_act):
    r = mulberry32(1234)
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(linear(r, sizes[i], sizes[i + 1]))
        act = hidden_act if i < len(sizes) - 2 else out_act
        if act is not None:
            layers.append(act())
    return torch.nn.Sequential(*layers)


def spirals():
    u = mulberry32(42)
    xs, ys = [], []
    for i in range(250):
        for c in range(2):
            rad = i / 250 * 5
            t = 1.75 * (i / 250) * 2 * math.pi + c * math.pi
            x = rad * math.sin(t) + (u() * 2 - 1) * 0.2
            y = rad * math.cos(t) + (u() * 2 - 1) * 0.2
            xs.append([x, y])
            ys.append([float(c)])
    return torch.tensor(xs), torch.tensor(ys)


class Attention(torch.nn.Module):
    def __init__(self, r, d=32, classes=4):
        super().__init__()
        self.q = linear(r, d, d)
        self.k = linear(r, d, d)
        self.v = linear(r, d, d)
        self.o = linear(r, d, d)
        self.cls = linear(r, d, classes)
        self.scale = 1 / math.sqrt(d)

    def forward(self, x):
        q, k, v = self.q(x), self.k(x), self.v(x)
        a = torch.softmax(q @ k.transpose(1, 2) * self.scale, dim=-1)
        return self.cls(self.o(a @ v).mean(dim=1))


def conv2d(r, c_in, c_out, k, padding):
    """Glorot-uniform over [F][C][k][k] in storage order, fan_in = C*k*k, fan_out = F*k*k; bias zero."""
    conv = torch.nn.Conv2d(c_in, c_out, k, padding=padding)
    lim = math.sqrt(6 / (c_in * k * k + c_out * k * k))
    w = [(r() * 2 - 1) * lim for _ in range(c_out * c_in * k * k)]
    with torch.no_grad():
        conv.weight.copy_(torch.tensor(w, dtype=torch.float32).reshape(c_out, c_in, k, k))
        conv.bias.zero_()
    return conv


class LeNet5(torch.nn.Module):
    def __init__(self, r):
        super().__init__()
        self.features = torch.nn.Sequential(
            conv2d(r, 1, 6, 5, 2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            conv2d(r, 6, 16, 5, 0), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten())
        self.classifier = torch.nn.Sequential(
            linear(r, 400, 120), torch.nn.ReLU(), linear(r, 120, 84), torch.nn.ReLU(), linear(r, 84, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


class LastStateLSTM(torch.nn.Module):
    """LSTM 8->64 (gates i, f, g, o), W_ih then W_hh from the stream as (r*2-1)/sqrt(64), zero biases."""

    def __init__(self, r, d=8, hidden=64, classes=4):
        super().__init__()
        self.lstm = torch.nn.LSTM(d, hidden, batch_first=True)
        scale = 1 / math.sqrt(hidden)
        with torch.no_grad():
            for pname, cols in (('weight_ih_l0', d), ('weight_hh_l0', hidden)):
                w = [(r() * 2 - 1) * scale for _ in range(4 * hidden * cols)]
                getattr(self.lstm, pname).copy_(torch.tensor(w, dtype=torch.float32).reshape(4 * hidden, cols))
            self.lstm.bias_ih_l0.zero_()
            self.lstm.bias_hh_l0.zero_()
        self.cls = linear(r, hidden, classes)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.cls(out[:, -1, :])


def workload(name):
    """(model, optimizer, loss_fn, batches, samples per step)"""
    if name == 'W1':
        x, y = spirals()
        model = mlp([2, 8, 8, 1], torch.nn.Tanh, torch.nn.Sigmoid)
        opt = torch.optim.SGD(model.parameters(), lr=0.03)
        return model, opt, torch.nn.BCELoss(), batches(x, y, 10), 10
    if name == 'W2':
        u = mulberry32(42)
        x = torch.tensor([u() for _ in range(512 * 784)]).reshape(512, 784)
        y = torch.tensor([math.floor(u() * 10) for _ in range(512)])
        model = mlp([784, 128, 64, 10], torch.nn.ReLU, None)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
        return model, opt, torch.nn.CrossEntropyLoss(), batches(x, y, 64), 64
    if name == 'W3':
        u = mulberry32(42)
        pts = [[u() * 2 - 1, u() * 2 - 1] for _ in range(512)]
        x = torch.tensor(pts)
        y = torch.tensor([[1.0 if p[0] * p[1] > 0 else 0.0] for p in pts])
        model = mlp([2] + [16] * 10 + [1], torch.nn.Sigmoid, torch.nn.Sigmoid)
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        return model, opt, torch.nn.MSELoss(), batches(x, y, 32), 32
    if name == 'W4':
        u = mulberry32(42)
        x = torch.tensor([u() * 2 - 1 for _ in range(256 * 16 * 32)]).reshape(256, 16, 32)
        y = torch.tensor([math.floor(u() * 4) for _ in range(256)])
        model = Attention(mulberry32(1234))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
        return model, opt, torch.nn.CrossEntropyLoss(), batches(x, y, 32), 32
    if name == 'W5':
        u = mulberry32(42)
        x = torch.tensor([u() for _ in range(512 * 784)]).reshape(512, 1, 28, 28)
        y = torch.tensor([math.floor(u() * 10) for _ in range(512)])
        model = LeNet5(mulberry32(1234))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
        return model, opt, torch.nn.CrossEntropyLoss(), batches(x, y, 64), 64
    if name == 'W6':
        u = mulberry32(42)
        x = torch.tensor([u() * 2 - 1 for _ in range(256 * 32 * 8)]).reshape(256, 32, 8)
        y = torch.tensor([math.floor(u() * 4) for _ in range(256)])
        model = LastStateLSTM(mulberry32(1234))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
        return model, opt, torch.nn.CrossEntropyLoss(), batches(x, y, 32), 32
    raise ValueError(name)


def batches(x, y, b):
    return [(x[i:i + b].contiguous(), y[i:i + b].contiguous()) for i in range(0, x.shape[0], b)]


def run(name, quick):
    model, opt, loss_fn, data, per_step = workload(name)
    step = 0

    def train_step():
        nonlocal step
        bx, by = data[step % len(data)]
        step += 1
        opt.zero_grad()
        loss = loss_fn(model(bx), by)
        loss.backward()
        opt.step()
        return loss

    for _ in range(99):
        train_step()
    loss100 = train_step().item()
    if quick:
        return loss100, None
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 1.0:
        train_step()
    steps, t0 = 0, time.perf_counter()
    while True:
        train_step()
        steps += 1
        el = time.perf_counter() - t0
        if el >= 3.0:
            break
    return loss100, steps / el * (1 if name in ('W1', 'W3') else per_step)


def main():
    args = sys.argv[1:]
    names = [args[i + 1] for i, a in enumerate(args) if a == '--workload'] or ['W1', 'W2', 'W3', 'W4', 'W5', 'W6']
    quick = '--quick' in args
    out = {}
    for name in names:
        repeats = [run(name, quick) for _ in range(1 if quick else 3)]
        figure = None if quick else statistics.median(r[1] for r in repeats)
        out[name] = {'loss100': repeats[0][0], 'figure': figure}
        if '--json' not in args:
            unit = 'steps/s' if name in ('W1', 'W3') else 'samples/s'
            fig = '' if figure is None else f'  {figure:,.0f} {unit}'
            print(f'{name}: loss@100 {repeats[0][0]:.6f}{fig}', flush=True)
    if '--json' in args:
        print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'results': out}))


if __name__ == '__main__':
    main()
