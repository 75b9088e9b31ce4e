//===- HNNNormOps.td - normalization ------------------------*- tablegen -*-===//
#ifndef HNN_NORM_OPS_TD
#define HNN_NORM_OPS_TD

include "dialect/HNNBase.td"

def HNN_BatchNormOp : HNN_ComputeOp<"batch_norm"> {
  let summary = "batch normalization over all dimensions but the channel (dim 1)";
  let description = [{
    Input `N×C×…` (rank ≥ 2); `weight`, `bias`, `running_mean`, `running_var`
    are `C`. With `training`, normalizes with the batch statistics (biased
    variance) and returns the updated running statistics
    `(1−momentum)·running + momentum·batch` (unbiased variance, as PyTorch);
    without, normalizes with the running statistics and returns them unchanged.
    Running statistics receive no gradient.
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$weight,
                       HNN_FloatTensor:$bias, HNN_FloatTensor:$running_mean,
                       HNN_FloatTensor:$running_var,
                       DefaultValuedAttr<F64Attr, "1e-5">:$eps,
                       DefaultValuedAttr<F64Attr, "0.1">:$momentum,
                       UnitAttr:$training);
  let results = (outs HNN_FloatTensor:$output, HNN_FloatTensor:$new_running_mean,
                      HNN_FloatTensor:$new_running_var);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias `,` $running_mean `,` $running_var attr-dict
    `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def HNN_LayerNormOp : HNN_ComputeOp<"layer_norm"> {
  let summary = "layer normalization over the trailing dimensions";
  let description = [{
    Normalizes over the trailing dimensions given by the shape of `weight`
    (and `bias`, the same shape), then applies the elementwise affine map.
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$weight,
                       HNN_FloatTensor:$bias,
                       DefaultValuedAttr<F64Attr, "1e-5">:$eps);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $weight `,` $bias attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def HNN_GroupNormOp : HNN_ComputeOp<"group_norm"> {
  let summary = "group normalization";
  let description = [{
    Input `N×C×…`: channels are split into `num_groups` groups normalized
    together with the spatial dimensions, then scaled by `weight` and shifted
    by `bias` (both `C`).
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$weight,
                       HNN_FloatTensor:$bias, HNN_I64Attr:$num_groups,
                       DefaultValuedAttr<F64Attr, "1e-5">:$eps);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $weight `,` $bias attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

#endif // HNN_NORM_OPS_TD
