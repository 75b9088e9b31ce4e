//===- HNNToLinalg.h - hnn -> linalg on tensors ------------------*- C++ -*-===//
//
// The conversion `convert-hnn-to-linalg` is split by op family, one .cpp each
// (HNNToLinalg<Family>.cpp); each adds its patterns through a populate
// function. The builders below are what the families share: broadcasting
// elementwise generics, empty/filled tensors that carry the dynamic batch,
// and border padding in every mode.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_PASSES_HNNTOLINALG_H
#define HNN_PASSES_HNNTOLINALG_H

#include "dialect/HNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::hnn {

void populateHNNToLinalgElementwisePatterns(RewritePatternSet &patterns);
void populateHNNToLinalgContractionPatterns(RewritePatternSet &patterns);
void populateHNNToLinalgConvPatterns(RewritePatternSet &patterns);
void populateHNNToLinalgPoolPatterns(RewritePatternSet &patterns);
void populateHNNToLinalgNormPatterns(RewritePatternSet &patterns);
void populateHNNToLinalgShapePatterns(RewritePatternSet &patterns);
void populateHNNToLinalgReducePatterns(RewritePatternSet &patterns);
void populateHNNToLinalgKANPatterns(RewritePatternSet &patterns);
void populateHNNToLinalgKANFusedPatterns(RewritePatternSet &patterns);

/// All of the above.
void populateHNNToLinalgPatterns(RewritePatternSet &patterns);

namespace lowering {

using BodyFn = llvm::function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// A float constant of `type` (f32, f16, bf16).
Value floatConst(OpBuilder &b, Location loc, Type type, double value);

/// The accumulation type for element type `elt`: f32 (also for f16, bf16).
Type accumulatorType(Type elt);

/// `v` widened to f32 when it is narrower.
Value extendToF32(OpBuilder &b, Location loc, Value v);

/// An f32 `v` narrowed back to `type` (a no-op when `type` is f32).
Value truncateFromF32(OpBuilder &b, Location loc, Value v, Type type);

/// Whether only the batch (dimension 0) of these tensor types is dynamic.
bool staticBeyondBatch(TypeRange types);

/// An index constant.
Value indexConst(OpBuilder &b, Location loc, int64_t value);

/// The runtime sizes of the dynamic dimensions of `type`, read from `source`
/// at the same dimension index (dynamic sizes are the batch, which ops keep in
/// place).
SmallVector<Value> dynamicSizesFrom(OpBuilder &b, Location loc, Value source,
                                    RankedTensorType type);

/// `type` with dimensions [0, n) multiplied into one (dynamic if one is).
RankedTensorType collapsedType(RankedTensorType type, int64_t n);

/// Collapses dimensions [0, n) of `v` into one (n >= 1); the others stay.
Value collapseLeading(OpBuilder &b, Location loc, Value v, int64_t n);

/// Expands dimension 0 of `v` back into the first `n` dimensions of
/// `resultType`; a dynamic batch is read from dimension 0 of `source`.
Value expandLeading(OpBuilder &b, Location loc, Value v, RankedTensorType resultType, int64_t n,
                    Value source);

/// tensor.empty of `type`, dynamic sizes read from `shapeSource`.
Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type, Value shapeSource);

/// `type` filled with `value`, dynamic sizes read from `shapeSource`.
Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type, Value shapeSource,
                   double value);

/// A linalg.generic computing `body` elementwise over `inputs`, which are
/// broadcast NumPy-style to `resultType`. `body` receives one scalar per input.
Value elementwise(OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
                  BodyFn body);

/// linalg.transpose of `v`: result dimension i is source dimension perm[i]
/// (non-negative); dynamic sizes read from `v`.
Value transpose(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> perm);

/// Pads `input` by `low`/`high` per dimension. `zeros` fills with `value`;
/// reflect, replicate and circular read the input at a mirrored, clamped or
/// wrapped index.
Value padTensor(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> low,
                ArrayRef<int64_t> high, PaddingMode mode, double value);

/// Reduces `input` over `dims` (normalized, sorted) with `combine`, starting
/// from `init`; the result drops those dimensions.
Value reduce(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims, double init,
             llvm::function_ref<Value(OpBuilder &, Location, Value, Value)> combine);

/// The Cox–de Boor triangle at a scalar f32 `x` on the k + 2 knots `t`
/// (order-0 indicators on half-open intervals, then `levels` rounds of
/// blends; a blend over coincident knots is 0): returns the k + 1 − levels
/// bases of order `levels` starting at t[0], t[1], …; with levels = k, the one
/// basis of order k on these knots.
SmallVector<Value> coxDeBoor(OpBuilder &b, Location loc, Value x, ArrayRef<Value> t,
                             int64_t levels);

} // namespace lowering
} // namespace mlir::hnn

#endif // HNN_PASSES_HNNTOLINALG_H
