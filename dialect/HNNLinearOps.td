//===- HNNLinearOps.td - linear, matmul, batch_matmul -------*- tablegen -*-===//
#ifndef HNN_LINEAR_OPS_TD
#define HNN_LINEAR_OPS_TD

include "dialect/HNNBase.td"

def HNN_LinearOp : HNN_ComputeOp<"linear"> {
  let summary = "x·Wᵀ + b over the last dimension";
  let description = [{
    `torch.nn.functional.linear`: input `…×K`, weight `N×K`, optional bias
    `N`, result `…×N`. Any number of leading dimensions.
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$weight,
                       Optional<HNN_FloatTensor>:$bias);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

def HNN_MatmulOp : HNN_ComputeOp<"matmul"> {
  let summary = "matrix product of two 2-D tensors";
  let description = "`M×K` times `K×N` gives `M×N`.";
  let arguments = (ins HNN_FloatTensor:$lhs, HNN_FloatTensor:$rhs);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def HNN_BatchMatmulOp : HNN_ComputeOp<"batch_matmul"> {
  let summary = "batched matrix product";
  let description = [{
    `B…×M×K` times `B…×K×N` gives `B…×M×N`; both operands have the same rank
    (at least 3) and the same leading batch dimensions (no broadcasting).
  }];
  let arguments = (ins HNN_FloatTensor:$lhs, HNN_FloatTensor:$rhs);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

#endif // HNN_LINEAR_OPS_TD
