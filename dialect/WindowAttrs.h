//===- WindowAttrs.h - checks of sliding-window attributes -------*- C++ -*-===//
//
// Shared by the type inference of the window ops (ConvOps.cpp) and of
// kan_conv2d (KANOps.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef HNN_DIALECT_WINDOWATTRS_H
#define HNN_DIALECT_WINDOWATTRS_H

#include "dialect/HNNOps.h"
#include "dialect/ShapeInference.h"

namespace mlir::hnn {

/// Reads and checks the two-entry window attributes of one op.
/// A sliding window over the two spatial dimensions and the output size it
/// gives (oh, ow; dynamic when the input's size is).
struct Window {
  SmallVector<int64_t, 2> kernel, stride, padding, dilation;
  int64_t oh, ow;
};

struct WindowAttrs {
  std::optional<Location> loc;
  StringRef opName;

  /// `attr` (absent: `dflt` twice) must have two entries, each >= `minValue`.
  FailureOr<SmallVector<int64_t, 2>> pair(StringRef attrName,
                                          std::optional<ArrayRef<int64_t>> attr, int64_t dflt,
                                          int64_t minValue) {
    SmallVector<int64_t, 2> v = pairOr(attr, dflt);
    if (v.size() != 2) {
      (void)emitInferError(loc, opName,
                           "expects '" + attrName + "' to have 2 entries, got " +
                               Twine(v.size()));
      return failure();
    }
    if (v[0] < minValue || v[1] < minValue) {
      (void)emitInferError(loc, opName,
                           "expects '" + attrName + "' entries >= " + Twine(minValue) +
                               ", got [" + Twine(v[0]) + ", " + Twine(v[1]) + "]");
      return failure();
    }
    return v;
  }

  LogicalResult rank(StringRef what, RankedTensorType t, int64_t expected, StringRef layout) {
    if (t.getRank() == expected)
      return success();
    return emitInferError(loc, opName,
                          "expects a " + Twine(expected) + "-D " + what + " (" + layout +
                              "), got rank " + Twine(t.getRank()));
  }

  /// Weights have no batch dimension, so every size is known.
  LogicalResult staticWeight(RankedTensorType k) {
    if (k.hasStaticShape())
      return success();
    return emitInferError(loc, opName,
                          "expects a weight of static shape, got " + shapeStr(k.getShape()));
  }

  LogicalResult bias(Type biasType, int64_t features) {
    if (!biasType)
      return success();
    auto b = cast<RankedTensorType>(biasType);
    if (b.getRank() == 1 && b.getDimSize(0) == features)
      return success();
    return emitInferError(loc, opName,
                          "expects a bias of shape " + shapeStr({features}) + ", got " +
                              shapeStr(b.getShape()));
  }

  /// The window of `unfold` and `kan_conv2d` over an N×C×H×W input: the
  /// four attributes checked, the output size computed and checked.
  FailureOr<Window> patches(RankedTensorType x, ArrayRef<int64_t> kernelAttr,
                            std::optional<ArrayRef<int64_t>> strideAttr,
                            std::optional<ArrayRef<int64_t>> paddingAttr,
                            std::optional<ArrayRef<int64_t>> dilationAttr) {
    auto kernel = pair("kernel_size", kernelAttr, 1, 1);
    if (failed(kernel))
      return failure();
    auto stride = pair("stride", strideAttr, 1, 1);
    auto padding = pair("padding", paddingAttr, 0, 0);
    auto dilation = pair("dilation", dilationAttr, 1, 1);
    if (failed(stride) || failed(padding) || failed(dilation))
      return failure();
    Window win{*kernel, *stride, *padding, *dilation, 0, 0};
    win.oh = windowOutputSize(x.getDimSize(2), win.kernel[0], win.stride[0], win.padding[0],
                              win.padding[0], win.dilation[0]);
    win.ow = windowOutputSize(x.getDimSize(3), win.kernel[1], win.stride[1], win.padding[1],
                              win.padding[1], win.dilation[1]);
    if (failed(nonEmpty(x, win.oh, win.ow)))
      return failure();
    return win;
  }

  /// Output spatial sizes must be positive.
  LogicalResult nonEmpty(RankedTensorType input, int64_t oh, int64_t ow) {
    if ((ShapedType::isDynamic(oh) || oh > 0) && (ShapedType::isDynamic(ow) || ow > 0))
      return success();
    return emitInferError(loc, opName,
                          "window does not fit: input " + shapeStr(input.getShape()) +
                              " gives an output of " + shapeStr({oh, ow}));
  }
};

/// Padding of a spatial size in a mode that reads inside the input.
inline LogicalResult checkPaddingMode(std::optional<Location> loc, StringRef opName,
                                      PaddingMode mode, int64_t size, int64_t pad,
                                      StringRef dimName) {
  if (pad == 0 || mode == PaddingMode::zeros || mode == PaddingMode::replicate)
    return success();
  if (ShapedType::isDynamic(size))
    return emitInferError(loc, opName,
                          "cannot pad dynamic dimension " + dimName + " in " +
                              stringifyPaddingMode(mode) + " mode");
  if (mode == PaddingMode::reflect && pad >= size)
    return emitInferError(loc, opName,
                          "reflect padding " + Twine(pad) + " must be smaller than " +
                              dimName + " = " + Twine(size));
  if (mode == PaddingMode::circular && pad > size)
    return emitInferError(loc, opName,
                          "circular padding " + Twine(pad) + " must not exceed " + dimName +
                              " = " + Twine(size));
  return success();
}

} // namespace mlir::hnn

#endif // HNN_DIALECT_WINDOWATTRS_H
