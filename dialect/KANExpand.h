//===- KANExpand.h - KAN layers as primitive ops ------------------*- C++ -*-===//
//
// `hnn.kan_linear` is the whole layer; the passes that differentiate or lower
// it work on its expansion into `kan_spline` and core ops (see the op's
// description). Both directions of use go through these functions.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_DIALECT_KANEXPAND_H
#define HNN_DIALECT_KANEXPAND_H

#include "dialect/HNNOps.h"

namespace mlir::hnn {

/// Builds the expansion of `op` at `b`'s insertion point; returns its result.
Value expandKanLinear(OpBuilder &b, KanLinearOp op);

/// Builds the expansion of `op` (pad, unfold, transpose, kan_linear — itself
/// expanded —, transpose, reshape); returns its result.
Value expandKanConv2d(OpBuilder &b, KanConv2dOp op);

/// Replaces every kan_linear and kan_conv2d under `root` by its expansion.
void expandKanLayers(Operation *root);

} // namespace mlir::hnn

#endif // HNN_DIALECT_KANEXPAND_H
