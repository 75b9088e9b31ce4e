"""linear, matmul, batch_matmul: awkward sizes, every linear rank, dynamic batches."""
import torch
import torch.nn.functional as F

from goldens import Case, randn


def randn_f16(*shape):
    """Normal values that f16 represents exactly (the test truncates them)."""
    return lambda g: torch.randn(shape, generator=g).half().float()


CASES = [
    # matmul
    Case("matmul_basic", [randn(17, 33), randn(33, 5)], torch.matmul),
    Case("matmul_ones", [randn(1, 1), randn(1, 3)], torch.matmul),
    Case("matmul_vec", [randn(3, 17), randn(17, 1)], torch.matmul),
    Case("matmul_dyn", [randn(4, 7), randn(7, 3)], torch.matmul),  # ? x 7
    # linear
    Case("linear_1d", [randn(11), randn(3, 11), randn(3)], F.linear),
    Case("linear_2d", [randn(5, 33), randn(17, 33), randn(17)], F.linear),
    Case("linear_2d_nobias", [randn(1, 9), randn(1, 9)], F.linear),
    Case("linear_3d_nobias", [randn(2, 3, 17), randn(5, 17)], F.linear),
    Case("linear_4d", [randn(2, 3, 4, 9), randn(7, 9), randn(7)], F.linear),
    Case("linear_dyn", [randn(2, 3, 5), randn(7, 5), randn(7)], F.linear),  # ? x 3 x 5
    Case("linear_dyn_2d", [randn(3, 13), randn(6, 13), randn(6)], F.linear),  # ? x 13
    # f16 operands, exact sum rounded once to f16 (hnn accumulates in f32).
    Case("linear_f16", [randn_f16(4, 19), randn_f16(5, 19), randn_f16(5)],
         lambda x, w, b: F.linear(x, w, b).half()),
    # batch_matmul
    Case("batch_matmul_3d", [randn(3, 17, 5), randn(3, 5, 9)], torch.matmul),
    Case("batch_matmul_4d", [randn(2, 3, 5, 7), randn(2, 3, 7, 4)], torch.matmul),
    Case("batch_matmul_ones", [randn(1, 1, 3), randn(1, 3, 1)], torch.matmul),
    Case("batch_matmul_dyn", [randn(3, 5, 3), randn(3, 3, 6)], torch.matmul),  # ? x 5 x 3
    Case("batch_matmul_dyn_4d", [randn(2, 2, 3, 4), randn(2, 2, 4, 5)],
         torch.matmul),  # ? x 2 x 3 x 4
    # Outer product through unit-dim reshapes (x: 5, g: 4 -> g x^T).
    Case("outer_product", [randn(5), randn(4)], lambda x, g: torch.outer(g, x)),
]
