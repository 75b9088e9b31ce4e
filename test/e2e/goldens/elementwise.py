"""Elementwise ops and activations: broadcasting, awkward sizes, edge values."""
import torch
import torch.nn.functional as F

from goldens import Case, randn, uniform

CASES = [
    Case("add_broadcast", [randn(3, 1, 17), randn(5, 1)], lambda a, b: a + b),
    Case("sub_scalar_rank0", [randn(2, 33), randn()], lambda a, b: a - b),
    Case("mul_batch", [randn(4, 3, 5), randn(3, 1)], lambda a, b: a * b),
    Case("div", [randn(7, 9), uniform(0.5, 2.0, 9)], lambda a, b: a / b),
    Case("pow", [uniform(0.1, 3.0, 5, 7), randn(7)], lambda a, b: torch.pow(a, b)),
    Case("unary_math", [uniform(0.2, 4.0, 3, 17)],
         lambda x: (-x, torch.exp(x), torch.log(x), torch.sqrt(x), torch.rsqrt(x),
                    torch.sin(x), torch.cos(x))),
    Case("sign_abs", [torch.tensor([[-2.5, 0.0, 3.0, -0.0, 1e-8, -7.0]])],
         lambda x: (torch.sign(x), torch.abs(x))),
    Case("activations", [randn(2, 3, 11, scale=3.0)],
         lambda x: (F.relu(x), F.silu(x), torch.tanh(x), torch.sigmoid(x),
                    F.gelu(x), F.gelu(x, approximate="tanh"))),
    Case("activations_param", [randn(33, 5, scale=4.0)],
         lambda x: (torch.clamp(x, min=-1.5, max=0.25), torch.clamp(x, min=0.0),
                    F.hardtanh(x), F.hardtanh(x, -2.0, 3.0), F.elu(x), F.elu(x, alpha=0.5),
                    F.softplus(x), F.softplus(x, beta=2.0, threshold=5.0))),
]
