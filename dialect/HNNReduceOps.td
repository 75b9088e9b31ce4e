//===- HNNReduceOps.td - reductions and losses --------------*- tablegen -*-===//
#ifndef HNN_REDUCE_OPS_TD
#define HNN_REDUCE_OPS_TD

include "dialect/HNNBase.td"

class HNN_ReduceOp<string mnemonic, string what, dag extra = (ins)>
    : HNN_ComputeOp<mnemonic> {
  let summary = what # " over the given dimensions";
  let description = [{
    Reduces over `dims` (distinct, negative counts from the end). With
    `keepdim` the reduced dimensions stay with size 1.
  }];
  let arguments = !con((ins HNN_FloatTensor:$input, DenseI64ArrayAttr:$dims,
                            UnitAttr:$keepdim), extra);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::hnn::inferReductionType(loc, getOperationName(), adaptor.getInput().getType(),
                                             adaptor.getDims(),
                                             adaptor.getKeepdim(), types);
    }
  }];
}

def HNN_ReduceSumOp : HNN_ReduceOp<"reduce_sum", "sum">;
def HNN_ReduceMeanOp : HNN_ReduceOp<"reduce_mean", "mean">;
def HNN_ReduceMaxOp : HNN_ReduceOp<"reduce_max", "maximum">;
def HNN_ReduceVarOp : HNN_ReduceOp<"reduce_var",
    "variance, Σ(x−mean)²/(n − correction) (correction 1 by default, as torch.var)",
    (ins DefaultValuedAttr<HNN_I64Attr, "1">:$correction)> {
  let hasVerifier = 1;
}

class HNN_LossOp<string mnemonic> : HNN_ComputeOp<mnemonic> {
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $target attr-dict `:` functional-type(operands, results)";
}

def HNN_CrossEntropyOp : HNN_LossOp<"cross_entropy"> {
  let summary = "softmax cross-entropy with integer class labels";
  let description = [{
    `input` holds logits `N×C`, `target` class indices `N` (i32 or i64).
    With label smoothing ε the target distribution is `(1−ε)·onehot + ε/C`.
    `reduction` mean (default) and sum give a rank-0 tensor, none a tensor
    `N`. Labels receive no gradient.
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_LabelTensor:$target,
                       DefaultValuedAttr<F64Attr, "0.0">:$label_smoothing,
                       DefaultValuedAttr<HNN_ReductionAttr,
                                         "::mlir::hnn::Reduction::mean">:$reduction);
  let hasVerifier = 1;
}

def HNN_MseOp : HNN_LossOp<"mse"> {
  let summary = "mean squared error";
  let description = [{
    `(input − target)²` over tensors of the same shape, averaged (mean) or
    summed over all elements to a rank-0 tensor, or kept elementwise (none).
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$target,
                       DefaultValuedAttr<HNN_ReductionAttr,
                                         "::mlir::hnn::Reduction::mean">:$reduction);
}

def HNN_RelativeL2Op : HNN_LossOp<"relative_l2"> {
  let summary = "per-sample relative L2 error ‖input − target‖ / ‖target‖";
  let description = [{
    The operator-learning loss: for each sample (dimension 0) the L2 norm of
    the error over all other dimensions divided by the norm of the target;
    then mean (default) or sum over the batch to a rank-0 tensor, or a tensor
    `N` with none.
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$target,
                       DefaultValuedAttr<HNN_ReductionAttr,
                                         "::mlir::hnn::Reduction::mean">:$reduction);
}

#endif // HNN_REDUCE_OPS_TD
