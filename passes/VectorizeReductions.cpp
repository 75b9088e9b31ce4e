//===- VectorizeReductions.cpp - reductions along their innermost loop ----===//
//
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNVECTORIZEREDUCTIONS
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;

namespace {

constexpr int64_t kMaxLanes = 64;

/// The innermost loop's tile (its whole extent, or kMaxLanes when that
/// divides a longer one); 0 when the op is not a candidate.
int64_t innermostTile(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumReductionLoops() == 0 || op.getNumLoops() < 2)
    return 0;
  for (NamedAttribute attr : op->getDiscardableAttrs())
    if (attr.getName().getValue().starts_with("__hnn"))
      return 0;
  if (!llvm::all_of(op.getIndexingMapsArray(),
                    [](AffineMap m) { return m.isProjectedPermutation(); }))
    return 0;
  int64_t last = op.getStaticLoopRanges().back();
  if (ShapedType::isDynamic(last) || last < 4)
    return 0;
  if (last <= kMaxLanes)
    return last;
  return last % kMaxLanes == 0 ? kMaxLanes : 0;
}

struct VectorizeReductionsPass
    : hnn::impl::HNNVectorizeReductionsBase<VectorizeReductionsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (innermostTile(op))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : candidates) {
      int64_t inner = innermostTile(op);
      SmallVector<OpFoldResult> sizes(op.getNumLoops(), rewriter.getIndexAttr(1));
      // 0: the innermost loop is not tiled.
      sizes.back() = rewriter.getIndexAttr(inner == op.getStaticLoopRanges().back() ? 0 : inner);
      rewriter.setInsertionPoint(op);
      scf::SCFTilingOptions options;
      options.setTileSizes(sizes);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
      if (failed(tiled))
        continue; // stays as it was: correct loops
      rewriter.replaceOp(op, tiled->replacements);
      Operation *tile = tiled->tiledOps.back();
      rewriter.setInsertionPoint(tile);
      FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(rewriter, tile);
      if (succeeded(vectorized))
        rewriter.replaceOp(tile, vectorized->replacements);
    }
  }
};

} // namespace
