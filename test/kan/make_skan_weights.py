#!/usr/bin/env python3
"""Weights for test/kan/models/skan.yaml in the state S-KAN training ends
with (the pruned phase): random branch parameters, uniform B-spline grids,
random mixing logits and a one-hot mask per unit choosing B-spline, RBF and
B-spline for units 0, 1, 2 (the Chebyshev candidate is chosen by none, so
pruning deletes it). Also a batch x, the same weights with every candidate
allowed and the mask that keeps each unit's two largest logits. Writes
test/kan/data/skan*.safetensors and test/kan/data/skan.x.npy; deterministic. Run with a Python that has
numpy and safetensors (bench/setup-venv.sh makes one)."""
import pathlib

import numpy as np
from safetensors.numpy import save_file

DATA = pathlib.Path(__file__).resolve().parent / "data"
n_in, n_out, G, k = 4, 3, 4, 3


def main():
    rng = np.random.default_rng(20261128)
    f32 = lambda a: np.ascontiguousarray(a, dtype=np.float32)
    h = 2.0 / G
    row = -1.0 + (np.arange(G + 2 * k + 1) - k) * h
    w = {
        "s.bspline.base_weight": rng.uniform(-0.5, 0.5, (n_out, n_in)),
        "s.bspline.spline_weight": rng.normal(0, 0.5, (n_out, n_in, G + k)),
        "s.bspline.spline_scaler": rng.uniform(-0.5, 0.5, (n_out, n_in)),
        "s.bspline.grid": np.tile(row, (n_in, 1)),
        "s.rbf.base_weight": rng.uniform(-0.5, 0.5, (n_out, n_in)),
        "s.rbf.spline_weight": rng.normal(0, 0.5, (n_out, n_in, 8)),
        "s.rbf.spline_scaler": rng.uniform(-0.5, 0.5, (n_out, n_in)),
        "s.chebyshev.spline_weight": rng.normal(0, 0.5, (n_out, n_in, 5)),
        "s.mix_logits": rng.normal(0, 1, (n_out, 3)),
        "s.mix_mask": np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0]]),
    }
    save_file({name: f32(v) for name, v in w.items()}, str(DATA / "skan.safetensors"))
    # The state after full training (every candidate allowed), and the mask
    # the selective phase with K = 2 keeps: each unit's two largest logits.
    full = dict(w, **{"s.mix_mask": np.ones((n_out, 3))})
    save_file({name: f32(v) for name, v in full.items()}, str(DATA / "skan_full.safetensors"))
    keep2 = np.zeros((n_out, 3))
    for u in range(n_out):
        keep2[u, np.argsort(-w["s.mix_logits"][u], kind="stable")[:2]] = 1
    save_file({"s.mix_mask": f32(keep2)}, str(DATA / "skan_keep2.expected.safetensors"))
    np.save(DATA / "skan.x.npy", f32(rng.normal(0, 0.8, (8, n_in))))


if __name__ == "__main__":
    main()
