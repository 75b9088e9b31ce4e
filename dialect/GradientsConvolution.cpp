//===- GradientsConvolution.cpp - gradient rules of the sliding-window ops ===//
//
// conv2d, conv_transpose2d, unfold, avg_pool2d, global_avg_pool2d and
// max_pool2d, in hnn ops. Everything that scatters values back from windows
// into the input ("fold") is a conv_transpose2d:
//
//   - the adjoint of conv2d w.r.t. its input is conv_transpose2d with the
//     same weight, stride, padding, dilation and groups;
//   - fold (the adjoint of unfold) is a grouped conv_transpose2d (groups = C)
//     whose constant weight is one-hot: channel c·KK + k of the columns
//     lands at kernel offset k of channel c;
//   - spreading a per-window value evenly (average pooling) is the same with
//     a weight of ones.
//
// Such a conv_transpose2d produces the windows' extent in padded
// coordinates; the input occupies [pad, pad + H) of it. When the extent and
// the input size differ by less than the stride (always the case for conv2d),
// conv_transpose2d's own `padding`/`output_padding` crop it; otherwise (ceil
// mode pooling) the extent is padded with zeros and sliced.
//
// Weight gradients are correlations of the input with the output adjoint:
// unfold of the (padded) input and a batch_matmul per sample and group, summed
// over the batch (the batch stays dynamic; no reshape merges it).
//
// padding_mode reflect/replicate/circular (conv2d): the input is padded
// explicitly, the zero-padding rules run on the padded input, and the border
// adjoint adds the padded positions' gradients back onto the input positions
// they copied.
//
// max_pool2d routes each window's adjoint to the positions equal to its
// maximum (1 + sign(x − max) is 1 exactly there, 0 elsewhere, as x ≤ max);
// when several positions of one window tie for the maximum the adjoint is
// split evenly among them (PyTorch gives all of it to the first). This is a
// valid subgradient and equals PyTorch's wherever the maximum is unique.
//
//===----------------------------------------------------------------------===//
#include "dialect/Gradients.h"

#include "dialect/Builders.h"
#include "dialect/HNNOps.h"

#include "llvm/ADT/APFloat.h"

#include <limits>

using namespace mlir;
using namespace mlir::hnn;
using build::constant;
using build::reshape;
using build::scalar;
using gradients::Grads;

namespace {

RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

/// Slices dimensions 2 and 3 of `v` to [start, start + size).
Value sliceHW(OpBuilder &b, Location loc, Value v, int64_t startH, int64_t sizeH,
              int64_t startW, int64_t sizeW) {
  auto t = typeOf(v);
  if (startH == 0 && startW == 0 && t.getDimSize(2) == sizeH && t.getDimSize(3) == sizeW)
    return v;
  return SliceOp::create(b, loc, v, ArrayRef<int64_t>{2, 3}, ArrayRef<int64_t>{startH, startW},
                         ArrayRef<int64_t>{startH + sizeH, startW + sizeW},
                         DenseI64ArrayAttr());
}

/// Zero-pads `v` (any rank) by `low`/`high` along dimension `dim` only.
Value padDim(OpBuilder &b, Location loc, Value v, int64_t dim, int64_t low, int64_t high) {
  if (low == 0 && high == 0)
    return v;
  int64_t rank = typeOf(v).getRank();
  SmallVector<int64_t> lo(rank, 0), hi(rank, 0);
  lo[dim] = low;
  hi[dim] = high;
  return PadOp::create(b, loc, v, lo, hi, PaddingMode::zeros, APFloat(0.0));
}

Value sliceDim(OpBuilder &b, Location loc, Value v, int64_t dim, int64_t start, int64_t end) {
  return SliceOp::create(b, loc, v, ArrayRef<int64_t>{dim}, ArrayRef<int64_t>{start},
                         ArrayRef<int64_t>{end}, DenseI64ArrayAttr());
}

/// One spatial dimension of a sliding window.
struct Window {
  int64_t in, out, kernel, stride, pad, dilation;
  /// The length the windows read, from the start of the low padding.
  int64_t extent() const { return (out - 1) * stride + dilation * (kernel - 1) + 1; }
};

/// The adjoint of reading windows: conv_transpose2d of `cols`
/// (N × C_in × OH × OW) with `weight` and `groups`, cropped to the input
/// (N × F × H × W, H and W from `win`).
Value scatterWindows(OpBuilder &b, Location loc, Value cols, Value weight, int64_t groups,
                     const Window (&win)[2]) {
  SmallVector<int64_t, 2> stride, dilation, pad, outPad;
  bool direct = true;
  for (const Window &w : win) {
    stride.push_back(w.stride);
    dilation.push_back(w.dilation);
    int64_t op = w.in + 2 * w.pad - w.extent();
    direct &= op >= 0 && op < std::max(w.stride, w.dilation);
    pad.push_back(w.pad);
    outPad.push_back(op);
  }
  if (direct)
    return ConvTranspose2dOp::create(b, loc, cols, weight, Value(),
                                     b.getDenseI64ArrayAttr(stride), b.getDenseI64ArrayAttr(pad),
                                     b.getDenseI64ArrayAttr(outPad),
                                     b.getDenseI64ArrayAttr(dilation), groups);
  // The whole extent in padded coordinates, then the input's part of it.
  Value full = ConvTranspose2dOp::create(b, loc, cols, weight, Value(),
                                         b.getDenseI64ArrayAttr(stride), DenseI64ArrayAttr(),
                                         DenseI64ArrayAttr(), b.getDenseI64ArrayAttr(dilation),
                                         groups);
  for (int i = 0; i < 2; ++i) {
    int64_t have = typeOf(full).getDimSize(2 + i);
    int64_t need = win[i].pad + win[i].in;
    if (have < need)
      full = padDim(b, loc, full, 2 + i, 0, need - have);
  }
  return sliceHW(b, loc, full, win[0].pad, win[0].in, win[1].pad, win[1].in);
}

/// Weight of a grouped (groups = C) conv_transpose2d that folds columns
/// N × (C·KH·KW) × OH × OW back into place: C·KK × 1 × KH × KW, one-hot.
Value foldWeight(OpBuilder &b, Location loc, Type elem, int64_t c, int64_t kh, int64_t kw) {
  int64_t kk = kh * kw;
  SmallVector<double> v(c * kk * kk, 0.0);
  for (int64_t ch = 0; ch < c; ++ch)
    for (int64_t k = 0; k < kk; ++k)
      v[(ch * kk + k) * kk + k] = 1.0;
  return constant(b, loc, {c * kk, 1, kh, kw}, elem, v);
}

/// Fold (col2im): the adjoint of unfold. `cols` is N × (C·KH·KW) × L.
Value fold(OpBuilder &b, Location loc, Value cols, int64_t c, int64_t kh, int64_t kw,
           const Window (&win)[2]) {
  auto t = typeOf(cols);
  Value cols4 = reshape(b, loc, cols, {t.getDimSize(0), t.getDimSize(1), win[0].out, win[1].out});
  Value w = foldWeight(b, loc, t.getElementType(), c, kh, kw);
  return scatterWindows(b, loc, cols4, w, c, win);
}

/// Σ over the batch of A·Bᵀ per group: `a` N × G × P × L, `bt` N × G × Q × L,
/// the result G × P × Q. The per-sample products need one operand transposed
/// to L-major; the smaller one is (for a weight gradient from unfolded
/// patches, Q = C·KH·KW usually exceeds P = F), and when that is `a` the sum
/// is formed as (Σ B·Aᵀ)ᵀ.
Value correlate(OpBuilder &b, Location loc, Value a, Value bt) {
  const int64_t lastTwo[] = {0, 1, 3, 2};
  if (typeOf(a).getDimSize(2) < typeOf(bt).getDimSize(2)) {
    Value aT = TransposeOp::create(b, loc, a, lastTwo);
    Value prod = BatchMatmulOp::create(b, loc, bt, aT);
    Value sum = ReduceSumOp::create(b, loc, prod, ArrayRef<int64_t>{0}, false);
    return TransposeOp::create(b, loc, sum, ArrayRef<int64_t>{0, 2, 1});
  }
  Value bT = TransposeOp::create(b, loc, bt, lastTwo);
  Value prod = BatchMatmulOp::create(b, loc, a, bT);
  return ReduceSumOp::create(b, loc, prod, ArrayRef<int64_t>{0}, false);
}

/// The adjoint of the border that `mode` adds around dimension `dim`
/// (size `size`, `pad` each side): `g` covers the padded dimension; the
/// result covers the input's.
Value borderAdjoint(OpBuilder &b, Location loc, Value g, int64_t dim, int64_t size, int64_t pad,
                    PaddingMode mode) {
  if (pad == 0)
    return g;
  Value acc = sliceDim(b, loc, g, dim, pad, pad + size);
  // Adds g[from, from + len) onto the input positions [to, to + len).
  auto addBack = [&](Value piece, int64_t to) {
    int64_t len = typeOf(piece).getDimSize(dim);
    Value placed = padDim(b, loc, piece, dim, to, size - to - len);
    acc = AddOp::create(b, loc, acc, placed);
  };
  int64_t right = pad + size; // first padded position on the right
  switch (mode) {
  case PaddingMode::zeros:
    break;
  case PaddingMode::reflect:
    // Padded position i < pad copies input pad − i; right + j copies size − 2 − j.
    for (int64_t i = 0; i < pad; ++i) {
      addBack(sliceDim(b, loc, g, dim, i, i + 1), pad - i);
      addBack(sliceDim(b, loc, g, dim, right + i, right + i + 1), size - 2 - i);
    }
    break;
  case PaddingMode::replicate:
    addBack(ReduceSumOp::create(b, loc, sliceDim(b, loc, g, dim, 0, pad), ArrayRef<int64_t>{dim},
                                true),
            0);
    addBack(ReduceSumOp::create(b, loc, sliceDim(b, loc, g, dim, right, right + pad),
                                ArrayRef<int64_t>{dim}, true),
            size - 1);
    break;
  case PaddingMode::circular:
    // [0, pad) copies [size − pad, size); [right, right + pad) copies [0, pad).
    addBack(sliceDim(b, loc, g, dim, 0, pad), size - pad);
    addBack(sliceDim(b, loc, g, dim, right, right + pad), 0);
    break;
  }
  return acc;
}

LogicalResult conv2d(Conv2dOp op, OpBuilder &b, Value dy, Grads &grads) {
  Location loc = op.getLoc();
  Value x = op.getInput(), w = op.getWeight();
  auto xt = typeOf(x), wt = typeOf(w), yt = typeOf(op.getOutput());
  int64_t n = xt.getDimSize(0);
  int64_t f = wt.getDimSize(0), cg = wt.getDimSize(1), kh = wt.getDimSize(2),
          kw = wt.getDimSize(3);
  int64_t groups = op.getGroups(), fg = f / groups;
  SmallVector<int64_t, 2> stride = pairOr(op.getStride(), 1), padding = pairOr(op.getPadding(), 0),
                          dilation = pairOr(op.getDilation(), 1);
  PaddingMode mode = op.getPaddingMode();
  bool explicitBorder = mode != PaddingMode::zeros && (padding[0] > 0 || padding[1] > 0);

  // The input the zero-padding convolution reads.
  Value xp = x;
  SmallVector<int64_t, 2> pad = padding;
  if (explicitBorder) {
    xp = PadOp::create(b, loc, x, ArrayRef<int64_t>{0, 0, padding[0], padding[1]},
                       ArrayRef<int64_t>{0, 0, padding[0], padding[1]}, mode, APFloat(0.0));
    pad = {0, 0};
  }
  auto xpt = typeOf(xp);
  Window win[2] = {
      {xpt.getDimSize(2), yt.getDimSize(2), kh, stride[0], pad[0], dilation[0]},
      {xpt.getDimSize(3), yt.getDimSize(3), kw, stride[1], pad[1], dilation[1]}};

  // dx: conv_transpose2d of dy with the same weight (C/groups per group back).
  Value dx = scatterWindows(b, loc, dy, w, groups, win);
  if (explicitBorder) {
    dx = borderAdjoint(b, loc, dx, 2, xt.getDimSize(2), padding[0], mode);
    dx = borderAdjoint(b, loc, dx, 3, xt.getDimSize(3), padding[1], mode);
  }

  // dW[f, c, k] = Σ_n Σ_l dy[n, f, l] · unfold(xp)[n, c·KK + k, l], per group.
  int64_t l = yt.getDimSize(2) * yt.getDimSize(3), kk = kh * kw;
  Value cols = UnfoldOp::create(b, loc, xp, ArrayRef<int64_t>{kh, kw},
                                b.getDenseI64ArrayAttr(stride), b.getDenseI64ArrayAttr(pad),
                                b.getDenseI64ArrayAttr(dilation));
  Value colsG = reshape(b, loc, cols, {n, groups, cg * kk, l});
  Value dyG = reshape(b, loc, dy, {n, groups, fg, l});
  Value dw = reshape(b, loc, correlate(b, loc, dyG, colsG), wt.getShape());

  grads[0] = dx;
  grads[1] = dw;
  if (op.getBias())
    grads[2] = ReduceSumOp::create(b, loc, dy, ArrayRef<int64_t>{0, 2, 3}, false);
  return success();
}

LogicalResult convTranspose2d(ConvTranspose2dOp op, OpBuilder &b, Value dy, Grads &grads) {
  Location loc = op.getLoc();
  Value x = op.getInput(), w = op.getWeight();
  auto xt = typeOf(x), wt = typeOf(w);
  int64_t n = xt.getDimSize(0), c = xt.getDimSize(1), h = xt.getDimSize(2),
          wd = xt.getDimSize(3);
  int64_t fg = wt.getDimSize(1), kh = wt.getDimSize(2), kw = wt.getDimSize(3);
  int64_t groups = op.getGroups(), cg = c / groups;
  SmallVector<int64_t, 2> stride = pairOr(op.getStride(), 1), padding = pairOr(op.getPadding(), 0),
                          dilation = pairOr(op.getDilation(), 1);
  auto strideA = b.getDenseI64ArrayAttr(stride), padA = b.getDenseI64ArrayAttr(padding),
       dilA = b.getDenseI64ArrayAttr(dilation);

  // dx: conv2d of dy with the same weight. With output_padding >= stride the
  // convolution yields extra rows/columns past the input: dropped.
  Value dx = Conv2dOp::create(b, loc, dy, w, Value(), strideA, padA, dilA, groups);
  dx = sliceHW(b, loc, dx, 0, h, 0, wd);

  // dW[c, f, k] = Σ_n Σ_l x[n, c, l] · unfold(dy)[n, f·KK + k, l], per group.
  int64_t kk = kh * kw;
  Value cols = UnfoldOp::create(b, loc, dy, ArrayRef<int64_t>{kh, kw}, strideA, padA, dilA);
  auto colsT = typeOf(cols);
  auto dyT = typeOf(dy);
  int64_t h2 = windowOutputSize(dyT.getDimSize(2), kh, stride[0], padding[0], padding[0],
                                dilation[0]);
  int64_t w2 = windowOutputSize(dyT.getDimSize(3), kw, stride[1], padding[1], padding[1],
                                dilation[1]);
  if (h2 != h || w2 != wd) {
    Value cols4 = reshape(b, loc, cols, {n, colsT.getDimSize(1), h2, w2});
    cols4 = sliceHW(b, loc, cols4, 0, h, 0, wd);
    cols = reshape(b, loc, cols4, {n, colsT.getDimSize(1), h * wd});
  }
  Value colsG = reshape(b, loc, cols, {n, groups, fg * kk, h * wd});
  Value xG = reshape(b, loc, x, {n, groups, cg, h * wd});
  Value dw = reshape(b, loc, correlate(b, loc, xG, colsG), wt.getShape());

  grads[0] = dx;
  grads[1] = dw;
  if (op.getBias())
    grads[2] = ReduceSumOp::create(b, loc, dy, ArrayRef<int64_t>{0, 2, 3}, false);
  return success();
}

LogicalResult unfold(UnfoldOp op, OpBuilder &b, Value dy, Grads &grads) {
  auto xt = typeOf(op.getInput());
  SmallVector<int64_t, 2> kernel(op.getKernelSize()), stride = pairOr(op.getStride(), 1),
                                                    padding = pairOr(op.getPadding(), 0),
                                                    dilation = pairOr(op.getDilation(), 1);
  Window win[2];
  for (int i = 0; i < 2; ++i) {
    int64_t in = xt.getDimSize(2 + i);
    win[i] = {in,
              windowOutputSize(in, kernel[i], stride[i], padding[i], padding[i], dilation[i]),
              kernel[i],
              stride[i],
              padding[i],
              dilation[i]};
  }
  grads[0] = fold(b, op.getLoc(), dy, xt.getDimSize(1), kernel[0], kernel[1], win);
  return success();
}

LogicalResult avgPool2d(AvgPool2dOp op, OpBuilder &b, Value dy, Grads &grads) {
  Location loc = op.getLoc();
  auto xt = typeOf(op.getInput()), yt = typeOf(op.getOutput());
  Type elem = xt.getElementType();
  SmallVector<int64_t, 2> kernel(op.getKernelSize());
  SmallVector<int64_t, 2> stride = op.getStride() ? pairOr(op.getStride(), 1) : kernel;
  SmallVector<int64_t, 2> padding = pairOr(op.getPadding(), 0);
  bool includePad = op.getCountIncludePad();
  Window win[2];
  for (int i = 0; i < 2; ++i)
    win[i] = {xt.getDimSize(2 + i), yt.getDimSize(2 + i), kernel[i], stride[i], padding[i], 1};

  // PyTorch's divisor: the window clipped to the padded input, or without
  // count_include_pad to the input; the product of the two dimensions'.
  SmallVector<SmallVector<int64_t>> div(2);
  bool uniform = true;
  for (int i = 0; i < 2; ++i) {
    const Window &w = win[i];
    for (int64_t o = 0; o < w.out; ++o) {
      int64_t start = o * w.stride - w.pad;
      int64_t end = std::min(start + w.kernel, w.in + w.pad);
      div[i].push_back(includePad ? end - start
                                  : std::min(end, w.in) - std::max(start, int64_t(0)));
      uniform &= div[i].back() == div[i].front();
    }
  }
  Value g = dy;
  double scale = 1.0;
  if (uniform) {
    scale = 1.0 / double(div[0].front() * div[1].front());
  } else {
    SmallVector<double> inv;
    for (int64_t dh : div[0])
      for (int64_t dw : div[1])
        inv.push_back(1.0 / double(dh * dw));
    g = MulOp::create(b, loc, dy, constant(b, loc, {1, 1, win[0].out, win[1].out}, elem, inv));
  }
  int64_t c = xt.getDimSize(1);
  SmallVector<double> ones(c * kernel[0] * kernel[1], scale);
  Value w = constant(b, loc, {c, 1, kernel[0], kernel[1]}, elem, ones);
  grads[0] = scatterWindows(b, loc, g, w, c, win);
  return success();
}

LogicalResult globalAvgPool2d(GlobalAvgPool2dOp op, OpBuilder &b, Value dy, Grads &grads) {
  Location loc = op.getLoc();
  auto xt = typeOf(op.getInput());
  int64_t h = xt.getDimSize(2), w = xt.getDimSize(3);
  SmallVector<double> v(h * w, 1.0 / double(h * w));
  grads[0] = MulOp::create(b, loc, dy, constant(b, loc, {1, 1, h, w}, xt.getElementType(), v));
  return success();
}

LogicalResult maxPool2d(MaxPool2dOp op, OpBuilder &b, Value dy, Grads &grads) {
  Location loc = op.getLoc();
  Value x = op.getInput(), y = op.getOutput();
  auto xt = typeOf(x), yt = typeOf(y);
  Type elem = xt.getElementType();
  int64_t n = xt.getDimSize(0), c = xt.getDimSize(1);
  SmallVector<int64_t, 2> kernel(op.getKernelSize());
  SmallVector<int64_t, 2> stride = op.getStride() ? pairOr(op.getStride(), 1) : kernel;
  SmallVector<int64_t, 2> padding = pairOr(op.getPadding(), 0),
                          dilation = pairOr(op.getDilation(), 1);
  // Tiling windows (stride = kernel, no padding or dilation, sizes that
  // divide): each element lies in exactly one window, so x viewed as
  // N×C×OH×KH×OW×KW lines up with y as N×C×OH×1×OW×1 and the gradient is
  // elementwise, without gathering windows and scattering them back.
  bool tiling = true;
  for (int i = 0; i < 2; ++i)
    tiling &= stride[i] == kernel[i] && padding[i] == 0 && dilation[i] == 1 &&
              xt.getDimSize(2 + i) == yt.getDimSize(2 + i) * kernel[i];
  if (tiling) {
    int64_t oh = yt.getDimSize(2), ow = yt.getDimSize(3);
    Value x6 = reshape(b, loc, x, {n, c, oh, kernel[0], ow, kernel[1]});
    Value y6 = reshape(b, loc, y, {n, c, oh, 1, ow, 1});
    // 1 where the element equals its window's maximum, 0 elsewhere; ties
    // share the gradient equally.
    Value mask = AddOp::create(b, loc, scalar(b, loc, elem, 1.0),
                               SignOp::create(b, loc, SubOp::create(b, loc, x6, y6)));
    Value count = ReduceSumOp::create(b, loc, mask, ArrayRef<int64_t>{3, 5}, true);
    Value share = DivOp::create(b, loc, reshape(b, loc, dy, {n, c, oh, 1, ow, 1}), count);
    Value g = MulOp::create(b, loc, mask, share);
    grads[0] = reshape(b, loc, g, {n, c, xt.getDimSize(2), xt.getDimSize(3)});
    return success();
  }
  Window win[2];
  SmallVector<int64_t, 4> low = {0, 0, 0, 0}, high = {0, 0, 0, 0};
  for (int i = 0; i < 2; ++i) {
    win[i] = {xt.getDimSize(2 + i), yt.getDimSize(2 + i), kernel[i], stride[i], padding[i],
              dilation[i]};
    low[2 + i] = padding[i];
    // Enough high padding for the last window (ceil mode can read past it).
    high[2 + i] = std::max(padding[i], win[i].extent() - win[i].in - padding[i]);
  }
  // The windows, padded with −∞ as the forward op is.
  Value xp = PadOp::create(b, loc, x, low, high, PaddingMode::zeros,
                           APFloat::getInf(APFloat::IEEEdouble(), /*Negative=*/true));
  int64_t kk = kernel[0] * kernel[1], l = win[0].out * win[1].out;
  Value cols = UnfoldOp::create(b, loc, xp, kernel, b.getDenseI64ArrayAttr(stride),
                                DenseI64ArrayAttr(), b.getDenseI64ArrayAttr(dilation));
  // Only the first L windows matter: with the high padding there may be more.
  auto colsT = typeOf(cols);
  if (colsT.getDimSize(2) != l) {
    return op.emitOpError("gradient rule: unexpected window count ")
           << colsT.getDimSize(2) << " (expected " << l << ")";
  }
  Value cols4 = reshape(b, loc, cols, {n, c, kk, l});
  Value ymax = reshape(b, loc, y, {n, c, 1, l});
  // 1 where the element equals its window's maximum, 0 elsewhere.
  Value mask = AddOp::create(b, loc, scalar(b, loc, elem, 1.0),
                             SignOp::create(b, loc, SubOp::create(b, loc, cols4, ymax)));
  Value count = ReduceSumOp::create(b, loc, mask, ArrayRef<int64_t>{2}, true);
  Value share = DivOp::create(b, loc, reshape(b, loc, dy, {n, c, 1, l}), count);
  Value g = MulOp::create(b, loc, mask, share);
  grads[0] = fold(b, loc, reshape(b, loc, g, {n, c * kk, l}), c, kernel[0], kernel[1], win);
  return success();
}

} // namespace

std::optional<LogicalResult> gradients::convolution(Operation *op, OpBuilder &b,
                                                    ValueRange resultGrads, Grads &operandGrads) {
  auto dispatch = [&](auto concrete, auto rule) -> std::optional<LogicalResult> {
    Value dy = resultGrads[0];
    if (!dy)
      return success();
    return rule(concrete, b, dy, operandGrads);
  };
  if (auto o = dyn_cast<Conv2dOp>(op))
    return dispatch(o, conv2d);
  if (auto o = dyn_cast<ConvTranspose2dOp>(op))
    return dispatch(o, convTranspose2d);
  if (auto o = dyn_cast<UnfoldOp>(op))
    return dispatch(o, unfold);
  if (auto o = dyn_cast<AvgPool2dOp>(op))
    return dispatch(o, avgPool2d);
  if (auto o = dyn_cast<GlobalAvgPool2dOp>(op))
    return dispatch(o, globalAvgPool2d);
  if (auto o = dyn_cast<MaxPool2dOp>(op))
    return dispatch(o, maxPool2d);
  return std::nullopt;
}
