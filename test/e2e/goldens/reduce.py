"""Reductions and losses: negative dims, keepdim, correction, every
reduction mode, int32 and int64 labels, label smoothing, dynamic batches
(fed a concrete batch here; the .mlir functions take `?`)."""
import torch
import torch.nn.functional as F

from goldens import Case, labels, randn


def labels32(classes, *shape):
    return lambda g: torch.randint(0, classes, shape, generator=g, dtype=torch.int32)


def ce(x, t, eps=0.0):
    """F.cross_entropy with mean, sum and none."""
    t = t.long()
    return tuple(F.cross_entropy(x, t, label_smoothing=eps, reduction=r)
                 for r in ("mean", "sum", "none"))


def mse(x, y):
    return tuple(F.mse_loss(x, y, reduction=r) for r in ("mean", "sum", "none"))


def rel_l2(x, y):
    n = x.shape[0]
    per = (x - y).reshape(n, -1).norm(dim=1) / y.reshape(n, -1).norm(dim=1)
    return per.mean(), per.sum(), per


CASES = [
    Case("reduce_sum", [randn(2, 3, 17)],
         lambda x: (x.sum(1), x.sum(-2, keepdim=True), x.sum(0), x.sum((0, 1, 2)),
                    x.sum((0, 2), keepdim=True))),
    Case("reduce_mean", [randn(2, 3, 4), randn(2, 3, 17, 33), randn(2, 3)],
         lambda x, y, z: (x.mean((1, 2)), x.mean((-1, -2), keepdim=True),
                          y.mean((2, 3), keepdim=True), z.mean(0), z.mean((0, 1)))),
    Case("reduce_max", [randn(4, 10), randn(3, 5)],
         lambda x, y: (x.amax(0), y.amax((0, 1)), y.amax((1, 0), keepdim=True),
                       y.amax(-1))),
    # Values around 100 with spread 0.1: a one-pass E[x²] − E[x]² would lose
    # the variance in f32.
    Case("reduce_var", [randn(2, 3, 33), lambda g: torch.randn(5, 17, generator=g) * 0.1 + 100.0],
         lambda x, y: (torch.var(x, 2), torch.var(x, -1, keepdim=True, correction=0),
                       torch.var(x, 1, correction=2),
                       torch.var(y, 0), torch.var(y, (0, 1), keepdim=True))),
    Case("cross_entropy", [randn(4, 10, scale=3.0), labels(10, 4)], ce),
    Case("cross_entropy_smooth", [randn(4, 10, scale=3.0), labels(10, 4)],
         lambda x, t: ce(x, t, 0.1)),
    # Logits far beyond exp's f32 range need the max shift.
    Case("cross_entropy_i32", [randn(3, 17, scale=60.0), labels32(17, 3)],
         lambda x, t: ce(x, t, 0.2)),
    # One sample, one class (mean = sum here; a function must not return one
    # value twice, so only sum and none).
    Case("cross_entropy_one", [randn(1, 1), labels32(1, 1)],
         lambda x, t: ce(x, t, 0.3)[1:]),
    Case("mse", [randn(2, 3, 5), randn(2, 3, 5), randn(), randn()],
         lambda x, y, s, t: mse(x, y) + (F.mse_loss(s, t),)),
    Case("relative_l2", [randn(3, 2, 17), randn(3, 2, 17), randn(4), randn(4)],
         lambda x, y, u, v: rel_l2(x, y) + (rel_l2(u, v)[2],)),
]
