//===- LossOps.cpp - reductions and losses --------------------------------===//
#include "dialect/HNNOps.h"

using namespace mlir;
using namespace mlir::hnn;

LogicalResult ReduceVarOp::verify() {
  if (getCorrection() < 0)
    return emitOpError("expects correction >= 0, got ") << getCorrection();
  return success();
}

/// Rank-0 for mean/sum, `batchShape` for none.
static Type lossType(Reduction reduction, ArrayRef<int64_t> unreducedShape, Type elementType) {
  if (reduction == Reduction::none)
    return RankedTensorType::get(unreducedShape, elementType);
  return RankedTensorType::get({}, elementType);
}

LogicalResult CrossEntropyOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                               Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  auto logits = cast<RankedTensorType>(adaptor.getInput().getType());
  auto labels = cast<RankedTensorType>(adaptor.getTarget().getType());
  if (logits.getRank() != 2)
    return emitInferError(loc, name,
                          "expects logits of rank 2 (N x classes), got " +
                              shapeStr(logits.getShape()));
  if (labels.getRank() != 1 || !compatibleDims(labels.getDimSize(0), logits.getDimSize(0)))
    return emitInferError(loc, name,
                          "expects labels of shape " + shapeStr({logits.getDimSize(0)}) +
                              " (one class index per sample), got " +
                              shapeStr(labels.getShape()));
  types.push_back(lossType(adaptor.getReduction(),
                           {refineDim(logits.getDimSize(0), labels.getDimSize(0))},
                           logits.getElementType()));
  return success();
}

LogicalResult CrossEntropyOp::verify() {
  double eps = getLabelSmoothing().convertToDouble();
  if (eps < 0 || eps > 1)
    return emitOpError("expects label_smoothing in [0, 1], got ") << eps;
  return success();
}

/// input and target of one type.
static LogicalResult checkPair(std::optional<Location> loc, StringRef name, Type input,
                               Type target) {
  if (input == target)
    return success();
  return emitInferError(loc, name,
                        "expects input and target of one type, got " + typeStr(input) +
                            " and " + typeStr(target));
}

LogicalResult MseOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(checkPair(loc, getOperationName(), x, adaptor.getTarget().getType())))
    return failure();
  types.push_back(lossType(adaptor.getReduction(), x.getShape(), x.getElementType()));
  return success();
}

LogicalResult RelativeL2Op::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                             Adaptor adaptor, SmallVectorImpl<Type> &types) {
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(checkPair(loc, getOperationName(), x, adaptor.getTarget().getType())))
    return failure();
  if (x.getRank() < 1)
    return emitInferError(loc, getOperationName(),
                          "expects a batch dimension (rank >= 1), got rank 0");
  types.push_back(lossType(adaptor.getReduction(), {x.getDimSize(0)}, x.getElementType()));
  return success();
}
