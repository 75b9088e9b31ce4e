//===- HNNToLinalgNorm.cpp - normalization, softmax and log_softmax -------===//
//
// All statistics are accumulated in f32 (f16/bf16 operands are widened inside
// the generics and results narrowed at the end), two-pass: a sum gives the
// mean, then a second reduction sums the squared deviations from it (never
// E[x^2] - E[x]^2). Each statistic is a linalg.generic whose iterators are
// parallel over the kept dimensions and reductions over the others; the
// normalized output is one parallel generic reading the input and the
// statistics through projected indexing maps.
//
//   batch_norm:  statistics per channel (dim 1) over all other dimensions;
//                training normalizes with the batch mean and biased variance
//                and blends the running statistics with the batch mean and
//                the unbiased variance; inference uses the running statistics
//                and returns them unchanged.
//   layer_norm:  statistics over the trailing rank(weight) dimensions.
//   group_norm:  the input is expanded N x C x ... -> N x G x C/G x ...,
//                statistics per (n, g), the output generic reads weight/bias
//                at g * C/G + c, and is collapsed back.
//   softmax:     max, then sum of exp(x - max), along `dim`;
//                out = exp(x - max) / sum, log_softmax = x - max - log(sum).
//
//===----------------------------------------------------------------------===//
#include "passes/HNNToLinalg.h"

#include "dialect/ShapeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

namespace {

using Body = llvm::function_ref<Value(OpBuilder &, Location, ValueRange)>;


Value f32Const(OpBuilder &b, Location loc, double v) {
  return floatConst(b, loc, b.getF32Type(), v);
}

/// The map from `rank` loops to the loops `dims`.
AffineMap loopsMap(MLIRContext *ctx, int64_t rank, ArrayRef<int64_t> dims) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d : dims)
    exprs.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

/// The dimensions of a rank-`rank` tensor that are not in `dims`.
SmallVector<int64_t> complement(int64_t rank, ArrayRef<int64_t> dims) {
  SmallVector<int64_t> rest;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(dims, d))
      rest.push_back(d);
  return rest;
}

/// A tensor with the sizes of `source` at `dims` and element type `elem`,
/// filled with `fill` when given.
Value tensorOver(OpBuilder &b, Location loc, Value source, ArrayRef<int64_t> dims, Type elem,
                 std::optional<double> fill) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape;
  SmallVector<Value> dynSizes;
  for (int64_t d : dims) {
    shape.push_back(type.getDimSize(d));
    if (type.isDynamicDim(d))
      dynSizes.push_back(tensor::DimOp::create(b, loc, source, d));
  }
  Value t = tensor::EmptyOp::create(b, loc, shape, elem, dynSizes);
  if (fill)
    t = linalg::FillOp::create(b, loc, floatConst(b, loc, elem, *fill), t).getResult(0);
  return t;
}

/// A linalg.generic over the loops of `init`'s map domain: `inputs` read
/// through `maps` (one per input, then the output's), `body` gets the input
/// scalars followed by the output scalar and returns the value to yield.
Value generic(OpBuilder &b, Location loc, ValueRange inputs, Value init,
              ArrayRef<AffineMap> maps, ArrayRef<utils::IteratorType> iters, Body body) {
  return linalg::GenericOp::create(b, loc, TypeRange{init.getType()}, inputs,
                                   ValueRange{init}, maps, iters,
                                   [&](OpBuilder &nb, Location nl, ValueRange args) {
                                     linalg::YieldOp::create(nb, nl, body(nb, nl, args));
                                   })
      .getResult(0);
}

/// Reduces over the loops of `source` (rank r) that are not in `keep`: an f32
/// tensor of `source`'s sizes at `keep`, starting from `init` and updated by
/// `body(inputs..., acc)`. `inputs[0]` is read with the identity map, the
/// others through `maps`.
Value reduceKeeping(OpBuilder &b, Location loc, Value source, ArrayRef<int64_t> keep,
                    ValueRange inputs, ArrayRef<AffineMap> inputMaps, double init,
                    Body body) {
  int64_t rank = cast<RankedTensorType>(source.getType()).getRank();
  MLIRContext *ctx = b.getContext();
  Value acc = tensorOver(b, loc, source, keep, b.getF32Type(), init);
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(loopsMap(ctx, rank, keep));
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::reduction);
  for (int64_t d : keep)
    iters[d] = utils::IteratorType::parallel;
  return generic(b, loc, inputs, acc, maps, iters, body);
}

/// A parallel generic over `like`'s shape (a tensor of element `elem`),
/// reading `inputs` through `maps`.
Value parallel(OpBuilder &b, Location loc, Value like, Type elem, ValueRange inputs,
               ArrayRef<AffineMap> inputMaps, Body body) {
  auto type = cast<RankedTensorType>(like.getType());
  int64_t rank = type.getRank();
  Value init = tensorOver(b, loc, like, llvm::to_vector(llvm::seq<int64_t>(0, rank)), elem,
                          std::nullopt);
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  return generic(b, loc, inputs, init, maps,
                 SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel), body);
}

/// The number of elements of `source` over `dims`, as an f32 value (read at
/// runtime when one of them is dynamic).
Value countOver(OpBuilder &b, Location loc, Value source, ArrayRef<int64_t> dims) {
  auto type = cast<RankedTensorType>(source.getType());
  int64_t known = 1;
  Value dynamic;
  for (int64_t d : dims) {
    if (!type.isDynamicDim(d)) {
      known *= type.getDimSize(d);
      continue;
    }
    Value size = tensor::DimOp::create(b, loc, source, d);
    dynamic = dynamic ? arith::MulIOp::create(b, loc, dynamic, size).getResult() : size;
  }
  if (!dynamic)
    return f32Const(b, loc, double(known));
  if (known != 1)
    dynamic = arith::MulIOp::create(b, loc, dynamic, indexConst(b, loc, known));
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), dynamic);
  return arith::SIToFPOp::create(b, loc, b.getF32Type(), i64);
}

/// Mean and sum of squared deviations of `x` over the dimensions not in
/// `keep`, both f32 tensors over `keep`; `count` is the number of elements
/// reduced per entry.
std::pair<Value, Value> meanAndDeviation(OpBuilder &b, Location loc, Value x,
                                         ArrayRef<int64_t> keep, Value count) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap kept = loopsMap(ctx, rank, keep);
  Value sum = reduceKeeping(b, loc, x, keep, ValueRange{x}, {id}, 0.0,
                            [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                              return arith::AddFOp::create(nb, l, extendToF32(nb, l, a[0]), a[1]);
                            });
  int64_t keptRank = keep.size();
  AffineMap keptId = b.getMultiDimIdentityMap(keptRank);
  Value mean = parallel(b, loc, sum, b.getF32Type(), ValueRange{sum}, {keptId},
                        [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                          return arith::DivFOp::create(nb, l, a[0], count);
                        });
  Value m2 = reduceKeeping(b, loc, x, keep, ValueRange{x, mean}, {id, kept}, 0.0,
                           [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                             Value dev = arith::SubFOp::create(nb, l, extendToF32(nb, l, a[0]), a[1]);
                             Value sq = arith::MulFOp::create(nb, l, dev, dev);
                             return arith::AddFOp::create(nb, l, a[2], sq);
                           });
  return {mean, m2};
}

/// 1 / sqrt(m2 / count + eps), elementwise over the statistics tensor `m2`.
Value invStd(OpBuilder &b, Location loc, Value m2, Value count, double eps) {
  int64_t rank = cast<RankedTensorType>(m2.getType()).getRank();
  return parallel(b, loc, m2, b.getF32Type(), ValueRange{m2},
                  {b.getMultiDimIdentityMap(rank)},
                  [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                    Value var = arith::DivFOp::create(nb, l, a[0], count);
                    Value v = arith::AddFOp::create(nb, l, var, f32Const(nb, l, eps));
                    Value s = math::SqrtOp::create(nb, l, v);
                    return arith::DivFOp::create(nb, l, f32Const(nb, l, 1.0), s);
                  });
}

/// (x - mean) * invstd [* weight + bias]: the scalar body of the normalized
/// output, narrowed to `elem`.
Value normalize(OpBuilder &b, Location loc, Value x, Value mean, Value invstd, Value weight,
                Value bias, Type elem) {
  Value v = arith::SubFOp::create(b, loc, extendToF32(b, loc, x), mean);
  v = arith::MulFOp::create(b, loc, v, invstd);
  v = arith::MulFOp::create(b, loc, v, extendToF32(b, loc, weight));
  v = arith::AddFOp::create(b, loc, v, extendToF32(b, loc, bias));
  return truncateFromF32(b, loc, v, elem);
}

struct BatchNormLowering : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t rank = xType.getRank();
    Type elem = xType.getElementType();
    Type statElem = cast<RankedTensorType>(op.getRunningMean().getType()).getElementType();
    double eps = op.getEps().convertToDouble();
    double momentum = op.getMomentum().convertToDouble();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap channel = loopsMap(ctx, rank, {1});
    AffineMap vecId = rewriter.getMultiDimIdentityMap(1);
    SmallVector<int64_t> keep = {1};
    SmallVector<int64_t> reduced = complement(rank, keep);

    Value mean, invstd, newMean, newVar;
    if (op.getTraining()) {
      Value count = countOver(rewriter, loc, x, reduced);
      auto [batchMean, m2] = meanAndDeviation(rewriter, loc, x, keep, count);
      mean = batchMean;
      invstd = invStd(rewriter, loc, m2, count, eps);
      // (1 - momentum) * running + momentum * batch statistic; the variance
      // is the unbiased one, m2 / (count - 1).
      newMean = parallel(rewriter, loc, op.getRunningMean(), statElem,
                         ValueRange{op.getRunningMean(), mean}, {vecId, vecId},
                         [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           Value r = arith::MulFOp::create(b, l, extendToF32(b, l, a[0]),
                                                           f32Const(b, l, 1.0 - momentum));
                           Value s = arith::MulFOp::create(b, l, a[1],
                                                           f32Const(b, l, momentum));
                           return truncateFromF32(b, l, arith::AddFOp::create(b, l, r, s), statElem);
                         });
      newVar = parallel(rewriter, loc, op.getRunningVar(), statElem,
                        ValueRange{op.getRunningVar(), m2}, {vecId, vecId},
                        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                          Value dof = arith::SubFOp::create(b, l, count, f32Const(b, l, 1.0));
                          Value unbiased = arith::DivFOp::create(b, l, a[1], dof);
                          Value r = arith::MulFOp::create(b, l, extendToF32(b, l, a[0]),
                                                          f32Const(b, l, 1.0 - momentum));
                          Value s = arith::MulFOp::create(b, l, unbiased,
                                                          f32Const(b, l, momentum));
                          return truncateFromF32(b, l, arith::AddFOp::create(b, l, r, s), statElem);
                        });
    } else {
      mean = op.getRunningMean();
      invstd = parallel(rewriter, loc, op.getRunningVar(), rewriter.getF32Type(),
                        ValueRange{op.getRunningVar()}, {vecId},
                        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                          Value v = arith::AddFOp::create(b, l, extendToF32(b, l, a[0]),
                                                          f32Const(b, l, eps));
                          Value s = math::SqrtOp::create(b, l, v);
                          return arith::DivFOp::create(b, l, f32Const(b, l, 1.0), s);
                        });
      newMean = op.getRunningMean();
      newVar = op.getRunningVar();
    }

    Value out = parallel(rewriter, loc, x, elem,
                         ValueRange{x, mean, invstd, op.getWeight(), op.getBias()},
                         {id, channel, channel, channel, channel},
                         [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           return normalize(b, l, a[0], extendToF32(b, l, a[1]), a[2], a[3], a[4],
                                            elem);
                         });
    rewriter.replaceOp(op, ValueRange{out, newMean, newVar});
    return success();
  }
};

struct LayerNormLowering : OpRewritePattern<LayerNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LayerNormOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t rank = xType.getRank();
    int64_t normRank = cast<RankedTensorType>(op.getWeight().getType()).getRank();
    Type elem = xType.getElementType();
    SmallVector<int64_t> keep = llvm::to_vector(llvm::seq<int64_t>(0, rank - normRank));
    SmallVector<int64_t> reduced = llvm::to_vector(llvm::seq<int64_t>(rank - normRank, rank));

    Value count = countOver(rewriter, loc, x, reduced);
    auto [mean, m2] = meanAndDeviation(rewriter, loc, x, keep, count);
    Value invstd = invStd(rewriter, loc, m2, count, op.getEps().convertToDouble());
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap kept = loopsMap(ctx, rank, keep);
    AffineMap trailing = loopsMap(ctx, rank, reduced);
    Value out = parallel(rewriter, loc, x, elem,
                         ValueRange{x, mean, invstd, op.getWeight(), op.getBias()},
                         {id, kept, kept, trailing, trailing},
                         [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           return normalize(b, l, a[0], a[1], a[2], a[3], a[4], elem);
                         });
    rewriter.replaceOp(op, out);
    return success();
  }
};

struct GroupNormLowering : OpRewritePattern<GroupNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GroupNormOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t rank = xType.getRank();
    int64_t channels = xType.getDimSize(1);
    if (ShapedType::isDynamic(channels))
      return rewriter.notifyMatchFailure(op, "dynamic channel count");
    Type elem = xType.getElementType();
    int64_t groups = op.getNumGroups();
    int64_t perGroup = channels / groups;

    // N x C x S... -> N x G x C/G x S...
    SmallVector<ReassociationIndices> reassoc = {{0}, {1, 2}};
    SmallVector<int64_t> shape = {xType.getDimSize(0), groups, perGroup};
    SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(rewriter, loc, x, 0),
                                       rewriter.getIndexAttr(groups),
                                       rewriter.getIndexAttr(perGroup)};
    for (int64_t d = 2; d < rank; ++d) {
      reassoc.push_back({d + 1});
      shape.push_back(xType.getDimSize(d));
      sizes.push_back(tensor::getMixedSize(rewriter, loc, x, d));
    }
    auto groupedType = RankedTensorType::get(shape, elem);
    Value grouped =
        tensor::ExpandShapeOp::create(rewriter, loc, groupedType, x, reassoc, sizes);

    int64_t grank = rank + 1;
    SmallVector<int64_t> keep = {0, 1};
    SmallVector<int64_t> reduced = complement(grank, keep);
    Value count = countOver(rewriter, loc, grouped, reduced);
    auto [mean, m2] = meanAndDeviation(rewriter, loc, grouped, keep, count);
    Value invstd = invStd(rewriter, loc, m2, count, op.getEps().convertToDouble());

    AffineMap id = rewriter.getMultiDimIdentityMap(grank);
    AffineMap kept = loopsMap(ctx, grank, keep);
    // Channel g * C/G + c of weight and bias.
    AffineMap channel = AffineMap::get(
        grank, 0, {getAffineDimExpr(1, ctx) * perGroup + getAffineDimExpr(2, ctx)}, ctx);
    Value out = parallel(rewriter, loc, grouped, elem,
                         ValueRange{grouped, mean, invstd, op.getWeight(), op.getBias()},
                         {id, kept, kept, channel, channel},
                         [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           return normalize(b, l, a[0], a[1], a[2], a[3], a[4], elem);
                         });
    Value collapsed = tensor::CollapseShapeOp::create(rewriter, loc, xType, out, reassoc);
    rewriter.replaceOp(op, collapsed);
    return success();
  }
};

/// softmax and log_softmax.
template <typename OpTy, bool Log>
struct SoftmaxLowering : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t rank = xType.getRank();
    std::optional<int64_t> dim = normalizeDim(op.getDimAttr().getInt(), rank);
    if (!dim)
      return rewriter.notifyMatchFailure(op, "dim out of range");
    Type elem = xType.getElementType();
    SmallVector<int64_t> keep = complement(rank, {*dim});
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap kept = loopsMap(ctx, rank, keep);

    Value max = reduceKeeping(rewriter, loc, x, keep, ValueRange{x}, {id},
                              -std::numeric_limits<double>::infinity(),
                              [](OpBuilder &b, Location l, ValueRange a) -> Value {
                                return arith::MaximumFOp::create(b, l, extendToF32(b, l, a[0]),
                                                                 a[1]);
                              });
    Value sum = reduceKeeping(rewriter, loc, x, keep, ValueRange{x, max}, {id, kept}, 0.0,
                              [](OpBuilder &b, Location l, ValueRange a) -> Value {
                                Value s = arith::SubFOp::create(b, l, extendToF32(b, l, a[0]), a[1]);
                                Value e = math::ExpOp::create(b, l, s);
                                return arith::AddFOp::create(b, l, a[2], e);
                              });
    // log_softmax subtracts log(sum), taken once per row.
    if (Log)
      sum = parallel(rewriter, loc, sum, rewriter.getF32Type(), ValueRange{sum},
                     {rewriter.getMultiDimIdentityMap(keep.size())},
                     [](OpBuilder &b, Location l, ValueRange a) -> Value {
                       return math::LogOp::create(b, l, a[0]);
                     });
    Value out = parallel(rewriter, loc, x, elem, ValueRange{x, max, sum}, {id, kept, kept},
                         [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           Value s = arith::SubFOp::create(b, l, extendToF32(b, l, a[0]), a[1]);
                           Value v;
                           if (Log) {
                             v = arith::SubFOp::create(b, l, s, a[2]);
                           } else {
                             Value e = math::ExpOp::create(b, l, s);
                             v = arith::DivFOp::create(b, l, e, a[2]);
                           }
                           return truncateFromF32(b, l, v, elem);
                         });
    rewriter.replaceOp(op, out);
    return success();
  }
};

} // namespace

void hnn::populateHNNToLinalgNormPatterns(RewritePatternSet &patterns) {
  patterns.add<BatchNormLowering, LayerNormLowering, GroupNormLowering,
               SoftmaxLowering<SoftmaxOp, false>, SoftmaxLowering<LogSoftmaxOp, true>>(
      patterns.getContext());
}
