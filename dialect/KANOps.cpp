//===- KANOps.cpp - type inference of the KAN primitives ------------------===//
#include "dialect/HNNOps.h"
#include "dialect/ShapeInference.h"

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

LogicalResult KanLinearOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  auto sw = cast<RankedTensorType>(adaptor.getSplineWeight().getType());
  if (failed(checkSameElementType(loc, name, {{"input", x}, {"spline_weight", sw}})))
    return failure();
  if (x.getRank() < 1 || x.isDynamicDim(x.getRank() - 1))
    return emitInferError(loc, name, "expects an input whose last dimension (the features) is known");
  if (sw.getRank() != 3 || !sw.hasStaticShape())
    return emitInferError(loc, name, "expects a static spline_weight of rank 3 (out x in x bases)");
  int64_t in = x.getShape().back(), out = sw.getDimSize(0), k = sw.getDimSize(2);
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
    auto t = RankedTensorType::get(shape, x.getElementType());
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
  SmallVector<int64_t> shape(x.getShape().drop_back());
  shape.push_back(out);
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}
