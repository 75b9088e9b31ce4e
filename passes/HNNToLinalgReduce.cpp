//===- HNNToLinalgReduce.cpp - reductions and losses ----------------------===//
//
// Every reduction is a linalg.generic whose reduced dimensions are reduction
// iterators and whose accumulators are f32 (f16/bf16 inputs are extended in
// the body, the result truncated at the end). Mean divides the sum by the
// element count, read at run time for the dynamic batch. Variance is two
// passes (mean, then the squared deviations); cross-entropy is a stable
// log-softmax: max, then Σ exp(x − max) and the target-weighted Σ w·(x − max)
// in one pass.
//
//===----------------------------------------------------------------------===//
#include "passes/HNNToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

namespace {

using AccumulateFn =
    llvm::function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange, ValueRange)>;


/// `dims` normalized and sorted.
SmallVector<int64_t> normalizedDims(ArrayRef<int64_t> dims, int64_t rank) {
  SmallVector<int64_t> out;
  for (int64_t d : dims)
    out.push_back(*normalizeDim(d, rank));
  llvm::sort(out);
  return out;
}

/// Reduces over `dims` of `space`'s shape with a linalg.generic whose
/// accumulators are f32 tensors of the kept shape starting at `inits`.
/// `inputs` are tensors of `space`'s shape, read at every point, or of the
/// kept shape, broadcast along `dims`. `body` gets one scalar per input and
/// the accumulators and returns the new accumulators.
SmallVector<Value> reduceGeneric(OpBuilder &b, Location loc, Value space, ValueRange inputs,
                                 ArrayRef<int64_t> dims, ArrayRef<double> inits,
                                 AccumulateFn body) {
  auto type = cast<RankedTensorType>(space.getType());
  int64_t rank = type.getRank();
  MLIRContext *ctx = b.getContext();
  SmallVector<int64_t> keptShape;
  SmallVector<AffineExpr> keptExprs;
  SmallVector<Value> dynSizes;
  SmallVector<utils::IteratorType> iters;
  for (int64_t d = 0; d < rank; ++d) {
    if (llvm::is_contained(dims, d)) {
      iters.push_back(utils::IteratorType::reduction);
      continue;
    }
    iters.push_back(utils::IteratorType::parallel);
    keptShape.push_back(type.getDimSize(d));
    keptExprs.push_back(getAffineDimExpr(d, ctx));
    if (type.isDynamicDim(d))
      dynSizes.push_back(tensor::DimOp::create(b, loc, space, d));
  }
  AffineMap fullMap = b.getMultiDimIdentityMap(rank);
  AffineMap keptMap = AffineMap::get(rank, 0, keptExprs, ctx);
  SmallVector<AffineMap> maps;
  for (Value in : inputs)
    maps.push_back(cast<RankedTensorType>(in.getType()).getRank() == rank ? fullMap : keptMap);
  Type f32 = b.getF32Type();
  SmallVector<Value> outs;
  for (double init : inits) {
    Value empty = tensor::EmptyOp::create(b, loc, keptShape, f32, dynSizes);
    outs.push_back(
        linalg::FillOp::create(b, loc, floatConst(b, loc, f32, init), empty).getResult(0));
    maps.push_back(keptMap);
  }
  auto generic = linalg::GenericOp::create(
      b, loc, ValueRange(outs).getTypes(), inputs, outs, maps, iters,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        SmallVector<Value> next =
            body(nb, nloc, args.take_front(inputs.size()), args.drop_front(inputs.size()));
        linalg::YieldOp::create(nb, nloc, next);
      });
  return SmallVector<Value>(generic.getResults());
}

/// The number of elements of `space` along `dims`, as an f32 scalar (read at
/// run time where a dimension is dynamic).
Value elementCount(OpBuilder &b, Location loc, Value space, ArrayRef<int64_t> dims) {
  auto type = cast<RankedTensorType>(space.getType());
  int64_t product = 1;
  Value dynamic;
  for (int64_t d : dims) {
    if (!type.isDynamicDim(d)) {
      product *= type.getDimSize(d);
      continue;
    }
    Value size = tensor::DimOp::create(b, loc, space, d);
    dynamic = dynamic ? arith::MulIOp::create(b, loc, dynamic, size) : size;
  }
  Type f32 = b.getF32Type();
  if (!dynamic)
    return floatConst(b, loc, f32, (double)product);
  if (product != 1)
    dynamic = arith::MulIOp::create(b, loc, dynamic, indexConst(b, loc, product));
  Value asInt = arith::IndexCastUIOp::create(b, loc, b.getI64Type(), dynamic);
  return arith::UIToFPOp::create(b, loc, f32, asInt);
}

/// `t` (f32) with every element mapped by `fn` (if any) into `elementType`.
Value mapTo(OpBuilder &b, Location loc, Value t, Type elementType,
            llvm::function_ref<Value(OpBuilder &, Location, Value)> fn = {}) {
  if (!fn && elementType.isF32())
    return t;
  auto type = cast<RankedTensorType>(t.getType());
  auto resultType = RankedTensorType::get(type.getShape(), elementType);
  return elementwise(b, loc, resultType, ValueRange{t},
                     [&](OpBuilder &nb, Location nloc, ValueRange args) {
                       return truncateFromF32(nb, nloc, fn ? fn(nb, nloc, args[0]) : args[0], elementType);
                     });
}

/// f32 `t` converted to `resultType` (same element count): divided by the
/// f32 scalar `divisor` if there is one, truncated to the element type, and
/// with size-1 dimensions put back where `resultType` has them (keepdim).
Value finish(OpBuilder &b, Location loc, Value t, Value divisor, RankedTensorType resultType,
             Value input, ArrayRef<int64_t> dims) {
  Value v = divisor ? mapTo(b, loc, t, resultType.getElementType(),
                            [&](OpBuilder &nb, Location l, Value e) {
                              return (Value)arith::DivFOp::create(nb, l, e, divisor);
                            })
                    : mapTo(b, loc, t, resultType.getElementType());
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getRank() == resultType.getRank())
    return v;
  // keepdim: each reduced (size-1) dimension joins the group of the kept
  // dimension before it (or the first kept one if there is none before).
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < resultType.getRank(); ++d) {
    if (resultType.isDynamicDim(d))
      sizes.push_back(tensor::DimOp::create(b, loc, input, d).getResult());
    else
      sizes.push_back(b.getIndexAttr(resultType.getDimSize(d)));
    if (llvm::is_contained(dims, d)) {
      if (groups.empty())
        pending.push_back(d);
      else
        groups.back().push_back(d);
      continue;
    }
    ReassociationIndices group = pending;
    pending.clear();
    group.push_back(d);
    groups.push_back(group);
  }
  // Everything reduced: a rank-0 result expands with no groups.
  return tensor::ExpandShapeOp::create(b, loc, resultType, v, groups, sizes);
}

Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::AddFOp::create(b, loc, x, y);
}
Value sub(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::SubFOp::create(b, loc, x, y);
}
Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::MulFOp::create(b, loc, x, y);
}

/// Σ over `dims` in f32.
Value sumOver(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> dims) {
  return reduceGeneric(b, loc, x, ValueRange{x}, dims, {0.0},
                       [](OpBuilder &nb, Location l, ValueRange in, ValueRange acc) {
                         return SmallVector<Value>{add(nb, l, acc[0], extendToF32(nb, l, in[0]))};
                       })[0];
}

/// Σ over `dims` divided by the element count, in f32.
Value meanOver(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> dims) {
  Value sum = sumOver(b, loc, x, dims);
  Value count = elementCount(b, loc, x, dims);
  return elementwise(b, loc, cast<RankedTensorType>(sum.getType()), ValueRange{sum},
                     [&](OpBuilder &nb, Location l, ValueRange args) {
                       return (Value)arith::DivFOp::create(nb, l, args[0], count);
                     });
}

/// Reduction ops: `Derived::compute(b, loc, op, x, dims, divisor)` returns the
/// f32 result without the reduced dimensions, to be divided by `divisor` if it
/// sets one.
template <typename OpTy, typename Derived> struct ReductionPattern : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> dims = normalizedDims(op.getDims(), type.getRank());
    Value divisor;
    Value r = Derived::compute(rewriter, loc, op, x, dims, divisor);
    rewriter.replaceOp(
        op, finish(rewriter, loc, r, divisor, cast<RankedTensorType>(op.getType()), x, dims));
    return success();
  }
};

struct ReduceSumLowering : ReductionPattern<ReduceSumOp, ReduceSumLowering> {
  using ReductionPattern::ReductionPattern;
  static Value compute(OpBuilder &b, Location loc, ReduceSumOp, Value x, ArrayRef<int64_t> dims,
                       Value &) {
    return sumOver(b, loc, x, dims);
  }
};

struct ReduceMeanLowering : ReductionPattern<ReduceMeanOp, ReduceMeanLowering> {
  using ReductionPattern::ReductionPattern;
  static Value compute(OpBuilder &b, Location loc, ReduceMeanOp, Value x, ArrayRef<int64_t> dims,
                       Value &divisor) {
    divisor = elementCount(b, loc, x, dims);
    return sumOver(b, loc, x, dims);
  }
};

struct ReduceMaxLowering : ReductionPattern<ReduceMaxOp, ReduceMaxLowering> {
  using ReductionPattern::ReductionPattern;
  static Value compute(OpBuilder &b, Location loc, ReduceMaxOp, Value x, ArrayRef<int64_t> dims,
                       Value &) {
    // maximumf propagates NaN, as torch.amax does.
    return reduceGeneric(b, loc, x, ValueRange{x}, dims, {-std::numeric_limits<double>::infinity()},
                         [](OpBuilder &nb, Location l, ValueRange in, ValueRange acc) {
                           return SmallVector<Value>{
                               arith::MaximumFOp::create(nb, l, acc[0], extendToF32(nb, l, in[0]))};
                         })[0];
  }
};

/// Σ (x − mean)² / max(n − correction, 0), the mean computed first.
struct ReduceVarLowering : ReductionPattern<ReduceVarOp, ReduceVarLowering> {
  using ReductionPattern::ReductionPattern;
  static Value compute(OpBuilder &b, Location loc, ReduceVarOp op, Value x, ArrayRef<int64_t> dims,
                       Value &divisor) {
    Value mean = meanOver(b, loc, x, dims);
    Value squares =
        reduceGeneric(b, loc, x, ValueRange{x, mean}, dims, {0.0},
                      [](OpBuilder &nb, Location l, ValueRange in, ValueRange acc) {
                        Value dev = sub(nb, l, extendToF32(nb, l, in[0]), in[1]);
                        return SmallVector<Value>{add(nb, l, acc[0], mul(nb, l, dev, dev))};
                      })[0];
    Type f32 = b.getF32Type();
    double correction = (double)op.getCorrection();
    auto type = cast<RankedTensorType>(x.getType());
    if (llvm::none_of(dims, [&](int64_t d) { return type.isDynamicDim(d); })) {
      double n = 1;
      for (int64_t d : dims)
        n *= (double)type.getDimSize(d);
      divisor = floatConst(b, loc, f32, std::max(n - correction, 0.0));
      return squares;
    }
    Value count = elementCount(b, loc, x, dims);
    divisor = arith::SubFOp::create(b, loc, count, floatConst(b, loc, f32, correction));
    divisor = arith::MaximumFOp::create(b, loc, divisor, floatConst(b, loc, f32, 0.0));
    return squares;
  }
};

/// The rank-0 result of a mean/sum loss over the f32 per-item losses `items`
/// (all dimensions reduced; the mean reads a dynamic batch at run time), or
/// the items themselves for none.
Value reduceLoss(OpBuilder &b, Location loc, Value items, Reduction reduction,
                 RankedTensorType resultType) {
  Type elementType = resultType.getElementType();
  if (reduction == Reduction::none)
    return mapTo(b, loc, items, elementType);
  int64_t rank = cast<RankedTensorType>(items.getType()).getRank();
  SmallVector<int64_t> all;
  for (int64_t d = 0; d < rank; ++d)
    all.push_back(d);
  Value sum = sumOver(b, loc, items, all);
  if (reduction == Reduction::sum)
    return mapTo(b, loc, sum, elementType);
  Value count = elementCount(b, loc, items, all);
  return mapTo(b, loc, sum, elementType, [&](OpBuilder &nb, Location l, Value v) {
    return (Value)arith::DivFOp::create(nb, l, v, count);
  });
}

/// F.cross_entropy with class-index targets: per sample
///   lse − Σ_c w_c x_c = log Σ exp(x − m) − Σ_c w_c (x_c − m),   m = max_c x_c,
/// with w = (1 − ε)·onehot(label) + ε/C (Σ w = 1).
struct CrossEntropyLowering : OpRewritePattern<CrossEntropyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CrossEntropyOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    Value labels = op.getTarget();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t classes = type.getDimSize(1);
    if (ShapedType::isDynamic(classes))
      return rewriter.notifyMatchFailure(op, "the number of classes must be static");
    double eps = op.getLabelSmoothing().convertToDouble();
    double other = eps / (double)classes, hit = 1.0 - eps + other;
    Value max = reduceGeneric(
        rewriter, loc, x, ValueRange{x}, {1}, {-std::numeric_limits<double>::infinity()},
        [](OpBuilder &b, Location l, ValueRange in, ValueRange acc) {
          return SmallVector<Value>{arith::MaximumFOp::create(b, l, acc[0], extendToF32(b, l, in[0]))};
        })[0];
    SmallVector<Value> sums = reduceGeneric(
        rewriter, loc, x, ValueRange{x, max, labels}, {1}, {0.0, 0.0},
        [&](OpBuilder &b, Location l, ValueRange in, ValueRange acc) {
          Type f32 = b.getF32Type();
          Value shifted = sub(b, l, extendToF32(b, l, in[0]), in[1]);
          Value expSum = add(b, l, acc[0], math::ExpOp::create(b, l, shifted));
          Value label = arith::IndexCastOp::create(b, l, b.getIndexType(), in[2]);
          Value isLabel = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                                linalg::IndexOp::create(b, l, 1), label);
          Value term;
          if (eps == 0.0) {
            term = arith::SelectOp::create(b, l, isLabel, shifted, floatConst(b, l, f32, 0.0));
          } else {
            Value w = arith::SelectOp::create(b, l, isLabel, floatConst(b, l, f32, hit),
                                              floatConst(b, l, f32, other));
            term = mul(b, l, w, shifted);
          }
          return SmallVector<Value>{expSum, add(b, l, acc[1], term)};
        });
    Value perSample =
        elementwise(rewriter, loc, cast<RankedTensorType>(sums[0].getType()),
                    ValueRange{sums[0], sums[1]}, [](OpBuilder &b, Location l, ValueRange args) {
                      return sub(b, l, math::LogOp::create(b, l, args[0]), args[1]);
                    });
    rewriter.replaceOp(op, reduceLoss(rewriter, loc, perSample, op.getReduction(),
                                      cast<RankedTensorType>(op.getType())));
    return success();
  }
};

/// F.mse_loss: (x − y)² per element, then mean, sum or none.
struct MseLowering : OpRewritePattern<MseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MseOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput(), y = op.getTarget();
    auto type = cast<RankedTensorType>(x.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    auto squareDiff = [](OpBuilder &b, Location l, Value u, Value v) {
      Value d = sub(b, l, extendToF32(b, l, u), extendToF32(b, l, v));
      return mul(b, l, d, d);
    };
    if (op.getReduction() == Reduction::none) {
      rewriter.replaceOp(op, elementwise(rewriter, loc, resultType, ValueRange{x, y},
                                         [&](OpBuilder &b, Location l, ValueRange args) {
                                           return truncateFromF32(b, l, squareDiff(b, l, args[0], args[1]),
                                                          resultType.getElementType());
                                         }));
      return success();
    }
    SmallVector<int64_t> all;
    for (int64_t d = 0; d < type.getRank(); ++d)
      all.push_back(d);
    Value sum = reduceGeneric(rewriter, loc, x, ValueRange{x, y}, all, {0.0},
                              [&](OpBuilder &b, Location l, ValueRange in, ValueRange acc) {
                                return SmallVector<Value>{
                                    add(b, l, acc[0], squareDiff(b, l, in[0], in[1]))};
                              })[0];
    Type elementType = resultType.getElementType();
    if (op.getReduction() == Reduction::sum) {
      rewriter.replaceOp(op, mapTo(rewriter, loc, sum, elementType));
      return success();
    }
    Value count = elementCount(rewriter, loc, x, all);
    rewriter.replaceOp(
        op, mapTo(rewriter, loc, sum, elementType, [&](OpBuilder &b, Location l, Value v) {
          return (Value)arith::DivFOp::create(b, l, v, count);
        }));
    return success();
  }
};

/// Per sample ‖x − y‖₂ / ‖y‖₂ over all dimensions but the first, then mean,
/// sum or none over the batch.
struct RelativeL2Lowering : OpRewritePattern<RelativeL2Op> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RelativeL2Op op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput(), y = op.getTarget();
    auto type = cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> rest;
    for (int64_t d = 1; d < type.getRank(); ++d)
      rest.push_back(d);
    SmallVector<Value> sums =
        reduceGeneric(rewriter, loc, x, ValueRange{x, y}, rest, {0.0, 0.0},
                      [](OpBuilder &b, Location l, ValueRange in, ValueRange acc) {
                        Value u = extendToF32(b, l, in[0]), v = extendToF32(b, l, in[1]);
                        Value d = sub(b, l, u, v);
                        return SmallVector<Value>{add(b, l, acc[0], mul(b, l, d, d)),
                                                  add(b, l, acc[1], mul(b, l, v, v))};
                      });
    Value ratio =
        elementwise(rewriter, loc, cast<RankedTensorType>(sums[0].getType()),
                    ValueRange{sums[0], sums[1]}, [](OpBuilder &b, Location l, ValueRange args) {
                      return (Value)arith::DivFOp::create(b, l, math::SqrtOp::create(b, l, args[0]),
                                                          math::SqrtOp::create(b, l, args[1]));
                    });
    rewriter.replaceOp(op, reduceLoss(rewriter, loc, ratio, op.getReduction(),
                                      cast<RankedTensorType>(op.getType())));
    return success();
  }
};

} // namespace

void hnn::populateHNNToLinalgReducePatterns(RewritePatternSet &patterns) {
  patterns.add<ReduceSumLowering, ReduceMeanLowering, ReduceMaxLowering, ReduceVarLowering,
               CrossEntropyLowering, MseLowering, RelativeL2Lowering>(patterns.getContext());
}
