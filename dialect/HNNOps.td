//===- HNNOps.td - all hnn ops ------------------------------*- tablegen -*-===//
//
// Umbrella file: one .td per op family, all generated into HNNOps.{h,cpp}.inc.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_OPS_TD
#define HNN_OPS_TD

include "dialect/HNNBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

def HNN_ConstantOp : HNN_Op<"constant", [ConstantLike, Pure,
    HNN_DifferentiableOpInterface,
    AllTypesMatch<["value", "output"]>]> {
  let summary = "a tensor constant";
  let description = "`%c = hnn.constant dense<1.0> : tensor<4xf32>`";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

include "dialect/HNNConvOps.td"
include "dialect/HNNLinearOps.td"
include "dialect/HNNElementwiseOps.td"
include "dialect/HNNNormOps.td"
include "dialect/HNNPoolOps.td"
include "dialect/HNNShapeOps.td"
include "dialect/HNNReduceOps.td"
include "dialect/HNNKANOps.td"

#endif // HNN_OPS_TD
