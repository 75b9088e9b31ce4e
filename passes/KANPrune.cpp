//===- KANPrune.cpp - S-KAN pruning ---------------------------------------===//
//
// After training, an S-KAN layer's mixture is fixed: with its logits and
// mask baked in as constants (hnnc --weights), each output unit keeps the
// candidate of largest weight among those its mask allows. The kan_select
// becomes a sum of the selected branches; a branch no unit chose is dropped,
// with its whole computation. A kan_linear branch is narrowed to the units
// that chose it (rows of its constant weights) and placed back by a constant
// 0/1 matrix, so each basis runs one kernel over just its units; any other
// branch is multiplied by the 0/1 vector of its units.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "dialect/Builders.h"
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

/// Rows `rows` (dimension 0) of a constant tensor, as a new constant; null
/// when `v` is not a constant.
Value constantRows(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> rows) {
  DenseElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return Value();
  auto type = cast<RankedTensorType>(v.getType());
  int64_t rowSize = type.getNumElements() / type.getDimSize(0);
  SmallVector<APFloat> all(attr.getValues<APFloat>()), picked;
  for (int64_t r : rows)
    picked.append(all.begin() + r * rowSize, all.begin() + (r + 1) * rowSize);
  SmallVector<int64_t> shape(type.getShape());
  shape[0] = static_cast<int64_t>(rows.size());
  return ConstantOp::create(
      b, loc, DenseElementsAttr::get(RankedTensorType::get(shape, type.getElementType()), picked));
}

/// Branch `branch` restricted to the output units `units` (in order), when it
/// is a kan_linear with constant weights: a narrower kan_linear whose result
/// a constant 0/1 placement matrix puts back at those units. Null otherwise.
Value narrowBranch(OpBuilder &b, Location loc, Value branch, ArrayRef<int64_t> units, int64_t out) {
  auto kan = branch.getDefiningOp<KanLinearOp>();
  if (!kan)
    return Value();
  Value sw = constantRows(b, loc, kan.getSplineWeight(), units);
  Value bw = constantRows(b, loc, kan.getBaseWeight(), units);
  Value sc = constantRows(b, loc, kan.getSplineScaler(), units);
  if (!sw || (kan.getBaseWeight() && !bw) || (kan.getSplineScaler() && !sc))
    return Value();
  auto narrow = KanLinearOp::create(b, loc, kan.getInput(), sw, bw, sc, kan.getGrid(),
                                    kan.getNormWeight(), kan.getNormBias(), kan.getBasisAttr(),
                                    kan.getBaseActivationAttr(), kan.getOrderAttr(),
                                    kan.getLowAttr(), kan.getHighAttr());
  Type elem = cast<RankedTensorType>(branch.getType()).getElementType();
  int64_t u = static_cast<int64_t>(units.size());
  SmallVector<double> place(out * u, 0.0);
  for (auto [j, o] : llvm::enumerate(units))
    place[o * u + static_cast<int64_t>(j)] = 1.0;
  Value placement = build::constant(b, loc, {out, u}, elem, place);
  return LinearOp::create(b, loc, narrow.getResult(), placement, Value());
}

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
      Value sum;
      for (int64_t c = 0; c < m; ++c) {
        if (!used[c])
          continue;
        Value branch = op.getBranches()[c];
        bool all = llvm::all_of(chosen[c], [](double v) { return v == 1.0; });
        SmallVector<int64_t> units;
        for (int64_t o = 0; o < out; ++o)
          if (chosen[c][o] == 1.0)
            units.push_back(o);
        Value term = all ? branch : narrowBranch(b, loc, branch, units, out);
        if (!term) {
          Value onehot = build::constant(b, loc, {out}, type.getElementType(), chosen[c]);
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
