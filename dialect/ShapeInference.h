//===- ShapeInference.h - shape arithmetic shared by the ops -----*- C++ -*-===//
//
// Pure shape arithmetic (broadcasting, sliding windows, dimension indices) and
// the result-type inference helpers that several op classes share. Sizes use
// ShapedType::kDynamic for an unknown (batch) size, which propagates.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_DIALECT_SHAPEINFERENCE_H
#define HNN_DIALECT_SHAPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace mlir::hnn {

/// `dim` in [-rank, rank) mapped to [0, rank); nullopt when out of range.
std::optional<int64_t> normalizeDim(int64_t dim, int64_t rank);

/// NumPy broadcast of two shapes (right-aligned; equal, or one side 1). A
/// dynamic size meets 1 as itself and another size as that size. nullopt
/// when two known sizes differ and neither is 1.
std::optional<llvm::SmallVector<int64_t>> broadcastShapes(llvm::ArrayRef<int64_t> a,
                                                          llvm::ArrayRef<int64_t> b);

/// Output length of a sliding window (convolution, pooling, unfold), as
/// PyTorch computes it. With `ceilMode` the count rounds up, except that the
/// last window must start inside the input or the low padding. Dynamic in,
/// dynamic out. May return a value <= 0: the caller reports that.
int64_t windowOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t padLow,
                         int64_t padHigh, int64_t dilation, bool ceilMode = false);

/// Output length of a transposed convolution.
int64_t convTransposeOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad,
                                int64_t dilation, int64_t outputPadding);

/// Reads an optional two-element attribute (stride, padding, ...) with a
/// default for both entries when it is absent.
llvm::SmallVector<int64_t, 2> pairOr(std::optional<llvm::ArrayRef<int64_t>> attr,
                                     int64_t dflt);

/// Emits "'<opName>' op <message>" at `loc` (when present) and fails. Used by
/// type inference, which runs before an op exists.
llvm::LogicalResult emitInferError(std::optional<Location> loc, llvm::StringRef opName,
                                   const llvm::Twine &message);

/// Two sizes that may be equal at run time (equal, or either dynamic).
inline bool compatibleDims(int64_t a, int64_t b) {
  return a == b || ShapedType::isDynamic(a) || ShapedType::isDynamic(b);
}

/// The more static of two compatible sizes.
inline int64_t refineDim(int64_t a, int64_t b) { return ShapedType::isDynamic(a) ? b : a; }

/// Result type of a broadcasting binary op.
llvm::LogicalResult inferBroadcastType(std::optional<Location> loc, llvm::StringRef opName,
                                       Type lhs, Type rhs,
                                       llvm::SmallVectorImpl<Type> &types);

/// Result type of a reduction over `dims`, keeping them as 1 with `keepdim`.
llvm::LogicalResult inferReductionType(std::optional<Location> loc, llvm::StringRef opName,
                                       Type input,
                                       llvm::ArrayRef<int64_t> dims, bool keepdim,
                                       llvm::SmallVectorImpl<Type> &types);

/// Checks that every non-null type in `types` is a ranked tensor with the
/// element type of the first; names the operands in the error.
llvm::LogicalResult checkSameElementType(std::optional<Location> loc, llvm::StringRef opName,
                                         llvm::ArrayRef<std::pair<llvm::StringRef, Type>> types);

/// Formats a shape as "2x?x3" (rank 0: "scalar (rank 0)") for diagnostics.
std::string shapeStr(llvm::ArrayRef<int64_t> shape);

/// Prints a type for diagnostics.
std::string typeStr(Type type);

} // namespace mlir::hnn

#endif // HNN_DIALECT_SHAPEINFERENCE_H
