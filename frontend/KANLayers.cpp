//===- KANLayers.cpp - Kolmogorov-Arnold layers ----------------------------===//
//
// kan_linear, the efficient-kan layout (output-major parameters):
//
//   y = base_activation(x)·base_weightᵀ
//     + basis(x).reshape(B, n_in·K)·(spline_weight ⊙ spline_scaler[…, None]).reshape(n_out, n_in·K)ᵀ
//
// with basis one of
//   bspline    hnn.bspline_basis on the frozen knot rows `grid` (G intervals
//              on grid_range, order k, G + 2k + 1 knots, K = G + k bases);
//   rbf        exp(−((x − g)/h)²) for K = num_centers centers g evenly on
//              grid_range (default [−2, 2]), h their spacing;
//   chebyshev  T_0 … T_D of tanh(x) by T_{n+1} = 2u·T_n − T_{n−1}, K = D + 1,
//              no scaler and no base branch by default.
// Everything but the B-spline basis is ordinary hnn ops, so the gradients
// come from their rules. The basis is materialized (a fused kernel that
// never stores it is the next step).
//
//===----------------------------------------------------------------------===//
#include "frontend/Builder.h"

#include "dialect/ShapeInference.h"

#include <cmath>

using namespace mlir::hnn::frontend;
using namespace mlir;
using mlir::hnn::ParamKind;

namespace {

Value scalar(OpBuilder &b, Location loc, double v) {
  auto t = RankedTensorType::get({}, b.getF32Type());
  return hnn::ConstantOp::create(b, loc, DenseElementsAttr::get(t, b.getF32FloatAttr(v)));
}

Value reshape(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape) {
  auto type = RankedTensorType::get(shape, cast<RankedTensorType>(v.getType()).getElementType());
  return hnn::ReshapeOp::create(b, loc, type, v);
}

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

Value buildKANLinear(LayerContext &c) {
  Attrs &a = c.attrs;
  a.require("out_features");
  int64_t out = a.getInt("out_features", 1, 1);
  std::string basis = a.getChoice("basis", {"bspline", "rbf", "chebyshev"}, "bspline");
  std::string base = a.getChoice("base_activation", {"silu", "identity", "none"},
                                 basis == "chebyshev" ? "none" : "silu");
  int64_t gridSize = a.getInt("grid_size", 5, 1);
  int64_t order = a.getInt("spline_order", 3, 0);
  int64_t centers = a.getInt("num_centers", 8, 2);
  int64_t degree = a.getInt("degree", 4, 1);
  auto span = range(c, basis == "rbf" ? std::make_pair(-2.0, 2.0) : std::make_pair(-1.0, 1.0));
  if (basis != "bspline" && (a.has("grid_size") || a.has("spline_order")))
    a.error(a.has("grid_size") ? "grid_size" : "spline_order",
            "'grid_size' and 'spline_order' belong to the bspline basis, not " + basis);
  if (basis != "rbf" && a.has("num_centers"))
    a.error("num_centers", "'num_centers' belongs to the rbf basis, not " + basis);
  if (basis != "chebyshev" && a.has("degree"))
    a.error("degree", "'degree' belongs to the chebyshev basis, not " + basis);
  if (basis == "chebyshev" && a.has("grid_range"))
    a.error("grid_range", "the chebyshev basis has no 'grid_range' (it reads tanh(x))");
  if (!c.ready() || !span)
    return Value();
  RankedTensorType t = c.type();
  if (t.getRank() != 2 || t.isDynamicDim(1))
    return c.error("layer type 'kan_linear' expects a batch × features input, got " +
                   mlir::hnn::typeStr(t));
  int64_t in = t.getDimSize(1);
  int64_t k = basis == "bspline" ? gridSize + order : basis == "rbf" ? centers : degree + 1;
  bool scaled = basis != "chebyshev";

  double bound = 1.0 / std::sqrt(static_cast<double>(in));
  Value baseWeight =
      base == "none" ? Value()
                     : c.param("base_weight", {out, in}, ParamKind::trainable,
                               InitSpec::kaimingUniform(std::sqrt(5.0)));
  // Small spline coefficients: the layer starts close to its base branch.
  InitSpec splineInit = scaled ? InitSpec::uniform(-0.05 / double(k), 0.05 / double(k))
                               : InitSpec();
  if (!scaled) {
    splineInit.kind = InitSpec::Kind::Normal;
    splineInit.std = 1.0 / (double(in) * double(k));
  }
  Value splineWeight = c.param("spline_weight", {out, in, k}, ParamKind::trainable, splineInit);
  Value scaler = scaled ? c.param("spline_scaler", {out, in}, ParamKind::trainable,
                                  InitSpec::uniform(-bound, bound))
                        : Value();
  Value grid;
  if (basis == "bspline") {
    double h = (span->second - span->first) / double(gridSize);
    grid = c.param("grid", {in, gridSize + 2 * order + 1}, ParamKind::frozen,
                   InitSpec::knots(span->first - double(order) * h, h));
  }
  if ((base != "none" && !baseWeight) || !splineWeight || (scaled && !scaler) ||
      (basis == "bspline" && !grid))
    return Value();

  OpBuilder &b = c.builder();
  Location loc = c.loc;
  Value x = c.inputs[0];
  int64_t batch = t.getDimSize(0);
  Value bases;
  if (basis == "bspline") {
    bases = LayerContext::result(c.create<hnn::BsplineBasisOp>(
        {x, grid}, {b.getNamedAttr("order", b.getI64IntegerAttr(order))}));
    if (!bases)
      return Value();
  } else if (basis == "rbf") {
    double h = (span->second - span->first) / double(centers - 1);
    SmallVector<float> g;
    for (int64_t i = 0; i < centers; ++i)
      g.push_back(static_cast<float>(span->first + double(i) * h));
    auto gType = RankedTensorType::get({centers}, b.getF32Type());
    Value grid = hnn::ConstantOp::create(b, loc, DenseElementsAttr::get(gType, ArrayRef<float>(g)));
    Value z = hnn::DivOp::create(b, loc, hnn::SubOp::create(b, loc, reshape(b, loc, x, {batch, in, 1}), grid),
                                 scalar(b, loc, h));
    bases = hnn::ExpOp::create(b, loc, hnn::NegOp::create(b, loc, hnn::MulOp::create(b, loc, z, z)));
  } else {
    Value u = reshape(b, loc, hnn::TanhOp::create(b, loc, x), {batch, in, 1});
    SmallVector<Value> terms = {hnn::AddOp::create(b, loc, hnn::MulOp::create(b, loc, u, scalar(b, loc, 0.0)),
                                                   scalar(b, loc, 1.0)),
                                u};
    Value twoU = hnn::MulOp::create(b, loc, u, scalar(b, loc, 2.0));
    for (int64_t n = 2; n <= degree; ++n)
      terms.push_back(hnn::SubOp::create(b, loc, hnn::MulOp::create(b, loc, twoU, terms[n - 1]),
                                         terms[n - 2]));
    terms.resize(degree + 1);
    bases = hnn::ConcatOp::create(b, loc, terms, b.getI64IntegerAttr(2));
  }
  Value coef = splineWeight;
  if (scaler)
    coef = hnn::MulOp::create(b, loc, splineWeight, reshape(b, loc, scaler, {out, in, 1}));
  Value y = LayerContext::result(c.create<hnn::LinearOp>(
      {reshape(b, loc, bases, {batch, in * k}), reshape(b, loc, coef, {out, in * k})}));
  if (!y || base == "none")
    return y;
  Value act = base == "silu" ? Value(hnn::SiluOp::create(b, loc, x)) : x;
  Value baseOut = LayerContext::result(c.create<hnn::LinearOp>({act, baseWeight}));
  return baseOut ? Value(hnn::AddOp::create(b, loc, baseOut, y)) : Value();
}

} // namespace

void mlir::hnn::frontend::addKANLayers(std::vector<LayerDef> &defs) {
  defs.push_back({"kan_linear",
                  1,
                  1,
                  {"out_features", "basis", "base_activation", "grid_size", "spline_order",
                   "grid_range", "num_centers", "degree"},
                  {"base_weight", "spline_weight", "spline_scaler", "grid"},
                  buildKANLinear});
}
