//===- Gradients.h - the gradient rules of the hnn ops ------------*- C++ -*-===//
//
// Every op's DifferentiableOpInterface forwards here. The rules are grouped
// by op family (Gradients<Family>.cpp); each family function handles the ops
// of its family and returns std::nullopt for any other op. An op no family
// handles has no rule: asking for one is a diagnosed failure.
//
// A rule builds, at the builder's insertion point and in hnn ops, the
// adjoint of each differentiable operand from the adjoints of the results
// (`resultGrads[i]` may be null: that result does not reach the loss; treat
// it as zero). Adjoints have exactly the operand's type: a broadcast operand
// gets its adjoint summed back to its shape (`sumToShape`).
//
//===----------------------------------------------------------------------===//
#ifndef HNN_DIALECT_GRADIENTS_H
#define HNN_DIALECT_GRADIENTS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::hnn::gradients {

using Grads = llvm::SmallVectorImpl<Value>;

/// The rule of `op` (dispatches to the families), or an error naming the op.
LogicalResult build(Operation *op, OpBuilder &b, ValueRange resultGrads, Grads &operandGrads);

/// Whether operand `index` of `op` receives a gradient: not labels, not
/// running statistics (the families say which).
bool isDifferentiableOperand(Operation *op, unsigned index);

/// kan_select's mixture weights `out × M`: softmax over the candidates of
/// `logits`, with the entries whose mask is 0 pushed to weight 0. Shared by
/// the op's gradient rule and its lowering.
Value kanSelectWeights(OpBuilder &b, Location loc, Value logits, Value mask);

/// `grad` (the shape of a broadcast result) summed over the dimensions that
/// broadcasting added or stretched, then reshaped to `type`.
Value sumToShape(OpBuilder &b, Location loc, Value grad, RankedTensorType type);

// The families. Each returns std::nullopt for ops outside it.
std::optional<LogicalResult> elementwise(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                         Grads &operandGrads);
std::optional<LogicalResult> shape(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                   Grads &operandGrads);
std::optional<LogicalResult> contraction(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                         Grads &operandGrads);
std::optional<LogicalResult> reduction(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                       Grads &operandGrads);
std::optional<LogicalResult> convolution(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                         Grads &operandGrads);
std::optional<LogicalResult> normalization(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                           Grads &operandGrads);
std::optional<LogicalResult> kan(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                 Grads &operandGrads);

} // namespace mlir::hnn::gradients

#endif // HNN_DIALECT_GRADIENTS_H
