//===- HNNToLinalgKAN.cpp - Kolmogorov-Arnold layer primitives ------------===//
//
// bspline_basis: one linalg.generic over the result (… × n × bases). Basis c
// of feature i needs the k + 2 knots t[i, c … c + k + 1], read from k + 2
// windows of the grid shifted by one column each; the body runs the Cox–de Boor recursion
// on those scalars (the k + 1 order-0 indicators, then k rounds of blends),
// in f32. A blend whose knot difference is zero contributes zero.
//
// kan_select: decomposed into hnn ops (softmax of the masked logits, scaled
// branches, their sum), which the conversion then lowers.
//
//===----------------------------------------------------------------------===//
#include "passes/HNNToLinalg.h"

#include "dialect/Gradients.h"
#include "dialect/KANExpand.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

namespace {

struct BsplineBasisLowering : OpRewritePattern<BsplineBasisOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BsplineBasisOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput(), grid = op.getGrid();
    auto xType = cast<RankedTensorType>(x.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!staticBeyondBatch({xType, resultType}))
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    int64_t k = op.getOrder(), rank = resultType.getRank();
    MLIRContext *ctx = rewriter.getContext();

    SmallVector<AffineMap> maps;
    SmallVector<Value> inputs;
    SmallVector<AffineExpr> leading;
    for (int64_t d = 0; d < rank - 1; ++d)
      leading.push_back(rewriter.getAffineDimExpr(d));
    maps.push_back(AffineMap::get(rank, 0, leading, ctx));
    inputs.push_back(x);
    // Knot j of basis c is column c + j: one n × bases window of the grid
    // per j (a shifted indexing map would let the grid's width, not the
    // result's, bound the basis loop).
    auto gridType = cast<RankedTensorType>(grid.getType());
    int64_t features = gridType.getDimSize(0), bases = resultType.getShape().back();
    AffineMap knotMap = AffineMap::get(
        rank, 0, {rewriter.getAffineDimExpr(rank - 2), rewriter.getAffineDimExpr(rank - 1)}, ctx);
    for (int64_t j = 0; j <= k + 1; ++j) {
      auto windowType = RankedTensorType::get({features, bases}, gridType.getElementType());
      inputs.push_back(tensor::ExtractSliceOp::create(
          rewriter, loc, windowType, grid, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0), rewriter.getIndexAttr(j)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(features), rewriter.getIndexAttr(bases)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1), rewriter.getIndexAttr(1)}));
      maps.push_back(knotMap);
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(rank));
    Value init = emptyTensor(rewriter, loc, resultType, x);
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    Type elt = resultType.getElementType();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Type f32 = b.getF32Type();
          auto widen = [&](Value v) {
            return v.getType() == f32 ? v : Value(arith::ExtFOp::create(b, l, f32, v));
          };
          Value xv = widen(args[0]);
          SmallVector<Value> t;
          for (int64_t j = 0; j <= k + 1; ++j)
            t.push_back(widen(args[1 + j]));
          SmallVector<Value> basisAt = coxDeBoor(b, l, xv, t, k);
          Value result = basisAt[0];
          if (elt != f32)
            result = arith::TruncFOp::create(b, l, elt, result);
          linalg::YieldOp::create(b, l, result);
        });
    // The CPU schedule splits these rows across threads and vectorizes
    // along the features (passes/schedules/cpu.mlir).
    generic->setAttr("__hnn_kan_basis", rewriter.getUnitAttr());
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// kan_select becomes hnn ops (the weights' softmax, one scaled branch per
/// candidate, their sum), which the conversion lowers in turn.
struct KanSelectLowering : OpRewritePattern<KanSelectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(KanSelectOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value w = gradients::kanSelectWeights(rewriter, loc, op.getLogits(), op.getMask());
    auto wType = cast<RankedTensorType>(w.getType());
    auto colType = RankedTensorType::get({wType.getDimSize(0)}, wType.getElementType());
    Value sum;
    for (auto [m, branch] : llvm::enumerate(op.getBranches())) {
      int64_t i = static_cast<int64_t>(m);
      Value col = SliceOp::create(rewriter, loc, w, ArrayRef<int64_t>{1}, ArrayRef<int64_t>{i},
                                  ArrayRef<int64_t>{i + 1}, DenseI64ArrayAttr());
      Value term = MulOp::create(rewriter, loc, branch, ReshapeOp::create(rewriter, loc, colType, col));
      sum = sum ? Value(AddOp::create(rewriter, loc, sum, term)) : term;
    }
    rewriter.replaceOp(op, sum);
    return success();
  }
};

/// kan_linear becomes its expansion (KANExpand.h), lowered in turn.
struct KanLinearLowering : OpRewritePattern<KanLinearOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(KanLinearOp op, PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, expandKanLinear(rewriter, op));
    return success();
  }
};

/// kan_conv2d likewise.
struct KanConv2dLowering : OpRewritePattern<KanConv2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(KanConv2dOp op, PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, expandKanConv2d(rewriter, op));
    return success();
  }
};

} // namespace

SmallVector<Value> lowering::coxDeBoor(OpBuilder &b, Location l, Value xv, ArrayRef<Value> t,
                                       int64_t levels) {
  int64_t k = static_cast<int64_t>(t.size()) - 2;
  Value zero = arith::ConstantOp::create(b, l, b.getF32FloatAttr(0.0f));
  Value one = arith::ConstantOp::create(b, l, b.getF32FloatAttr(1.0f));
  // Order 0: t_j <= x < t_{j+1}.
  SmallVector<Value> basisAt;
  for (int64_t j = 0; j <= k; ++j) {
    Value ge = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE, xv, t[j]);
    Value lt = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, xv, t[j + 1]);
    Value in = arith::AndIOp::create(b, l, ge, lt);
    basisAt.push_back(arith::SelectOp::create(b, l, in, one, zero));
  }
  // (num / den) · value, or 0 when den is 0.
  auto blend = [&](Value num, Value den, Value value) -> Value {
    Value isZero = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, den, zero);
    Value safe = arith::SelectOp::create(b, l, isZero, one, den);
    Value term = arith::MulFOp::create(b, l, arith::DivFOp::create(b, l, num, safe), value);
    return arith::SelectOp::create(b, l, isZero, zero, term);
  };
  for (int64_t p = 1; p <= levels; ++p)
    for (int64_t j = 0; j + p <= k; ++j) {
      Value left = blend(arith::SubFOp::create(b, l, xv, t[j]),
                         arith::SubFOp::create(b, l, t[j + p], t[j]), basisAt[j]);
      Value right = blend(arith::SubFOp::create(b, l, t[j + p + 1], xv),
                          arith::SubFOp::create(b, l, t[j + p + 1], t[j + 1]),
                          basisAt[j + 1]);
      basisAt[j] = arith::AddFOp::create(b, l, left, right);
    }
  basisAt.resize(k + 1 - levels);
  return basisAt;
}

void hnn::populateHNNToLinalgKANPatterns(RewritePatternSet &patterns) {
  patterns.add<BsplineBasisLowering, KanSelectLowering, KanLinearLowering, KanConv2dLowering>(patterns.getContext());
  populateHNNToLinalgKANFusedPatterns(patterns);
}
