//===- HNNInterfaces.td - hnn op interfaces -----------------*- tablegen -*-===//
#ifndef HNN_INTERFACES_TD
#define HNN_INTERFACES_TD

include "mlir/IR/OpBase.td"

def HNN_DifferentiableOpInterface : OpInterface<"DifferentiableOpInterface"> {
  let cppNamespace = "::mlir::hnn";
  let description = [{
    The gradient hook of reverse-mode differentiation. An op says which of its
    operands carry a gradient and builds, in hnn ops, the vector-Jacobian
    product: given the adjoints of its results it creates the adjoints of its
    differentiable operands. Rules written in hnn ops are optimized and lowered
    like forward code. A rule may differ from the true derivative on purpose
    (straight-through and surrogate estimators).
  }];
  let methods = [
    InterfaceMethod<[{
        Whether operand `index` receives a gradient (labels, indices and
        running statistics do not).
      }], "bool", "isDifferentiableOperand", (ins "unsigned":$index), [{}],
      /*defaultImplementation=*/[{
        return ::mlir::hnn::gradients::isDifferentiableOperand($_op, index);
      }]>,
    InterfaceMethod<[{
        Builds the adjoints of the operands at the builder's insertion point.
        `resultGrads` holds one adjoint per result (null where a result does
        not influence the loss). On success `operandGrads` holds one value per
        operand, null for those that are not differentiable. An op without a
        rule emits an error naming itself and fails.
      }], "::llvm::LogicalResult", "buildGradient",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$resultGrads,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGrads), [{}],
      /*defaultImplementation=*/[{
        return ::mlir::hnn::gradients::build($_op, builder, resultGrads, operandGrads);
      }]>,
  ];
}

#endif // HNN_INTERFACES_TD
