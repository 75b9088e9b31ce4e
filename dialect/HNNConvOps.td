//===- HNNConvOps.td - convolutions -------------------------*- tablegen -*-===//
#ifndef HNN_CONV_OPS_TD
#define HNN_CONV_OPS_TD

include "dialect/HNNBase.td"

def HNN_Conv2dOp : HNN_ComputeOp<"conv2d"> {
  let summary = "2-D convolution, NCHW activations and OIHW weights";
  let description = [{
    `torch.nn.functional.conv2d` with `padding_mode`: input `N×C×H×W`, weight
    `F×(C/groups)×KH×KW`, optional bias `F`, result `N×F×OH×OW` where
    `OH = (H + 2·pad_h − dil_h·(KH−1) − 1) / stride_h + 1`.
    `padding` is symmetric `[pad_h, pad_w]`; the border is filled as
    `padding_mode` says (`reflect` needs `pad < H`, `circular` needs
    `pad ≤ H`). Defaults: stride 1, padding 0, dilation 1, groups 1, zeros.

    ```mlir
    %y = hnn.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
        : (tensor<?x3x32x32xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<?x16x16x16xf32>
    ```
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$weight,
                       Optional<HNN_FloatTensor>:$bias,
                       HNN_I64Array:$stride, HNN_I64Array:$padding,
                       HNN_I64Array:$dilation,
                       DefaultValuedAttr<HNN_I64Attr, "1">:$groups,
                       DefaultValuedAttr<HNN_PaddingModeAttr,
                                         "::mlir::hnn::PaddingMode::zeros">:$padding_mode);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

def HNN_ConvTranspose2dOp : HNN_ComputeOp<"conv_transpose2d"> {
  let summary = "2-D transposed convolution (the adjoint of conv2d)";
  let description = [{
    `torch.nn.functional.conv_transpose2d`: input `N×C×H×W`, weight
    `C×(F/groups)×KH×KW`, optional bias `F`, result `N×F×OH×OW` with
    `OH = (H−1)·stride − 2·pad + dil·(KH−1) + output_padding + 1`.
    `output_padding` must be smaller than the stride or the dilation.
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$weight,
                       Optional<HNN_FloatTensor>:$bias,
                       HNN_I64Array:$stride, HNN_I64Array:$padding,
                       HNN_I64Array:$output_padding, HNN_I64Array:$dilation,
                       DefaultValuedAttr<HNN_I64Attr, "1">:$groups);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

def HNN_UnfoldOp : HNN_ComputeOp<"unfold"> {
  let summary = "im2col, as torch.nn.functional.unfold";
  let description = [{
    Extracts sliding `KH×KW` patches of an `N×C×H×W` input into
    `N×(C·KH·KW)×L`, `L = OH·OW`, zero padding. Row index is
    `c·KH·KW + kh·KW + kw` and column index `oh·OW + ow`, as in PyTorch.
  }];
  let arguments = (ins HNN_FloatTensor:$input, DenseI64ArrayAttr:$kernel_size,
                       HNN_I64Array:$stride, HNN_I64Array:$padding,
                       HNN_I64Array:$dilation);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

#endif // HNN_CONV_OPS_TD
