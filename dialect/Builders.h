//===- Builders.h - small hnn op-building helpers ----------------*- C++ -*-===//
//
// Constants and reshapes that gradient rules, the KAN expansion, the passes
// that build training steps and prune layers, and the frontend all need.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_DIALECT_BUILDERS_H
#define HNN_DIALECT_BUILDERS_H

#include "mlir/IR/Builders.h"

namespace mlir::hnn::build {

/// An hnn.constant of `shape` and float element type `elem` holding `values`
/// (row-major), each rounded to the element type (nearest, ties to even).
Value constant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type elem,
               ArrayRef<double> values);

/// A rank-0 constant (it broadcasts against any shape).
Value scalar(OpBuilder &b, Location loc, Type elem, double value);

/// `v` reshaped to `shape` (`v` itself when it has that shape already).
Value reshape(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape);

} // namespace mlir::hnn::build

#endif // HNN_DIALECT_BUILDERS_H
