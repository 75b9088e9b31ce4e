//===- ShapeOps.cpp - reshape, transpose, flatten, concat, slice, pad -----===//
#include "dialect/HNNOps.h"

#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace mlir::hnn;

static constexpr int64_t kDyn = ShapedType::kDynamic;

/// Product of the static sizes and the number of dynamic ones.
static std::pair<int64_t, int64_t> staticProduct(ArrayRef<int64_t> shape) {
  int64_t product = 1, dynamic = 0;
  for (int64_t d : shape)
    ShapedType::isDynamic(d) ? ++dynamic : product *= d;
  return {product, dynamic};
}

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType();
  auto out = getOutput().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("expects the result element type ")
           << out.getElementType() << " to match the input's " << in.getElementType();
  auto [inProduct, inDynamic] = staticProduct(in.getShape());
  auto [outProduct, outDynamic] = staticProduct(out.getShape());
  if (inDynamic > 1 || outDynamic > 1)
    return emitOpError("supports at most one dynamic dimension on each side, got ")
           << in << " -> " << out;
  if (inDynamic != outDynamic)
    return emitOpError("expects a dynamic dimension on both sides or on neither, got ")
           << in << " -> " << out;
  if (inProduct != outProduct)
    return emitOpError("cannot reshape ")
           << shapeStr(in.getShape()) << " (" << inProduct << " static elements) into "
           << shapeStr(out.getShape()) << " (" << outProduct << ")";
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  ArrayRef<int64_t> perm = adaptor.getPermutation();
  StringRef name = getOperationName();
  if ((int64_t)perm.size() != x.getRank())
    return emitInferError(loc, name,
                          "expects a permutation of " + Twine(x.getRank()) +
                              " entries, got " + Twine(perm.size()));
  llvm::SmallBitVector seen(perm.size());
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    // Negative entries count from the end, as in torch.permute.
    auto d = normalizeDim(p, x.getRank());
    if (!d || seen.test(*d))
      return emitInferError(loc, name,
                            "'permutation' must hold each of 0.." + Twine(x.getRank() - 1) +
                                " once");
    seen.set(*d);
    shape.push_back(x.getDimSize(*d));
  }
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  StringRef name = getOperationName();
  int64_t rank = std::max<int64_t>(x.getRank(), 1);
  auto start = normalizeDim(adaptor.getStartDim(), rank);
  auto end = normalizeDim(adaptor.getEndDim(), rank);
  if (!start || !end)
    return emitInferError(loc, name,
                          "start_dim " + Twine(adaptor.getStartDim()) + " and end_dim " +
                              Twine(adaptor.getEndDim()) + " must lie in [-" + Twine(rank) +
                              ", " + Twine(rank) + ")");
  if (*start > *end)
    return emitInferError(loc, name,
                          "start_dim " + Twine(adaptor.getStartDim()) + " comes after end_dim " +
                              Twine(adaptor.getEndDim()));
  SmallVector<int64_t> shape(x.getShape().take_front(*start));
  int64_t merged = 1;
  for (int64_t i = *start; i <= *end && i < x.getRank(); ++i)
    merged = ShapedType::isDynamic(x.getDimSize(i)) || merged == kDyn ? kDyn
                                                                     : merged * x.getDimSize(i);
  shape.push_back(merged);
  llvm::append_range(shape, x.getShape().drop_front(std::min<int64_t>(*end + 1, x.getRank())));
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitInferError(loc, name, "expects at least one input");
  auto first = cast<RankedTensorType>(inputs.front().getType());
  auto dim = normalizeDim(adaptor.getDim(), first.getRank());
  if (!dim)
    return emitInferError(loc, name,
                          "dim " + Twine(adaptor.getDim()) + " is out of range for rank " +
                              Twine(first.getRank()));
  SmallVector<int64_t> shape(first.getShape());
  for (auto [i, v] : llvm::enumerate(inputs.drop_front())) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getElementType() != first.getElementType() || t.getRank() != first.getRank())
      return emitInferError(loc, name,
                            "input " + Twine(i + 1) + " (" + typeStr(t) +
                                ") differs in rank or element type from input 0 (" +
                                typeStr(first) + ")");
    for (int64_t d = 0; d < t.getRank(); ++d) {
      if (d == *dim) {
        shape[d] = ShapedType::isDynamic(shape[d]) || t.isDynamicDim(d)
                       ? kDyn
                       : shape[d] + t.getDimSize(d);
      } else if (!compatibleDims(t.getDimSize(d), shape[d])) {
        return emitInferError(loc, name,
                              "input " + Twine(i + 1) + " has shape " +
                                  shapeStr(t.getShape()) + ", which differs from input 0's " +
                                  shapeStr(first.getShape()) + " outside dim " + Twine(*dim));
      } else {
        shape[d] = refineDim(shape[d], t.getDimSize(d));
      }
    }
  }
  types.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  ArrayRef<int64_t> dims = adaptor.getDims(), starts = adaptor.getStarts(),
                    ends = adaptor.getEnds();
  SmallVector<int64_t> steps(dims.size(), 1);
  if (auto s = adaptor.getSteps())
    steps.assign(s->begin(), s->end());
  if (starts.size() != dims.size() || ends.size() != dims.size() ||
      steps.size() != dims.size())
    return emitInferError(loc, name,
                          "expects 'starts', 'ends' and 'steps' to have one entry per "
                          "entry of 'dims' (" +
                              Twine(dims.size()) + ")");
  SmallVector<int64_t> shape(x.getShape());
  llvm::SmallBitVector seen(x.getRank());
  for (size_t i = 0; i < dims.size(); ++i) {
    auto d = normalizeDim(dims[i], x.getRank());
    if (!d)
      return emitInferError(loc, name,
                            "dim " + Twine(dims[i]) + " is out of range for rank " +
                                Twine(x.getRank()));
    if (seen.test(*d))
      return emitInferError(loc, name, "dim " + Twine(dims[i]) + " is sliced twice");
    seen.set(*d);
    int64_t size = x.getDimSize(*d);
    if (ShapedType::isDynamic(size))
      return emitInferError(loc, name, "cannot slice dynamic dimension " + Twine(*d));
    if (steps[i] < 1)
      return emitInferError(loc, name, "expects steps >= 1, got " + Twine(steps[i]));
    if (starts[i] < 0 || starts[i] >= ends[i] || ends[i] > size)
      return emitInferError(loc, name,
                            "slice [" + Twine(starts[i]) + ", " + Twine(ends[i]) +
                                ") of dim " + Twine(*d) + " must satisfy 0 <= start < end <= " +
                                Twine(size));
    shape[*d] = (ends[i] - starts[i] + steps[i] - 1) / steps[i];
  }
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  ArrayRef<int64_t> low = adaptor.getLow(), high = adaptor.getHigh();
  if ((int64_t)low.size() != x.getRank() || (int64_t)high.size() != x.getRank())
    return emitInferError(loc, name,
                          "expects 'low' and 'high' to have " + Twine(x.getRank()) +
                              " entries (one per dimension), got " + Twine(low.size()) +
                              " and " + Twine(high.size()));
  PaddingMode mode = adaptor.getPaddingMode();
  if (mode != PaddingMode::zeros && adaptor.getValue().convertToDouble() != 0.0)
    return emitInferError(loc, name,
                          "'value' is only used with padding_mode zeros, not " +
                              stringifyPaddingMode(mode));
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < x.getRank(); ++d) {
    if (low[d] < 0 || high[d] < 0)
      return emitInferError(loc, name,
                            "expects non-negative padding, got low " + Twine(low[d]) +
                                " and high " + Twine(high[d]) + " in dim " + Twine(d));
    int64_t size = x.getDimSize(d);
    bool padded = low[d] || high[d];
    if (padded && ShapedType::isDynamic(size))
      return emitInferError(loc, name, "cannot pad dynamic dimension " + Twine(d));
    int64_t most = std::max(low[d], high[d]);
    if (padded && mode == PaddingMode::reflect && most >= size)
      return emitInferError(loc, name,
                            "reflect padding " + Twine(most) + " must be smaller than dim " +
                                Twine(d) + " = " + Twine(size));
    if (padded && mode == PaddingMode::circular && most > size)
      return emitInferError(loc, name,
                            "circular padding " + Twine(most) + " must not exceed dim " +
                                Twine(d) + " = " + Twine(size));
    shape.push_back(ShapedType::isDynamic(size) ? kDyn : size + low[d] + high[d]);
  }
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult UpsampleNearestOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                  Adaptor adaptor,
                                                  SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (x.getRank() != 4)
    return emitInferError(loc, name,
                          "expects a 4-D input (N x C x H x W), got rank " +
                              Twine(x.getRank()));
  ArrayRef<int64_t> scale = adaptor.getScaleFactor();
  if (scale.size() != 2 || scale[0] < 1 || scale[1] < 1)
    return emitInferError(loc, name, "expects 'scale_factor' to be two integers >= 1");
  SmallVector<int64_t> shape(x.getShape());
  for (int i = 0; i < 2; ++i) {
    if (ShapedType::isDynamic(shape[2 + i]))
      continue;
    if (scale[i] > (int64_t(1) << 31) / std::max<int64_t>(shape[2 + i], 1))
      return emitInferError(loc, name,
                            "scale_factor " + Twine(scale[i]) + " makes a spatial size of " +
                                Twine(shape[2 + i]) + " larger than 2^31");
    shape[2 + i] *= scale[i];
  }
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}
