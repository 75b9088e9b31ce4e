//===- FuseElementwise.cpp - elementwise fusion without reshape moves -----===//
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNFUSEELEMENTWISE
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;

namespace {
struct FuseElementwisePass : hnn::impl::HNNFuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Fuse a producer only when that duplicates no work: it has no other use,
    // and the consumer reads it element for element. A producer read through
    // a broadcast (a per-channel 1/sqrt(var + eps) feeding a per-element
    // normalization) would be recomputed for every element it is broadcast to.
    linalg::ControlFusionFn control = [](OpOperand *operand) {
      Operation *producer = operand->get().getDefiningOp();
      auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
      return producer && consumer && producer->hasOneUse() &&
             consumer.getMatchingIndexingMap(operand).isPermutation();
    };
    linalg::populateElementwiseOpsFusionPatterns(patterns, control);
    linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
