//===- Builders.cpp - small hnn op-building helpers ------------------------===//
#include "dialect/Builders.h"

#include "dialect/HNNOps.h"

using namespace mlir;
using namespace mlir::hnn;

Value build::constant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type elem,
                      ArrayRef<double> values) {
  auto t = RankedTensorType::get(shape, elem);
  const llvm::fltSemantics &sem = cast<FloatType>(elem).getFloatSemantics();
  SmallVector<APFloat> v;
  v.reserve(values.size());
  for (double d : values) {
    APFloat f(d);
    bool lost;
    f.convert(sem, APFloat::rmNearestTiesToEven, &lost);
    v.push_back(f);
  }
  return ConstantOp::create(b, loc, DenseElementsAttr::get(t, v));
}

Value build::scalar(OpBuilder &b, Location loc, Type elem, double value) {
  return constant(b, loc, {}, elem, {value});
}

Value build::reshape(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape) {
  auto t = RankedTensorType::get(shape, cast<RankedTensorType>(v.getType()).getElementType());
  if (t == v.getType())
    return v;
  return ReshapeOp::create(b, loc, t, v);
}
