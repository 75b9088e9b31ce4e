#!/usr/bin/env python3
"""Writes the inputs of losses.mlir and reduction-ties.mlir.

gradcheck draws float inputs itself but needs integer arguments from files:
the class labels of the cross_entropy checks (covering the first and the
last class). reduce_max has no derivative at ties, so its tie rule (the
adjoint split evenly between the maxima, as torch.amax) is checked by
running the gradient entry on a fixed input with ties against the expected
outputs (max_ties.in*/out*).

    /root/hnn-venv/bin/python test/autodiff/data/make_reduction_inputs.py
"""
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent


def main():
    # 4 samples, 5 classes; i64 and i32.
    np.save(HERE / "labels_4x5_i64.npy", np.array([0, 4, 2, 4], dtype=np.int64))
    np.save(HERE / "labels_4x5_i32.npy", np.array([3, 0, 4, 1], dtype=np.int32))
    # 3 samples (a dynamic batch run with --batch 3), 7 classes.
    np.save(HERE / "labels_3x7_i64.npy", np.array([6, 0, 3], dtype=np.int64))

    # reduce_max with ties: x 3x4, maxima along dim 1 and over everything.
    x = np.array([[1, 3, 3, 0], [2, 2, 2, 2], [-1, 5, 0, 5]], dtype=np.float32)
    s_rows = np.array([1.0, 2.0, -4.0], dtype=np.float32)
    s_all = np.array(8.0, dtype=np.float32)
    rows = x.max(axis=1)
    at_row_max = (x == rows[:, None]).astype(np.float32)
    at_max = (x == x.max()).astype(np.float32)
    grad = (at_row_max * (s_rows / at_row_max.sum(axis=1))[:, None]
            + at_max * s_all / at_max.sum())
    for i, a in enumerate([x, s_rows, s_all]):
        np.save(HERE / f"max_ties.in{i}.npy", a)
    for i, a in enumerate([rows, np.array(x.max(), dtype=np.float32), grad.astype(np.float32)]):
        np.save(HERE / f"max_ties.out{i}.npy", a)


if __name__ == "__main__":
    main()
