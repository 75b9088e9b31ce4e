//===- GradientsKAN.cpp - gradient rules of the KAN primitives ------------===//
//
// bspline_basis: the derivative of an order-k basis is a combination of two
// order-(k−1) bases of the same knot row, so the rule is another
// bspline_basis, two slices and elementwise ops. kan_spline's rules are
// its two gradient ops (lowered as fused kernels). Knots get no gradient.
//
//===----------------------------------------------------------------------===//
#include "dialect/Gradients.h"

#include "dialect/Builders.h"
#include "dialect/HNNOps.h"

using namespace mlir;
using namespace mlir::hnn;

namespace {

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
  Value isZero = SubOp::create(b, loc, build::scalar(b, loc, elem, 1.0), SignOp::create(b, loc, diff));
  Value denom = AddOp::create(b, loc, diff, isZero);
  return DivOp::create(b, loc, build::scalar(b, loc, elem, double(k)), denom);
}

LogicalResult bsplineBasis(BsplineBasisOp op, OpBuilder &b, Value dy, gradients::Grads &grads) {
  Location loc = op.getLoc();
  Value x = op.getInput(), grid = op.getGrid();
  auto xt = cast<RankedTensorType>(x.getType());
  int64_t k = op.getOrder();
  int64_t bases = cast<RankedTensorType>(op.getType()).getShape().back();
  if (k == 0) {
    // Piecewise constant: the derivative is 0 wherever it exists.
    grads[0] = MulOp::create(b, loc, x, build::scalar(b, loc, xt.getElementType(), 0.0));
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

/// Both gradients recompute the bases from the input (nothing of the forward
/// pass is kept); the knots get none.
LogicalResult kanSpline(KanSplineOp op, OpBuilder &b, Value dy, gradients::Grads &grads) {
  Location loc = op.getLoc();
  int64_t bases = cast<RankedTensorType>(op.getWeight().getType()).getDimSize(2);
  grads[0] = KanSplineGradInputOp::create(b, loc, op.getInput(), op.getWeight(), dy, op.getGrid(),
                                          op.getBasisAttr(), op.getOrderAttr(), op.getLowAttr(),
                                          op.getHighAttr());
  grads[1] = KanSplineGradWeightOp::create(b, loc, op.getInput(), dy, op.getGrid(),
                                           op.getBasisAttr(), op.getOrderAttr(), op.getLowAttr(),
                                           op.getHighAttr(), b.getI64IntegerAttr(bases));
  return success();
}

/// Column m of `w` (out × M) as a vector of `out`.
Value column(OpBuilder &b, Location loc, Value w, int64_t m) {
  int64_t out = cast<RankedTensorType>(w.getType()).getDimSize(0);
  Value col = sliceLast(b, loc, w, m, m + 1);
  auto type = RankedTensorType::get({out}, cast<RankedTensorType>(w.getType()).getElementType());
  return ReshapeOp::create(b, loc, type, col);
}

/// Each branch gets dy scaled by its weight; the logits get the softmax
/// adjoint of g[o, m] = Σ_… dy·branch_m.
LogicalResult kanSelect(KanSelectOp op, OpBuilder &b, Value dy, gradients::Grads &grads) {
  Location loc = op.getLoc();
  Value w = gradients::kanSelectWeights(b, loc, op.getLogits(), op.getMask());
  auto bt = cast<RankedTensorType>(op.getType());
  int64_t out = bt.getShape().back(), m = op.getBranches().size();
  SmallVector<int64_t> lead;
  for (int64_t d = 0; d + 1 < bt.getRank(); ++d)
    lead.push_back(d);
  SmallVector<Value> g;
  auto colType = RankedTensorType::get({out, 1}, bt.getElementType());
  for (auto [i, branch] : llvm::enumerate(op.getBranches())) {
    grads[i] = MulOp::create(b, loc, dy, column(b, loc, w, i));
    Value prod = MulOp::create(b, loc, dy, branch);
    Value sum = lead.empty() ? prod : Value(ReduceSumOp::create(b, loc, prod, lead, false));
    g.push_back(ReshapeOp::create(b, loc, colType, sum));
  }
  Value gm = m == 1 ? g[0] : Value(ConcatOp::create(b, loc, g, b.getI64IntegerAttr(1)));
  Value wg = ReduceSumOp::create(b, loc, MulOp::create(b, loc, w, gm), ArrayRef<int64_t>{1}, true);
  grads[m] = MulOp::create(b, loc, w, SubOp::create(b, loc, gm, wg));
  return success();
}

} // namespace

Value gradients::kanSelectWeights(OpBuilder &b, Location loc, Value logits, Value mask) {
  Type elem = cast<RankedTensorType>(logits.getType()).getElementType();
  // logits + (mask − 1)·10⁴: masked candidates end up with exp(−10⁴) = 0.
  Value off = MulOp::create(b, loc, SubOp::create(b, loc, mask, build::scalar(b, loc, elem, 1.0)),
                            build::scalar(b, loc, elem, 1e4));
  return SoftmaxOp::create(b, loc, AddOp::create(b, loc, logits, off), b.getI64IntegerAttr(1));
}

std::optional<LogicalResult> gradients::kan(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                            Grads &operandGrads) {
  if (auto basis = dyn_cast<BsplineBasisOp>(op))
    return resultGrads[0] ? bsplineBasis(basis, b, resultGrads[0], operandGrads) : success();
  if (auto spline = dyn_cast<KanSplineOp>(op))
    return resultGrads[0] ? kanSpline(spline, b, resultGrads[0], operandGrads) : success();
  if (auto select = dyn_cast<KanSelectOp>(op))
    return resultGrads[0] ? kanSelect(select, b, resultGrads[0], operandGrads) : success();
  return std::nullopt;
}
