//===- KANLayers.cpp - Kolmogorov-Arnold layers ----------------------------===//
//
// kan_linear, the efficient-kan layout (output-major parameters):
//
//   y = base_activation(x)·base_weightᵀ
//     + basis(x).reshape(B, n_in·K)·(spline_weight ⊙ spline_scaler[…, None]).reshape(n_out, n_in·K)ᵀ
//
// with basis one of
//   bspline    B-splines on the frozen knot rows `grid` (G intervals
//              on grid_range, order k, G + 2k + 1 knots, K = G + k bases);
//   rbf        exp(−((x − g)/h)²) for K = num_centers centers g evenly on
//              grid_range (default [−2, 2]), h their spacing;
//   chebyshev  T_0 … T_D of tanh(x) by T_{n+1} = 2u·T_n − T_{n−1}, K = D + 1,
//              no scaler and no base branch by default.
// The layer is built as one hnn.kan_linear (its expansion into the basis and
// core ops, which gradients and lowering work on, is dialect/KANExpand.cpp;
// the spline branch becomes one kan_spline, a fused kernel that never stores
// the bases).
//
// kan_conv2d applies the same map to every unfolded patch (ConvKAN): one
// hnn.kan_conv2d per layer (per channel group with groups).
//
//===----------------------------------------------------------------------===//
#include "frontend/Builder.h"

#include "dialect/Builders.h"
#include "dialect/ShapeInference.h"

#include <cmath>

using namespace mlir::hnn::frontend;
using namespace mlir;
using mlir::hnn::ParamKind;
using mlir::hnn::build::reshape;

namespace {

/// `grid_range: [low, high]` (low < high), or `dflt`.
std::optional<std::pair<double, double>> range(LayerContext &c, std::pair<double, double> dflt) {
  const YNode *node = c.attrs.node("grid_range");
  if (!node)
    return dflt;
  std::optional<double> lo, hi;
  if (node->isSequence() && node->items.size() == 2) {
    lo = asNumber(node->items[0]);
    hi = asNumber(node->items[1]);
  }
  if (!lo || !hi || *lo >= *hi) {
    c.attrs.error("grid_range", "'grid_range' must be [low, high] with low < high, got " +
                                    node->describe());
    return std::nullopt;
  }
  return std::make_pair(*lo, *hi);
}

/// The attributes shared by kan_linear and kan_conv2d.
struct KANSpec {
  std::string basis, base;
  int64_t gridSize = 5, order = 3, centers = 8, degree = 4;
  std::pair<double, double> span;
  bool layerNorm = false; // rbf: LayerNorm over the features before the bases (FastKAN)
  /// Bases per input feature.
  int64_t bases() const {
    return basis == "bspline" ? gridSize + order : basis == "rbf" ? centers : degree + 1;
  }
  bool scaled() const { return basis != "chebyshev"; }
};

std::optional<KANSpec> readSpec(LayerContext &c) {
  Attrs &a = c.attrs;
  KANSpec s;
  s.basis = a.getChoice("basis", {"bspline", "rbf", "chebyshev"}, "bspline");
  s.base = a.getChoice("base_activation", {"silu", "identity", "none"},
                       s.basis == "chebyshev" ? "none" : "silu");
  s.gridSize = a.getInt("grid_size", 5, 1);
  s.order = a.getInt("spline_order", 3, 0);
  s.centers = a.getInt("num_centers", 8, 2);
  s.degree = a.getInt("degree", 4, 1);
  auto span = range(c, s.basis == "rbf" ? std::make_pair(-2.0, 2.0) : std::make_pair(-1.0, 1.0));
  if (s.basis != "bspline" && (a.has("grid_size") || a.has("spline_order")))
    a.error(a.has("grid_size") ? "grid_size" : "spline_order",
            "'grid_size' and 'spline_order' belong to the bspline basis, not " + s.basis);
  if (s.basis != "rbf" && a.has("num_centers"))
    a.error("num_centers", "'num_centers' belongs to the rbf basis, not " + s.basis);
  if (s.basis != "chebyshev" && a.has("degree"))
    a.error("degree", "'degree' belongs to the chebyshev basis, not " + s.basis);
  s.layerNorm = a.getBool("layer_norm", false);
  if (s.basis != "rbf" && a.has("layer_norm"))
    a.error("layer_norm", "'layer_norm' belongs to the rbf basis, not " + s.basis);
  if (s.basis == "chebyshev" && a.has("grid_range"))
    a.error("grid_range", "the chebyshev basis has no 'grid_range' (it reads tanh(x))");
  if (!span)
    return std::nullopt;
  s.span = *span;
  return s;
}

/// A KAN map's operands after its input (the parameters) and attributes.
struct KANOperands {
  SmallVector<Value> params;
  SmallVector<NamedAttribute> attrs;
};

/// Creates the parameters of a KAN map of `in` features to `out` (named
/// `<prefix>.<name>`) and the attributes kan_linear and kan_conv2d share.
std::optional<KANOperands> kanParams(LayerContext &c, const KANSpec &s, int64_t in, int64_t out,
                                     llvm::StringRef prefix) {
  auto name = [&](llvm::StringRef suffix) {
    return prefix.empty() ? suffix.str() : (prefix + "." + suffix).str();
  };
  int64_t k = s.bases();

  double bound = 1.0 / std::sqrt(static_cast<double>(in));
  Value baseWeight =
      s.base == "none" ? Value()
                       : c.param(name("base_weight"), {out, in}, ParamKind::trainable,
                                 InitSpec::kaimingUniform(std::sqrt(5.0)));
  // Small spline coefficients: the layer starts close to its base branch.
  InitSpec splineInit = InitSpec::uniform(-0.05 / double(k), 0.05 / double(k));
  if (!s.scaled()) {
    splineInit.kind = InitSpec::Kind::Normal;
    splineInit.mean = 0;
    splineInit.std = 1.0 / (double(in) * double(k));
  }
  Value splineWeight =
      c.param(name("spline_weight"), {out, in, k}, ParamKind::trainable, splineInit);
  Value scaler = s.scaled() ? c.param(name("spline_scaler"), {out, in}, ParamKind::trainable,
                                      InitSpec::uniform(-bound, bound))
                            : Value();
  Value grid;
  if (s.basis == "bspline") {
    double h = (s.span.second - s.span.first) / double(s.gridSize);
    grid = c.param(name("grid"), {in, s.gridSize + 2 * s.order + 1}, ParamKind::frozen,
                   InitSpec::knots(s.span.first - double(s.order) * h, h));
  }
  if ((s.base != "none" && !baseWeight) || !splineWeight || (s.scaled() && !scaler) ||
      (s.basis == "bspline" && !grid))
    return std::nullopt;

  OpBuilder &b = c.builder();
  // The whole layer is one op; its parameters are its operands.
  Value lnWeight, lnBias;
  if (s.layerNorm) {
    lnWeight = c.param(name("layer_norm.weight"), {in}, ParamKind::trainable, InitSpec::constant(1));
    lnBias = c.param(name("layer_norm.bias"), {in}, ParamKind::trainable, InitSpec::constant(0));
    if (!lnWeight || !lnBias)
      return std::nullopt;
  }
  KANOperands ops;
  ops.params = {splineWeight};
  SmallVector<int32_t> segments = {1, 1};
  for (Value v : {baseWeight, scaler, grid, lnWeight, lnBias}) {
    if (v)
      ops.params.push_back(v);
    segments.push_back(v ? 1 : 0);
  }
  hnn::KanBasis basis = *hnn::symbolizeKanBasis(s.basis);
  hnn::KanBase base = *hnn::symbolizeKanBase(s.base);
  ops.attrs = {b.getNamedAttr("operandSegmentSizes", b.getDenseI32ArrayAttr(segments)),
               b.getNamedAttr("basis", hnn::KanBasisAttr::get(c.ctx(), basis)),
               b.getNamedAttr("base_activation", hnn::KanBaseAttr::get(c.ctx(), base)),
               b.getNamedAttr("order", b.getI64IntegerAttr(s.order))};
  if (s.basis == "rbf")
    ops.attrs.append({b.getNamedAttr("low", b.getF64FloatAttr(s.span.first)),
                      b.getNamedAttr("high", b.getF64FloatAttr(s.span.second))});
  return ops;
}

/// The KAN map on the last dimension of `x` (… × in → … × out) as one
/// kan_linear with new parameters. Leading dimensions are the batch and
/// static sizes.
Value kanCore(LayerContext &c, const KANSpec &s, Value x, int64_t out,
              llvm::StringRef prefix = "") {
  int64_t in = cast<RankedTensorType>(x.getType()).getShape().back();
  std::optional<KANOperands> ops = kanParams(c, s, in, out, prefix);
  if (!ops)
    return Value();
  SmallVector<Value> operands = {x};
  llvm::append_range(operands, ops->params);
  return LayerContext::result(c.create<hnn::KanLinearOp>(operands, ops->attrs));
}

Value buildKANLinear(LayerContext &c) {
  c.attrs.require("out_features");
  int64_t out = c.attrs.getInt("out_features", 1, 1);
  std::optional<KANSpec> spec = readSpec(c);
  if (!c.ready() || !spec)
    return Value();
  RankedTensorType t = c.type();
  if (t.getRank() < 2 || t.isDynamicDim(t.getRank() - 1) ||
      llvm::any_of(t.getShape().drop_front(), ShapedType::isDynamic))
    return c.error("layer type 'kan_linear' expects a batch × … × features input, got " +
                   mlir::hnn::typeStr(t));
  return kanCore(c, *spec, c.inputs[0], out);
}

/// ConvKAN: one kan_conv2d (the KAN map on every patch; the op's expansion
/// does the unfold and the patch/position transpose), or with groups one per
/// group of input channels (parameters `<layer>.<g>.…`), concatenated.
Value buildKANConv2d(LayerContext &c) {
  Attrs &a = c.attrs;
  ConvWindow win = readConvWindow(a);
  int64_t out = win.out, groups = win.groups;
  auto &kernel = win.kernel, &stride = win.stride, &padding = win.padding,
       &dilation = win.dilation;
  std::string mode =
      a.getChoice("padding_mode", {"zeros", "reflect", "replicate", "circular"}, "zeros");
  std::optional<KANSpec> spec = readSpec(c);
  if (!c.ready() || !spec)
    return Value();
  RankedTensorType t = c.type();
  if (t.getRank() != 4 || llvm::any_of(t.getShape().drop_front(), ShapedType::isDynamic))
    return c.error("layer type 'kan_conv2d' expects an N×C×H×W input, got " +
                   mlir::hnn::typeStr(t));
  int64_t channels = t.getDimSize(1);
  if (channels % groups || out % groups)
    return c.error("groups (" + llvm::Twine(groups) + ") must divide the input channels (" +
                   llvm::Twine(channels) + ") and out_channels (" + llvm::Twine(out) + ")");
  OpBuilder &b = c.builder();
  int64_t per = channels / groups;
  SmallVector<Value> parts;
  for (int64_t g = 0; g < groups; ++g) {
    Value x = c.inputs[0];
    if (groups > 1)
      x = hnn::SliceOp::create(b, c.loc, x, ArrayRef<int64_t>{1}, ArrayRef<int64_t>{g * per},
                               ArrayRef<int64_t>{(g + 1) * per}, DenseI64ArrayAttr());
    std::optional<KANOperands> ops =
        kanParams(c, *spec, per * kernel[0] * kernel[1], out / groups,
                  groups > 1 ? std::to_string(g) : "");
    if (!ops)
      return Value();
    SmallVector<Value> operands = {x};
    llvm::append_range(operands, ops->params);
    SmallVector<NamedAttribute> attrs = ops->attrs;
    attrs.append({b.getNamedAttr("kernel_size", b.getDenseI64ArrayAttr(kernel)),
                  b.getNamedAttr("stride", b.getDenseI64ArrayAttr(stride)),
                  b.getNamedAttr("padding", b.getDenseI64ArrayAttr(padding)),
                  b.getNamedAttr("dilation", b.getDenseI64ArrayAttr(dilation)),
                  b.getNamedAttr("padding_mode", hnn::PaddingModeAttr::get(
                                                     c.ctx(), *hnn::symbolizePaddingMode(mode)))});
    Value part = LayerContext::result(c.create<hnn::KanConv2dOp>(operands, attrs));
    if (!part)
      return Value();
    parts.push_back(part);
  }
  return groups == 1 ? parts[0] : Value(hnn::ConcatOp::create(b, c.loc, parts, b.getI64IntegerAttr(1)));
}

/// S-KAN: M candidate KAN layers on the same input (`<layer>.<basis>.…`
/// parameters), mixed per output unit by kan_select with trainable logits
/// (`mix_logits`, zeros: equal weights) and a frozen mask (`mix_mask`, ones:
/// every candidate). The selective and pruned phases set the mask.
Value buildSKANLinear(LayerContext &c) {
  Attrs &a = c.attrs;
  a.require("out_features");
  int64_t out = a.getInt("out_features", 1, 1);
  std::vector<std::string> bases;
  const llvm::StringRef known[] = {"bspline", "rbf", "chebyshev"};
  if (const YNode *list = a.node("bases")) {
    bool ok = list->isSequence() && !list->items.empty();
    for (const YNode &item : ok ? list->items : std::vector<YNode>()) {
      ok &= item.isScalar() && llvm::is_contained(known, item.value) &&
            !llvm::is_contained(bases, item.value);
      bases.push_back(item.value);
    }
    if (!ok)
      a.error("bases", "'bases' must be a list of distinct bases among bspline, rbf, chebyshev, "
                       "got " + list->describe());
  } else {
    bases.assign(std::begin(known), std::end(known));
  }
  KANSpec common;
  common.gridSize = a.getInt("grid_size", 5, 1);
  common.order = a.getInt("spline_order", 3, 0);
  common.centers = a.getInt("num_centers", 8, 2);
  common.degree = a.getInt("degree", 4, 1);
  auto bsplineSpan = range(c, {-1.0, 1.0});
  if (!c.ready() || !bsplineSpan)
    return Value();
  RankedTensorType t = c.type();
  if (t.getRank() < 2 || llvm::any_of(t.getShape().drop_front(), ShapedType::isDynamic))
    return c.error("layer type 'skan_linear' expects a batch × … × features input, got " +
                   mlir::hnn::typeStr(t));
  SmallVector<Value> operands;
  for (const std::string &basis : bases) {
    KANSpec spec = common;
    spec.basis = basis;
    spec.base = basis == "chebyshev" ? "none" : "silu";
    spec.span = basis == "rbf" ? std::make_pair(-2.0, 2.0) : *bsplineSpan;
    Value y = kanCore(c, spec, c.inputs[0], out, basis);
    if (!y)
      return Value();
    operands.push_back(y);
  }
  int64_t m = static_cast<int64_t>(bases.size());
  Value logits = c.param("mix_logits", {out, m}, ParamKind::trainable, InitSpec::constant(0.0));
  Value mask = c.param("mix_mask", {out, m}, ParamKind::frozen, InitSpec::constant(1.0));
  if (!logits || !mask)
    return Value();
  operands.append({logits, mask});
  return LayerContext::result(c.create<hnn::KanSelectOp>(operands));
}

} // namespace

void mlir::hnn::frontend::addKANLayers(std::vector<LayerDef> &defs) {
  std::vector<llvm::StringRef> kanKeys = {"basis",       "base_activation", "grid_size",
                                          "spline_order", "grid_range",     "num_centers",
                                          "degree",       "layer_norm"};
  std::vector<llvm::StringRef> linearKeys = kanKeys, convKeys = kanKeys;
  linearKeys.push_back("out_features");
  convKeys.insert(convKeys.end(),
                  {"out_channels", "kernel_size", "stride", "padding", "dilation", "padding_mode",
                   "groups"});
  std::vector<llvm::StringRef> params = {"base_weight", "spline_weight",     "spline_scaler",
                                         "grid",        "layer_norm.weight", "layer_norm.bias"};
  defs.push_back({"kan_linear", 1, 1, linearKeys, params, buildKANLinear});
  defs.push_back({"kan_conv2d", 1, 1, convKeys, params, buildKANConv2d});
  std::vector<llvm::StringRef> selectKeys = {"out_features", "bases",       "grid_size",
                                             "spline_order", "grid_range",  "num_centers",
                                             "degree"};
  // `<basis>.<parameter>` for every candidate (the definitions hold views).
  static const std::vector<std::string> branchParams = [] {
    std::vector<std::string> names;
    for (const char *basis : {"bspline", "rbf", "chebyshev"})
      for (const char *p : {"base_weight", "spline_weight", "spline_scaler", "grid"})
        names.push_back(std::string(basis) + "." + p);
    return names;
  }();
  std::vector<llvm::StringRef> selectParams = {"mix_logits", "mix_mask"};
  selectParams.insert(selectParams.end(), branchParams.begin(), branchParams.end());
  defs.push_back({"skan_linear", 1, 1, selectKeys, selectParams, buildSKANLinear});
}
