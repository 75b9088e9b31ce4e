//===- KANOps.cpp - type inference of the KAN primitives ------------------===//
#include "dialect/HNNOps.h"
#include "dialect/ShapeInference.h"
#include "dialect/WindowAttrs.h"

using namespace mlir;
using namespace mlir::hnn;

LogicalResult BsplineBasisOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                               Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  auto grid = cast<RankedTensorType>(adaptor.getGrid().getType());
  if (failed(checkSameElementType(loc, name, {{"input", x}, {"grid", grid}})))
    return failure();
  int64_t order = adaptor.getOrder();
  if (order < 0)
    return emitInferError(loc, name, "expects order >= 0, got " + Twine(order));
  if (x.getRank() < 1)
    return emitInferError(loc, name, "expects an input of rank >= 1 (... x features)");
  if (grid.getRank() != 2 || !grid.hasStaticShape())
    return emitInferError(loc, name,
                          "expects a static grid of rank 2 (features x knots)");
  int64_t n = x.getDimSize(x.getRank() - 1), m = grid.getDimSize(1);
  if (ShapedType::isDynamic(n) || n != grid.getDimSize(0))
    return emitInferError(loc, name,
                          "input has " + Twine(ShapedType::isDynamic(n) ? -1 : n) +
                              " features but the grid has " + Twine(grid.getDimSize(0)) +
                              " knot rows");
  if (m < order + 2)
    return emitInferError(loc, name,
                          "a basis of order " + Twine(order) + " needs at least " +
                              Twine(order + 2) + " knots per row, the grid has " + Twine(m));
  SmallVector<int64_t> shape(x.getShape());
  shape.push_back(m - 1 - order);
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult KanSelectOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  ValueRange branches = adaptor.getBranches();
  if (branches.empty())
    return emitInferError(loc, name, "expects at least one branch");
  auto first = cast<RankedTensorType>(branches[0].getType());
  for (Value b : branches.drop_front())
    if (b.getType() != first)
      return emitInferError(loc, name,
                            "expects branches of one type, got " + typeStr(first) + " and " +
                                typeStr(b.getType()));
  int64_t out = first.getRank() ? first.getShape().back() : ShapedType::kDynamic;
  if (first.getRank() < 1 || ShapedType::isDynamic(out))
    return emitInferError(loc, name, "expects branches whose last dimension (the units) is known");
  auto expect = RankedTensorType::get({out, static_cast<int64_t>(branches.size())},
                                      first.getElementType());
  for (auto [what, v] : {std::pair<StringRef, Value>{"logits", adaptor.getLogits()},
                         {"mask", adaptor.getMask()}})
    if (v.getType() != expect)
      return emitInferError(loc, name,
                            what + " must be " + typeStr(expect) + " (units x branches), got " +
                                typeStr(v.getType()));
  types.push_back(first);
  return success();
}

namespace {

/// The checks of kan_linear's operands for a map of `in` features (the
/// input's last dimension, or a kan_conv2d's patch size); returns `out`.
template <typename Adaptor>
FailureOr<int64_t> checkKanMap(std::optional<Location> loc, StringRef name, Adaptor adaptor,
                               int64_t in, Type elem) {
  auto sw = cast<RankedTensorType>(adaptor.getSplineWeight().getType());
  if (sw.getElementType() != elem)
    return emitInferError(loc, name,
                          "expects 'spline_weight' to have the element type of 'input' (" +
                              typeStr(elem) + "), got " + typeStr(sw.getElementType()));
  if (sw.getRank() != 3 || !sw.hasStaticShape())
    return emitInferError(loc, name, "expects a static spline_weight of rank 3 (out x in x bases)");
  int64_t out = sw.getDimSize(0), k = sw.getDimSize(2);
  if (sw.getDimSize(1) != in)
    return emitInferError(loc, name,
                          "spline_weight has " + Twine(sw.getDimSize(1)) +
                              " input features but the input has " + Twine(in));
  auto expect = [&](StringRef what, Value v, ArrayRef<int64_t> shape, bool wanted,
                    StringRef why) -> LogicalResult {
    if (!v) {
      if (wanted)
        return emitInferError(loc, name, "needs " + what + " (" + why + ")");
      return success();
    }
    if (!wanted)
      return emitInferError(loc, name, "takes no " + what + " (" + why + ")");
    auto t = RankedTensorType::get(shape, elem);
    if (v.getType() != t)
      return emitInferError(loc, name,
                            what + " must be " + typeStr(t) + ", got " + typeStr(v.getType()));
    return success();
  };
  KanBasis basis = adaptor.getBasis();
  bool hasBase = adaptor.getBaseActivation() != KanBase::none;
  int64_t order = adaptor.getOrder();
  if (basis == KanBasis::bspline && order < 0)
    return emitInferError(loc, name, "expects order >= 0, got " + Twine(order));
  bool norm = static_cast<bool>(adaptor.getNormWeight());
  std::string baseWhy = ("the base activation is " + stringifyKanBase(adaptor.getBaseActivation())).str();
  if (failed(expect("base_weight", adaptor.getBaseWeight(), {out, in}, hasBase, baseWhy)) ||
      (adaptor.getSplineScaler() &&
       failed(expect("spline_scaler", adaptor.getSplineScaler(), {out, in}, true, ""))) ||
      failed(expect("grid", adaptor.getGrid(), {in, k + order + 1}, basis == KanBasis::bspline,
                    "the knots of the bspline basis")) ||
      failed(expect("norm_weight", adaptor.getNormWeight(), {in}, norm && basis == KanBasis::rbf,
                    "the rbf basis's layer normalization")) ||
      failed(expect("norm_bias", adaptor.getNormBias(), {in}, norm && basis == KanBasis::rbf,
                    "the rbf basis's layer normalization")))
    return failure();
  if (basis == KanBasis::rbf && (k < 2 || !(adaptor.getLow().convertToDouble() <
                                            adaptor.getHigh().convertToDouble())))
    return emitInferError(loc, name, "the rbf basis needs at least 2 centers and low < high");
  return out;
}

} // namespace

LogicalResult KanLinearOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (x.getRank() < 1 || x.isDynamicDim(x.getRank() - 1))
    return emitInferError(loc, name, "expects an input whose last dimension (the features) is known");
  FailureOr<int64_t> out = checkKanMap(loc, name, adaptor, x.getShape().back(), x.getElementType());
  if (failed(out))
    return failure();
  SmallVector<int64_t> shape(x.getShape().drop_back());
  shape.push_back(*out);
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult KanConv2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  WindowAttrs w{loc, getOperationName()};
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(w.rank("input", x, 4, "N x C x H x W")))
    return failure();
  if (llvm::any_of(x.getShape().drop_front(), ShapedType::isDynamic))
    return emitInferError(loc, w.opName,
                          "expects an input whose channels and spatial sizes are known, got " +
                              typeStr(x));
  FailureOr<Window> win = w.patches(x, adaptor.getKernelSize(), adaptor.getStride(),
                                    adaptor.getPadding(), adaptor.getDilation());
  if (failed(win))
    return failure();
  PaddingMode mode = adaptor.getPaddingMode();
  if (failed(checkPaddingMode(loc, w.opName, mode, x.getDimSize(2), win->padding[0], "H")) ||
      failed(checkPaddingMode(loc, w.opName, mode, x.getDimSize(3), win->padding[1], "W")))
    return failure();
  int64_t in = x.getDimSize(1) * win->kernel[0] * win->kernel[1];
  FailureOr<int64_t> out = checkKanMap(loc, w.opName, adaptor, in, x.getElementType());
  if (failed(out))
    return failure();
  types.push_back(
      RankedTensorType::get({x.getDimSize(0), *out, win->oh, win->ow}, x.getElementType()));
  return success();
}

namespace {

/// What the three kan_spline ops share: an f32 input `…×n` whose features
/// are known; for the bspline basis a static grid `n×m` with enough knots
/// (then the number of bases is m − 1 − order), for the others no grid.
/// Returns the number of bases the grid implies, or -1 (the others).
template <typename Adaptor>
FailureOr<int64_t> checkSplineOperands(std::optional<Location> loc, StringRef name,
                                       RankedTensorType x, Adaptor adaptor) {
  if (!x.getElementType().isF32())
    return emitInferError(loc, name,
                          "expects f32 operands, got " + typeStr(x.getElementType()) +
                              " (other precisions go through bspline_basis or elementwise ops)");
  if (x.getRank() < 1 || x.isDynamicDim(x.getRank() - 1))
    return emitInferError(loc, name, "expects an input whose last dimension (the features) is known");
  KanBasis basis = adaptor.getBasis();
  Value gridValue = adaptor.getGrid();
  if (basis != KanBasis::bspline) {
    if (gridValue)
      return emitInferError(loc, name,
                            "takes no grid (the " + stringifyKanBasis(basis) +
                                " basis has no knots)");
    if (basis == KanBasis::rbf && !(adaptor.getLow().convertToDouble() <
                                    adaptor.getHigh().convertToDouble()))
      return emitInferError(loc, name, "the rbf basis needs low < high");
    return int64_t(-1);
  }
  if (!gridValue)
    return emitInferError(loc, name, "needs a grid (the knots of the bspline basis)");
  auto grid = cast<RankedTensorType>(gridValue.getType());
  if (grid.getElementType() != x.getElementType())
    return emitInferError(loc, name,
                          "expects 'grid' to have the element type of 'input' (f32), got " +
                              typeStr(grid.getElementType()));
  int64_t order = adaptor.getOrder();
  if (order < 0)
    return emitInferError(loc, name, "expects order >= 0, got " + Twine(order));
  if (grid.getRank() != 2 || !grid.hasStaticShape())
    return emitInferError(loc, name, "expects a static grid of rank 2 (features x knots)");
  int64_t n = x.getShape().back(), m = grid.getDimSize(1);
  if (grid.getDimSize(0) != n)
    return emitInferError(loc, name,
                          "input has " + Twine(n) + " features but the grid has " +
                              Twine(grid.getDimSize(0)) + " knot rows");
  if (m < order + 2)
    return emitInferError(loc, name,
                          "a basis of order " + Twine(order) + " needs at least " +
                              Twine(order + 2) + " knots per row, the grid has " + Twine(m));
  return m - 1 - order;
}

/// The number of bases `bases` (from the weight or an attribute) against
/// what the grid implies (`implied`, -1 for none) and the basis's minimum.
LogicalResult checkBaseCount(std::optional<Location> loc, StringRef name, KanBasis basis,
                             int64_t bases, int64_t implied, StringRef source) {
  if (implied >= 0 && bases != implied)
    return emitInferError(loc, name,
                          source + " has " + Twine(bases) + " bases but the grid gives " +
                              Twine(implied));
  int64_t least = basis == KanBasis::rbf ? 2 : 1;
  if (bases < least)
    return emitInferError(loc, name,
                          "the " + stringifyKanBasis(basis) + " basis needs at least " +
                              Twine(least) + " functions, " + source + " has " + Twine(bases));
  return success();
}

/// `weight` must be `out×n×C`, static; returns `out`.
template <typename Adaptor>
FailureOr<int64_t> checkSplineWeight(std::optional<Location> loc, StringRef name,
                                     RankedTensorType x, RankedTensorType w, int64_t implied,
                                     Adaptor adaptor) {
  int64_t n = x.getShape().back();
  if (w.getElementType() != x.getElementType() || w.getRank() != 3 || !w.hasStaticShape() ||
      w.getDimSize(1) != n)
    return emitInferError(loc, name,
                          "weight must be static out x " + Twine(n) + " x bases (" +
                              typeStr(x.getElementType()) + "), got " + typeStr(w));
  if (failed(checkBaseCount(loc, name, adaptor.getBasis(), w.getDimSize(2), implied, "weight")))
    return failure();
  return w.getDimSize(0);
}

/// Both of the above for an op with a weight operand; returns `out`.
template <typename Adaptor>
FailureOr<int64_t> checkSplineAndWeight(std::optional<Location> loc, StringRef name,
                                        RankedTensorType x, Adaptor adaptor) {
  FailureOr<int64_t> implied = checkSplineOperands(loc, name, x, adaptor);
  if (failed(implied))
    return failure();
  return checkSplineWeight(loc, name, x, cast<RankedTensorType>(adaptor.getWeight().getType()),
                           *implied, adaptor);
}

/// `dy` must have the input's leading dimensions and `out` columns.
LogicalResult checkOutputGrad(std::optional<Location> loc, StringRef name, RankedTensorType x,
                              RankedTensorType dy, int64_t out) {
  bool ok = dy.getElementType() == x.getElementType() && dy.getRank() == x.getRank() &&
            dy.getShape().back() == out;
  for (int64_t d = 0; ok && d + 1 < x.getRank(); ++d)
    ok = compatibleDims(dy.getDimSize(d), x.getDimSize(d));
  if (!ok) {
    SmallVector<int64_t> shape(x.getShape().drop_back());
    shape.push_back(out);
    return emitInferError(loc, name,
                          "output_grad must be " +
                              typeStr(RankedTensorType::get(shape, x.getElementType())) +
                              " (the input's leading dimensions x out), got " + typeStr(dy));
  }
  return success();
}

RankedTensorType withLast(RankedTensorType x, int64_t last) {
  SmallVector<int64_t> shape(x.getShape().drop_back());
  shape.push_back(last);
  return RankedTensorType::get(shape, x.getElementType());
}

} // namespace

LogicalResult KanSplineOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  FailureOr<int64_t> out = checkSplineAndWeight(loc, getOperationName(), x, adaptor);
  if (failed(out))
    return failure();
  types.push_back(withLast(x, *out));
  return success();
}

LogicalResult KanSplineGradInputOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                     Adaptor adaptor,
                                                     SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  FailureOr<int64_t> out = checkSplineAndWeight(loc, name, x, adaptor);
  if (failed(out) ||
      failed(checkOutputGrad(loc, name, x,
                             cast<RankedTensorType>(adaptor.getOutputGrad().getType()), *out)))
    return failure();
  types.push_back(x);
  return success();
}

LogicalResult KanSplineGradWeightOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                      Adaptor adaptor,
                                                      SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  FailureOr<int64_t> implied = checkSplineOperands(loc, name, x, adaptor);
  if (failed(implied) ||
      failed(checkBaseCount(loc, name, adaptor.getBasis(), adaptor.getBases(), *implied, "'bases'")))
    return failure();
  auto dy = cast<RankedTensorType>(adaptor.getOutputGrad().getType());
  int64_t out = dy.getRank() ? dy.getShape().back() : ShapedType::kDynamic;
  if (ShapedType::isDynamic(out))
    return emitInferError(loc, name, "expects an output_grad whose last dimension (out) is known");
  if (failed(checkOutputGrad(loc, name, x, dy, out)))
    return failure();
  types.push_back(
      RankedTensorType::get({out, x.getShape().back(), adaptor.getBases()}, x.getElementType()));
  return success();
}
