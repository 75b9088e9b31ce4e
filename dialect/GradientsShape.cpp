//===- GradientsShape.cpp - gradient rules of the shape ops ---------------===//
//
// Data movement: each adjoint moves the result's adjoint back to where its
// elements came from, summing where the forward op read an element several
// times (upsampling, replicate/reflect/circular padding).
//
//===----------------------------------------------------------------------===//
#include "dialect/Gradients.h"

#include "dialect/HNNOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::hnn;
using mlir::hnn::gradients::Grads;

namespace {

RankedTensorType tensorType(Value v) { return cast<RankedTensorType>(v.getType()); }

/// Whether `hnn.reshape` accepts `from -> to` (see ReshapeOp::verify).
bool reshapeable(RankedTensorType from, RankedTensorType to) {
  auto count = [](ArrayRef<int64_t> shape) {
    int64_t product = 1, dynamic = 0;
    for (int64_t d : shape)
      ShapedType::isDynamic(d) ? ++dynamic : product *= d;
    return std::make_pair(product, dynamic);
  };
  auto [fp, fd] = count(from.getShape());
  auto [tp, td] = count(to.getShape());
  return from.getElementType() == to.getElementType() && fd <= 1 && fd == td && fp == tp;
}

/// `v` reshaped to `type`, `v` itself when it has that type, or null when
/// hnn.reshape cannot express it.
Value reshapeTo(OpBuilder &b, Location loc, Value v, RankedTensorType type) {
  if (v.getType() == type)
    return v;
  if (!reshapeable(tensorType(v), type))
    return Value();
  return ReshapeOp::create(b, loc, type, v);
}

/// An hnn.slice with unit steps of [starts, ends) along `dims`.
Value unitSlice(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> dims,
                ArrayRef<int64_t> starts, ArrayRef<int64_t> ends) {
  SmallVector<int64_t> steps(dims.size(), 1);
  return SliceOp::create(b, loc, v, dims, starts, ends, b.getDenseI64ArrayAttr(steps));
}

/// `v` sliced to [start, end) along `dim`.
Value sliceDim(OpBuilder &b, Location loc, Value v, int64_t dim, int64_t start, int64_t end) {
  if (start == 0 && end == tensorType(v).getDimSize(dim))
    return v;
  return unitSlice(b, loc, v, {dim}, {start}, {end});
}

/// `v` padded with zeros by `low`/`high` along `dim`.
Value zeroPadDim(OpBuilder &b, Location loc, Value v, int64_t dim, int64_t low, int64_t high) {
  if (low == 0 && high == 0)
    return v;
  int64_t rank = tensorType(v).getRank();
  SmallVector<int64_t> lows(rank, 0), highs(rank, 0);
  lows[dim] = low;
  highs[dim] = high;
  return PadOp::create(b, loc, v, lows, highs, PaddingMode::zeros, APFloat(0.0));
}

/// The slices [i, i+1) of `v` along `dim` for i = from, from−1, …, to
/// (from >= to), joined in that order: a reversed window.
Value reversedWindow(OpBuilder &b, Location loc, Value v, int64_t dim, int64_t from, int64_t to) {
  SmallVector<Value> pieces;
  for (int64_t i = from; i >= to; --i)
    pieces.push_back(sliceDim(b, loc, v, dim, i, i + 1));
  if (pieces.size() == 1)
    return pieces.front();
  return ConcatOp::create(b, loc, pieces, dim);
}

/// The adjoint of a one-dimensional non-constant pad of `dim` (input size
/// `n`, `low`/`high` added): from `grad` (size low + n + high along `dim`) to
/// size n.
Value borderPadAdjoint(OpBuilder &b, Location loc, Value grad, int64_t dim, int64_t n,
                       int64_t low, int64_t high, PaddingMode mode) {
  Value sum = sliceDim(b, loc, grad, dim, low, low + n);
  auto accumulate = [&](Value part) { sum = AddOp::create(b, loc, sum, part); };
  int64_t end = low + n + high;
  switch (mode) {
  case PaddingMode::reflect:
    // Output index low − m (1 <= m <= low) reads input m; output low + n + j
    // (0 <= j < high) reads input n − 2 − j.
    if (low > 0)
      accumulate(zeroPadDim(b, loc, reversedWindow(b, loc, grad, dim, low - 1, 0), dim, 1,
                            n - 1 - low));
    if (high > 0)
      accumulate(zeroPadDim(b, loc, reversedWindow(b, loc, grad, dim, end - 1, low + n), dim,
                            n - 1 - high, 1));
    break;
  case PaddingMode::replicate:
    // Every low border element reads input 0, every high one input n − 1.
    if (low > 0)
      accumulate(zeroPadDim(
          b, loc, ReduceSumOp::create(b, loc, sliceDim(b, loc, grad, dim, 0, low), ArrayRef<int64_t>{dim}, true),
          dim, 0, n - 1));
    if (high > 0)
      accumulate(zeroPadDim(
          b, loc,
          ReduceSumOp::create(b, loc, sliceDim(b, loc, grad, dim, low + n, end), ArrayRef<int64_t>{dim}, true),
          dim, n - 1, 0));
    break;
  case PaddingMode::circular:
    // The low border is input [n − low, n), the high border input [0, high).
    if (low > 0)
      accumulate(zeroPadDim(b, loc, sliceDim(b, loc, grad, dim, 0, low), dim, n - low, 0));
    if (high > 0)
      accumulate(zeroPadDim(b, loc, sliceDim(b, loc, grad, dim, low + n, end), dim, 0, n - high));
    break;
  case PaddingMode::zeros:
    break;
  }
  return sum;
}

LogicalResult padAdjoint(PadOp op, OpBuilder &b, Value grad, Grads &operandGrads) {
  Location loc = op.getLoc();
  RankedTensorType inType = op.getInput().getType();
  ArrayRef<int64_t> low = op.getLow(), high = op.getHigh();
  if (op.getPaddingMode() == PaddingMode::zeros) {
    // The border is constant: the adjoint is the interior.
    SmallVector<int64_t> dims, starts, ends;
    for (int64_t d = 0; d < inType.getRank(); ++d)
      if (low[d] || high[d]) {
        dims.push_back(d);
        starts.push_back(low[d]);
        ends.push_back(low[d] + inType.getDimSize(d));
      }
    operandGrads[0] = dims.empty() ? grad : unitSlice(b, loc, grad, dims, starts, ends);
  } else {
    // The border modes pad every dimension independently (a corner is the
    // border of a border), so their adjoint is one 1-D adjoint per dimension.
    Value g = grad;
    for (int64_t d = 0; d < inType.getRank(); ++d)
      if (low[d] || high[d])
        g = borderPadAdjoint(b, loc, g, d, inType.getDimSize(d), low[d], high[d],
                             op.getPaddingMode());
    operandGrads[0] = g;
  }
  if (operandGrads[0].getType() != inType)
    operandGrads[0] = reshapeTo(b, loc, operandGrads[0], inType);
  if (!operandGrads[0])
    return op.emitOpError("cannot build the adjoint of ") << grad.getType() << " as " << inType;
  return success();
}

LogicalResult sliceAdjoint(SliceOp op, OpBuilder &b, Value grad, Grads &operandGrads) {
  Location loc = op.getLoc();
  RankedTensorType inType = op.getInput().getType();
  int64_t rank = inType.getRank();
  ArrayRef<int64_t> dims = op.getDims(), starts = op.getStarts();
  SmallVector<int64_t> steps(dims.size(), 1);
  if (auto s = op.getSteps())
    steps.assign(s->begin(), s->end());
  SmallVector<int64_t> low(rank, 0), high(rank, 0);
  Value g = grad;
  for (auto [i, rawDim] : llvm::enumerate(dims)) {
    int64_t d = rawDim < 0 ? rawDim + rank : rawDim;
    int64_t size = inType.getDimSize(d), start = starts[i], step = steps[i];
    int64_t offset = start;
    if (step > 1) {
      // Put step − 1 zeros before each element: m → m·step along d, element k
      // at k·step + step − 1.
      auto type = tensorType(g);
      int64_t m = type.getDimSize(d);
      SmallVector<int64_t> split(type.getShape());
      split.insert(split.begin() + d + 1, 1);
      g = ReshapeOp::create(b, loc, RankedTensorType::get(split, type.getElementType()), g);
      g = zeroPadDim(b, loc, g, d + 1, step - 1, 0);
      SmallVector<int64_t> merged(type.getShape());
      merged[d] = m * step;
      g = ReshapeOp::create(b, loc, RankedTensorType::get(merged, type.getElementType()), g);
      // Element k belongs at start + k·step: shift by start − (step − 1),
      // dropping leading zeros where that is negative. The last element
      // (start + (m−1)·step < end <= size) leaves room for the high pad.
      offset = start - (step - 1);
      if (offset < 0) {
        g = sliceDim(b, loc, g, d, -offset, m * step);
        offset = 0;
      }
    }
    low[d] = offset;
    high[d] = size - offset - tensorType(g).getDimSize(d);
  }
  if (llvm::any_of(low, [](int64_t v) { return v != 0; }) ||
      llvm::any_of(high, [](int64_t v) { return v != 0; }))
    g = PadOp::create(b, loc, g, low, high, PaddingMode::zeros, APFloat(0.0));
  operandGrads[0] = reshapeTo(b, loc, g, inType);
  if (!operandGrads[0])
    return op.emitOpError("cannot build the adjoint of ") << grad.getType() << " as " << inType;
  return success();
}

LogicalResult concatAdjoint(ConcatOp op, OpBuilder &b, Value grad, Grads &operandGrads) {
  Location loc = op.getLoc();
  int64_t rank = tensorType(grad).getRank();
  int64_t dim = op.getDim() < 0 ? op.getDim() + rank : op.getDim();
  int64_t offset = 0;
  for (auto [i, input] : llvm::enumerate(op.getInputs())) {
    RankedTensorType type = tensorType(input);
    int64_t size = type.getDimSize(dim);
    if (ShapedType::isDynamic(size))
      return op.emitOpError("has no gradient rule for joining along dynamic dimension ") << dim;
    Value g;
    if (size == 0) {
      if (type.hasStaticShape())
        g = ConstantOp::create(b, loc, DenseElementsAttr::get(
                                           type, b.getFloatAttr(type.getElementType(), 0.0)));
    } else {
      g = reshapeTo(b, loc, sliceDim(b, loc, grad, dim, offset, offset + size), type);
    }
    if (!g)
      return op.emitOpError("cannot build the adjoint of input ") << i << " (" << type << ")";
    operandGrads[i] = g;
    offset += size;
  }
  return success();
}

LogicalResult upsampleAdjoint(UpsampleNearestOp op, OpBuilder &b, Value grad,
                              Grads &operandGrads) {
  Location loc = op.getLoc();
  RankedTensorType inType = op.getInput().getType();
  ArrayRef<int64_t> scale = op.getScaleFactor();
  if (scale[0] == 1 && scale[1] == 1) {
    operandGrads[0] = grad;
    return success();
  }
  // N×C×(H·sh)×(W·sw) → N×C×H×sh×W×sw, summed over sh and sw.
  ArrayRef<int64_t> s = inType.getShape();
  if (ShapedType::isDynamic(s[2]) || ShapedType::isDynamic(s[3]))
    return op.emitOpError("has no gradient rule for dynamic spatial dimensions");
  SmallVector<int64_t> split = {s[0], s[1], s[2], scale[0], s[3], scale[1]};
  Value g = reshapeTo(b, loc, grad, RankedTensorType::get(split, inType.getElementType()));
  if (!g)
    return op.emitOpError("cannot build the adjoint of ") << grad.getType() << " as " << inType;
  g = ReduceSumOp::create(b, loc, g, ArrayRef<int64_t>{3, 5}, false);
  operandGrads[0] = reshapeTo(b, loc, g, inType);
  if (!operandGrads[0])
    return op.emitOpError("cannot build the adjoint of ") << grad.getType() << " as " << inType;
  return success();
}

/// reshape and flatten keep the elements in order: reshape back.
LogicalResult reshapeBack(Operation *op, OpBuilder &b, Value grad, Grads &operandGrads) {
  RankedTensorType inType = tensorType(op->getOperand(0));
  operandGrads[0] = reshapeTo(b, op->getLoc(), grad, inType);
  if (!operandGrads[0])
    return op->emitOpError("has no gradient rule from ")
           << grad.getType() << " back to " << inType
           << " (hnn.reshape cannot undo merging the dynamic dimension)";
  return success();
}

} // namespace

std::optional<LogicalResult> gradients::shape(Operation *op, OpBuilder &b, ValueRange resultGrads,
                                              Grads &operandGrads) {
  if (!isa<ReshapeOp, TransposeOp, FlattenOp, ConcatOp, SliceOp, PadOp, UpsampleNearestOp>(op))
    return std::nullopt;
  Value grad = resultGrads[0];
  if (!grad) // only one result: the dispatcher already skips a null adjoint
    return success();
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case<ReshapeOp, FlattenOp>([&](Operation *o) { return reshapeBack(o, b, grad, operandGrads); })
      .Case([&](TransposeOp t) {
        // Result dim i is input dim perm[i]: the inverse permutation undoes it.
        ArrayRef<int64_t> perm = t.getPermutation();
        int64_t rank = perm.size();
        SmallVector<int64_t> inverse(rank);
        for (int64_t i = 0; i < rank; ++i)
          inverse[perm[i] < 0 ? perm[i] + rank : perm[i]] = i;
        operandGrads[0] = TransposeOp::create(b, t.getLoc(), grad, inverse);
        return success();
      })
      .Case([&](ConcatOp c) { return concatAdjoint(c, b, grad, operandGrads); })
      .Case([&](SliceOp s) { return sliceAdjoint(s, b, grad, operandGrads); })
      .Case([&](PadOp p) { return padAdjoint(p, b, grad, operandGrads); })
      .Case([&](UpsampleNearestOp u) { return upsampleAdjoint(u, b, grad, operandGrads); })
      .Default([](Operation *) { return failure(); });
}
