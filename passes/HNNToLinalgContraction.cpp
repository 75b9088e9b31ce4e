//===- HNNToLinalgContraction.cpp - linear, matmul, batch_matmul ----------===//
//
// The contractions become linalg's named contraction ops on a zero-filled
// accumulator, so later tiling and vectorization see matmuls:
//
//   hnn.matmul        [M,K]x[K,N]      -> linalg.matmul
//   hnn.linear        [...,K]x[N,K]ᵀ   -> leading dims collapsed to one,
//                                         linalg.matmul with the transposed-B
//                                         indexing maps, the bias added by a
//                                         broadcasting generic, expanded back;
//                                         a rank-1 input is linalg.matvec
//   hnn.batch_matmul  [B...,M,K]x[B...,K,N]
//                                      -> batch dims collapsed to one,
//                                         linalg.batch_matmul, expanded back
//
// f16 and bf16 operands accumulate in f32 (the named ops widen their operands
// to the accumulator type) and the result is rounded once at the end, as
// PyTorch does on CPUs.
//
// Only dimension 0 (the batch) may be dynamic. A collapsed dimension that
// contains it is dynamic too; its size is computed from the operand
// (tensor.dim times the static sizes merged with it), and expand_shape gets
// the batch back from tensor.dim of the operand.
//
//===----------------------------------------------------------------------===//
#include "passes/HNNToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

namespace {


/// `type` with element type `elt`.
RankedTensorType withElementType(RankedTensorType type, Type elt) {
  return RankedTensorType::get(type.getShape(), elt);
}


/// A zero-filled accumulator of `type`, whose dimension 0 is dimensions
/// [0, n) of `source` merged: a dynamic size is tensor.dim of `source` times
/// the static sizes merged with it.
Value zeroAccumulator(OpBuilder &b, Location loc, RankedTensorType type, Value source, int64_t n) {
  SmallVector<Value> dyn;
  if (type.isDynamicDim(0)) {
    auto sourceType = cast<RankedTensorType>(source.getType());
    Value size = tensor::DimOp::create(b, loc, source, 0);
    int64_t rest = 1;
    for (int64_t d = 1; d < n; ++d)
      rest *= sourceType.getDimSize(d);
    if (rest != 1)
      size = arith::MulIOp::create(b, loc, size, indexConst(b, loc, rest));
    dyn.push_back(size);
  }
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(), dyn);
  Value zero = floatConst(b, loc, type.getElementType(), 0.0);
  return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
}

/// The accumulated `y` plus the broadcast `bias` (when present), rounded to
/// the element type of `resultType` (which has the shape of `y`).
Value finish(OpBuilder &b, Location loc, Value y, Value bias, RankedTensorType resultType) {
  Type elt = resultType.getElementType();
  if (!bias && cast<RankedTensorType>(y.getType()).getElementType() == elt)
    return y;
  SmallVector<Value> inputs = {y};
  if (bias)
    inputs.push_back(bias);
  return elementwise(b, loc, resultType, inputs,
                     [&](OpBuilder &nb, Location nloc, ValueRange args) -> Value {
                       Value v = args[0];
                       if (args.size() > 1) {
                         Value bv = args[1];
                         if (bv.getType() != v.getType())
                           bv = arith::ExtFOp::create(nb, nloc, v.getType(), bv);
                         v = arith::AddFOp::create(nb, nloc, v, bv);
                       }
                       if (v.getType() != elt)
                         v = arith::TruncFOp::create(nb, nloc, elt, v);
                       return v;
                     });
}

/// y = x·Wᵀ + b. The leading dimensions of x become the M of one matmul.
struct LinearLowering : OpRewritePattern<LinearOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LinearOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput(), w = op.getWeight(), bias = op.getBias();
    auto xType = cast<RankedTensorType>(x.getType());
    auto wType = cast<RankedTensorType>(w.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!staticBeyondBatch({xType, resultType}) || !wType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    Type acc = accumulatorType(resultType.getElementType());
    int64_t rank = xType.getRank();

    // [N,K]·[K] -> [N]
    if (rank == 1) {
      auto accType = withElementType(resultType, acc);
      Value init = zeroAccumulator(rewriter, loc, accType, x, 1);
      Value y = linalg::MatvecOp::create(rewriter, loc, TypeRange{accType}, ValueRange{w, x},
                                         ValueRange{init})
                    .getResult(0);
      rewriter.replaceOp(op, finish(rewriter, loc, y, bias, resultType));
      return success();
    }

    // [M,K] x [N,K] -> [M,N]. The weight is transposed to [K,N] first (one
    // pass over it, cheap next to the product) so that the matmul streams
    // rows of both operands: a transposed-B contraction vectorizes into
    // strided loads and runs several times slower.
    Value x2 = collapseLeading(rewriter, loc, x, rank - 1);
    auto y2Type = collapsedType(resultType, rank - 1);
    auto accType = withElementType(y2Type, acc);
    Value init = zeroAccumulator(rewriter, loc, accType, x, rank - 1);
    // Without a precision change the bias seeds the accumulator, which saves
    // a pass over the output.
    if (bias && accType.getElementType() == y2Type.getElementType()) {
      auto fill = init.getDefiningOp<linalg::FillOp>();
      Value empty = fill.getOutputs()[0];
      rewriter.eraseOp(fill);
      auto seeded = linalg::GenericOp::create(
          rewriter, loc, TypeRange{accType}, ValueRange{bias}, ValueRange{empty},
          SmallVector<AffineMap>{AffineMap::get(2, 0, rewriter.getAffineDimExpr(1)),
                                 rewriter.getMultiDimIdentityMap(2)},
          SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
          [](OpBuilder &nb, Location nloc, ValueRange args) {
            linalg::YieldOp::create(nb, nloc, args[0]);
          });
      init = seeded.getResult(0);
      bias = Value();
    }
    Value wt = transpose(rewriter, loc, w, {1, 0});
    Value y = linalg::MatmulOp::create(rewriter, loc, TypeRange{accType}, ValueRange{x2, wt},
                                       ValueRange{init})
                  .getResult(0);
    y = finish(rewriter, loc, y, bias, y2Type);
    rewriter.replaceOp(op, expandLeading(rewriter, loc, y, resultType, rank - 1, x));
    return success();
  }
};

struct MatmulLowering : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = op.getLhs(), rhs = op.getRhs();
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!staticBeyondBatch({lhs.getType(), resultType}) ||
        !cast<RankedTensorType>(rhs.getType()).hasStaticShape())
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    auto accType = withElementType(resultType, accumulatorType(resultType.getElementType()));
    Value init = zeroAccumulator(rewriter, loc, accType, lhs, 1);
    Value y = linalg::MatmulOp::create(rewriter, loc, TypeRange{accType}, ValueRange{lhs, rhs},
                                       ValueRange{init})
                  .getResult(0);
    rewriter.replaceOp(op, finish(rewriter, loc, y, Value(), resultType));
    return success();
  }
};

/// [B...,M,K] x [B...,K,N]: the batch dimensions collapse to one.
struct BatchMatmulLowering : OpRewritePattern<BatchMatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchMatmulOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = op.getLhs(), rhs = op.getRhs();
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!staticBeyondBatch({lhs.getType(), rhs.getType(), resultType}))
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    // The result's batch is dynamic only when both operands' are (otherwise
    // it is the static one), so its size can be read from the lhs.
    int64_t batchDims = resultType.getRank() - 2;
    Value a = collapseLeading(rewriter, loc, lhs, batchDims);
    Value b = collapseLeading(rewriter, loc, rhs, batchDims);
    auto y3Type = collapsedType(resultType, batchDims);
    auto accType = withElementType(y3Type, accumulatorType(resultType.getElementType()));
    Value init = zeroAccumulator(rewriter, loc, accType, lhs, batchDims);
    Value y = linalg::BatchMatmulOp::create(rewriter, loc, TypeRange{accType}, ValueRange{a, b},
                                            ValueRange{init})
                  .getResult(0);
    y = finish(rewriter, loc, y, Value(), y3Type);
    rewriter.replaceOp(op, expandLeading(rewriter, loc, y, resultType, batchDims, lhs));
    return success();
  }
};

/// Σ_b aᵀ[b]·c[b] for rows a[b] of ?×P and c[b] of ?×Q: the weight gradient
/// of a linear layer over a dynamic batch, written in hnn as
///   reduce_sum(batch_matmul(reshape a to ?×P×1, reshape c to ?×1×Q), [0])
/// (hnn keeps the batch in dimension 0). Lowered as written it materializes
/// the ?×P×Q products; here it becomes one matmul that contracts over the
/// batch, reading a transposed: out[p, q] = Σ_b a[b, p]·c[b, q]. Its register
/// tiles (a row of a, a row of c per step) are outer products.
struct BatchOuterSumLowering : OpRewritePattern<ReduceSumOp> {
  BatchOuterSumLowering(MLIRContext *ctx) : OpRewritePattern(ctx, /*benefit=*/2) {}
  LogicalResult matchAndRewrite(ReduceSumOp op, PatternRewriter &rewriter) const override {
    auto bmm = op.getInput().getDefiningOp<BatchMatmulOp>();
    if (!bmm || op.getKeepdim() || op.getDims() != ArrayRef<int64_t>{0})
      return rewriter.notifyMatchFailure(op, "not a sum over the batch of a batch_matmul");
    auto rows = [](Value v, int64_t unitDim) -> Value {
      auto reshape = v.getDefiningOp<ReshapeOp>();
      if (!reshape)
        return Value();
      auto in = cast<RankedTensorType>(reshape.getInput().getType());
      auto out = cast<RankedTensorType>(reshape.getType());
      if (in.getRank() != 2 || out.getRank() != 3 || out.getDimSize(unitDim) != 1 ||
          !in.isDynamicDim(0) || !out.isDynamicDim(0) || ShapedType::isDynamic(in.getDimSize(1)))
        return Value();
      return reshape.getInput();
    };
    Value a = rows(bmm.getLhs(), 2), c = rows(bmm.getRhs(), 1);
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!resultType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic result");
    if (!a || !c)
      return accumulateSamples(op, bmm, rewriter);
    Location loc = op.getLoc();
    auto accType = withElementType(resultType, accumulatorType(resultType.getElementType()));
    Value init = zeroAccumulator(rewriter, loc, accType, a, 0);
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr p, q, batch;
    bindDims(ctx, p, q, batch);
    auto maps = rewriter.getAffineMapArrayAttr({AffineMap::get(3, 0, {batch, p}, ctx),
                                                 AffineMap::get(3, 0, {batch, q}, ctx),
                                                 AffineMap::get(3, 0, {p, q}, ctx)});
    auto mm = linalg::MatmulOp::create(rewriter, loc, TypeRange{accType}, ValueRange{a, c},
                                       ValueRange{init});
    mm->setAttr("indexing_maps", maps);
    rewriter.replaceOp(op, finish(rewriter, loc, mm.getResult(0), Value(), resultType));
    return success();
  }

  /// The general case, Σ_b A[b]·B[b] for A of ?×(1…)×M×K and B of ?×(1…)×K×N
  /// (the weight gradient of a convolution: per-sample products of the
  /// output gradient and the unfolded input): a loop over the samples that
  /// accumulates static M×K·K×N matmuls, which the schedule tiles and
  /// vectorizes, instead of a batch_matmul whose ?×M×N products are formed
  /// and then summed.
  LogicalResult accumulateSamples(ReduceSumOp op, BatchMatmulOp bmm,
                                  PatternRewriter &rewriter) const {
    auto aType = cast<RankedTensorType>(bmm.getLhs().getType());
    auto bType = cast<RankedTensorType>(bmm.getRhs().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = aType.getRank();
    if (bType.getRank() != rank || !aType.isDynamicDim(0) || !bType.isDynamicDim(0) ||
        !staticBeyondBatch({aType, bType}))
      return rewriter.notifyMatchFailure(op, "not a sum over a dynamic batch");
    for (int64_t d = 1; d < rank - 2; ++d)
      if (aType.getDimSize(d) != 1 || bType.getDimSize(d) != 1)
        return rewriter.notifyMatchFailure(op, "other batch dimensions are not 1");
    Location loc = op.getLoc();
    int64_t m = aType.getDimSize(rank - 2), k = aType.getDimSize(rank - 1),
            n = bType.getDimSize(rank - 1);
    Type elt = resultType.getElementType();
    // A narrow product (a 3×3 convolution of one input channel has N = 9)
    // would leave the register tile's columns mostly idle: accumulate the
    // transposed product Bᵀ·Aᵀ instead, reading both slices transposed, and
    // transpose the sum once at the end.
    bool swap = n < 16 && m > n;
    auto accType = RankedTensorType::get(swap ? ArrayRef<int64_t>{n, m} : ArrayRef<int64_t>{m, n},
                                         accumulatorType(elt));
    Value init = zeroAccumulator(rewriter, loc, accType, bmm.getLhs(), 0);
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr i0, i1, red;
    bindDims(ctx, i0, i1, red);
    auto swappedMaps = rewriter.getAffineMapArrayAttr(
        {AffineMap::get(3, 0, {red, i0}, ctx), AffineMap::get(3, 0, {i1, red}, ctx),
         AffineMap::get(3, 0, {i0, i1}, ctx)});
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value samples = tensor::DimOp::create(rewriter, loc, bmm.getLhs(), 0);
    // One sample of `v` (?×1…×R×C) as R×C.
    auto sample = [&](OpBuilder &b, Value v, Value i, int64_t r, int64_t cols) -> Value {
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)), sizes(rank, b.getIndexAttr(1)),
          strides(rank, b.getIndexAttr(1));
      offsets[0] = i;
      sizes[rank - 2] = b.getIndexAttr(r);
      sizes[rank - 1] = b.getIndexAttr(cols);
      auto type = RankedTensorType::get({r, cols}, cast<RankedTensorType>(v.getType()).getElementType());
      return tensor::ExtractSliceOp::create(b, loc, type, v, offsets, sizes, strides);
    };
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, samples, one, ValueRange{init},
        [&](OpBuilder &b, Location l, Value i, ValueRange acc) {
          Value a = sample(b, bmm.getLhs(), i, m, k), c = sample(b, bmm.getRhs(), i, k, n);
          auto mm = linalg::MatmulOp::create(b, l, TypeRange{accType},
                                             swap ? ValueRange{c, a} : ValueRange{a, c},
                                             ValueRange{acc[0]});
          if (swap)
            mm->setAttr("indexing_maps", swappedMaps);
          scf::YieldOp::create(b, l, mm.getResult(0));
        });
    Value sum = loop.getResult(0);
    if (swap)
      sum = transpose(rewriter, loc, sum, {1, 0});
    Value y = finish(rewriter, loc, sum, Value(), RankedTensorType::get({m, n}, elt));
    if (resultType.getRank() != 2) {
      SmallVector<ReassociationIndices> groups(1);
      for (int64_t d = 0; d < resultType.getRank() - 1; ++d)
        groups[0].push_back(d);
      groups.push_back({resultType.getRank() - 1});
      y = tensor::ExpandShapeOp::create(rewriter, loc, resultType, y, groups);
    }
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void hnn::populateHNNToLinalgContractionPatterns(RewritePatternSet &patterns) {
  patterns.add<LinearLowering, MatmulLowering, BatchMatmulLowering, BatchOuterSumLowering>(
      patterns.getContext());
}
