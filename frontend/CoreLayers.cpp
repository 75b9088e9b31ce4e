//===- CoreLayers.cpp - layers with parameters, activations, losses --------===//
//
// One build function per layer type: read the attributes (PyTorch names and
// defaults), create the parameters from the incoming shape, build the op.
// Shape checks that the dialect makes (and words with both shapes) are left
// to it; the frontend checks what it needs to create the parameters.
//
//===----------------------------------------------------------------------===//
#include "frontend/Builder.h"

#include "dialect/ShapeInference.h"

#include <cmath>

using namespace mlir::hnn::frontend;
using namespace mlir;
using mlir::hnn::ParamKind;

namespace {

Value result(Operation *op) { return LayerContext::result(op); }

NamedAttribute named(LayerContext &c, llvm::StringRef name, Attribute value) {
  return c.builder().getNamedAttr(name, value);
}
Attribute i64(LayerContext &c, int64_t v) { return c.builder().getI64IntegerAttr(v); }
Attribute f64(LayerContext &c, double v) { return c.builder().getF64FloatAttr(v); }
Attribute array(LayerContext &c, llvm::ArrayRef<int64_t> v) {
  return c.builder().getDenseI64ArrayAttr(v);
}

std::string typeText(Value v) { return mlir::hnn::typeStr(v.getType()); }

/// Channels (dim 1) of an N×C×H×W input, or an error naming the layer.
std::optional<int64_t> nchwChannels(LayerContext &c) {
  RankedTensorType t = c.type();
  if (t.getRank() != 4 || t.isDynamicDim(1)) {
    c.error("layer type '" + c.node.type + "' expects an N×C×H×W input, got " +
            typeText(c.inputs[0]));
    return std::nullopt;
  }
  return t.getDimSize(1);
}

//===----------------------------------------------------------------------===//
// Layers with parameters
//===----------------------------------------------------------------------===//

Value buildLinear(LayerContext &c) {
  Attrs &a = c.attrs;
  a.require("out_features");
  int64_t out = a.getInt("out_features", 1, 1);
  bool bias = a.getBool("bias", true);
  if (!c.ready())
    return Value();
  RankedTensorType t = c.type();
  if (t.getRank() < 1 || t.isDynamicDim(t.getRank() - 1))
    return c.error("layer type 'linear' needs an input whose last dimension is known, got " +
                   typeText(c.inputs[0]));
  int64_t in = t.getShape().back();
  double bound = 1.0 / std::sqrt(static_cast<double>(in));
  Value w =
      c.param("weight", {out, in}, ParamKind::trainable, InitSpec::kaimingUniform(std::sqrt(5.0)));
  Value b = bias ? c.param("bias", {out}, ParamKind::trainable, InitSpec::uniform(-bound, bound))
                 : Value();
  if (!w || (bias && !b))
    return Value();
  llvm::SmallVector<Value> operands = {c.inputs[0], w};
  if (b)
    operands.push_back(b);
  return result(c.create<mlir::hnn::LinearOp>(operands));
}

} // namespace

ConvWindow mlir::hnn::frontend::readConvWindow(Attrs &a) {
  a.require("out_channels");
  a.require("kernel_size");
  ConvWindow w;
  w.out = a.getInt("out_channels", 1, 1);
  w.kernel = a.getTuple("kernel_size", 2, 1, 1);
  w.stride = a.getTuple("stride", 2, 1, 1);
  w.padding = a.getTuple("padding", 2, 0, 0);
  w.dilation = a.getTuple("dilation", 2, 1, 1);
  w.groups = a.getInt("groups", 1, 1);
  return w;
}

namespace {

/// conv2d and conv_transpose2d.
template <bool Transposed> Value buildConv(LayerContext &c) {
  Attrs &a = c.attrs;
  ConvWindow win = readConvWindow(a);
  int64_t out = win.out, groups = win.groups;
  auto &kernel = win.kernel, &stride = win.stride, &padding = win.padding,
       &dilation = win.dilation;
  bool bias = a.getBool("bias", true);
  std::string mode = "zeros";
  llvm::SmallVector<int64_t> outputPadding;
  if (Transposed)
    outputPadding = a.getTuple("output_padding", 2, 0, 0);
  else
    mode = a.getChoice("padding_mode", {"zeros", "reflect", "replicate", "circular"}, "zeros");
  if (!c.ready())
    return Value();
  std::optional<int64_t> in = nchwChannels(c);
  if (!in)
    return Value();
  if (*in % groups != 0)
    return c.error("groups (" + llvm::Twine(groups) + ") must divide the input channels (" +
                   llvm::Twine(*in) + ")");
  if (out % groups != 0)
    return c.error("groups (" + llvm::Twine(groups) + ") must divide out_channels (" +
                   llvm::Twine(out) + ")");
  llvm::SmallVector<int64_t> wShape =
      Transposed ? llvm::SmallVector<int64_t>{*in, out / groups, kernel[0], kernel[1]}
                 : llvm::SmallVector<int64_t>{out, *in / groups, kernel[0], kernel[1]};
  // PyTorch's fan-in for both: weight.size(1) · KH · KW.
  double fanIn = static_cast<double>(wShape[1]) * kernel[0] * kernel[1];
  double bound = 1.0 / std::sqrt(fanIn);
  Value w =
      c.param("weight", wShape, ParamKind::trainable, InitSpec::kaimingUniform(std::sqrt(5.0)));
  Value b = bias ? c.param("bias", {out}, ParamKind::trainable, InitSpec::uniform(-bound, bound))
                 : Value();
  if (!w || (bias && !b))
    return Value();
  llvm::SmallVector<Value> operands = {c.inputs[0], w};
  if (b)
    operands.push_back(b);
  llvm::SmallVector<NamedAttribute> attrs = {
      named(c, "stride", array(c, stride)), named(c, "padding", array(c, padding)),
      named(c, "dilation", array(c, dilation)), named(c, "groups", i64(c, groups))};
  if (Transposed) {
    attrs.push_back(named(c, "output_padding", array(c, outputPadding)));
    return result(c.create<mlir::hnn::ConvTranspose2dOp>(operands, attrs));
  }
  attrs.push_back(
      named(c, "padding_mode",
            mlir::hnn::PaddingModeAttr::get(c.ctx(), *mlir::hnn::symbolizePaddingMode(mode))));
  return result(c.create<mlir::hnn::Conv2dOp>(operands, attrs));
}

Value buildBatchNorm(LayerContext &c) {
  Attrs &a = c.attrs;
  double eps = a.getNumber("eps", 1e-5);
  double momentum = a.getNumber("momentum", 0.1);
  if (!c.ready())
    return Value();
  RankedTensorType t = c.type();
  if (t.getRank() < 2 || t.isDynamicDim(1))
    return c.error("layer type 'batch_norm' expects an N×C×… input, got " + typeText(c.inputs[0]));
  int64_t ch = t.getDimSize(1);
  Value w = c.param("weight", {ch}, ParamKind::trainable, InitSpec::constant(1));
  Value b = c.param("bias", {ch}, ParamKind::trainable, InitSpec::constant(0));
  Value mean = c.param("running_mean", {ch}, ParamKind::state, InitSpec::constant(0));
  Value var = c.param("running_var", {ch}, ParamKind::state, InitSpec::constant(1));
  if (!w || !b || !mean || !var)
    return Value();
  return result(c.create<mlir::hnn::BatchNormOp>(
      {c.inputs[0], w, b, mean, var},
      {named(c, "eps", f64(c, eps)), named(c, "momentum", f64(c, momentum))}));
}

Value buildLayerNorm(LayerContext &c) {
  Attrs &a = c.attrs;
  std::optional<llvm::SmallVector<int64_t>> shape = a.optList("normalized_shape", 1);
  double eps = a.getNumber("eps", 1e-5);
  if (!c.ready())
    return Value();
  RankedTensorType t = c.type();
  if (!shape) {
    if (t.getRank() < 1 || t.isDynamicDim(t.getRank() - 1))
      return c.error("layer type 'layer_norm' needs an input whose last dimension is known, "
                     "got " +
                     typeText(c.inputs[0]));
    shape = llvm::SmallVector<int64_t>{t.getShape().back()};
  }
  Value w = c.param("weight", *shape, ParamKind::trainable, InitSpec::constant(1));
  Value b = c.param("bias", *shape, ParamKind::trainable, InitSpec::constant(0));
  if (!w || !b)
    return Value();
  return result(
      c.create<mlir::hnn::LayerNormOp>({c.inputs[0], w, b}, {named(c, "eps", f64(c, eps))}));
}

Value buildGroupNorm(LayerContext &c) {
  Attrs &a = c.attrs;
  a.require("num_groups");
  int64_t groups = a.getInt("num_groups", 1, 1);
  double eps = a.getNumber("eps", 1e-5);
  if (!c.ready())
    return Value();
  RankedTensorType t = c.type();
  if (t.getRank() < 2 || t.isDynamicDim(1))
    return c.error("layer type 'group_norm' expects an N×C×… input, got " + typeText(c.inputs[0]));
  int64_t ch = t.getDimSize(1);
  Value w = c.param("weight", {ch}, ParamKind::trainable, InitSpec::constant(1));
  Value b = c.param("bias", {ch}, ParamKind::trainable, InitSpec::constant(0));
  if (!w || !b)
    return Value();
  return result(c.create<mlir::hnn::GroupNormOp>(
      {c.inputs[0], w, b}, {named(c, "num_groups", i64(c, groups)), named(c, "eps", f64(c, eps))}));
}

//===----------------------------------------------------------------------===//
// Elementwise, activations, pooling, softmax, losses
//===----------------------------------------------------------------------===//

template <typename OpTy> Value buildPlain(LayerContext &c) {
  if (!c.ready())
    return Value();
  return result(c.create<OpTy>(c.inputs));
}

Value buildIdentity(LayerContext &c) { return c.inputs[0]; }

Value buildGelu(LayerContext &c) {
  std::string approx = c.attrs.getChoice("approximate", {"none", "tanh"}, "none");
  if (!c.ready())
    return Value();
  auto attr = mlir::hnn::GeluApproximationAttr::get(
      c.ctx(),
      approx == "tanh" ? mlir::hnn::GeluApproximation::tanh : mlir::hnn::GeluApproximation::none);
  return result(c.create<mlir::hnn::GeluOp>(c.inputs, {named(c, "approximate", attr)}));
}

/// Unary ops whose attributes are all numbers with defaults (clamp's are
/// optional).
template <typename OpTy>
Value buildNumeric(LayerContext &c, llvm::ArrayRef<std::pair<llvm::StringRef, double>> keys,
                   bool optional = false) {
  llvm::SmallVector<NamedAttribute> attrs;
  for (const auto &[key, dflt] : keys) {
    std::optional<double> v = c.attrs.optNumber(key);
    if (!v && !optional)
      v = dflt;
    if (v)
      attrs.push_back(named(c, key, f64(c, *v)));
  }
  if (!c.ready())
    return Value();
  return result(c.create<OpTy>(c.inputs, attrs));
}

Value buildClamp(LayerContext &c) {
  return buildNumeric<mlir::hnn::ClampOp>(c, {{"min", 0}, {"max", 0}}, /*optional=*/true);
}
Value buildHardtanh(LayerContext &c) {
  return buildNumeric<mlir::hnn::HardtanhOp>(c, {{"min_val", -1.0}, {"max_val", 1.0}});
}
Value buildElu(LayerContext &c) { return buildNumeric<mlir::hnn::EluOp>(c, {{"alpha", 1.0}}); }
Value buildSoftplus(LayerContext &c) {
  return buildNumeric<mlir::hnn::SoftplusOp>(c, {{"beta", 1.0}, {"threshold", 20.0}});
}

template <typename OpTy> Value buildSoftmax(LayerContext &c) {
  int64_t dim = c.attrs.getInt("dim", -1);
  if (!c.ready())
    return Value();
  return result(c.create<OpTy>(c.inputs, {named(c, "dim", i64(c, dim))}));
}

template <typename OpTy, bool IsMax> Value buildPool(LayerContext &c) {
  Attrs &a = c.attrs;
  a.require("kernel_size");
  auto kernel = a.getTuple("kernel_size", 2, 1, 1);
  auto stride = a.optTuple("stride", 2, 1);
  auto padding = a.getTuple("padding", 2, 0, 0);
  bool ceil = a.getBool("ceil_mode", false);
  llvm::SmallVector<NamedAttribute> attrs = {named(c, "kernel_size", array(c, kernel)),
                                             named(c, "padding", array(c, padding))};
  if (stride)
    attrs.push_back(named(c, "stride", array(c, *stride)));
  if (ceil)
    attrs.push_back(named(c, "ceil_mode", c.builder().getUnitAttr()));
  if (IsMax) {
    attrs.push_back(named(c, "dilation", array(c, a.getTuple("dilation", 2, 1, 1))));
  } else {
    bool include = a.getBool("count_include_pad", true);
    attrs.push_back(named(c, "count_include_pad", c.builder().getBoolAttr(include)));
  }
  if (!c.ready())
    return Value();
  return result(c.create<OpTy>(c.inputs, attrs));
}

NamedAttribute reduction(LayerContext &c) {
  std::string r = c.attrs.getChoice("reduction", {"mean", "sum", "none"}, "mean");
  return named(c, "reduction",
               mlir::hnn::ReductionAttr::get(c.ctx(), *mlir::hnn::symbolizeReduction(r)));
}

Value buildCrossEntropy(LayerContext &c) {
  double smoothing = c.attrs.getNumber("label_smoothing", 0.0);
  NamedAttribute r = reduction(c);
  if (!c.ready())
    return Value();
  return result(c.create<mlir::hnn::CrossEntropyOp>(
      c.inputs, {named(c, "label_smoothing", f64(c, smoothing)), r}));
}

template <typename OpTy> Value buildLoss(LayerContext &c) {
  NamedAttribute r = reduction(c);
  if (!c.ready())
    return Value();
  return result(c.create<OpTy>(c.inputs, {r}));
}

const std::vector<llvm::StringRef> kConvKeys = {"out_channels", "kernel_size", "stride", "padding",
                                                "dilation",     "groups",      "bias"};

} // namespace

void mlir::hnn::frontend::addCoreLayers(std::vector<LayerDef> &defs) {
  using namespace mlir::hnn;
  std::vector<llvm::StringRef> conv2dKeys = kConvKeys, convTKeys = kConvKeys;
  conv2dKeys.push_back("padding_mode");
  convTKeys.push_back("output_padding");
  defs.push_back({"linear", 1, 1, {"out_features", "bias"}, {"weight", "bias"}, buildLinear});
  defs.push_back({"conv2d", 1, 1, conv2dKeys, {"weight", "bias"}, buildConv<false>});
  defs.push_back({"conv_transpose2d", 1, 1, convTKeys, {"weight", "bias"}, buildConv<true>});
  defs.push_back({"batch_norm",
                  1,
                  1,
                  {"eps", "momentum"},
                  {"weight", "bias", "running_mean", "running_var"},
                  buildBatchNorm});
  defs.push_back(
      {"layer_norm", 1, 1, {"normalized_shape", "eps"}, {"weight", "bias"}, buildLayerNorm});
  defs.push_back({"group_norm", 1, 1, {"num_groups", "eps"}, {"weight", "bias"}, buildGroupNorm});
  defs.push_back({"identity", 1, 1, {}, {}, buildIdentity});

  defs.push_back({"matmul", 2, 2, {}, {}, buildPlain<MatmulOp>});
  defs.push_back({"batch_matmul", 2, 2, {}, {}, buildPlain<BatchMatmulOp>});
  defs.push_back({"add", 2, 2, {}, {}, buildPlain<AddOp>});
  defs.push_back({"sub", 2, 2, {}, {}, buildPlain<SubOp>});
  defs.push_back({"mul", 2, 2, {}, {}, buildPlain<MulOp>});
  defs.push_back({"div", 2, 2, {}, {}, buildPlain<DivOp>});
  defs.push_back({"pow", 2, 2, {}, {}, buildPlain<PowOp>});

  defs.push_back({"neg", 1, 1, {}, {}, buildPlain<NegOp>});
  defs.push_back({"exp", 1, 1, {}, {}, buildPlain<ExpOp>});
  defs.push_back({"log", 1, 1, {}, {}, buildPlain<LogOp>});
  defs.push_back({"sqrt", 1, 1, {}, {}, buildPlain<SqrtOp>});
  defs.push_back({"rsqrt", 1, 1, {}, {}, buildPlain<RsqrtOp>});
  defs.push_back({"sin", 1, 1, {}, {}, buildPlain<SinOp>});
  defs.push_back({"cos", 1, 1, {}, {}, buildPlain<CosOp>});
  defs.push_back({"sign", 1, 1, {}, {}, buildPlain<SignOp>});
  defs.push_back({"abs", 1, 1, {}, {}, buildPlain<AbsOp>});
  defs.push_back({"relu", 1, 1, {}, {}, buildPlain<ReluOp>});
  defs.push_back({"silu", 1, 1, {}, {}, buildPlain<SiluOp>});
  defs.push_back({"tanh", 1, 1, {}, {}, buildPlain<TanhOp>});
  defs.push_back({"sigmoid", 1, 1, {}, {}, buildPlain<SigmoidOp>});
  defs.push_back({"gelu", 1, 1, {"approximate"}, {}, buildGelu});
  defs.push_back({"clamp", 1, 1, {"min", "max"}, {}, buildClamp});
  defs.push_back({"hardtanh", 1, 1, {"min_val", "max_val"}, {}, buildHardtanh});
  defs.push_back({"elu", 1, 1, {"alpha"}, {}, buildElu});
  defs.push_back({"softplus", 1, 1, {"beta", "threshold"}, {}, buildSoftplus});

  defs.push_back({"max_pool2d",
                  1,
                  1,
                  {"kernel_size", "stride", "padding", "dilation", "ceil_mode"},
                  {},
                  buildPool<MaxPool2dOp, true>});
  defs.push_back({"avg_pool2d",
                  1,
                  1,
                  {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad"},
                  {},
                  buildPool<AvgPool2dOp, false>});
  defs.push_back({"global_avg_pool2d", 1, 1, {}, {}, buildPlain<GlobalAvgPool2dOp>});
  defs.push_back({"softmax", 1, 1, {"dim"}, {}, buildSoftmax<SoftmaxOp>});
  defs.push_back({"log_softmax", 1, 1, {"dim"}, {}, buildSoftmax<LogSoftmaxOp>});

  defs.push_back({"cross_entropy", 2, 2, {"label_smoothing", "reduction"}, {}, buildCrossEntropy});
  defs.push_back({"mse", 2, 2, {"reduction"}, {}, buildLoss<MseOp>});
  defs.push_back({"relative_l2", 2, 2, {"reduction"}, {}, buildLoss<RelativeL2Op>});
}
