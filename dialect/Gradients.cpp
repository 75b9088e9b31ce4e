//===- Gradients.cpp - dispatch to the families' gradient rules -----------===//
#include "dialect/Gradients.h"

#include "dialect/HNNOps.h"

using namespace mlir;
using namespace mlir::hnn;

LogicalResult gradients::build(Operation *op, OpBuilder &b, ValueRange resultGrads,
                               Grads &operandGrads) {
  operandGrads.assign(op->getNumOperands(), Value());
  // No adjoint reaches this op: nothing to propagate.
  if (llvm::all_of(resultGrads, [](Value g) { return !g; }))
    return success();
  for (auto family : {elementwise, shape, contraction, reduction, convolution, normalization, kan})
    if (std::optional<LogicalResult> result = family(op, b, resultGrads, operandGrads))
      return *result;
  return op->emitOpError("has no gradient rule");
}

bool gradients::isDifferentiableOperand(Operation *op, unsigned index) {
  // Class labels; running statistics.
  if (isa<CrossEntropyOp>(op))
    return index == 0;
  if (isa<BatchNormOp>(op))
    return index < 3;
  // Knots; the S-KAN mask.
  if (isa<BsplineBasisOp>(op))
    return index == 0;
  if (isa<KanSplineOp>(op))
    return index < 2;
  if (isa<KanSelectOp>(op))
    return index + 1 < op->getNumOperands();
  return true;
}

Value gradients::sumToShape(OpBuilder &b, Location loc, Value grad, RankedTensorType type) {
  auto gradType = cast<RankedTensorType>(grad.getType());
  if (gradType == type)
    return grad;
  int64_t offset = gradType.getRank() - type.getRank();
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < gradType.getRank(); ++d)
    if (d < offset || (type.getDimSize(d - offset) == 1 && gradType.getDimSize(d) != 1))
      dims.push_back(d);
  Value summed = grad;
  if (!dims.empty())
    summed = ReduceSumOp::create(b, loc, grad, b.getDenseI64ArrayAttr(dims), /*keepdim=*/false);
  if (summed.getType() != type)
    summed = ReshapeOp::create(b, loc, type, summed);
  return summed;
}
