//===- HNNToLinalgShape.cpp - constants, shape changes and data movement --===//
//
// reshape and flatten are collapse_shape/expand_shape (views after
// bufferization); transpose is linalg.transpose; slice, concat, constant
// padding and upsampling are linalg.generics over the result, and the border
// padding modes come from lowering::padTensor.
//
//===----------------------------------------------------------------------===//
#include "passes/HNNToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

namespace {

/// `fine` grouped into runs of consecutive dimensions whose products are the
/// sizes of `coarse` (a dynamic size counts as the batch factor, so a group
/// matches a dynamic size only if it holds exactly one dynamic dimension and
/// its static sizes multiply to 1). Size-1 dimensions left after the last
/// group join it. None if the shapes are not related by merging neighbours.
std::optional<SmallVector<ReassociationIndices>> groupDims(ArrayRef<int64_t> coarse,
                                                           ArrayRef<int64_t> fine) {
  SmallVector<ReassociationIndices> groups;
  if (coarse.empty()) {
    if (llvm::all_of(fine, [](int64_t s) { return s == 1; }))
      return groups;
    return std::nullopt;
  }
  size_t f = 0;
  for (int64_t want : coarse) {
    bool wantDyn = ShapedType::isDynamic(want);
    int64_t wantStatic = wantDyn ? 1 : want;
    int64_t product = 1, dynamic = 0;
    ReassociationIndices group;
    while (f < fine.size()) {
      int64_t s = fine[f];
      group.push_back(f++);
      ShapedType::isDynamic(s) ? ++dynamic : product *= s;
      if (product == wantStatic && dynamic == (wantDyn ? 1 : 0))
        break;
      if (product > wantStatic || dynamic > 1)
        return std::nullopt;
    }
    if (product != wantStatic || dynamic != (wantDyn ? 1 : 0))
      return std::nullopt;
    groups.push_back(group);
  }
  for (; f < fine.size(); ++f) {
    if (fine[f] != 1)
      return std::nullopt;
    groups.back().push_back(f);
  }
  return groups;
}

/// The output sizes of expanding `source` into `resultType` along `groups`:
/// a dynamic result size is the (dynamic) source size of its group divided by
/// the group's static sizes.
SmallVector<OpFoldResult> expandedSizes(OpBuilder &b, Location loc, Value source,
                                        RankedTensorType resultType,
                                        ArrayRef<ReassociationIndices> groups) {
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < resultType.getRank(); ++d)
    sizes.push_back(b.getIndexAttr(resultType.getDimSize(d)));
  for (auto [srcDim, group] : llvm::enumerate(groups)) {
    int64_t staticPart = 1;
    for (int64_t d : group)
      if (!resultType.isDynamicDim(d))
        staticPart *= resultType.getDimSize(d);
    for (int64_t d : group) {
      if (!resultType.isDynamicDim(d))
        continue;
      Value size = tensor::DimOp::create(b, loc, source, srcDim);
      if (staticPart != 1)
        size = arith::DivUIOp::create(b, loc, size, indexConst(b, loc, staticPart));
      sizes[d] = size;
    }
  }
  return sizes;
}

/// Row-major reshape of `input` to `resultType`: one collapse_shape or one
/// expand_shape when the shapes only merge or split neighbouring dimensions;
/// with a leading batch on both sides, a collapse to N×K and an expand;
/// otherwise a collapse to 1-D followed by an expand (a dynamic size on both
/// sides is the same batch, so the dynamic result size is the element count
/// divided by the static result sizes).
Value reshapeTo(OpBuilder &b, Location loc, Value input, RankedTensorType resultType) {
  auto type = cast<RankedTensorType>(input.getType());
  if (type == resultType)
    return input;
  if (type.getRank() > resultType.getRank())
    if (auto groups = groupDims(resultType.getShape(), type.getShape()))
      return tensor::CollapseShapeOp::create(b, loc, resultType, input, *groups);
  if (type.getRank() < resultType.getRank())
    if (auto groups = groupDims(type.getShape(), resultType.getShape()))
      return tensor::ExpandShapeOp::create(b, loc, resultType, input, *groups,
                                           expandedSizes(b, loc, input, resultType, *groups));
  // A batch in front on both sides is the same size: reshape the rest
  // through N×K, so the dynamic dimension never shares a group with static
  // sizes.
  auto batchOnly = [](RankedTensorType t) {
    return t.getRank() >= 1 && t.isDynamicDim(0) &&
           llvm::all_of(t.getShape().drop_front(),
                        [](int64_t s) { return !ShapedType::isDynamic(s); });
  };
  if (batchOnly(type) && batchOnly(resultType)) {
    int64_t rest = 1;
    for (int64_t s : type.getShape().drop_front())
      rest *= s;
    auto mid = RankedTensorType::get({ShapedType::kDynamic, rest}, type.getElementType());
    return reshapeTo(b, loc, reshapeTo(b, loc, input, mid), resultType);
  }
  // Through 1-D.
  int64_t flatSize = type.hasStaticShape() ? type.getNumElements() : ShapedType::kDynamic;
  auto flatType = RankedTensorType::get({flatSize}, type.getElementType());
  Value flat = input;
  if (type.getRank() != 1) {
    ReassociationIndices all;
    for (int64_t d = 0; d < type.getRank(); ++d)
      all.push_back(d);
    SmallVector<ReassociationIndices> groups;
    if (type.getRank() > 0)
      groups.push_back(all);
    flat = type.getRank() == 0
               ? (Value)tensor::ExpandShapeOp::create(b, loc, flatType, input, groups,
                                                      {b.getIndexAttr(1)})
               : (Value)tensor::CollapseShapeOp::create(b, loc, flatType, input, groups);
  }
  if (resultType.getRank() == 1)
    return flat;
  SmallVector<ReassociationIndices> groups;
  if (resultType.getRank() > 0) {
    ReassociationIndices all;
    for (int64_t d = 0; d < resultType.getRank(); ++d)
      all.push_back(d);
    groups.push_back(all);
  }
  if (resultType.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, resultType, flat, groups);
  return tensor::ExpandShapeOp::create(b, loc, resultType, flat, groups,
                                       expandedSizes(b, loc, flat, resultType, groups));
}

struct ConstantLowering : OpRewritePattern<ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConstantOp op, PatternRewriter &rewriter) const override {
    auto value = dyn_cast<TypedAttr>(op.getValue());
    if (!value)
      return rewriter.notifyMatchFailure(op, "constant value is not a typed attribute");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, value);
    return success();
  }
};

struct ReshapeLowering : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op, PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshapeTo(rewriter, op.getLoc(), op.getInput(), op.getType()));
    return success();
  }
};

struct FlattenLowering : OpRewritePattern<FlattenOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(FlattenOp op, PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (type == resultType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    if (type.getRank() == 0) { // torch.flatten of a scalar: one element, 1-D
      rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
          op, resultType, input, ArrayRef<ReassociationIndices>{},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
      return success();
    }
    int64_t rank = type.getRank();
    int64_t start = *normalizeDim((int64_t)op.getStartDim(), rank);
    int64_t end = *normalizeDim((int64_t)op.getEndDim(), rank);
    SmallVector<ReassociationIndices> groups;
    for (int64_t d = 0; d < rank; ++d) {
      if (d <= start || d > end)
        groups.push_back({d});
      else
        groups.back().push_back(d);
    }
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, resultType, input, groups);
    return success();
  }
};

struct TransposeLowering : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    // Negative entries count from the end, as the op allows.
    SmallVector<int64_t> perm;
    for (int64_t p : op.getPermutation())
      perm.push_back(*normalizeDim(p, cast<RankedTensorType>(input.getType()).getRank()));
    bool identity = true;
    for (auto [i, p] : llvm::enumerate(perm))
      identity &= (int64_t)i == p;
    if (identity) {
      rewriter.replaceOp(op, input);
      return success();
    }
    rewriter.replaceOp(op, transpose(rewriter, loc, input, perm));
    return success();
  }
};

/// A generic over `resultType` (dynamic sizes `dynSizes`) whose body computes
/// each element from the output indices.
Value generateTensor(OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange dynSizes,
                     llvm::function_ref<Value(OpBuilder &, Location, ArrayRef<Value>)> body) {
  int64_t rank = resultType.getRank();
  Value init =
      tensor::EmptyOp::create(b, loc, resultType.getShape(), resultType.getElementType(), dynSizes);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
      SmallVector<AffineMap>{b.getMultiDimIdentityMap(rank)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange) {
        SmallVector<Value> idx;
        for (int64_t d = 0; d < rank; ++d)
          idx.push_back(linalg::IndexOp::create(nb, l, d));
        linalg::YieldOp::create(nb, l, body(nb, l, idx));
      });
  return generic.getResult(0);
}

/// `i` clamped to [0, size - 1] (`size` an index value).
Value clampIndex(OpBuilder &b, Location loc, Value i, Value size) {
  Value last = arith::SubIOp::create(b, loc, size, indexConst(b, loc, 1));
  Value v = arith::MaxSIOp::create(b, loc, i, indexConst(b, loc, 0));
  return arith::MinSIOp::create(b, loc, v, last);
}

/// The size of dimension `d` of `t` as an index value.
Value dimSize(OpBuilder &b, Location loc, Value t, int64_t d) {
  auto type = cast<RankedTensorType>(t.getType());
  if (type.isDynamicDim(d))
    return tensor::DimOp::create(b, loc, t, d);
  return indexConst(b, loc, type.getDimSize(d));
}

// Concat, slice and constant padding are generics rather than tensor.concat,
// tensor.extract_slice and tensor.pad: those bufferize to strided subviews,
// and a memref.copy from or into a strided subview lowers to a call to the
// `memrefCopy` runtime function, which compiled models do not link.

/// One generic over the result: along `dim`, position p reads input k at
/// p - offset_k for the k whose range holds p (every input is read at a
/// clamped index and a select chain keeps the right one).
struct ConcatLowering : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange inputs = op.getInputs();
    if (inputs.size() == 1) {
      rewriter.replaceOp(op, inputs.front());
      return success();
    }
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t dim = *normalizeDim((int64_t)op.getDim(), resultType.getRank());
    // Where each input ends along `dim`.
    SmallVector<Value> sizes, ends;
    int64_t staticEnd = 0; // while every size so far is static
    for (Value in : inputs) {
      auto t = cast<RankedTensorType>(in.getType());
      sizes.push_back(dimSize(rewriter, loc, in, dim));
      if (staticEnd >= 0 && !t.isDynamicDim(dim)) {
        staticEnd += t.getDimSize(dim);
        ends.push_back(ends.empty() ? sizes.back() : indexConst(rewriter, loc, staticEnd));
        continue;
      }
      staticEnd = -1;
      ends.push_back(
          ends.empty()
              ? sizes.back()
              : arith::AddIOp::create(rewriter, loc, ends.back(), sizes.back()).getResult());
    }
    SmallVector<Value> dynSizes;
    for (int64_t d = 0; d < resultType.getRank(); ++d)
      if (resultType.isDynamicDim(d))
        dynSizes.push_back(d == dim ? ends.back()
                                    : tensor::DimOp::create(rewriter, loc, inputs[0], d));
    Value result = generateTensor(
        rewriter, loc, resultType, dynSizes, [&](OpBuilder &b, Location l, ArrayRef<Value> idx) {
          Value p = idx[dim];
          Value picked;
          for (int64_t k = inputs.size() - 1; k >= 0; --k) {
            SmallVector<Value> at(idx);
            Value local = k == 0 ? p : arith::SubIOp::create(b, l, p, ends[k - 1]).getResult();
            at[dim] = clampIndex(b, l, local, sizes[k]);
            Value v = tensor::ExtractOp::create(b, l, inputs[k], at);
            if (!picked) {
              picked = v;
              continue;
            }
            Value inK = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, p, ends[k]);
            picked = arith::SelectOp::create(b, l, inK, v, picked);
          }
          return picked;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// A generic over the result that reads the input through the affine map
/// d -> start + step·d on the sliced dimensions.
struct SliceLowering : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (type == resultType) { // every slice is whole
      rewriter.replaceOp(op, input);
      return success();
    }
    // A strided view: tensor.extract_slice (bufferizes to a subview). A
    // generic reading `start + step * i` would take its loop bound from the
    // input whenever the read map folds to the identity (start 0, step 1).
    int64_t rank = type.getRank();
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0)), sizes, strides(rank, rewriter.getIndexAttr(1));
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(type.isDynamicDim(d)
                          ? OpFoldResult(tensor::DimOp::create(rewriter, loc, input, d).getResult())
                          : OpFoldResult(rewriter.getIndexAttr(resultType.getDimSize(d))));
    ArrayRef<int64_t> dims = op.getDims(), starts = op.getStarts();
    std::optional<ArrayRef<int64_t>> steps = op.getSteps();
    for (size_t i = 0; i < dims.size(); ++i) {
      int64_t d = *normalizeDim(dims[i], rank);
      offsets[d] = rewriter.getIndexAttr(starts[i]);
      strides[d] = rewriter.getIndexAttr(steps ? (*steps)[i] : 1);
      sizes[d] = rewriter.getIndexAttr(resultType.getDimSize(d));
    }
    auto slice = tensor::ExtractSliceOp::create(rewriter, loc, resultType, input, offsets, sizes,
                                                strides);
    rewriter.replaceOp(op, slice.getResult());
    return success();
  }
};

/// zeros: a generic over the result reading the input at a clamped index and
/// selecting `value` outside it; the other modes: lowering::padTensor.
struct PadLowering : OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PadOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    ArrayRef<int64_t> low = op.getLow(), high = op.getHigh();
    double value = op.getValue().convertToDouble();
    if (op.getPaddingMode() != PaddingMode::zeros) {
      rewriter.replaceOp(op,
                         padTensor(rewriter, loc, input, low, high, op.getPaddingMode(), value));
      return success();
    }
    auto type = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (type == resultType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    Value result = generateTensor(
        rewriter, loc, resultType, dynamicSizesFrom(rewriter, loc, input, resultType),
        [&](OpBuilder &b, Location l, ArrayRef<Value> idx) {
          SmallVector<Value> at;
          Value inside;
          for (int64_t d = 0; d < type.getRank(); ++d) {
            if (low[d] == 0 && high[d] == 0) {
              at.push_back(idx[d]);
              continue;
            }
            Value size = indexConst(b, l, type.getDimSize(d));
            Value i = arith::SubIOp::create(b, l, idx[d], indexConst(b, l, low[d]));
            Value ge =
                arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, i, indexConst(b, l, 0));
            Value lt = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, i, size);
            Value ok = arith::AndIOp::create(b, l, ge, lt);
            inside = inside ? arith::AndIOp::create(b, l, inside, ok).getResult() : ok;
            at.push_back(clampIndex(b, l, i, size));
          }
          Value v = tensor::ExtractOp::create(b, l, input, at);
          Value fill = floatConst(b, l, type.getElementType(), value);
          return (Value)arith::SelectOp::create(b, l, inside, v, fill);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// N×C×H×W -> a generic writing N×C×H×sh×W×sw, where output (n, c, h, i, w, j)
/// reads input (n, c, h, w), collapsed to N×C×(H·sh)×(W·sw).
struct UpsampleNearestLowering : OpRewritePattern<UpsampleNearestOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(UpsampleNearestOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> scale = op.getScaleFactor();
    if (scale[0] == 1 && scale[1] == 1) {
      rewriter.replaceOp(op, input);
      return success();
    }
    // Expanded dim e reads input dim kSource[e] (-1: a replica index).
    static constexpr int64_t kSource[6] = {0, 1, 2, -1, 3, -1};
    SmallVector<int64_t> shape;
    SmallVector<Value> dynSizes;
    for (int64_t e = 0; e < 6; ++e) {
      if (kSource[e] < 0) {
        shape.push_back(scale[e == 3 ? 0 : 1]);
        continue;
      }
      shape.push_back(type.getDimSize(kSource[e]));
      if (type.isDynamicDim(kSource[e]))
        dynSizes.push_back(tensor::DimOp::create(rewriter, loc, input, kSource[e]));
    }
    Value init = tensor::EmptyOp::create(rewriter, loc, shape, type.getElementType(), dynSizes);
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> readExprs;
    for (int64_t e = 0; e < 6; ++e)
      if (kSource[e] >= 0)
        readExprs.push_back(getAffineDimExpr(e, ctx));
    SmallVector<AffineMap> maps = {AffineMap::get(6, 0, readExprs, ctx),
                                   rewriter.getMultiDimIdentityMap(6)};
    SmallVector<utils::IteratorType> iters(6, utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{init.getType()}, ValueRange{input}, ValueRange{init}, maps, iters,
        [](OpBuilder &b, Location l, ValueRange args) { linalg::YieldOp::create(b, l, args[0]); });
    SmallVector<ReassociationIndices> groups = {{0}, {1}, {2, 3}, {4, 5}};
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, resultType, generic.getResult(0),
                                                         groups);
    return success();
  }
};

} // namespace

void hnn::populateHNNToLinalgShapePatterns(RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, ReshapeLowering, FlattenLowering, TransposeLowering,
               ConcatLowering, SliceLowering, PadLowering, UpsampleNearestLowering>(
      patterns.getContext());
}
