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
