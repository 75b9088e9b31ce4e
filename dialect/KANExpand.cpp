//===- KANExpand.cpp - KAN layers as primitive ops -------------------------===//
#include "dialect/KANExpand.h"

#include "dialect/Builders.h"
#include "dialect/ShapeInference.h"

using namespace mlir;
using namespace mlir::hnn;

namespace {

/// The bases of `op` at `z` as a tensor `…×in×k` (below f32, where no fused
/// kernel exists): bspline_basis, Gaussians of the distance to the centers,
/// or the Chebyshev recurrence.
template <typename OpT>
Value materializedBases(OpBuilder &b, Location loc, OpT op, Value z, int64_t k) {
  auto t = cast<RankedTensorType>(z.getType());
  Type elem = t.getElementType();
  SmallVector<int64_t> column(t.getShape());
  column.push_back(1);
  switch (op.getBasis()) {
  case KanBasis::bspline:
    return BsplineBasisOp::create(b, loc, z, op.getGrid(), op.getOrder());
  case KanBasis::rbf: {
    double lo = op.getLow().convertToDouble(), hi = op.getHigh().convertToDouble();
    double h = (hi - lo) / double(k - 1);
    SmallVector<double> centers;
    for (int64_t i = 0; i < k; ++i)
      centers.push_back(lo + double(i) * h);
    Value g = build::constant(b, loc, {k}, elem, centers);
    Value d = DivOp::create(b, loc, SubOp::create(b, loc, build::reshape(b, loc, z, column), g),
                            build::scalar(b, loc, elem, h));
    return ExpOp::create(b, loc, NegOp::create(b, loc, MulOp::create(b, loc, d, d)));
  }
  case KanBasis::chebyshev: {
    Value u = build::reshape(b, loc, z, column);
    SmallVector<Value> terms = {
        AddOp::create(b, loc, MulOp::create(b, loc, u, build::scalar(b, loc, elem, 0.0)),
                      build::scalar(b, loc, elem, 1.0)),
        u};
    Value twoU = MulOp::create(b, loc, u, build::scalar(b, loc, elem, 2.0));
    for (int64_t n = 2; n < k; ++n)
      terms.push_back(SubOp::create(b, loc, MulOp::create(b, loc, twoU, terms[n - 1]), terms[n - 2]));
    terms.resize(k);
    return k == 1 ? terms[0]
                  : Value(ConcatOp::create(b, loc, terms, b.getI64IntegerAttr(t.getRank())));
  }
  }
  llvm_unreachable("unknown KAN basis");
}

/// The KAN map of `op` (kan_linear or kan_conv2d: the same operands and
/// attributes) on the last dimension of `x`.
template <typename OpT>
Value expandMap(OpBuilder &b, OpT op, Value x) {
  Location loc = op.getLoc();
  auto t = cast<RankedTensorType>(x.getType());
  Type elem = t.getElementType();
  auto sw = cast<RankedTensorType>(op.getSplineWeight().getType());
  int64_t in = t.getShape().back(), out = sw.getDimSize(0), k = sw.getDimSize(2);
  SmallVector<int64_t> lead(t.getShape().drop_back());
  auto shapeWith = [&](std::initializer_list<int64_t> tail) {
    SmallVector<int64_t> shape(lead);
    shape.append(tail);
    return shape;
  };
  Value coef = op.getSplineWeight();
  if (op.getSplineScaler())
    coef = MulOp::create(b, loc, coef, build::reshape(b, loc, op.getSplineScaler(), {out, in, 1}));
  // What the bases are evaluated at: the input, its layer normalization
  // (FastKAN) or its tanh (Chebyshev).
  Value z = x;
  if (op.getBasis() == KanBasis::rbf && op.getNormWeight())
    z = LayerNormOp::create(b, loc, x, op.getNormWeight(), op.getNormBias(), b.getF64FloatAttr(1e-5));
  if (op.getBasis() == KanBasis::chebyshev)
    z = TanhOp::create(b, loc, x);
  Value y;
  if (elem.isF32()) {
    // One kan_spline: a fused kernel that never stores the bases.
    y = KanSplineOp::create(b, loc, z, coef, op.getGrid(), op.getBasisAttr(), op.getOrderAttr(),
                            op.getLowAttr(), op.getHighAttr());
  } else {
    Value bases = materializedBases(b, loc, op, z, k);
    y = LinearOp::create(b, loc, build::reshape(b, loc, bases, shapeWith({in * k})),
                         build::reshape(b, loc, coef, {out, in * k}), Value());
  }
  if (op.getBaseActivation() == KanBase::none)
    return y;
  Value act = op.getBaseActivation() == KanBase::silu ? Value(SiluOp::create(b, loc, x)) : x;
  return AddOp::create(b, loc, LinearOp::create(b, loc, act, op.getBaseWeight(), Value()), y);
}

} // namespace

Value hnn::expandKanLinear(OpBuilder &b, KanLinearOp op) { return expandMap(b, op, op.getInput()); }

Value hnn::expandKanConv2d(OpBuilder &b, KanConv2dOp op) {
  Location loc = op.getLoc();
  Value x = op.getInput();
  auto resultType = cast<RankedTensorType>(op.getType());
  SmallVector<int64_t, 2> padding = pairOr(op.getPadding(), 0);
  if (op.getPaddingMode() != PaddingMode::zeros && (padding[0] || padding[1])) {
    // Other borders: an explicit pad in front of an unpadded unfold.
    SmallVector<int64_t> pads = {0, 0, padding[0], padding[1]};
    x = PadOp::create(b, loc, x, pads, pads, op.getPaddingMode(), llvm::APFloat(0.0));
    padding = {0, 0};
  }
  Value cols = UnfoldOp::create(b, loc, x, op.getKernelSizeAttr(), op.getStrideAttr(),
                                b.getDenseI64ArrayAttr(padding), op.getDilationAttr());
  // N × features × positions → N × positions × features: each patch a row.
  Value patches = TransposeOp::create(b, loc, cols, ArrayRef<int64_t>{0, 2, 1});
  Value y = expandMap(b, op, patches);
  Value back = TransposeOp::create(b, loc, y, ArrayRef<int64_t>{0, 2, 1});
  return ReshapeOp::create(b, loc, resultType, back);
}

void hnn::expandKanLayers(Operation *root) {
  SmallVector<Operation *> ops;
  root->walk([&](Operation *op) {
    if (isa<KanLinearOp, KanConv2dOp>(op))
      ops.push_back(op);
  });
  for (Operation *op : ops) {
    OpBuilder b(op);
    Value y = isa<KanLinearOp>(op) ? expandKanLinear(b, cast<KanLinearOp>(op))
                                   : expandKanConv2d(b, cast<KanConv2dOp>(op));
    op->getResult(0).replaceAllUsesWith(y);
    op->erase();
  }
}
