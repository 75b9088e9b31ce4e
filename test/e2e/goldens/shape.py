"""Shape ops and data movement: constant, reshape, transpose, flatten, concat,
slice, pad (every mode), upsample_nearest. Dynamic-batch cases are fed a
concrete batch here; the .mlir functions take `?`."""
import torch
import torch.nn.functional as F

from goldens import Case, randn


def torch_pad(x, low, high, mode, value=0.0):
    """hnn.pad (low/high for every dimension) through F.pad, which takes the
    pads last dimension first. The border modes pad the trailing k <= 3
    dimensions of a (k+2)-D input, so the leading dimensions are merged into
    a batch of one `channel` dimension and split again afterwards."""
    pads = []
    for lo, hi in zip(reversed(low), reversed(high)):
        pads += [lo, hi]
    if mode == "constant":
        return F.pad(x, pads, mode="constant", value=value)
    first = next(i for i in range(len(low)) if low[i] or high[i])
    k = x.dim() - first
    lead = x.shape[:first]
    y = x.reshape(1, -1, *x.shape[first:])
    y = F.pad(y, pads[: 2 * k], mode=mode)
    return y.reshape(*lead, *y.shape[2:])


CONST = torch.tensor([[1.0, -2.0, 3.5], [0.25, 0.0, -7.0]])

CASES = [
    Case("constant", [randn(2, 3)], lambda x: (CONST, torch.cat([x, CONST], dim=0))),
    # ?x3x4 -> ?x12 (collapse), ?x4x3 (collapse + expand), ?x6x2 (through 1-D).
    Case("reshape_batch", [randn(5, 3, 4)],
         lambda x: (x.reshape(-1, 12), x.reshape(-1, 4, 3), x.reshape(-1, 6, 2))),
    Case("reshape_static", [randn(2, 3, 4), randn(6), randn()],
         lambda x, v, s: (x.reshape(24), v.reshape(1, 2, 3, 1), x.reshape(4, 3, 2),
                          s.reshape(1, 1), s.reshape(1, 1).reshape(()))),
    Case("transpose", [randn(2, 3, 17, 5), randn(3, 33), randn(2, 3, 5)],
         lambda x, y, z: (x.permute(0, 2, 3, 1), y.t(), z.permute(2, 0, 1))),
    Case("flatten", [randn(3, 3, 4, 5), randn(2, 3, 4), randn(2, 3, 4, 5), randn()],
         lambda a, b, c, s: (torch.flatten(a, 1), torch.flatten(b, 0, 1),
                             torch.flatten(c, -3, -2), torch.flatten(s))),
    Case("concat3", [randn(2, 3, 5), randn(2, 1, 5), randn(2, 17, 5)],
         lambda a, b, c: torch.cat([a, b, c], dim=1)),
    Case("concat_more", [randn(2, 3), randn(2, 4), randn(2, 1), randn(3, 3), randn(2, 3)],
         lambda a, b, c, d, e: (torch.cat([a, b, c], dim=-1), torch.cat([d, e], dim=0))),
    Case("concat_batch", [randn(3, 3), randn(2, 3)],
         lambda d, e: torch.cat([d, e, d], dim=0).sum(0)),
    Case("slice_steps", [randn(2, 17, 33), randn(2, 5), randn(8, 8), randn(2, 17, 33)],
         lambda x, y, z, w: (x[:, 0:17:2, 1:33:5], y[:, 3:4], z[1:2, 0:3:3],
                             w[:, 16:17, 2:33:3])),
    Case("pad_zeros", [randn(2, 3), randn(2, 3, 5)],
         lambda x, y: (torch_pad(x, [0, 1], [2, 3], "constant", 1.5),
                       torch_pad(y, [0, 2, 0], [0, 1, 3], "constant", -0.5))),
    Case("pad_reflect", [randn(1, 3, 5, 5), randn(2, 3, 17), randn(2, 3, 4, 5)],
         lambda a, b, c: (torch_pad(a, [0, 0, 4, 1], [0, 0, 2, 0], "reflect"),
                          torch_pad(b, [0, 0, 5], [0, 0, 16], "reflect"),
                          torch_pad(c, [0, 2, 1, 3], [0, 1, 3, 4], "reflect"))),
    Case("pad_replicate", [randn(2, 1, 1), randn(2, 3, 17, 4)],
         lambda a, b: (torch_pad(a, [0, 3, 0], [0, 0, 5], "replicate"),
                       torch_pad(b, [0, 0, 1, 3], [0, 0, 16, 2], "replicate"))),
    Case("pad_circular", [randn(3, 4), randn(2, 2, 5, 6)],
         lambda a, b: (torch_pad(a, [3, 4], [0, 1], "circular"),
                       torch_pad(b, [0, 0, 2, 6], [0, 0, 5, 1], "circular"))),
    Case("upsample_nearest", [randn(2, 3, 5, 7), randn(2, 3, 4, 1), randn(1, 1, 1, 1)],
         lambda x, y, z: (F.interpolate(x, scale_factor=(2, 3), mode="nearest"),
                          F.interpolate(y, scale_factor=(1, 5), mode="nearest"),
                          F.interpolate(z, scale_factor=(1, 1), mode="nearest"))),
    # Regression: a slice from 0 with step 1 that shrinks a dimension, with
    # a dynamic batch (once lowered with the input's loop bound).
    Case("slice_head", [randn(2, 3, 11, 9)], lambda x: x[:, :, 0:1, :]),
    # Regression: negative permutation entries (once passed to linalg as is).
    Case("transpose_negative", [randn(2, 3, 5)], lambda x: x.permute(0, -1, 1)),
]
