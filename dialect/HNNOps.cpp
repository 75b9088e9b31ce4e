//===- HNNOps.cpp - constant, linear algebra, elementwise, softmax --------===//
//
// The generated op definitions live here; the other op families' inference
// and verifiers are in ConvOps.cpp, NormOps.cpp, ShapeOps.cpp and LossOps.cpp.
//
//===----------------------------------------------------------------------===//
#include "dialect/HNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::hnn;

#include "dialect/HNNInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "dialect/HNNOps.cpp.inc"

//===----------------------------------------------------------------------===//
// constant
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// linear, matmul, batch_matmul
//===----------------------------------------------------------------------===//

LogicalResult LinearOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  Type biasType = adaptor.getBias() ? adaptor.getBias().getType() : Type();
  if (failed(checkSameElementType(loc, name,
                                  {{"input", adaptor.getInput().getType()},
                                   {"weight", adaptor.getWeight().getType()},
                                   {"bias", biasType}})))
    return failure();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  auto w = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (x.getRank() < 1)
    return emitInferError(loc, name, "expects an input of rank >= 1");
  if (w.getRank() != 2)
    return emitInferError(loc, name,
                          "expects a weight of rank 2 (out_features x in_features), got rank " +
                              Twine(w.getRank()));
  if (!w.hasStaticShape())
    return emitInferError(loc, name,
                          "expects a weight of static shape, got " + shapeStr(w.getShape()));
  int64_t k = x.getShape().back();
  if (!ShapedType::isDynamic(k) && !ShapedType::isDynamic(w.getDimSize(1)) &&
      k != w.getDimSize(1))
    return emitInferError(loc, name,
                          "input has " + Twine(k) + " features but the weight expects " +
                              Twine(w.getDimSize(1)));
  if (biasType) {
    auto b = cast<RankedTensorType>(biasType);
    if (b.getRank() != 1 || b.getDimSize(0) != w.getDimSize(0))
      return emitInferError(loc, name,
                            "expects a bias of shape " + shapeStr({w.getDimSize(0)}) +
                                ", got " + shapeStr(b.getShape()));
  }
  SmallVector<int64_t> shape(x.getShape());
  shape.back() = w.getDimSize(0);
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

/// Shared by matmul (rank 2) and batch_matmul (rank >= 3, same batch dims).
static LogicalResult inferMatmul(std::optional<Location> loc, StringRef name, Type lhsType,
                                 Type rhsType, bool batched, SmallVectorImpl<Type> &types) {
  if (failed(checkSameElementType(loc, name, {{"lhs", lhsType}, {"rhs", rhsType}})))
    return failure();
  auto a = cast<RankedTensorType>(lhsType);
  auto b = cast<RankedTensorType>(rhsType);
  if (!batched && (a.getRank() != 2 || b.getRank() != 2))
    return emitInferError(loc, name,
                          "expects operands of rank 2, got ranks " + Twine(a.getRank()) +
                              " and " + Twine(b.getRank()));
  if (batched && (a.getRank() < 3 || a.getRank() != b.getRank()))
    return emitInferError(loc, name,
                          "expects operands of one rank >= 3, got ranks " +
                              Twine(a.getRank()) + " and " + Twine(b.getRank()));
  int64_t r = a.getRank();
  SmallVector<int64_t> shape(a.getShape());
  for (int64_t i = 0; i + 2 < r; ++i) {
    if (!compatibleDims(a.getDimSize(i), b.getDimSize(i)))
      return emitInferError(loc, name,
                            "batch dimensions differ: " + shapeStr(a.getShape()) + " and " +
                                shapeStr(b.getShape()));
    shape[i] = refineDim(a.getDimSize(i), b.getDimSize(i));
  }
  int64_t ka = a.getDimSize(r - 1), kb = b.getDimSize(r - 2);
  if (!ShapedType::isDynamic(ka) && !ShapedType::isDynamic(kb) && ka != kb)
    return emitInferError(loc, name,
                          "contraction sizes differ: lhs " + shapeStr(a.getShape()) +
                              " has " + Twine(ka) + " columns, rhs " +
                              shapeStr(b.getShape()) + " has " + Twine(kb) + " rows");
  shape.back() = b.getDimSize(r - 1);
  types.push_back(RankedTensorType::get(shape, a.getElementType()));
  return success();
}

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  return inferMatmul(loc, getOperationName(), adaptor.getLhs().getType(),
                     adaptor.getRhs().getType(), /*batched=*/false, types);
}

LogicalResult BatchMatmulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                              Adaptor adaptor, SmallVectorImpl<Type> &types) {
  return inferMatmul(loc, getOperationName(), adaptor.getLhs().getType(),
                     adaptor.getRhs().getType(), /*batched=*/true, types);
}

//===----------------------------------------------------------------------===//
// elementwise ops with hyper-parameters
//===----------------------------------------------------------------------===//

LogicalResult ClampOp::verify() {
  if (!getMin() && !getMax())
    return emitOpError("expects at least one of 'min' and 'max'");
  // min > max is allowed, as in torch.clamp: every element becomes max.
  return success();
}

LogicalResult HardtanhOp::verify() {
  // As nn.Hardtanh: equal bounds are rejected too.
  if (getMinVal().convertToDouble() >= getMaxVal().convertToDouble())
    return emitOpError("expects min_val < max_val, got ")
           << getMinVal().convertToDouble() << " and " << getMaxVal().convertToDouble();
  return success();
}

LogicalResult SoftplusOp::verify() {
  if (getBeta().convertToDouble() <= 0)
    return emitOpError("expects beta > 0, got ") << getBeta().convertToDouble();
  return success();
}

//===----------------------------------------------------------------------===//
// softmax, log_softmax
//===----------------------------------------------------------------------===//

template <typename OpTy>
static LogicalResult verifySoftmax(OpTy op) {
  int64_t rank = op.getInput().getType().getRank();
  if (!normalizeDim(op.getDim(), rank))
    return op.emitOpError("dim ") << op.getDim() << " is out of range for rank " << rank;
  return success();
}

LogicalResult SoftmaxOp::verify() { return verifySoftmax(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifySoftmax(*this); }
