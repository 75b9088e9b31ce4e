//===- HNNPoolOps.td - pooling and softmax ------------------*- tablegen -*-===//
#ifndef HNN_POOL_OPS_TD
#define HNN_POOL_OPS_TD

include "dialect/HNNBase.td"

def HNN_MaxPool2dOp : HNN_ComputeOp<"max_pool2d"> {
  let summary = "2-D max pooling, NCHW";
  let description = [{
    `torch.nn.functional.max_pool2d`: `stride` defaults to `kernel_size`;
    padding (at most half the kernel) is −∞. With `ceil_mode` the output size
    rounds up, but a window must start inside the input or the left padding.
  }];
  let arguments = (ins HNN_FloatTensor:$input, DenseI64ArrayAttr:$kernel_size,
                       HNN_I64Array:$stride, HNN_I64Array:$padding,
                       HNN_I64Array:$dilation, UnitAttr:$ceil_mode);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def HNN_AvgPool2dOp : HNN_ComputeOp<"avg_pool2d"> {
  let summary = "2-D average pooling, NCHW";
  let description = [{
    `torch.nn.functional.avg_pool2d`: `stride` defaults to `kernel_size`;
    zero padding (at most half the kernel) counted in the divisor unless
    `count_include_pad = false`.
  }];
  let arguments = (ins HNN_FloatTensor:$input, DenseI64ArrayAttr:$kernel_size,
                       HNN_I64Array:$stride, HNN_I64Array:$padding,
                       UnitAttr:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "true">:$count_include_pad);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def HNN_GlobalAvgPool2dOp : HNN_ComputeOp<"global_avg_pool2d"> {
  let summary = "mean over H and W, keeping them as size 1";
  let description = "`N×C×H×W` to `N×C×1×1` (adaptive_avg_pool2d to 1).";
  let arguments = (ins HNN_FloatTensor:$input);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

class HNN_SoftmaxLikeOp<string mnemonic, string what>
    : HNN_SameTypeOp<mnemonic> {
  let summary = what;
  let description = [{
    Along `dim` (negative counts from the end), computed stably (the maximum
    is subtracted first).
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_I64Attr:$dim);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}
def HNN_SoftmaxOp : HNN_SoftmaxLikeOp<"softmax", "softmax along one dimension">;
def HNN_LogSoftmaxOp : HNN_SoftmaxLikeOp<"log_softmax", "log of the softmax along one dimension">;

#endif // HNN_POOL_OPS_TD
