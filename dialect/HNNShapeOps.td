//===- HNNShapeOps.td - shape and data movement -------------*- tablegen -*-===//
#ifndef HNN_SHAPE_OPS_TD
#define HNN_SHAPE_OPS_TD

include "dialect/HNNBase.td"

def HNN_ReshapeOp : HNN_Op<"reshape", [Pure, HNN_DifferentiableOpInterface]> {
  let summary = "same elements in row-major order, another shape";
  let description = [{
    The result type gives the new shape. Static shapes must hold the same
    number of elements. A dynamic dimension (the batch) stands for the same
    size in the input and the result, so the products of the static
    dimensions must match, and both sides have the same number of dynamic
    dimensions (at most one).
  }];
  let arguments = (ins HNN_FloatTensor:$input);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def HNN_TransposeOp : HNN_ComputeOp<"transpose"> {
  let summary = "permutes dimensions";
  let description = "Result dimension `i` is input dimension `permutation[i]`.";
  let arguments = (ins HNN_FloatTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def HNN_FlattenOp : HNN_ComputeOp<"flatten"> {
  let summary = "merges dimensions start_dim..end_dim into one";
  let description = [{
    As `torch.flatten`; defaults `start_dim = 1`, `end_dim = −1` (negative
    values count from the end).
  }];
  let arguments = (ins HNN_FloatTensor:$input,
                       DefaultValuedAttr<HNN_I64Attr, "1">:$start_dim,
                       DefaultValuedAttr<HNN_I64Attr, "-1">:$end_dim);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def HNN_ConcatOp : HNN_ComputeOp<"concat"> {
  let summary = "joins tensors along one dimension";
  let description = [{
    All inputs have the same rank, element type and sizes except along `dim`
    (negative counts from the end).
  }];
  let arguments = (ins Variadic<HNN_FloatTensor>:$inputs, HNN_I64Attr:$dim);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
}

def HNN_SliceOp : HNN_ComputeOp<"slice"> {
  let summary = "strided window along some dimensions";
  let description = [{
    For each listed dimension `dims[i]`, keeps indices
    `starts[i], starts[i]+steps[i], …` below `ends[i]`
    (`0 ≤ start < end ≤ size`, `step ≥ 1`, default 1). Other dimensions are
    kept whole; a dynamic dimension cannot be sliced.
  }];
  let arguments = (ins HNN_FloatTensor:$input, DenseI64ArrayAttr:$dims,
                       DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$ends,
                       HNN_I64Array:$steps);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def HNN_PadOp : HNN_ComputeOp<"pad"> {
  let summary = "pads every dimension by low/high amounts";
  let description = [{
    `low[i]` and `high[i]` elements are added before and after dimension `i`
    (one entry per dimension, non-negative). `padding_mode` as in conv2d;
    `zeros` fills with `value` (default 0). `reflect` needs a pad smaller than
    the dimension, `circular` at most the dimension; dynamic dimensions cannot
    be padded.
  }];
  let arguments = (ins HNN_FloatTensor:$input, DenseI64ArrayAttr:$low,
                       DenseI64ArrayAttr:$high,
                       DefaultValuedAttr<HNN_PaddingModeAttr,
                                         "::mlir::hnn::PaddingMode::zeros">:$padding_mode,
                       DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def HNN_UpsampleNearestOp : HNN_ComputeOp<"upsample_nearest"> {
  let summary = "nearest-neighbour upsampling of H and W by integer factors";
  let description = "`N×C×H×W` to `N×C×(H·sh)×(W·sw)`; element `(h, w)` reads `(h/sh, w/sw)`.";
  let arguments = (ins HNN_FloatTensor:$input, DenseI64ArrayAttr:$scale_factor);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

#endif // HNN_SHAPE_OPS_TD
