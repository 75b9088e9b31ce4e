//===- ConvOps.cpp - convolutions, unfold and pooling ---------------------===//
//
// Type inference for the sliding-window ops. All checks live in the inference
// functions: they run both when an op is built and when it is verified.
//
//===----------------------------------------------------------------------===//
#include "dialect/HNNOps.h"
#include "dialect/WindowAttrs.h"

using namespace mlir;
using namespace mlir::hnn;


static bool knownAndDiffer(int64_t a, int64_t b) {
  return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b;
}

LogicalResult Conv2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  WindowAttrs w{loc, getOperationName()};
  Type biasType = adaptor.getBias() ? adaptor.getBias().getType() : Type();
  if (failed(checkSameElementType(loc, w.opName,
                                  {{"input", adaptor.getInput().getType()},
                                   {"weight", adaptor.getWeight().getType()},
                                   {"bias", biasType}})))
    return failure();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  auto k = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (failed(w.rank("input", x, 4, "N x C x H x W")) ||
      failed(w.rank("weight", k, 4, "F x C/groups x KH x KW")) || failed(w.staticWeight(k)))
    return failure();
  auto stride = w.pair("stride", adaptor.getStride(), 1, 1);
  auto padding = w.pair("padding", adaptor.getPadding(), 0, 0);
  auto dilation = w.pair("dilation", adaptor.getDilation(), 1, 1);
  if (failed(stride) || failed(padding) || failed(dilation))
    return failure();
  int64_t groups = adaptor.getGroups();
  if (groups < 1)
    return emitInferError(loc, w.opName, "expects groups >= 1, got " + Twine(groups));
  int64_t f = k.getDimSize(0);
  if (!ShapedType::isDynamic(f) && f % groups != 0)
    return emitInferError(loc, w.opName,
                          "output channels " + Twine(f) + " are not divisible by groups " +
                              Twine(groups));
  int64_t cw = ShapedType::isDynamic(k.getDimSize(1)) ? ShapedType::kDynamic
                                                      : k.getDimSize(1) * groups;
  if (knownAndDiffer(x.getDimSize(1), cw))
    return emitInferError(loc, w.opName,
                          "input has " + Twine(x.getDimSize(1)) +
                              " channels but the weight expects " + Twine(cw) + " (" +
                              Twine(k.getDimSize(1)) + " x " + Twine(groups) + " groups)");
  if (failed(w.bias(biasType, f)))
    return failure();
  PaddingMode mode = adaptor.getPaddingMode();
  if (failed(checkPaddingMode(loc, w.opName, mode, x.getDimSize(2), (*padding)[0], "H")) ||
      failed(checkPaddingMode(loc, w.opName, mode, x.getDimSize(3), (*padding)[1], "W")))
    return failure();
  int64_t oh = windowOutputSize(x.getDimSize(2), k.getDimSize(2), (*stride)[0], (*padding)[0],
                                (*padding)[0], (*dilation)[0]);
  int64_t ow = windowOutputSize(x.getDimSize(3), k.getDimSize(3), (*stride)[1], (*padding)[1],
                                (*padding)[1], (*dilation)[1]);
  if (failed(w.nonEmpty(x, oh, ow)))
    return failure();
  types.push_back(RankedTensorType::get({x.getDimSize(0), f, oh, ow}, x.getElementType()));
  return success();
}

LogicalResult ConvTranspose2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                  Adaptor adaptor,
                                                  SmallVectorImpl<Type> &types) {
  WindowAttrs w{loc, getOperationName()};
  Type biasType = adaptor.getBias() ? adaptor.getBias().getType() : Type();
  if (failed(checkSameElementType(loc, w.opName,
                                  {{"input", adaptor.getInput().getType()},
                                   {"weight", adaptor.getWeight().getType()},
                                   {"bias", biasType}})))
    return failure();
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  auto k = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (failed(w.rank("input", x, 4, "N x C x H x W")) ||
      failed(w.rank("weight", k, 4, "C x F/groups x KH x KW")) || failed(w.staticWeight(k)))
    return failure();
  auto stride = w.pair("stride", adaptor.getStride(), 1, 1);
  auto padding = w.pair("padding", adaptor.getPadding(), 0, 0);
  auto outPad = w.pair("output_padding", adaptor.getOutputPadding(), 0, 0);
  auto dilation = w.pair("dilation", adaptor.getDilation(), 1, 1);
  if (failed(stride) || failed(padding) || failed(outPad) || failed(dilation))
    return failure();
  for (int i = 0; i < 2; ++i)
    if ((*outPad)[i] >= std::max((*stride)[i], (*dilation)[i]))
      return emitInferError(loc, w.opName,
                            "output_padding " + Twine((*outPad)[i]) +
                                " must be smaller than the stride or the dilation");
  int64_t groups = adaptor.getGroups();
  if (groups < 1)
    return emitInferError(loc, w.opName, "expects groups >= 1, got " + Twine(groups));
  if (knownAndDiffer(x.getDimSize(1), k.getDimSize(0)))
    return emitInferError(loc, w.opName,
                          "input has " + Twine(x.getDimSize(1)) +
                              " channels but the weight expects " + Twine(k.getDimSize(0)));
  if (!ShapedType::isDynamic(k.getDimSize(0)) && k.getDimSize(0) % groups != 0)
    return emitInferError(loc, w.opName,
                          "input channels " + Twine(k.getDimSize(0)) +
                              " are not divisible by groups " + Twine(groups));
  int64_t f = ShapedType::isDynamic(k.getDimSize(1)) ? ShapedType::kDynamic
                                                     : k.getDimSize(1) * groups;
  if (failed(w.bias(biasType, f)))
    return failure();
  int64_t oh = convTransposeOutputSize(x.getDimSize(2), k.getDimSize(2), (*stride)[0],
                                       (*padding)[0], (*dilation)[0], (*outPad)[0]);
  int64_t ow = convTransposeOutputSize(x.getDimSize(3), k.getDimSize(3), (*stride)[1],
                                       (*padding)[1], (*dilation)[1], (*outPad)[1]);
  if (failed(w.nonEmpty(x, oh, ow)))
    return failure();
  types.push_back(RankedTensorType::get({x.getDimSize(0), f, oh, ow}, x.getElementType()));
  return success();
}

LogicalResult UnfoldOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor, SmallVectorImpl<Type> &types) {
  WindowAttrs w{loc, getOperationName()};
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(w.rank("input", x, 4, "N x C x H x W")))
    return failure();
  FailureOr<Window> win = w.patches(x, adaptor.getKernelSize(), adaptor.getStride(),
                                    adaptor.getPadding(), adaptor.getDilation());
  if (failed(win))
    return failure();
  int64_t c = x.getDimSize(1);
  int64_t rows = ShapedType::isDynamic(c) ? c : c * win->kernel[0] * win->kernel[1];
  int64_t cols = ShapedType::isDynamic(win->oh) || ShapedType::isDynamic(win->ow)
                     ? ShapedType::kDynamic
                     : win->oh * win->ow;
  types.push_back(RankedTensorType::get({x.getDimSize(0), rows, cols}, x.getElementType()));
  return success();
}

/// max_pool2d and avg_pool2d: stride defaults to the kernel, padding is at
/// most half the kernel size (ATen's pool2d_shape_check).
static LogicalResult inferPool(std::optional<Location> loc, StringRef opName, Type inputType,
                               ArrayRef<int64_t> kernelAttr,
                               std::optional<ArrayRef<int64_t>> strideAttr,
                               std::optional<ArrayRef<int64_t>> paddingAttr,
                               std::optional<ArrayRef<int64_t>> dilationAttr, bool ceilMode,
                               SmallVectorImpl<Type> &types) {
  WindowAttrs w{loc, opName};
  auto x = cast<RankedTensorType>(inputType);
  if (failed(w.rank("input", x, 4, "N x C x H x W")))
    return failure();
  auto kernel = w.pair("kernel_size", kernelAttr, 1, 1);
  if (failed(kernel))
    return failure();
  auto stride = strideAttr ? w.pair("stride", strideAttr, 1, 1) : kernel;
  auto padding = w.pair("padding", paddingAttr, 0, 0);
  auto dilation = w.pair("dilation", dilationAttr, 1, 1);
  if (failed(stride) || failed(padding) || failed(dilation))
    return failure();
  for (int i = 0; i < 2; ++i)
    if ((*padding)[i] > (*kernel)[i] / 2)
      return emitInferError(loc, opName,
                            "padding " + Twine((*padding)[i]) + " exceeds half of kernel size " +
                                Twine((*kernel)[i]));
  int64_t oh = windowOutputSize(x.getDimSize(2), (*kernel)[0], (*stride)[0], (*padding)[0],
                                (*padding)[0], (*dilation)[0], ceilMode);
  int64_t ow = windowOutputSize(x.getDimSize(3), (*kernel)[1], (*stride)[1], (*padding)[1],
                                (*padding)[1], (*dilation)[1], ceilMode);
  if (failed(w.nonEmpty(x, oh, ow)))
    return failure();
  types.push_back(
      RankedTensorType::get({x.getDimSize(0), x.getDimSize(1), oh, ow}, x.getElementType()));
  return success();
}

LogicalResult MaxPool2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  return inferPool(loc, getOperationName(), adaptor.getInput().getType(),
                   adaptor.getKernelSize(), adaptor.getStride(), adaptor.getPadding(),
                   adaptor.getDilation(), adaptor.getCeilMode(), types);
}

LogicalResult AvgPool2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor adaptor, SmallVectorImpl<Type> &types) {
  return inferPool(loc, getOperationName(), adaptor.getInput().getType(),
                   adaptor.getKernelSize(), adaptor.getStride(), adaptor.getPadding(),
                   std::nullopt, adaptor.getCeilMode(), types);
}

LogicalResult GlobalAvgPool2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                                  Adaptor adaptor,
                                                  SmallVectorImpl<Type> &types) {
  WindowAttrs w{loc, getOperationName()};
  auto x = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(w.rank("input", x, 4, "N x C x H x W")))
    return failure();
  types.push_back(
      RankedTensorType::get({x.getDimSize(0), x.getDimSize(1), 1, 1}, x.getElementType()));
  return success();
}
