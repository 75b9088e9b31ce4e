//===- HNNToLinalgPool.cpp - max, average and global average pooling ------===//
//
// max_pool2d: the input is padded with -inf (the low padding, and on the high
// side whatever the last window needs, which in ceil mode can exceed the
// padding) by a generic, then linalg.pooling_nchw_max with the strides and
// dilations.
//
// avg_pool2d: zero padding the same way, linalg.pooling_nchw_sum into an f32
// accumulator, then an elementwise generic divides by the window's divisor.
// The divisor follows PyTorch: the window clipped to the padded input (ceil
// mode windows can run past it), and with count_include_pad = false clipped
// to the input itself. It factorizes into a row and a column count; a count
// that is the same for every output position is a constant, otherwise it is
// computed from linalg.index.
//
// global_avg_pool2d: an f32 sum over H and W (a reduction generic), then a
// generic that divides by H*W and writes N x C x 1 x 1.
//
//===----------------------------------------------------------------------===//
#include "passes/HNNToLinalg.h"

#include "dialect/ShapeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

namespace {


/// The window geometry of one spatial dimension.
struct Window {
  int64_t in, out, kernel, stride, pad, dilation;

  /// The length the windows read, from the start of the low padding: the
  /// last window ends there. In ceil mode it can run past the high padding.
  int64_t paddedLength() const { return (out - 1) * stride + dilation * (kernel - 1) + 1; }

  /// Whether the windows read anything outside the input.
  bool needsPadding() const { return pad > 0 || paddedLength() > in; }

  /// PyTorch's average-pooling divisor for output position `o`: the window
  /// clipped to the padded input, or, without count_include_pad, to the input.
  int64_t divisor(int64_t o, bool countIncludePad) const {
    int64_t start = o * stride - pad;
    int64_t end = std::min(start + kernel, in + pad);
    if (countIncludePad)
      return end - start;
    return std::min(end, in) - std::max(start, int64_t(0));
  }

  /// Whether `divisor` is the same for every output position.
  bool uniformDivisor(bool countIncludePad) const {
    for (int64_t o = 1; o < out; ++o)
      if (divisor(o, countIncludePad) != divisor(0, countIncludePad))
        return false;
    return true;
  }

  /// `divisor` at runtime for the output index `o` (an index value).
  Value divisorAt(OpBuilder &b, Location loc, Value o, bool countIncludePad) const {
    Value start = arith::SubIOp::create(
        b, loc, arith::MulIOp::create(b, loc, o, indexConst(b, loc, stride)),
        indexConst(b, loc, pad));
    Value end = arith::MinSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, start, indexConst(b, loc, kernel)),
        indexConst(b, loc, in + pad));
    if (!countIncludePad) {
      end = arith::MinSIOp::create(b, loc, end, indexConst(b, loc, in));
      start = arith::MaxSIOp::create(b, loc, start, indexConst(b, loc, 0));
    }
    return arith::SubIOp::create(b, loc, end, start);
  }
};

/// The two spatial windows of a pooling op on `inType` giving `outType`.
SmallVector<Window, 2> windows(RankedTensorType inType, RankedTensorType outType,
                               ArrayRef<int64_t> kernel,
                               std::optional<ArrayRef<int64_t>> strideAttr,
                               std::optional<ArrayRef<int64_t>> paddingAttr,
                               std::optional<ArrayRef<int64_t>> dilationAttr) {
  SmallVector<int64_t, 2> stride =
      strideAttr ? pairOr(strideAttr, 1) : SmallVector<int64_t, 2>(kernel);
  SmallVector<int64_t, 2> padding = pairOr(paddingAttr, 0);
  SmallVector<int64_t, 2> dilation = pairOr(dilationAttr, 1);
  SmallVector<Window, 2> w;
  for (int i = 0; i < 2; ++i)
    w.push_back({inType.getDimSize(2 + i), outType.getDimSize(2 + i), kernel[i], stride[i],
                 padding[i], dilation[i]});
  return w;
}

/// Pads the H and W of `input` with `value` to the extent the windows read
/// (low padding, input, then as much high padding as the last window needs).
///
/// Written as a generic that reads the input at a clamped index and selects
/// `value` outside it, rather than tensor.pad (lowering::padTensor): tensor.pad
/// bufferizes to a memref.copy into a strided subview, which the CPU pipeline
/// lowers to a call to the runtime's `memrefCopy`, absent from the compiled
/// model.
Value padForWindows(OpBuilder &b, Location loc, Value input, ArrayRef<Window> w,
                    double value) {
  auto type = cast<RankedTensorType>(input.getType());
  if (llvm::none_of(w, [](const Window &x) { return x.needsPadding(); }))
    return input;
  SmallVector<int64_t> shape(type.getShape());
  for (int i = 0; i < 2; ++i)
    shape[2 + i] = w[i].paddedLength();
  auto paddedType = RankedTensorType::get(shape, type.getElementType());
  Value init = emptyTensor(b, loc, paddedType, input);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{paddedType}, ValueRange{}, ValueRange{init},
      SmallVector<AffineMap>{b.getMultiDimIdentityMap(4)},
      SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange) {
        SmallVector<Value> idx = {linalg::IndexOp::create(nb, l, 0),
                                  linalg::IndexOp::create(nb, l, 1)};
        Value inside;
        for (int i = 0; i < 2; ++i) {
          Value p = linalg::IndexOp::create(nb, l, 2 + i);
          Value x = arith::SubIOp::create(nb, l, p, indexConst(nb, l, w[i].pad));
          Value zero = indexConst(nb, l, 0);
          Value last = indexConst(nb, l, w[i].in - 1);
          Value ge = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sge, x, zero);
          Value le = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sle, x, last);
          Value ok = arith::AndIOp::create(nb, l, ge, le);
          inside = inside ? arith::AndIOp::create(nb, l, inside, ok).getResult() : ok;
          x = arith::MaxSIOp::create(nb, l, x, zero);
          idx.push_back(arith::MinSIOp::create(nb, l, x, last));
        }
        Value v = tensor::ExtractOp::create(nb, l, input, idx);
        Value fill = floatConst(nb, l, type.getElementType(), value);
        Value r = arith::SelectOp::create(nb, l, inside, v, fill);
        linalg::YieldOp::create(nb, l, r);
      });
  return generic.getResult(0);
}

struct MaxPool2dLowering : OpRewritePattern<MaxPool2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPool2dOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    auto outType = cast<RankedTensorType>(op.getType());
    if (outType.isDynamicDim(2) || outType.isDynamicDim(3))
      return rewriter.notifyMatchFailure(op, "dynamic spatial sizes");
    auto w = windows(inType, outType, op.getKernelSize(), op.getStride(), op.getPadding(),
                     op.getDilation());
    double negInf = -std::numeric_limits<double>::infinity();
    Value padded = padForWindows(rewriter, loc, input, w, negInf);
    Value init = filledTensor(rewriter, loc, outType, input, negInf);
    Value window = tensor::EmptyOp::create(
        rewriter, loc, ArrayRef<int64_t>{w[0].kernel, w[1].kernel}, inType.getElementType());
    auto pool = linalg::PoolingNchwMaxOp::create(
        rewriter, loc, TypeRange{outType}, ValueRange{padded, window}, ValueRange{init},
        rewriter.getI64TensorAttr({w[0].stride, w[1].stride}),
        rewriter.getI64TensorAttr({w[0].dilation, w[1].dilation}));
    rewriter.replaceOp(op, pool->getResults());
    return success();
  }
};

struct AvgPool2dLowering : OpRewritePattern<AvgPool2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AvgPool2dOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    auto outType = cast<RankedTensorType>(op.getType());
    if (outType.isDynamicDim(2) || outType.isDynamicDim(3))
      return rewriter.notifyMatchFailure(op, "dynamic spatial sizes");
    auto w = windows(inType, outType, op.getKernelSize(), op.getStride(), op.getPadding(),
                     std::nullopt);
    bool includePad = op.getCountIncludePad();
    Type f32 = rewriter.getF32Type();

    // Window sums in f32.
    Value padded = padForWindows(rewriter, loc, input, w, 0.0);
    auto sumType = RankedTensorType::get(outType.getShape(), f32);
    Value init = filledTensor(rewriter, loc, sumType, input, 0.0);
    Value window = tensor::EmptyOp::create(
        rewriter, loc, ArrayRef<int64_t>{w[0].kernel, w[1].kernel}, f32);
    Value sums = linalg::PoolingNchwSumOp::create(
                     rewriter, loc, TypeRange{sumType}, ValueRange{padded, window},
                     ValueRange{init}, rewriter.getI64TensorAttr({w[0].stride, w[1].stride}),
                     rewriter.getI64TensorAttr({1, 1}))
                     ->getResult(0);

    // Divide by the divisor of each output position.
    Value result = elementwise(
        rewriter, loc, outType, ValueRange{sums},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value count;
          int64_t constant = 1;
          for (int i = 0; i < 2; ++i) {
            if (w[i].uniformDivisor(includePad)) {
              constant *= w[i].divisor(0, includePad);
              continue;
            }
            Value o = linalg::IndexOp::create(b, l, 2 + i);
            Value c = w[i].divisorAt(b, l, o, includePad);
            count = count ? arith::MulIOp::create(b, l, count, c).getResult() : c;
          }
          Value divisor;
          if (!count) {
            divisor = floatConst(b, l, f32, double(constant));
          } else {
            if (constant != 1)
              count = arith::MulIOp::create(b, l, count, indexConst(b, l, constant));
            Value i64 = arith::IndexCastOp::create(b, l, b.getI64Type(), count);
            divisor = arith::SIToFPOp::create(b, l, f32, i64);
          }
          Value avg = arith::DivFOp::create(b, l, args[0], divisor);
          return truncateFromF32(b, l, avg, outType.getElementType());
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct GlobalAvgPool2dLowering : OpRewritePattern<GlobalAvgPool2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GlobalAvgPool2dOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    auto outType = cast<RankedTensorType>(op.getType());
    if (inType.isDynamicDim(2) || inType.isDynamicDim(3))
      return rewriter.notifyMatchFailure(op, "dynamic spatial sizes");
    MLIRContext *ctx = rewriter.getContext();
    Type f32 = rewriter.getF32Type();

    // Sum over H and W in f32: N x C.
    auto sumType = RankedTensorType::get({inType.getDimSize(0), inType.getDimSize(1)}, f32);
    Value init = filledTensor(rewriter, loc, sumType, input, 0.0);
    AffineExpr n = getAffineDimExpr(0, ctx), c = getAffineDimExpr(1, ctx);
    AffineMap nc4 = AffineMap::get(4, 0, {n, c}, ctx);
    SmallVector<utils::IteratorType> iters = {
        utils::IteratorType::parallel, utils::IteratorType::parallel,
        utils::IteratorType::reduction, utils::IteratorType::reduction};
    Value sums =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{sumType}, ValueRange{input}, ValueRange{init},
            SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(4), nc4}, iters,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value s = arith::AddFOp::create(b, l, extendToF32(b, l, args[0]), args[1]);
              linalg::YieldOp::create(b, l, s);
            })
            .getResult(0);

    // Mean, written as N x C x 1 x 1.
    double area = double(inType.getDimSize(2) * inType.getDimSize(3));
    Value out = emptyTensor(rewriter, loc, outType, input);
    Value mean =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{outType}, ValueRange{sums}, ValueRange{out},
            SmallVector<AffineMap>{nc4, rewriter.getMultiDimIdentityMap(4)},
            SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value m = arith::DivFOp::create(b, l, args[0], floatConst(b, l, f32, area));
              linalg::YieldOp::create(b, l, truncateFromF32(b, l, m, outType.getElementType()));
            })
            .getResult(0);
    rewriter.replaceOp(op, mean);
    return success();
  }
};

} // namespace

void hnn::populateHNNToLinalgPoolPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPool2dLowering, AvgPool2dLowering, GlobalAvgPool2dLowering>(
      patterns.getContext());
}
