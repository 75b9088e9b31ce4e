//===- KANPrune.cpp - S-KAN pruning ---------------------------------------===//
//
// After training, an S-KAN layer's mixture is fixed: with its logits and
// mask baked in as constants (hnnc --weights), each output unit keeps the
// candidate of largest weight among those its mask allows. The kan_select
// becomes a sum of the selected branches, each multiplied by a constant 0/1
// vector of the units that chose it; a branch no unit chose is dropped, and
// its whole computation with it.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "dialect/HNNOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/RegionUtils.h"

#include <cmath>

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNKANPRUNE
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;
using namespace mlir::hnn;

namespace {

/// The values of a constant float tensor, or nothing.
std::optional<SmallVector<double>> constantValues(Value v) {
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || !isa<FloatType>(attr.getElementType()))
    return std::nullopt;
  SmallVector<double> out;
  for (const APFloat &f : attr.getValues<APFloat>())
    out.push_back(f.convertToDouble());
  return out;
}

struct KANPrunePass : hnn::impl::HNNKANPruneBase<KANPrunePass> {
  void runOnOperation() override {
    SmallVector<KanSelectOp> selects;
    getOperation().walk([&](KanSelectOp op) { selects.push_back(op); });
    for (KanSelectOp op : selects) {
      auto logits = constantValues(op.getLogits()), mask = constantValues(op.getMask());
      if (!logits || !mask) {
        op.emitError("hnn-kan-prune needs the layer's mix_logits and mix_mask as constants "
                     "(compile with --weights)");
        return signalPassFailure();
      }
      int64_t m = op.getBranches().size();
      int64_t out = static_cast<int64_t>(logits->size()) / m;
      // The chosen candidate of every unit.
      SmallVector<SmallVector<double>> chosen(m, SmallVector<double>(out, 0.0));
      SmallVector<bool> used(m, false);
      for (int64_t o = 0; o < out; ++o) {
        int64_t best = -1;
        for (int64_t c = 0; c < m; ++c)
          if ((*mask)[o * m + c] != 0 && (best < 0 || (*logits)[o * m + c] > (*logits)[o * m + best]))
            best = c;
        if (best < 0) {
          op.emitError("hnn-kan-prune: unit ") << o << " has every candidate masked out";
          return signalPassFailure();
        }
        chosen[best][o] = 1.0;
        used[best] = true;
      }
      OpBuilder b(op);
      Location loc = op.getLoc();
      auto type = cast<RankedTensorType>(op.getType());
      auto vecType = RankedTensorType::get({out}, type.getElementType());
      Value sum;
      for (int64_t c = 0; c < m; ++c) {
        if (!used[c])
          continue;
        Value branch = op.getBranches()[c];
        bool all = llvm::all_of(chosen[c], [](double v) { return v == 1.0; });
        Value term = branch;
        if (!all) {
          SmallVector<APFloat> bits;
          for (double v : chosen[c]) {
            APFloat f(v);
            bool lost;
            f.convert(cast<FloatType>(type.getElementType()).getFloatSemantics(),
                      APFloat::rmNearestTiesToEven, &lost);
            bits.push_back(f);
          }
          Value onehot = ConstantOp::create(b, loc, DenseElementsAttr::get(vecType, bits));
          term = MulOp::create(b, loc, branch, onehot);
        }
        sum = sum ? Value(AddOp::create(b, loc, sum, term)) : term;
      }
      op.replaceAllUsesWith(sum);
      op.erase();
    }
    // The branches nobody chose are dead now.
    IRRewriter rewriter(&getContext());
    (void)runRegionDCE(rewriter, getOperation()->getRegions());
  }
};

} // namespace
