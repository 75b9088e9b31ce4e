"""Reference cases for the end-to-end tests, one module per op family."""
import torch

from make_goldens import Case  # noqa: F401


def randn(*shape, scale=1.0):
    """Standard normal values of `shape`, drawn from the case's generator."""
    return lambda g: torch.randn(shape, generator=g) * scale


def uniform(lo, hi, *shape):
    return lambda g: torch.rand(shape, generator=g) * (hi - lo) + lo


def labels(classes, *shape):
    return lambda g: torch.randint(0, classes, shape, generator=g, dtype=torch.int64)
