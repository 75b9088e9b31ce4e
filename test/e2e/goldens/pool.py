"""Pooling: max/avg with padding, strides, dilation, ceil mode (including the
windows PyTorch drops or clips), count_include_pad, and a dynamic batch."""
import torch
import torch.nn.functional as F

from goldens import Case, randn

CASES = [
    # Stride defaults to the kernel; 17 and 33 leave a remainder that floor drops.
    Case("max_pool_kernel_only", [randn(1, 3, 17, 33)], lambda x: F.max_pool2d(x, 2)),
    Case("max_pool_pad_stride", [randn(2, 3, 9, 17)],
         lambda x: F.max_pool2d(x, 3, stride=2, padding=1)),
    # Every attribute: dilation 2 along W, ceil mode adds a window per dim.
    Case("max_pool_ceil_dilation", [randn(1, 5, 10, 18)],
         lambda x: F.max_pool2d(x, 3, stride=2, padding=1, dilation=(1, 2), ceil_mode=True)),
    # Ceil mode where the last window would start in the high padding: dropped.
    Case("max_pool_ceil_drop", [randn(1, 1, 2, 7)],
         lambda x: F.max_pool2d(x, 3, stride=4, padding=1, ceil_mode=True)),
    # All-negative input: the -inf padding must never win.
    Case("max_pool_negative", [lambda g: torch.randn(1, 3, 5, 5, generator=g) * 0.1 - 10.0],
         lambda x: F.max_pool2d(x, 3, stride=1, padding=1)),
    # Dynamic batch (3 here), rectangular kernel, padding at half the kernel.
    Case("max_pool_dyn_rect", [randn(3, 7, 5, 9)],
         lambda x: F.max_pool2d(x, (5, 1), stride=(1, 2), padding=(2, 0))),
    Case("avg_pool_pad_stride", [randn(2, 3, 9, 17)],
         lambda x: F.avg_pool2d(x, 3, stride=2, padding=1)),
    # Ceil mode with count_include_pad: the last windows are clipped to the
    # padded input, so they divide by fewer than 9.
    Case("avg_pool_ceil_include_pad", [randn(1, 2, 16, 17)],
         lambda x: F.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True)),
    # Ceil mode, count_include_pad = false, stride != kernel.
    Case("avg_pool_ceil_exclude_pad", [randn(1, 3, 16, 17)],
         lambda x: F.avg_pool2d(x, 3, stride=(2, 1), padding=(1, 0), ceil_mode=True,
                                count_include_pad=False)),
    # Floor mode, count_include_pad = false: border windows count fewer.
    Case("avg_pool_exclude_pad", [randn(1, 3, 9, 11)],
         lambda x: F.avg_pool2d(x, (3, 2), stride=(2, 3), padding=1,
                                count_include_pad=False)),
    # Ceil mode dropping the window that would start in the padding.
    Case("avg_pool_ceil_drop", [randn(1, 1, 2, 7)],
         lambda x: F.avg_pool2d(x, 3, stride=4, padding=1, ceil_mode=True)),
    # Dynamic batch (2 here), stride defaults to the kernel.
    Case("avg_pool_dyn", [randn(2, 1, 5, 5)], lambda x: F.avg_pool2d(x, 2)),
    # Dynamic batch (2 here), odd sizes; and a single element.
    Case("global_avg_pool", [randn(2, 3, 17, 33), randn(1, 1, 1, 1)],
         lambda x, y: (F.adaptive_avg_pool2d(x, 1), F.adaptive_avg_pool2d(y, 1))),
]
