//===- HNNToLinalgConv.cpp - conv2d, conv_transpose2d, unfold -------------===//
//
// hnn activations are NCHW and weights OIHW (PyTorch). The convolutions pad
// first (lowering::padTensor, every padding mode) and then convolve without
// padding:
//
//   conv2d, groups == 1     transpose to NHWC / HWCF, linalg.conv_2d_nhwc_hwcf
//                           on a zero-filled init, transpose back to NCHW
//   conv2d, depthwise       (groups == C == F) the same with
//                           linalg.depthwise_conv_2d_nhwc_hwc
//   conv2d, other groups    channels split by tensor.expand_shape into
//                           NGCHW / GFCHW, linalg.conv_2d_ngchw_gfchw, the
//                           group dimension collapsed back
//   bias                    a linalg.generic adding bias[f] to channel f
//
// f16 and bf16 convolutions accumulate in f32 (the linalg convolutions widen
// their operands to the accumulator type); the final generic adds the bias
// and rounds once, as PyTorch does on CPUs.
//
//   conv_transpose2d        zero-insertion + padding + a stride-1 convolution
//                           with the flipped kernel (see ConvTranspose2dLowering)
//
//   unfold                  one linalg.generic gathering the zero-padded input
//                           into N x C x KH x KW x OH x OW, collapsed to
//                           N x (C*KH*KW) x (OH*OW)
//
// Only the batch (dimension 0) may be dynamic; it is read with tensor.dim.
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


/// The `strides` / `dilations` attribute of the linalg convolutions.
DenseIntElementsAttr i64Pair(OpBuilder &b, ArrayRef<int64_t> v) {
  return b.getI64TensorAttr({v[0], v[1]});
}

/// The size of dimension `d` of `v` as an OpFoldResult (static when known).
OpFoldResult dimSize(OpBuilder &b, Location loc, Value v, int64_t d) {
  auto type = cast<RankedTensorType>(v.getType());
  if (!type.isDynamicDim(d))
    return b.getIndexAttr(type.getDimSize(d));
  return tensor::DimOp::create(b, loc, v, d).getResult();
}


/// Border of `padding` on H and W in `mode` (lowering::padTensor: tensor.pad
/// for zeros, index arithmetic for the others).
Value padSpatial(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> padding, PaddingMode mode) {
  return padTensor(b, loc, x, {0, 0, padding[0], padding[1]}, {0, 0, padding[0], padding[1]}, mode,
                   0.0);
}

/// The accumulated `y` (N x F x OH x OW) plus bias[f] on channel f (when
/// present), rounded to the element type of `resultType`.
Value finish(OpBuilder &b, Location loc, Value y, Value bias, RankedTensorType resultType) {
  Type elt = resultType.getElementType();
  if (!bias && cast<RankedTensorType>(y.getType()).getElementType() == elt)
    return y;
  MLIRContext *ctx = b.getContext();
  AffineMap id = b.getMultiDimIdentityMap(4);
  SmallVector<Value> inputs = {y};
  SmallVector<AffineMap> maps = {id};
  if (bias) {
    inputs.push_back(bias);
    maps.push_back(AffineMap::get(4, 0, {getAffineDimExpr(1, ctx)}, ctx));
  }
  maps.push_back(id);
  Value init = emptyTensor(b, loc, resultType, y);
  SmallVector<utils::IteratorType> iters(4, utils::IteratorType::parallel);
  return linalg::GenericOp::create(b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps,
                                   iters,
                                   [&](OpBuilder &nb, Location nloc, ValueRange args) {
                                     Value v = args[0];
                                     if (bias) {
                                       Value bv = args[1];
                                       if (bv.getType() != v.getType())
                                         bv = arith::ExtFOp::create(nb, nloc, v.getType(), bv);
                                       v = arith::AddFOp::create(nb, nloc, v, bv);
                                     }
                                     if (v.getType() != elt)
                                       v = arith::TruncFOp::create(nb, nloc, elt, v);
                                     linalg::YieldOp::create(nb, nloc, v);
                                   })
      .getResult(0);
}

/// Convolution of an already padded NCHW input `x` with an HWCF `filter`
/// (groups == 1), giving the shape of `resultType` (NCHW) in the accumulator
/// type. Runs in NHWC.
Value convNhwc(OpBuilder &b, Location loc, Value x, Value filter, RankedTensorType resultType,
               ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation) {
  Value xt = transpose(b, loc, x, {0, 2, 3, 1});
  int64_t n = resultType.getDimSize(0), f = resultType.getDimSize(1), oh = resultType.getDimSize(2),
          ow = resultType.getDimSize(3);
  auto nhwcType =
      RankedTensorType::get({n, oh, ow, f}, accumulatorType(resultType.getElementType()));
  Value init = filledTensor(b, loc, nhwcType, xt, 0.0);
  Value y =
      linalg::Conv2DNhwcHwcfOp::create(b, loc, TypeRange{nhwcType}, ValueRange{xt, filter},
                                       ValueRange{init}, i64Pair(b, stride), i64Pair(b, dilation))
          .getResult(0);
  return transpose(b, loc, y, {0, 3, 1, 2});
}

/// Depthwise convolution (one filter per channel) of a padded NCHW input `x`
/// with an HWC `filter`, giving the shape of `resultType` (NCHW) in the
/// accumulator type. Runs in NHWC.
Value convDepthwise(OpBuilder &b, Location loc, Value x, Value filter, RankedTensorType resultType,
                    ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation) {
  Value xt = transpose(b, loc, x, {0, 2, 3, 1});
  int64_t n = resultType.getDimSize(0), c = resultType.getDimSize(1), oh = resultType.getDimSize(2),
          ow = resultType.getDimSize(3);
  auto nhwcType =
      RankedTensorType::get({n, oh, ow, c}, accumulatorType(resultType.getElementType()));
  Value init = filledTensor(b, loc, nhwcType, xt, 0.0);
  Value y = linalg::DepthwiseConv2DNhwcHwcOp::create(b, loc, TypeRange{nhwcType},
                                                     ValueRange{xt, filter}, ValueRange{init},
                                                     i64Pair(b, stride), i64Pair(b, dilation))
                .getResult(0);
  return transpose(b, loc, y, {0, 3, 1, 2});
}

/// Grouped convolution of a padded NCHW input `x` with a G x F/G x C/G x KH x
/// KW `filter`, giving the shape of `resultType` (NCHW) in the accumulator
/// type: the channels of `x` split into G x C/G, linalg.conv_2d_ngchw_gfchw,
/// and the G x F/G output channels collapse back into F.
Value convGrouped(OpBuilder &b, Location loc, Value x, Value filter, int64_t groups,
                  RankedTensorType resultType, ArrayRef<int64_t> stride,
                  ArrayRef<int64_t> dilation) {
  auto xType = cast<RankedTensorType>(x.getType());
  Type elt = xType.getElementType();
  int64_t n = xType.getDimSize(0), c = xType.getDimSize(1), h = xType.getDimSize(2),
          w = xType.getDimSize(3);
  auto xgType = RankedTensorType::get({n, groups, c / groups, h, w}, elt);
  SmallVector<OpFoldResult> xgSizes = {dimSize(b, loc, x, 0), b.getIndexAttr(groups),
                                       b.getIndexAttr(c / groups), b.getIndexAttr(h),
                                       b.getIndexAttr(w)};
  Value xg = tensor::ExpandShapeOp::create(b, loc, xgType, x, {{0}, {1, 2}, {3}, {4}}, xgSizes);
  int64_t f = resultType.getDimSize(1), oh = resultType.getDimSize(2),
          ow = resultType.getDimSize(3);
  Type acc = accumulatorType(elt);
  auto ygType = RankedTensorType::get({n, groups, f / groups, oh, ow}, acc);
  Value init = filledTensor(b, loc, ygType, xg, 0.0);
  Value yg =
      linalg::Conv2DNgchwGfchwOp::create(b, loc, TypeRange{ygType}, ValueRange{xg, filter},
                                         ValueRange{init}, i64Pair(b, stride), i64Pair(b, dilation))
          .getResult(0);
  return tensor::CollapseShapeOp::create(b, loc, yg,
                                         SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
}

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

struct Conv2dLowering : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2dOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput(), w = op.getWeight(), bias = op.getBias();
    auto xType = cast<RankedTensorType>(x.getType());
    auto wType = cast<RankedTensorType>(w.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!staticBeyondBatch({xType, resultType}) || !wType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    SmallVector<int64_t, 2> stride = pairOr(op.getStride(), 1);
    SmallVector<int64_t, 2> padding = pairOr(op.getPadding(), 0);
    SmallVector<int64_t, 2> dilation = pairOr(op.getDilation(), 1);
    int64_t groups = static_cast<int64_t>(op.getGroups());
    int64_t c = xType.getDimSize(1), f = wType.getDimSize(0), kh = wType.getDimSize(2),
            kw = wType.getDimSize(3);

    // Border first, in the op's padding mode; the convolution pads nothing.
    Value xp = padSpatial(rewriter, loc, x, padding, op.getPaddingMode());

    Value y;
    if (groups == 1) {
      // F x C x KH x KW -> KH x KW x C x F
      Value filter = transpose(rewriter, loc, w, {2, 3, 1, 0});
      y = convNhwc(rewriter, loc, xp, filter, resultType, stride, dilation);
    } else if (groups == c && f == c) {
      // C x 1 x KH x KW -> C x KH x KW -> KH x KW x C
      Value w3 = tensor::CollapseShapeOp::create(
          rewriter, loc, w, SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}});
      Value filter = transpose(rewriter, loc, w3, {1, 2, 0});
      y = convDepthwise(rewriter, loc, xp, filter, resultType, stride, dilation);
    } else {
      // F x C/G x KH x KW -> G x F/G x C/G x KH x KW (filters of a group are
      // contiguous in F, as PyTorch orders them).
      auto filterType = RankedTensorType::get({groups, f / groups, wType.getDimSize(1), kh, kw},
                                              wType.getElementType());
      Value filter = tensor::ExpandShapeOp::create(
          rewriter, loc, filterType, w, SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}, {4}});
      y = convGrouped(rewriter, loc, xp, filter, groups, resultType, stride, dilation);
    }
    rewriter.replaceOp(op, finish(rewriter, loc, y, bias, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// conv_transpose2d
//===----------------------------------------------------------------------===//

/// conv_transpose2d as a direct convolution. Per spatial dimension (stride s,
/// padding p, dilation d, kernel k, output_padding op, input size H):
///
///   out[o] = sum over i, j with i*s - p + j*d == o of x[i] * w[j]
///
/// 1. Zero insertion: z has size (H-1)*s + 1 and z[i*s] = x[i], zeros between.
/// 2. Padding: q = d*(k-1) - p zeros on the low side and q + op on the high
///    side. A negative amount (p > d*(k-1)) crops instead.
/// 3. A stride-1 convolution with dilation d and the spatially flipped kernel
///    w'[j] = w[k-1-j]: out[o] = sum_j zp[o + j*d] w[k-1-j]; with j' = k-1-j,
///    zp[o + (k-1-j')*d] = z[o - j'*d + p], nonzero exactly where
///    o - j'*d + p = i*s, i.e. o = i*s - p + j'*d. Its size is
///    (H-1)*s + 1 + 2q + op - d*(k-1) = (H-1)*s - 2p + d*(k-1) + op + 1.
///
/// Steps 1 and 2 are a tensor.insert_slice with strides [1, 1, s_h, s_w] into
/// a zero tensor (tensor.pad when the stride is 1), then a
/// tensor.extract_slice where q < 0 crops. Channels: the weight is C x F/G x KH x
/// KW, so the convolution's filter swaps in and out channels per group; one
/// linalg.generic flips and relays it out (HWCF for one group, HWC when
/// depthwise, GFCHW otherwise) for the convolutions conv2d uses.
struct ConvTranspose2dLowering : OpRewritePattern<ConvTranspose2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvTranspose2dOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = op.getInput(), w = op.getWeight(), bias = op.getBias();
    auto xType = cast<RankedTensorType>(x.getType());
    auto wType = cast<RankedTensorType>(w.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!staticBeyondBatch({xType, resultType}) || !wType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    Type elt = xType.getElementType();
    SmallVector<int64_t, 2> stride = pairOr(op.getStride(), 1);
    SmallVector<int64_t, 2> padding = pairOr(op.getPadding(), 0);
    SmallVector<int64_t, 2> outPad = pairOr(op.getOutputPadding(), 0);
    SmallVector<int64_t, 2> dilation = pairOr(op.getDilation(), 1);
    int64_t groups = static_cast<int64_t>(op.getGroups());
    int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
    int64_t cg = c / groups, fg = wType.getDimSize(1), f = fg * groups;
    int64_t kernel[2] = {wType.getDimSize(2), wType.getDimSize(3)};
    int64_t in[2] = {xType.getDimSize(2), xType.getDimSize(3)};

    // Steps 1 and 2: the zero-inserted, padded (or cropped) input. Low
    // padding q, high padding q + output_padding; negative amounts crop.
    int64_t padLo[2], padHi[2], cropLo[2], cropHi[2], full[2];
    for (int i = 0; i < 2; ++i) {
      int64_t q = dilation[i] * (kernel[i] - 1) - padding[i];
      padLo[i] = std::max<int64_t>(q, 0);
      padHi[i] = std::max<int64_t>(q + outPad[i], 0);
      cropLo[i] = std::max<int64_t>(-q, 0);
      cropHi[i] = std::max<int64_t>(-(q + outPad[i]), 0);
      full[i] = (in[i] - 1) * stride[i] + 1 + padLo[i] + padHi[i];
    }
    auto index = [&](int64_t v) -> OpFoldResult { return rewriter.getIndexAttr(v); };
    Value xp;
    if (stride[0] == 1 && stride[1] == 1) {
      xp = padTensor(rewriter, loc, x, {0, 0, padLo[0], padLo[1]}, {0, 0, padHi[0], padHi[1]},
                     PaddingMode::zeros, 0.0);
    } else {
      // x lands on every stride-th position of a zero tensor, from padLo on.
      auto zerosType = RankedTensorType::get({n, c, full[0], full[1]}, elt);
      Value zeros = filledTensor(rewriter, loc, zerosType, x, 0.0);
      SmallVector<OpFoldResult> offsets = {index(0), index(0), index(padLo[0]), index(padLo[1])};
      SmallVector<OpFoldResult> sizes = {dimSize(rewriter, loc, x, 0), index(c), index(in[0]),
                                         index(in[1])};
      SmallVector<OpFoldResult> strides = {index(1), index(1), index(stride[0]), index(stride[1])};
      xp = tensor::InsertSliceOp::create(rewriter, loc, x, zeros, offsets, sizes, strides);
    }
    if (cropLo[0] || cropLo[1] || cropHi[0] || cropHi[1]) {
      int64_t kept[2] = {full[0] - cropLo[0] - cropHi[0], full[1] - cropLo[1] - cropHi[1]};
      auto keptType = RankedTensorType::get({n, c, kept[0], kept[1]}, elt);
      SmallVector<OpFoldResult> offsets = {index(0), index(0), index(cropLo[0]), index(cropLo[1])};
      SmallVector<OpFoldResult> sizes = {dimSize(rewriter, loc, xp, 0), index(c), index(kept[0]),
                                         index(kept[1])};
      SmallVector<OpFoldResult> ones(4, index(1));
      xp = tensor::ExtractSliceOp::create(rewriter, loc, keptType, xp, offsets, sizes, ones);
    }

    // The flipped filter, in the layout of the convolution used. Loop
    // dimensions are the filter's; the weight is read at
    // [g*C/G + c, f, KH-1-kh, KW-1-kw].
    SmallVector<int64_t> filterShape;
    SmallVector<AffineExpr> weightIndex;
    enum { Nhwc, Depthwise, Grouped } kind;
    if (groups == 1) {
      kind = Nhwc; // (kh, kw, c, f) -> w[c, f, KH-1-kh, KW-1-kw]
      filterShape = {kernel[0], kernel[1], c, f};
      AffineExpr kh = getAffineDimExpr(0, ctx), kw = getAffineDimExpr(1, ctx);
      weightIndex = {getAffineDimExpr(2, ctx), getAffineDimExpr(3, ctx), kernel[0] - 1 - kh,
                     kernel[1] - 1 - kw};
    } else if (cg == 1 && fg == 1) {
      kind = Depthwise; // (kh, kw, c) -> w[c, 0, KH-1-kh, KW-1-kw]
      filterShape = {kernel[0], kernel[1], c};
      AffineExpr kh = getAffineDimExpr(0, ctx), kw = getAffineDimExpr(1, ctx);
      weightIndex = {getAffineDimExpr(2, ctx), getAffineConstantExpr(0, ctx), kernel[0] - 1 - kh,
                     kernel[1] - 1 - kw};
    } else {
      kind = Grouped; // (g, f, c, kh, kw) -> w[g*C/G + c, f, KH-1-kh, KW-1-kw]
      filterShape = {groups, fg, cg, kernel[0], kernel[1]};
      AffineExpr g = getAffineDimExpr(0, ctx), fe = getAffineDimExpr(1, ctx),
                 ce = getAffineDimExpr(2, ctx), kh = getAffineDimExpr(3, ctx),
                 kw = getAffineDimExpr(4, ctx);
      weightIndex = {g * cg + ce, fe, kernel[0] - 1 - kh, kernel[1] - 1 - kw};
    }
    int64_t filterRank = filterShape.size();
    auto filterType = RankedTensorType::get(filterShape, elt);
    Value filterInit = tensor::EmptyOp::create(rewriter, loc, filterShape, elt);
    SmallVector<utils::IteratorType> iters(filterRank, utils::IteratorType::parallel);
    Value filter = linalg::GenericOp::create(
                       rewriter, loc, TypeRange{filterType}, ValueRange{w}, ValueRange{filterInit},
                       SmallVector<AffineMap>{AffineMap::get(filterRank, 0, weightIndex, ctx),
                                              rewriter.getMultiDimIdentityMap(filterRank)},
                       iters,
                       [](OpBuilder &nb, Location nloc, ValueRange args) {
                         linalg::YieldOp::create(nb, nloc, args[0]);
                       })
                       .getResult(0);

    // Step 3: stride 1, the op's dilation.
    SmallVector<int64_t, 2> unit = {1, 1};
    Value y;
    switch (kind) {
    case Nhwc:
      y = convNhwc(rewriter, loc, xp, filter, resultType, unit, dilation);
      break;
    case Depthwise:
      y = convDepthwise(rewriter, loc, xp, filter, resultType, unit, dilation);
      break;
    case Grouped:
      y = convGrouped(rewriter, loc, xp, filter, groups, resultType, unit, dilation);
      break;
    }
    rewriter.replaceOp(op, finish(rewriter, loc, y, bias, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// unfold
//===----------------------------------------------------------------------===//

/// im2col: patches[n, c, kh, kw, oh, ow] = xp[n, c, oh*s_h + kh*d_h,
/// ow*s_w + kw*d_w] over the zero-padded input, collapsed to
/// [N, C*KH*KW, OH*OW] (row c*KH*KW + kh*KW + kw, column oh*OW + ow).
struct UnfoldLowering : OpRewritePattern<UnfoldOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(UnfoldOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!staticBeyondBatch({xType, resultType}))
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    SmallVector<int64_t, 2> kernel = pairOr(op.getKernelSize(), 1);
    SmallVector<int64_t, 2> stride = pairOr(op.getStride(), 1);
    SmallVector<int64_t, 2> padding = pairOr(op.getPadding(), 0);
    SmallVector<int64_t, 2> dilation = pairOr(op.getDilation(), 1);
    int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
    int64_t oh = windowOutputSize(xType.getDimSize(2), kernel[0], stride[0], padding[0], padding[0],
                                  dilation[0]);
    int64_t ow = windowOutputSize(xType.getDimSize(3), kernel[1], stride[1], padding[1], padding[1],
                                  dilation[1]);

    Value xp = padSpatial(rewriter, loc, x, padding, PaddingMode::zeros);
    auto patchType =
        RankedTensorType::get({n, c, kernel[0], kernel[1], oh, ow}, xType.getElementType());
    Value init = emptyTensor(rewriter, loc, patchType, x);
    // Loops (n, c, kh, kw, oh, ow).
    AffineExpr d[6];
    for (int i = 0; i < 6; ++i)
      d[i] = getAffineDimExpr(i, ctx);
    AffineMap read = AffineMap::get(
        6, 0,
        {d[0], d[1], d[4] * stride[0] + d[2] * dilation[0], d[5] * stride[1] + d[3] * dilation[1]},
        ctx);
    SmallVector<utils::IteratorType> iters(6, utils::IteratorType::parallel);
    Value patches = linalg::GenericOp::create(
                        rewriter, loc, TypeRange{patchType}, ValueRange{xp}, ValueRange{init},
                        SmallVector<AffineMap>{read, rewriter.getMultiDimIdentityMap(6)}, iters,
                        [](OpBuilder &nb, Location nloc, ValueRange args) {
                          linalg::YieldOp::create(nb, nloc, args[0]);
                        })
                        .getResult(0);
    Value y =
        tensor::CollapseShapeOp::create(rewriter, loc, resultType, patches,
                                        SmallVector<ReassociationIndices>{{0}, {1, 2, 3}, {4, 5}});
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void hnn::populateHNNToLinalgConvPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv2dLowering, ConvTranspose2dLowering, UnfoldLowering>(patterns.getContext());
}
