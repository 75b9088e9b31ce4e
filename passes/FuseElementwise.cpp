//===- FuseElementwise.cpp - elementwise fusion without reshape moves -----===//
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
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
      return signalPassFailure();
    allowReassociatedSums();
  }

  /// A reduction's floating-point sum may be reassociated, so that LLVM can
  /// vectorize it (strict left-to-right order forces one add at a time): the
  /// result differs by rounding only, as every vectorized or parallel
  /// reduction (PyTorch's included) does.
  void allowReassociatedSums() {
    getOperation().walk([](linalg::GenericOp op) {
      if (op.getNumReductionLoops() == 0)
        return;
      op.getRegion().walk([](arith::AddFOp add) {
        add.setFastmath(add.getFastmath() | arith::FastMathFlags::reassoc);
      });
    });
  }
};
} // namespace
