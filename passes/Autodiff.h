//===- Autodiff.h - the reverse pass, for passes that build on it -*- C++ -*-===//
//
// `hnn-autodiff` and the train-step builder share one reverse pass: given the
// forward ops of a block and the adjoints of some of their values (the seeds),
// it appends the backward ops, each from the op's gradient rule
// (DifferentiableOpInterface), and returns the adjoints of the values asked
// for. Ops whose results receive no adjoint are skipped; gradients nothing
// consumes are left for dead-code elimination.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_PASSES_AUTODIFF_H
#define HNN_PASSES_AUTODIFF_H

#include "mlir/IR/Builders.h"

namespace mlir::hnn {

/// Appends at `b`'s insertion point the reverse pass over `forward` (in
/// program order) seeded with `seeds` (value, adjoint of the same type), and
/// returns the adjoint of each of `wrt`: null where no gradient reaches it.
/// Fails, with a diagnostic on the op, where an op on the path has no rule.
FailureOr<SmallVector<Value>> buildAdjoints(OpBuilder &b, ArrayRef<Operation *> forward,
                                            ArrayRef<std::pair<Value, Value>> seeds,
                                            ValueRange wrt);

/// Zeros of `like`'s type (a splat constant, or `like * 0` with a dynamic
/// dimension).
Value zerosLike(OpBuilder &b, Location loc, Value like);

} // namespace mlir::hnn

#endif // HNN_PASSES_AUTODIFF_H
