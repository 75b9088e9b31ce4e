#!/usr/bin/env python3
"""Writes the reference data of the end-to-end tests from PyTorch.

Each family module in goldens/ lists cases: a name, argument tensors and a
PyTorch function. The arguments are drawn from a generator seeded by the case
name, stored as float32 (or integer) NPY files, and the function is evaluated
in float64 on exactly those float32 values; the results are stored as float32.
So the references come from PyTorch alone, never from hnn.

    python3 test/e2e/make_goldens.py [FAMILY ...]

writes test/e2e/data/<case>.in<i>.npy and <case>.out<j>.npy. Needs torch and
numpy (a bench/test-only virtualenv; the test suite itself only reads the
committed files).
"""
import importlib
import pathlib
import sys
import zlib

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"
FAMILIES = ["elementwise", "contraction", "conv", "pool", "norm", "shape", "reduce"]


class Case:
    def __init__(self, name, args, fn):
        self.name, self.args, self.fn = name, args, fn


def rng(name):
    g = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    return g


def write(case):
    g = rng(case.name)
    stored = []
    for i, a in enumerate(case.args):
        t = a(g) if callable(a) else a
        if t.dtype.is_floating_point:
            t = t.to(torch.float32)
        np.save(DATA / f"{case.name}.in{i}.npy", t.numpy())
        stored.append(t.to(torch.float64) if t.dtype.is_floating_point else t)
    with torch.no_grad():
        outs = case.fn(*stored)
    if not isinstance(outs, (tuple, list)):
        outs = (outs,)
    for j, o in enumerate(outs):
        o = o.to(torch.float32) if o.dtype.is_floating_point else o
        np.save(DATA / f"{case.name}.out{j}.npy", o.contiguous().numpy())


def main(argv):
    DATA.mkdir(exist_ok=True)
    sys.path.insert(0, str(HERE))
    families = argv or FAMILIES
    names = set()
    for fam in families:
        mod = importlib.import_module(f"goldens.{fam}")
        for case in mod.CASES:
            assert case.name not in names, f"duplicate case {case.name}"
            names.add(case.name)
            write(case)
        print(f"{fam}: {len(mod.CASES)} cases")


if __name__ == "__main__":
    main(sys.argv[1:])
