#!/usr/bin/env python3
"""Writes the NPY data of the autodiff tests.

kinks_*.npy: inputs of the gradchecks whose ops have kinks.

gradcheck draws its inputs uniformly from [-1, 1]; an element within the
finite-difference step of a kink (relu, abs and elu at 0, clamp and hardtanh
at their bounds, softplus at its threshold) would make the finite difference
meaningless. These inputs are random values in [-1.5, 1.5] that keep at least
0.05 away from every kink the tests use.

kink_<op>.in<i>.npy / .out<j>.npy: the gradients at the kinks themselves,
from torch.autograd (kinks.mlir runs <op>_grad on them with hnn-run
--golden): in0 = x (or a, b for pow), then a seed of ones; out0 = the
forward result, then the adjoints.

    /root/hnn-venv/bin/python test/autodiff/data/make_elementwise_inputs.py
"""
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).resolve().parent
KINKS = [0.0, 0.5, -0.5, 1.0, -1.0, -0.3, 0.6]


def away_from_kinks(rng, shape):
    out = np.empty(int(np.prod(shape)), dtype=np.float32)
    k = 0
    while k < out.size:
        v = np.float32(rng.uniform(-1.5, 1.5))
        if min(abs(float(v) - c) for c in KINKS) >= 0.05:
            out[k] = v
            k += 1
    return out.reshape(shape)


AT_KINKS = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 6.0]
CONVENTIONS = {
    "relu": F.relu,
    "abs": torch.abs,
    "sign": torch.sign,
    "clamp": lambda x: torch.clamp(x, -0.5, 0.5),
    "clamp_min": lambda x: torch.clamp(x, min=-0.5),
    "hardtanh": F.hardtanh,
    "relu6": lambda x: F.hardtanh(x, 0.0, 6.0),
    "elu_alpha": lambda x: F.elu(x, 0.5),
    "softplus_threshold": lambda x: F.softplus(x, 2.0, 1.0),
}


def conventions():
    for name, fn in CONVENTIONS.items():
        x = torch.tensor(AT_KINKS, dtype=torch.float64, requires_grad=True)
        y = fn(x)
        (dx,) = torch.autograd.grad(y.sum(), x)
        ins = [x.detach(), torch.ones_like(y)]
        outs = [y.detach(), dx]
        save(name, ins, outs)
    # pow at a = 0 and b = 0.
    a = torch.tensor([0.0, 0.0, 2.0, 0.5], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([0.0, 2.0, 0.0, 3.0], dtype=torch.float64, requires_grad=True)
    y = a**b
    da, db = torch.autograd.grad(y.sum(), [a, b])
    save("pow", [a.detach(), b.detach(), torch.ones_like(y)], [y.detach(), da, db])


def save(name, ins, outs):
    for i, t in enumerate(ins):
        np.save(HERE / f"kink_{name}.in{i}.npy", t.numpy().astype(np.float32))
    for j, t in enumerate(outs):
        np.save(HERE / f"kink_{name}.out{j}.npy", t.numpy().astype(np.float32))


def main():
    rng = np.random.default_rng(20250611)
    np.save(HERE / "kinks_4x6.npy", away_from_kinks(rng, (4, 6)))
    np.save(HERE / "kinks_3x6.npy", away_from_kinks(rng, (3, 6)))
    conventions()


if __name__ == "__main__":
    main()
