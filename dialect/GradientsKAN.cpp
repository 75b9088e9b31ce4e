//===- GradientsKAN.cpp - gradient rules of the KAN primitives ------------===//
//
// bspline_basis: the derivative of an order-k basis is a combination of two
// order-(k−1) bases of the same knot row, so the rule is another
// bspline_basis, two slices and elementwise ops. Knots get no gradient.
//
//===----------------------------------------------------------------------===//
#include "dialect/Gradients.h"

#include "dialect/HNNOps.h"

using namespace mlir;
using namespace mlir::hnn;

namespace {

Value scalarLike(OpBuilder &b, Location loc, Type elem, double v) {
  auto t = RankedTensorType::get({}, elem);
  return ConstantOp::create(b, loc, DenseElementsAttr::get(t, b.getFloatAttr(elem, v)));
}

Value sliceLast(OpBuilder &b, Location loc, Value v, int64_t start, int64_t end) {
  int64_t last = cast<RankedTensorType>(v.getType()).getRank() - 1;
  return SliceOp::create(b, loc, v, ArrayRef<int64_t>{last}, ArrayRef<int64_t>{start},
                         ArrayRef<int64_t>{end}, DenseI64ArrayAttr());
}

/// k / (t[:, s + k : s + k + K] − t[:, s : s + K]), and k where the knot
/// difference is 0 (there the order-(k−1) basis it multiplies is 0, and a
/// division by zero would turn 0 into NaN). Knots are non-decreasing.
Value knotCoefficient(OpBuilder &b, Location loc, Value grid, int64_t k, int64_t s, int64_t n) {
  Type elem = cast<RankedTensorType>(grid.getType()).getElementType();
  Value diff = SubOp::create(b, loc, sliceLast(b, loc, grid, s + k, s + k + n),
                             sliceLast(b, loc, grid, s, s + n));
  Value isZero = SubOp::create(b, loc, scalarLike(b, loc, elem, 1.0), SignOp::create(b, loc, diff));
  Value denom = AddOp::create(b, loc, diff, isZero);
  return DivOp::create(b, loc, scalarLike(b, loc, elem, double(k)), denom);
}

LogicalResult bsplineBasis(BsplineBasisOp op, OpBuilder &b, Value dy, gradients::Grads &grads) {
  Location loc = op.getLoc();
  Value x = op.getInput(), grid = op.getGrid();
  auto xt = cast<RankedTensorType>(x.getType());
  int64_t k = op.getOrder();
  int64_t bases = cast<RankedTensorType>(op.getType()).getShape().back();
  if (k == 0) {
    // Piecewise constant: the derivative is 0 wherever it exists.
    grads[0] = MulOp::create(b, loc, x, scalarLike(b, loc, xt.getElementType(), 0.0));
    return success();
  }
  Value lower = BsplineBasisOp::create(b, loc, x, grid, k - 1);
  Value lo = sliceLast(b, loc, lower, 0, bases), hi = sliceLast(b, loc, lower, 1, bases + 1);
  Value derivative =
      SubOp::create(b, loc, MulOp::create(b, loc, lo, knotCoefficient(b, loc, grid, k, 0, bases)),
                    MulOp::create(b, loc, hi, knotCoefficient(b, loc, grid, k, 1, bases)));
  Value prod = MulOp::create(b, loc, dy, derivative);
  grads[0] = ReduceSumOp::create(b, loc, prod, ArrayRef<int64_t>{xt.getRank()}, false);
  return success();
}

} // namespace

std::optional<LogicalResult> gradients::kan(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                            Grads &operandGrads) {
  if (auto basis = dyn_cast<BsplineBasisOp>(op))
    return resultGrads[0] ? bsplineBasis(basis, b, resultGrads[0], operandGrads) : success();
  return std::nullopt;
}
