//===- NormOps.cpp - batch, layer and group normalization -----------------===//
#include "dialect/HNNOps.h"

using namespace mlir;
using namespace mlir::hnn;

/// Each of `vectors` must be a 1-D tensor of `channels` elements.
static LogicalResult checkChannelVectors(std::optional<Location> loc, StringRef opName,
                                         int64_t channels,
                                         ArrayRef<std::pair<StringRef, Type>> vectors) {
  for (auto [name, type] : vectors) {
    auto t = cast<RankedTensorType>(type);
    if (t.getRank() != 1 ||
        (!ShapedType::isDynamic(channels) && t.getDimSize(0) != channels))
      return emitInferError(loc, opName,
                            "expects '" + name + "' of shape " + shapeStr({channels}) +
                                " (one entry per channel), got " + shapeStr(t.getShape()));
  }
  return success();
}

static LogicalResult checkEps(Operation *op, double eps) {
  if (eps > 0)
    return success();
  return op->emitOpError("expects eps > 0, got ") << eps;
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  SmallVector<std::pair<StringRef, Type>> vectors = {
      {"weight", adaptor.getWeight().getType()},
      {"bias", adaptor.getBias().getType()},
      {"running_mean", adaptor.getRunningMean().getType()},
      {"running_var", adaptor.getRunningVar().getType()}};
  SmallVector<std::pair<StringRef, Type>> all = {{"input", adaptor.getInput().getType()}};
  all.append(vectors);
  if (failed(checkSameElementType(loc, name, all)))
    return failure();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (x.getRank() < 2)
    return emitInferError(loc, name,
                          "expects an input of rank >= 2 (N x C x ...), got rank " +
                              Twine(x.getRank()));
  if (failed(checkChannelVectors(loc, name, x.getDimSize(1), vectors)))
    return failure();
  auto stats = cast<RankedTensorType>(adaptor.getRunningMean().getType());
  types.append({x, stats, stats});
  return success();
}

LogicalResult BatchNormOp::verify() {
  double momentum = getMomentum().convertToDouble();
  if (momentum < 0 || momentum > 1)
    return emitOpError("expects momentum in [0, 1], got ") << momentum;
  return checkEps(*this, getEps().convertToDouble());
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  if (failed(checkSameElementType(loc, name,
                                  {{"input", adaptor.getInput().getType()},
                                   {"weight", adaptor.getWeight().getType()},
                                   {"bias", adaptor.getBias().getType()}})))
    return failure();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  auto w = cast<RankedTensorType>(adaptor.getWeight().getType());
  auto b = cast<RankedTensorType>(adaptor.getBias().getType());
  if (w.getShape() != b.getShape())
    return emitInferError(loc, name,
                          "expects 'weight' and 'bias' of one shape, got " +
                              shapeStr(w.getShape()) + " and " + shapeStr(b.getShape()));
  if (w.getRank() < 1 || w.getRank() > x.getRank() ||
      x.getShape().take_back(w.getRank()) != w.getShape())
    return emitInferError(loc, name,
                          "normalized shape " + shapeStr(w.getShape()) +
                              " (the weight's) must match the trailing dimensions of the "
                              "input " +
                              shapeStr(x.getShape()));
  types.push_back(x);
  return success();
}

LogicalResult LayerNormOp::verify() { return checkEps(*this, getEps().convertToDouble()); }

LogicalResult GroupNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  if (failed(checkSameElementType(loc, name,
                                  {{"input", adaptor.getInput().getType()},
                                   {"weight", adaptor.getWeight().getType()},
                                   {"bias", adaptor.getBias().getType()}})))
    return failure();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (x.getRank() < 2)
    return emitInferError(loc, name,
                          "expects an input of rank >= 2 (N x C x ...), got rank " +
                              Twine(x.getRank()));
  int64_t c = x.getDimSize(1);
  int64_t groups = adaptor.getNumGroups();
  if (groups < 1)
    return emitInferError(loc, name, "expects num_groups >= 1, got " + Twine(groups));
  if (!ShapedType::isDynamic(c) && c % groups != 0)
    return emitInferError(loc, name,
                          "channels " + Twine(c) + " are not divisible by num_groups " +
                              Twine(groups));
  if (failed(checkChannelVectors(loc, name, c,
                                 {{"weight", adaptor.getWeight().getType()},
                                  {"bias", adaptor.getBias().getType()}})))
    return failure();
  types.push_back(x);
  return success();
}

LogicalResult GroupNormOp::verify() { return checkEps(*this, getEps().convertToDouble()); }
