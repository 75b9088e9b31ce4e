//===- ApproximateMath.cpp - inline polynomials for libm functions --------===//
#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringSwitch.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNAPPROXIMATEMATH
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;

namespace {
struct ApproximateMathPass : hnn::impl::HNNApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      name.consume_front("math."); // the predicate sees operation names
      return llvm::StringSwitch<bool>(name)
          .Cases({"exp", "expm1", "tanh", "log", "log1p", "log2", "erf"}, true)
          .Default(false);
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
