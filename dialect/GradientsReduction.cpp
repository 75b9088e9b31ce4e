//===- GradientsReduction.cpp - gradient rules of reductions and losses ---===//
//
// reduce_sum/mean/max/var, softmax, log_softmax, cross_entropy, mse,
// relative_l2. A reduced adjoint is first reshaped to the keepdim shape, then
// broadcast back against the input, so a dynamic batch (reduced or not) is
// carried through. Counts over a dynamic dimension are computed at run time
// (a reduce_sum of ones shaped like the input).
//
//===----------------------------------------------------------------------===//
#include "dialect/Gradients.h"

#include "dialect/Builders.h"
#include "dialect/HNNOps.h"

#include <cmath>
#include <limits>
#include <numeric>

using namespace mlir;
using namespace mlir::hnn;
using build::scalar;
using gradients::Grads;

namespace {

RankedTensorType tensorType(Value v) { return cast<RankedTensorType>(v.getType()); }

/// Zeros of `like`'s type: a splat constant when static, else `like · 0`
/// (the values the rules pass here are finite).
Value zerosLike(OpBuilder &b, Location loc, Value like) {
  RankedTensorType t = tensorType(like);
  if (t.hasStaticShape())
    return ConstantOp::create(
        b, loc, DenseElementsAttr::get(t, b.getFloatAttr(t.getElementType(), 0.0)));
  return MulOp::create(b, loc, like, scalar(b, loc, t.getElementType(), 0.0));
}

Value onesLike(OpBuilder &b, Location loc, Value like) {
  RankedTensorType t = tensorType(like);
  if (t.hasStaticShape())
    return ConstantOp::create(
        b, loc, DenseElementsAttr::get(t, b.getFloatAttr(t.getElementType(), 1.0)));
  return AddOp::create(b, loc, zerosLike(b, loc, like), scalar(b, loc, t.getElementType(), 1.0));
}

/// `v` broadcast to `like`'s shape (`v` already broadcasts against it).
Value broadcastLike(OpBuilder &b, Location loc, Value v, Value like) {
  if (v.getType() == like.getType())
    return v;
  return AddOp::create(b, loc, v, zerosLike(b, loc, like));
}

/// `dims` of a rank-`rank` tensor, counted from 0, sorted.
SmallVector<int64_t> normalizeDims(ArrayRef<int64_t> dims, int64_t rank) {
  SmallVector<int64_t> out;
  for (int64_t d : dims)
    out.push_back(d < 0 ? d + rank : d);
  llvm::sort(out);
  return out;
}

/// `type` with `dims` set to 1 (the keepdim shape of a reduction).
RankedTensorType keepdimType(RankedTensorType type, ArrayRef<int64_t> dims) {
  SmallVector<int64_t> shape(type.getShape());
  for (int64_t d : dims)
    shape[d] = 1;
  return RankedTensorType::get(shape, type.getElementType());
}

/// `v` (the reduction's result shape) reshaped to the keepdim shape.
Value toKeepdim(OpBuilder &b, Location loc, Value v, RankedTensorType keep) {
  if (v.getType() == keep)
    return v;
  return ReshapeOp::create(b, loc, keep, v);
}

/// The number of elements `x` has along `dims`: a number when these are
/// static, else std::nullopt.
std::optional<double> staticCount(RankedTensorType type, ArrayRef<int64_t> dims) {
  double n = 1;
  for (int64_t d : dims) {
    if (type.isDynamicDim(d))
      return std::nullopt;
    n *= (double)type.getDimSize(d);
  }
  return n;
}

/// The same count as a keepdim tensor computed at run time.
Value dynamicCount(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> dims) {
  return ReduceSumOp::create(b, loc, onesLike(b, loc, x), dims, /*keepdim=*/true);
}

/// `v / count(x along dims)`.
Value divideByCount(OpBuilder &b, Location loc, Value v, Value x, ArrayRef<int64_t> dims) {
  RankedTensorType t = tensorType(x);
  if (std::optional<double> n = staticCount(t, dims))
    return MulOp::create(b, loc, v, scalar(b, loc, t.getElementType(), 1.0 / *n));
  return DivOp::create(b, loc, v, dynamicCount(b, loc, x, dims));
}

/// The adjoint of each sample's loss, shaped to broadcast against a tensor of
/// rank `rank` whose dimension 0 is the batch: `g` reshaped to `N×1×…×1`
/// (none), `g` itself (sum), `g / N` (mean; `perSample` is any tensor of
/// shape `N×1×…×1`, used to count N at run time).
Value perSampleGrad(OpBuilder &b, Location loc, Value g, Reduction reduction, Value perSample) {
  RankedTensorType t = tensorType(perSample);
  switch (reduction) {
  case Reduction::none:
    return toKeepdim(b, loc, g, t);
  case Reduction::sum:
    return g;
  case Reduction::mean:
    return divideByCount(b, loc, g, perSample, {0});
  }
  llvm_unreachable("unknown reduction");
}

LogicalResult reduceGrad(Operation *op, OpBuilder &b, Value g, Grads &operandGrads) {
  Location loc = op->getLoc();
  Value x = op->getOperand(0);
  RankedTensorType xType = tensorType(x);
  Type et = xType.getElementType();
  auto dimsAttr = op->getAttrOfType<DenseI64ArrayAttr>("dims");
  SmallVector<int64_t> dims = normalizeDims(dimsAttr.asArrayRef(), xType.getRank());
  RankedTensorType keep = keepdimType(xType, dims);
  Value gk = toKeepdim(b, loc, g, keep);

  if (isa<ReduceSumOp>(op)) {
    operandGrads[0] = broadcastLike(b, loc, gk, x);
  } else if (isa<ReduceMeanOp>(op)) {
    operandGrads[0] = broadcastLike(b, loc, divideByCount(b, loc, gk, x, dims), x);
  } else if (isa<ReduceMaxOp>(op)) {
    // The adjoint goes to the maxima, split evenly between ties (as
    // torch.amax): mask = 1 + sign(x − max) is 1 at a maximum, 0 elsewhere.
    Value max = toKeepdim(b, loc, op->getResult(0), keep);
    Value mask = AddOp::create(b, loc, SignOp::create(b, loc, SubOp::create(b, loc, x, max)),
                               scalar(b, loc, et, 1.0));
    Value ties = ReduceSumOp::create(b, loc, mask, dims, /*keepdim=*/true);
    operandGrads[0] = MulOp::create(b, loc, mask, DivOp::create(b, loc, gk, ties));
  } else if (auto var = dyn_cast<ReduceVarOp>(op)) {
    // d/dx Σ(x − μ)²/(n − c) = 2(x − μ)/(n − c) (the μ terms sum to zero).
    // Divisor as the lowering: max(n − c, 0) when static, n − c otherwise.
    double c = (double)var.getCorrection();
    Value mean = ReduceMeanOp::create(b, loc, x, dims, /*keepdim=*/true);
    Value scale;
    if (std::optional<double> n = staticCount(xType, dims)) {
      double divisor = std::max(*n - c, 0.0);
      double s = divisor > 0 ? 2.0 / divisor : std::numeric_limits<double>::infinity();
      scale = MulOp::create(b, loc, gk, scalar(b, loc, et, s));
    } else {
      Value divisor = SubOp::create(b, loc, dynamicCount(b, loc, x, dims), scalar(b, loc, et, c));
      scale = DivOp::create(b, loc, MulOp::create(b, loc, gk, scalar(b, loc, et, 2.0)), divisor);
    }
    operandGrads[0] = MulOp::create(b, loc, SubOp::create(b, loc, x, mean), scale);
  }
  return success();
}

/// dL/dlogits = (softmax(x) − q)·gₙ with q = (1 − ε)·onehot(label) + ε/C.
///
/// No hnn op turns integer labels into floats or compares them with an
/// index, except cross_entropy itself, which is used to build the one-hot:
/// on logits that hold their class index (row [0, 1, …, C−1] for every
/// sample) the unsmoothed loss of sample n is u_n = L + (C−1) − y_n with
/// L = log Σ_c e^(c−(C−1)), a constant. So d_nc = u_n − (L + C−1 − c) =
/// c − y_n up to rounding (well under 1/4 while the classes fit the element
/// type's mantissa), and clamp(1.5 − 2|d_nc|, 0, 1) is exactly the one-hot.
/// A label outside [0, C) gets no one (the loss then has no label term
/// either, as the lowering computes it).
LogicalResult crossEntropyGrad(CrossEntropyOp op, OpBuilder &b, Value g, Grads &operandGrads) {
  Location loc = op.getLoc();
  Value x = op.getInput();
  RankedTensorType xType = tensorType(x);
  Type et = xType.getElementType();
  int64_t classes = xType.getDimSize(1);
  if (ShapedType::isDynamic(classes))
    return op.emitOpError("gradient needs a static number of classes");
  // The largest class count whose index survives the loss's rounding.
  int64_t limit = et.isF32() ? (int64_t(1) << 20) : et.isF16() ? 256 : 32;
  if (classes > limit)
    return op.emitOpError("gradient supports at most ")
           << limit << " classes with " << et << " logits, got " << classes;

  Value probs = SoftmaxOp::create(b, loc, x, 1);
  SmallVector<double> index(classes), offset(classes);
  double lse = 0;
  for (int64_t c = 0; c < classes; ++c)
    lse += std::exp((double)(c - (classes - 1)));
  lse = std::log(lse) + (double)(classes - 1);
  for (int64_t c = 0; c < classes; ++c) {
    index[c] = (double)c;
    offset[c] = lse - (double)c;
  }
  auto row = [&](ArrayRef<double> values) -> Value {
    auto t = RankedTensorType::get({1, classes}, et);
    SmallVector<Attribute> attrs;
    for (double v : values)
      attrs.push_back(b.getFloatAttr(et, v));
    return ConstantOp::create(b, loc, DenseElementsAttr::get(t, attrs));
  };
  Value indexLogits = AddOp::create(b, loc, zerosLike(b, loc, probs), row(index));
  Value u = CrossEntropyOp::create(b, loc, indexLogits, op.getTarget(),
                                   b.getF64FloatAttr(0.0),
                                   ReductionAttr::get(b.getContext(), Reduction::none));
  auto colType = RankedTensorType::get({xType.getDimSize(0), 1}, et);
  Value uCol = ReshapeOp::create(b, loc, colType, u);
  Value dist = AbsOp::create(b, loc, SubOp::create(b, loc, uCol, row(offset)));
  Value oneHot = ClampOp::create(
      b, loc,
      AddOp::create(b, loc, MulOp::create(b, loc, dist, scalar(b, loc, et, -2.0)),
                    scalar(b, loc, et, 1.5)),
      b.getF64FloatAttr(0.0), b.getF64FloatAttr(1.0));
  double eps = op.getLabelSmoothing().convertToDouble();
  Value target = oneHot;
  if (eps != 0.0)
    target = AddOp::create(b, loc, MulOp::create(b, loc, oneHot, scalar(b, loc, et, 1.0 - eps)),
                           scalar(b, loc, et, eps / (double)classes));
  Value gn = perSampleGrad(b, loc, g, op.getReduction(), uCol);
  operandGrads[0] = MulOp::create(b, loc, SubOp::create(b, loc, probs, target), gn);
  return success();
}

/// mse: d/dx (x − t)² = 2(x − t), times the adjoint of the element (none),
/// of the sum, or of the mean over all elements; d/dt is its negation.
LogicalResult mseGrad(MseOp op, OpBuilder &b, Value g, Grads &operandGrads) {
  Location loc = op.getLoc();
  Value x = op.getInput(), t = op.getTarget();
  RankedTensorType xType = tensorType(x);
  Type et = xType.getElementType();
  Value two = scalar(b, loc, et, 2.0);
  Value scale = MulOp::create(b, loc, g, two);
  if (op.getReduction() == Reduction::mean && xType.getRank() > 0) {
    SmallVector<int64_t> all(xType.getRank());
    std::iota(all.begin(), all.end(), 0);
    scale = divideByCount(b, loc, scale, x, all);
  }
  Value dx = MulOp::create(b, loc, SubOp::create(b, loc, x, t), scale);
  operandGrads[0] = dx;
  operandGrads[1] = NegOp::create(b, loc, dx);
  return success();
}

/// relative_l2, per sample r = A/B with A = ‖x − t‖, B = ‖t‖:
///   dr/dx = (x − t)/(A·B),  dr/dt = −(x − t)/(A·B) − A·t/B³.
LogicalResult relativeL2Grad(RelativeL2Op op, OpBuilder &b, Value g, Grads &operandGrads) {
  Location loc = op.getLoc();
  Value x = op.getInput(), t = op.getTarget();
  RankedTensorType xType = tensorType(x);
  SmallVector<int64_t> rest;
  for (int64_t d = 1; d < xType.getRank(); ++d)
    rest.push_back(d);
  Value d = SubOp::create(b, loc, x, t);
  auto sumSquares = [&](Value v) -> Value {
    Value sq = MulOp::create(b, loc, v, v);
    if (rest.empty())
      return sq;
    return ReduceSumOp::create(b, loc, sq, rest, /*keepdim=*/true);
  };
  Value a2 = sumSquares(d), b2 = sumSquares(t); // N×1×…×1
  Value a = SqrtOp::create(b, loc, a2), bn = SqrtOp::create(b, loc, b2);
  Value gn = perSampleGrad(b, loc, g, op.getReduction(), a2);
  Value gx = MulOp::create(b, loc, d, DivOp::create(b, loc, gn, MulOp::create(b, loc, a, bn)));
  Value tScale =
      DivOp::create(b, loc, MulOp::create(b, loc, gn, a), MulOp::create(b, loc, b2, bn));
  operandGrads[0] = gx;
  operandGrads[1] =
      SubOp::create(b, loc, NegOp::create(b, loc, gx), MulOp::create(b, loc, t, tScale));
  return success();
}

} // namespace

std::optional<LogicalResult> gradients::reduction(Operation *op, OpBuilder &b,
                                                  ValueRange resultGrads, Grads &operandGrads) {
  Value g = resultGrads.empty() ? Value() : resultGrads[0];
  Location loc = op->getLoc();

  if (isa<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceVarOp>(op))
    return reduceGrad(op, b, g, operandGrads);

  if (auto softmax = dyn_cast<SoftmaxOp>(op)) {
    // dx = y ⊙ (g − Σ_dim g ⊙ y)
    Value y = softmax.getResult();
    int64_t dim = softmax.getDim();
    Value dot = ReduceSumOp::create(b, loc, MulOp::create(b, loc, g, y), ArrayRef<int64_t>{dim},
                                    /*keepdim=*/true);
    operandGrads[0] = MulOp::create(b, loc, y, SubOp::create(b, loc, g, dot));
    return success();
  }
  if (auto logSoftmax = dyn_cast<LogSoftmaxOp>(op)) {
    // dx = g − eʸ ⊙ Σ_dim g
    Value y = logSoftmax.getResult();
    int64_t dim = logSoftmax.getDim();
    Value total = ReduceSumOp::create(b, loc, g, ArrayRef<int64_t>{dim}, /*keepdim=*/true);
    operandGrads[0] = SubOp::create(b, loc, g, MulOp::create(b, loc, ExpOp::create(b, loc, y), total));
    return success();
  }
  if (auto ce = dyn_cast<CrossEntropyOp>(op))
    return crossEntropyGrad(ce, b, g, operandGrads);
  if (auto mse = dyn_cast<MseOp>(op))
    return mseGrad(mse, b, g, operandGrads);
  if (auto rl2 = dyn_cast<RelativeL2Op>(op))
    return relativeL2Grad(rl2, b, g, operandGrads);
  return std::nullopt;
}
