//===- GradientsConvolution.cpp - gradient rules of the convolution ops ---------------------===//
#include "dialect/Gradients.h"

#include "dialect/HNNOps.h"

using namespace mlir;
using namespace mlir::hnn;

std::optional<LogicalResult> gradients::convolution(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                              Grads &operandGrads) {
  // This family has no rules yet: its ops report "has no gradient rule".
  return std::nullopt;
}
