"""conv2d (every padding mode, stride, dilation, groups, depthwise),
conv_transpose2d (stride, dilation, output_padding, cropping padding, groups)
and unfold, with and without bias, dynamic batches."""
import torch
import torch.nn.functional as F

from goldens import Case, randn


def randn_f16(*shape):
    """Normal values that f16 represents exactly (the test truncates them)."""
    return lambda g: torch.randn(shape, generator=g).half().float()


def conv(stride=1, padding=(0, 0), dilation=1, groups=1, mode="zeros"):
    """conv2d as nn.Conv2d computes it: a non-zeros padding_mode pads with
    F.pad first and convolves without padding."""
    ph, pw = padding

    def fn(x, w, b=None):
        if mode == "zeros":
            return F.conv2d(x, w, b, stride=stride, padding=(ph, pw), dilation=dilation,
                            groups=groups)
        x = F.pad(x, (pw, pw, ph, ph), mode=mode)
        return F.conv2d(x, w, b, stride=stride, padding=0, dilation=dilation, groups=groups)

    return fn


def convt(stride=1, padding=0, output_padding=0, dilation=1, groups=1):
    def fn(x, w, b=None):
        return F.conv_transpose2d(x, w, b, stride=stride, padding=padding,
                                  output_padding=output_padding, groups=groups,
                                  dilation=dilation)

    return fn


def unfold(kernel, stride=1, padding=0, dilation=1):
    return lambda x: F.unfold(x, kernel, dilation=dilation, padding=padding, stride=stride)


CASES = [
    # conv2d
    Case("conv_basic", [randn(1, 3, 17, 33), randn(5, 3, 3, 3), randn(5)], conv()),
    Case("conv_zeros_stride2", [randn(2, 3, 9, 11), randn(4, 3, 3, 3), randn(4)],
         conv(stride=2, padding=(1, 1))),
    Case("conv_reflect", [randn(1, 2, 7, 9), randn(3, 2, 3, 3), randn(3)],
         conv(padding=(2, 1), mode="reflect")),
    Case("conv_replicate", [randn(2, 3, 6, 5), randn(2, 3, 3, 2)],
         conv(padding=(1, 2), mode="replicate")),
    Case("conv_circular", [randn(1, 3, 8, 7), randn(3, 3, 3, 3), randn(3)],
         conv(stride=(2, 1), padding=(2, 3), mode="circular")),
    Case("conv_dilation", [randn(1, 3, 13, 11), randn(2, 3, 3, 2), randn(2)],
         conv(padding=(2, 1), dilation=2)),
    Case("conv_dilation_stride_rect", [randn(2, 1, 17, 9), randn(3, 1, 2, 3)],
         conv(stride=(2, 3), padding=(1, 0), dilation=(3, 1))),
    Case("conv_1x1", [randn(3, 7, 5, 5), randn(1, 7, 1, 1), randn(1)], conv()),
    Case("conv_groups2", [randn(2, 4, 9, 9), randn(6, 2, 3, 3), randn(6)],
         conv(stride=2, padding=(1, 1), groups=2)),
    Case("conv_groups3_nobias", [randn(1, 6, 7, 8), randn(9, 2, 2, 3)],
         conv(padding=(1, 1), dilation=(1, 2), groups=3)),
    Case("conv_depthwise", [randn(1, 5, 11, 7), randn(5, 1, 3, 3), randn(5)],
         conv(padding=(1, 1), groups=5)),
    Case("conv_depthwise_reflect_stride", [randn(2, 3, 10, 9), randn(3, 1, 3, 3)],
         conv(stride=2, padding=(1, 2), groups=3, mode="reflect")),
    Case("conv_depthwise_mult2", [randn(1, 3, 7, 7), randn(6, 1, 3, 3), randn(6)],
         conv(padding=(1, 1), groups=3)),
    Case("conv_dyn", [randn(2, 3, 8, 8), randn(4, 3, 3, 3), randn(4)],
         conv(padding=(1, 1), mode="reflect")),  # ? x 3 x 8 x 8
    Case("conv_dyn_groups", [randn(3, 4, 6, 5), randn(2, 2, 3, 3), randn(2)],
         conv(stride=2, padding=(1, 1), groups=2, mode="circular")),  # ? x 4 x 6 x 5
    Case("conv_dyn_depthwise", [randn(2, 3, 5, 6), randn(3, 1, 3, 3)],
         conv(padding=(1, 1), groups=3, mode="replicate")),  # ? x 3 x 5 x 6
    # f16 operands, exact sum rounded once to f16 (hnn accumulates in f32).
    Case("conv_f16", [randn_f16(1, 3, 7, 6), randn_f16(4, 3, 3, 3), randn_f16(4)],
         lambda x, w, b: conv(padding=(1, 1))(x, w, b).half()),
    # conv_transpose2d
    Case("convt_basic", [randn(1, 3, 5, 7), randn(3, 4, 3, 3), randn(4)], convt()),
    Case("convt_stride2_outpad", [randn(2, 3, 5, 4), randn(3, 2, 3, 3), randn(2)],
         convt(stride=2, padding=1, output_padding=1)),
    Case("convt_dilation", [randn(1, 2, 4, 5), randn(2, 3, 3, 2)],
         convt(stride=(2, 1), padding=1, output_padding=(1, 0), dilation=2)),
    Case("convt_crop", [randn(1, 2, 6, 6), randn(2, 3, 3, 3), randn(3)],
         convt(stride=2, padding=(3, 2), output_padding=(1, 0))),
    Case("convt_crop_stride1", [randn(1, 2, 7, 5), randn(2, 1, 3, 1)],
         convt(padding=(3, 0))),
    Case("convt_rect_stride3", [randn(1, 3, 3, 4), randn(3, 2, 2, 3), randn(2)],
         convt(stride=(3, 2), padding=(0, 1), output_padding=(2, 1))),
    Case("convt_groups2", [randn(2, 4, 5, 5), randn(4, 3, 3, 3), randn(6)],
         convt(stride=2, padding=1, groups=2)),
    Case("convt_depthwise", [randn(1, 3, 4, 5), randn(3, 1, 3, 3), randn(3)],
         convt(stride=2, padding=1, output_padding=1, groups=3)),
    Case("convt_dyn", [randn(3, 2, 4, 4), randn(2, 3, 3, 3), randn(3)],
         convt(stride=2, padding=1, output_padding=1)),  # ? x 2 x 4 x 4
    Case("convt_dyn_groups", [randn(2, 6, 3, 3), randn(6, 1, 2, 2)],
         convt(stride=2, groups=3)),  # ? x 6 x 3 x 3
    # unfold
    Case("unfold_basic", [randn(1, 3, 5, 7)], unfold((2, 3))),
    Case("unfold_all", [randn(2, 2, 9, 8)], unfold(3, stride=2, padding=1, dilation=(2, 1))),
    Case("unfold_1x1_stride", [randn(1, 3, 5, 6)], unfold(1, stride=2)),
    Case("unfold_dyn", [randn(2, 3, 6, 6)], unfold(3, padding=1)),  # ? x 3 x 6 x 6
]
