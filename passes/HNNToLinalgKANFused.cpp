//===- HNNToLinalgKANFused.cpp - kan_spline as fused kernels --------------===//
//
// kan_spline is a GEMM  y[M, out] = Φ[M, n·C] · W[n·C, out]  whose left
// operand Φ (the C bases of each of the n features of each row) is computed,
// not read. The lowering never builds Φ: rows go in blocks of kRows (the
// blocks on the OpenMP threads, leftover rows one at a time), features in
// chunks of about kDepth basis values, and for each (block, chunk) the bases
// are evaluated into a kRows × chunk tile (a buffer reused across the chunks,
// like a GEMM's packed panel) that a marked contraction then multiplies.
// The two gradients are the same kernel shape:
//
//   grad_weight  dW[n·C, out] = Φᵀ · dy: feature chunks on the threads, the
//                rows (the batch) reduced block by block;
//   grad_input   dx[M, n]: per block and chunk, T = dy · W[:, chunk] into a
//                tile, then reduced over the bases against their derivatives.
//
// Basis values: B-splines, when every knot row is uniform (checked on the
// grid at each call) and the order is 1 to 3, by the closed form of the
// cardinal B-spline of t = (x − t₀)/h − c, symmetric about (k+1)/2;
// otherwise by the Cox–de Boor triangle on the k + 2 knots of each basis
// (and, for derivatives, the order-(k−1) pair with knot-difference
// coefficients), with the reciprocal knot differences computed once per call
// so that the blends multiply instead of divide. Gaussians from the center's index; Chebyshev polynomials by
// their recurrence (all terms up to C − 1, then the one of the basis index).
//
// The CPU schedule (passes/schedules/cpu.mlir) register-tiles and vectorizes
// the marked contractions (`__hnn_kan_tile`) and basis tiles
// (`__hnn_kan_tile_basis`).
//
//===----------------------------------------------------------------------===//
#include "passes/HNNToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

namespace {

constexpr int64_t kRows = 32;   // rows of a tile
constexpr int64_t kDepth = 256; // basis values per feature chunk (about)

using OFR = OpFoldResult;
using utils::IteratorType;

OFR ix(OpBuilder &b, int64_t v) { return b.getIndexAttr(v); }

Value slice(OpBuilder &b, Location loc, Value v, OFR r, OFR c, int64_t rows, int64_t cols) {
  return tensor::ExtractSliceOp::create(b, loc, v, {r, c}, {ix(b, rows), ix(b, cols)},
                                        {ix(b, 1), ix(b, 1)});
}

Value insert(OpBuilder &b, Location loc, Value src, Value dest, OFR r, OFR c) {
  auto t = cast<RankedTensorType>(src.getType());
  return tensor::InsertSliceOp::create(b, loc, src, dest, {r, c},
                                       {ix(b, t.getDimSize(0)), ix(b, t.getDimSize(1))},
                                       {ix(b, 1), ix(b, 1)});
}

Value zeros(OpBuilder &b, Location loc, Value dest) {
  return linalg::FillOp::create(b, loc, floatConst(b, loc, b.getF32Type(), 0.0), dest).getResult(0);
}

Value empty(OpBuilder &b, Location loc, ArrayRef<int64_t> shape) {
  return tensor::EmptyOp::create(b, loc, shape, b.getF32Type());
}

Value f32c(OpBuilder &b, Location loc, double v) { return floatConst(b, loc, b.getF32Type(), v); }

/// An index (a loop position inside a linalg body) as f32.
Value indexToF32(OpBuilder &b, Location loc, Value i) {
  return arith::SIToFPOp::create(b, loc, b.getF32Type(),
                                 arith::IndexCastOp::create(b, loc, b.getI32Type(), i).getResult());
}

/// acc[d0, d1] += lhs[lhsMap] · rhs[rhsMap] over d2: a tile of one of the
/// three GEMMs, marked for the register-tiling schedule.
Value contract(OpBuilder &b, Location loc, Value lhs, Value rhs, Value acc, AffineMap lhsMap,
               AffineMap rhsMap) {
  MLIRContext *ctx = b.getContext();
  AffineMap out = AffineMap::get(3, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)}, ctx);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{acc.getType()}, ValueRange{lhs, rhs}, ValueRange{acc},
      SmallVector<AffineMap>{lhsMap, rhsMap, out},
      SmallVector<IteratorType>{IteratorType::parallel, IteratorType::parallel,
                                IteratorType::reduction},
      [](OpBuilder &nb, Location l, ValueRange a) {
        Value p = arith::MulFOp::create(nb, l, a[0], a[1]);
        linalg::YieldOp::create(nb, l, Value(arith::AddFOp::create(nb, l, a[2], p)));
      });
  generic->setAttr("__hnn_kan_tile", b.getUnitAttr());
  return generic.getResult(0);
}

AffineMap dims3(MLIRContext *ctx, unsigned a, unsigned b) {
  return AffineMap::get(3, 0, {getAffineDimExpr(a, ctx), getAffineDimExpr(b, ctx)}, ctx);
}

/// The cardinal B-spline of order k ∈ {1, 2, 3} at t (support [0, k+1)), or
/// its derivative in t: with r = |t − (k+1)/2| it is a polynomial in r on
/// an inner and an outer piece.
Value cardinal(OpBuilder &b, Location l, Value t, int64_t k, bool derivative) {
  auto c = [&](double v) { return f32c(b, l, v); };
  auto mul = [&](Value x, Value y) { return Value(arith::MulFOp::create(b, l, x, y)); };
  auto sub = [&](Value x, Value y) { return Value(arith::SubFOp::create(b, l, x, y)); };
  auto add = [&](Value x, Value y) { return Value(arith::AddFOp::create(b, l, x, y)); };
  double mid = double(k + 1) / 2.0, inner = k == 1 ? 1.0 : (k == 2 ? 0.5 : 1.0);
  Value d = sub(t, c(mid));
  Value r = math::AbsFOp::create(b, l, d);
  Value q = sub(c(mid), r); // distance to the end of the support
  Value in, out;            // the inner and outer pieces (value, or d/dr)
  switch (k) {
  case 1: // 1 − r
    in = derivative ? c(-1.0) : q;
    out = in;
    break;
  case 2: // 3/4 − r² | (3/2 − r)²/2
    in = derivative ? mul(c(-2.0), r) : sub(c(0.75), mul(r, r));
    out = derivative ? sub(c(0.0), q) : mul(c(0.5), mul(q, q));
    break;
  default: // 2/3 − r² + r³/2 | (2 − r)³/6
    in = derivative ? mul(r, sub(mul(c(1.5), r), c(2.0)))
                    : add(c(2.0 / 3.0), mul(mul(r, r), sub(mul(c(0.5), r), c(1.0))));
    out = derivative ? mul(c(-0.5), mul(q, q)) : mul(c(1.0 / 6.0), mul(q, mul(q, q)));
    break;
  }
  Value isIn = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, r, c(inner));
  Value isOut = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, r, c(mid));
  Value v = arith::SelectOp::create(b, l, isIn, in, out);
  v = arith::SelectOp::create(b, l, isOut, v, c(0.0));
  if (!derivative)
    return v;
  // d/dt = d/dr · sign(t − mid), the right-hand derivative at t = mid.
  Value right = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE, d, c(0.0));
  return arith::SelectOp::create(b, l, right, v, sub(c(0.0), v));
}

/// How the bases of one op are evaluated.
struct Spline {
  KanBasis basis;
  Value grid;      // n × m (bspline)
  int64_t order;   // k (bspline)
  int64_t bases;   // C
  bool closedForm; // uniform knot rows: t0 and 1/h per feature
  Value t0, invH;  // n each, closed form only
  double low = 0, step = 1; // rbf: the first center and the spacing
  // Recursion: R_p[i, s] = 1/(t[i, s+p] − t[i, s]), 0 over coincident
  // knots, for p = 1 … k (n × (m − p) each): the blends multiply.
  SmallVector<Value> reciprocals;

  /// The bases (or, with `against`, Σ_c B'_c · against[…, c]) of the
  /// features [f, f + F) at `xTile` (R × F), into `init` (R × F × C, or R × F).
  Value tile(OpBuilder &b, Location loc, Value xTile, OFR f, int64_t F, Value init,
             Value against = Value()) const {
    MLIRContext *ctx = b.getContext();
    int64_t k = order, C = bases;
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<Value> inputs = {xTile};
    SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {d(0), d(1)}, ctx)};
    AffineMap perFeature = AffineMap::get(3, 0, {d(1)}, ctx);
    AffineMap knotMap = AffineMap::get(3, 0, {d(1), d(2)}, ctx);
    if (closedForm) {
      for (Value v : {t0, invH}) {
        inputs.push_back(tensor::ExtractSliceOp::create(b, loc, v, {f}, {ix(b, F)}, {ix(b, 1)}));
        maps.push_back(perFeature);
      }
    } else if (basis == KanBasis::bspline) {
      // Knot j of basis c is column c + j of the feature's row; the blend
      // of level p at j needs R_p at columns c + j and c + j + 1.
      for (int64_t j = 0; j <= k + 1; ++j) {
        inputs.push_back(slice(b, loc, grid, f, ix(b, j), F, C));
        maps.push_back(knotMap);
      }
      for (int64_t p = 1; p <= k; ++p)
        for (int64_t j = 0; j <= k + 1 - p; ++j) {
          inputs.push_back(slice(b, loc, reciprocals[p - 1], f, ix(b, j), F, C));
          maps.push_back(knotMap);
        }
    }
    if (against) {
      inputs.push_back(against);
      maps.push_back(b.getMultiDimIdentityMap(3));
      maps.push_back(AffineMap::get(3, 0, {d(0), d(1)}, ctx));
    } else {
      maps.push_back(b.getMultiDimIdentityMap(3));
    }
    SmallVector<IteratorType> iterators(3, IteratorType::parallel);
    if (against)
      iterators[2] = IteratorType::reduction;
    bool derivative = static_cast<bool>(against);
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps, iterators,
        [&](OpBuilder &nb, Location l, ValueRange a) {
          Value x = a[0], v;
          Value c = linalg::IndexOp::create(nb, l, 2);
          if (closedForm) {
            Value u = arith::MulFOp::create(nb, l, arith::SubFOp::create(nb, l, x, a[1]), a[2]);
            v = cardinal(nb, l, arith::SubFOp::create(nb, l, u, indexToF32(nb, l, c)), k, derivative);
            if (derivative)
              v = arith::MulFOp::create(nb, l, v, a[2]);
          } else if (basis == KanBasis::bspline) {
            ValueRange t = a.slice(1, k + 2), r = a.slice(k + 3, a.size() - k - 3);
            v = recursion(nb, l, x, t, r, k, derivative);
          } else if (basis == KanBasis::rbf) {
            v = gaussian(nb, l, x, c, derivative);
          } else {
            v = chebyshev(nb, l, x, c, derivative);
          }
          if (derivative) {
            Value p = arith::MulFOp::create(nb, l, v, a[a.size() - 2]);
            v = arith::AddFOp::create(nb, l, a.back(), p);
          }
          linalg::YieldOp::create(nb, l, v);
        });
    generic->setAttr("__hnn_kan_tile_basis", b.getUnitAttr());
    return generic.getResult(0);
  }

  /// exp(−d²) with d = (x − g_c)/h, g_c = low + c·h; or its derivative
  /// −2d/h·exp(−d²).
  Value gaussian(OpBuilder &b, Location l, Value x, Value c, bool derivative) const {
    Value g = arith::AddFOp::create(
        b, l, f32c(b, l, low), arith::MulFOp::create(b, l, indexToF32(b, l, c), f32c(b, l, step)));
    Value d = arith::MulFOp::create(b, l, arith::SubFOp::create(b, l, x, g), f32c(b, l, 1.0 / step));
    Value v = math::ExpOp::create(
        b, l, arith::SubFOp::create(b, l, f32c(b, l, 0.0), arith::MulFOp::create(b, l, d, d)));
    if (!derivative)
      return v;
    return arith::MulFOp::create(b, l, v, arith::MulFOp::create(b, l, d, f32c(b, l, -2.0 / step)));
  }

  /// T_c(x) by T_{j+1} = 2x·T_j − T_{j−1}; or T'_c = c·U_{c−1}(x) by the same
  /// recurrence from U_0 = 1, U_1 = 2x. Every term up to C − 1, then the one
  /// of index c.
  Value chebyshev(OpBuilder &b, Location l, Value x, Value c, bool derivative) const {
    Value twoX = arith::MulFOp::create(b, l, f32c(b, l, 2.0), x);
    SmallVector<Value> terms = {f32c(b, l, 1.0), derivative ? twoX : x};
    for (int64_t j = 2; j < bases; ++j)
      terms.push_back(arith::SubFOp::create(
          b, l, arith::MulFOp::create(b, l, twoX, terms[j - 1]), terms[j - 2]));
    Value v = f32c(b, l, 0.0);
    for (int64_t j = derivative ? 1 : 0; j < bases; ++j) {
      Value term = derivative ? arith::MulFOp::create(b, l, f32c(b, l, double(j)), terms[j - 1])
                              : terms[j];
      Value is = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, c, indexConst(b, l, j));
      v = arith::SelectOp::create(b, l, is, term, v);
    }
    return v;
  }

  /// The Cox–de Boor triangle on the k + 2 knots `t` with the reciprocal
  /// knot differences `r` (for each level p = 1 … k, R_p at offsets 0 … k+1−p):
  /// B_k, or B'_k = k·R_k[0]·B_{0,k−1} − k·R_k[1]·B_{1,k−1}. Coincident knots
  /// have R = 0, so their terms vanish without a test.
  Value recursion(OpBuilder &b, Location l, Value x, ValueRange t, ValueRange r, int64_t k,
                  bool derivative) const {
    if (derivative && k == 0)
      return f32c(b, l, 0.0);
    auto mul = [&](Value u, Value v) { return Value(arith::MulFOp::create(b, l, u, v)); };
    auto sub = [&](Value u, Value v) { return Value(arith::SubFOp::create(b, l, u, v)); };
    // R_p at offset j.
    auto rcp = [&](int64_t p, int64_t j) {
      int64_t first = 0;
      for (int64_t q = 1; q < p; ++q)
        first += k + 2 - q;
      return r[first + j];
    };
    SmallVector<Value> basisAt;
    for (int64_t j = 0; j <= k; ++j) {
      Value ge = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE, x, t[j]);
      Value lt = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, x, t[j + 1]);
      basisAt.push_back(arith::SelectOp::create(b, l, arith::AndIOp::create(b, l, ge, lt),
                                                f32c(b, l, 1.0), f32c(b, l, 0.0)));
    }
    int64_t levels = derivative ? k - 1 : k;
    for (int64_t p = 1; p <= levels; ++p)
      for (int64_t j = 0; j + p <= k; ++j)
        basisAt[j] = arith::AddFOp::create(
            b, l, mul(mul(sub(x, t[j]), rcp(p, j)), basisAt[j]),
            mul(mul(sub(t[j + p + 1], x), rcp(p, j + 1)), basisAt[j + 1]));
    if (!derivative)
      return basisAt[0];
    return mul(f32c(b, l, double(k)),
               sub(mul(rcp(k, 0), basisAt[0]), mul(rcp(k, 1), basisAt[1])));
  }
};

/// Whether every knot row of `grid` (n × m) is uniform: each step within
/// 5·10⁻⁷·max(|t₀|, |t_last|, h) of h = (t_last − t₀)/(m − 1) > 0, which
/// float rounding of evenly spaced knots stays within.
Value isUniform(OpBuilder &b, Location loc, Value grid, Value first, Value last) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(grid.getType());
  int64_t n = type.getDimSize(0), m = type.getDimSize(1);
  Value scalar = empty(b, loc, {});
  Value init = linalg::FillOp::create(b, loc, f32c(b, loc, -1.0), scalar).getResult(0);
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  AffineMap row = AffineMap::get(2, 0, {d(0)}, ctx), both = AffineMap::get(2, 0, {d(0), d(1)}, ctx);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()},
      ValueRange{slice(b, loc, grid, ix(b, 0), ix(b, 1), n, m - 1),
                 slice(b, loc, grid, ix(b, 0), ix(b, 0), n, m - 1), first, last},
      ValueRange{init}, SmallVector<AffineMap>{both, both, row, row, AffineMap::get(2, 0, {}, ctx)},
      SmallVector<IteratorType>(2, IteratorType::reduction),
      [&](OpBuilder &nb, Location l, ValueRange a) {
        auto c = [&](double v) { return f32c(nb, l, v); };
        Value h = arith::DivFOp::create(nb, l, arith::SubFOp::create(nb, l, a[3], a[2]), c(double(m - 1)));
        Value scale = arith::MaximumFOp::create(
            nb, l, math::AbsFOp::create(nb, l, a[2]),
            arith::MaximumFOp::create(nb, l, math::AbsFOp::create(nb, l, a[3]), h));
        Value step = arith::SubFOp::create(nb, l, a[0], a[1]);
        Value dev = math::AbsFOp::create(nb, l, arith::SubFOp::create(nb, l, step, h));
        Value bad = arith::SubFOp::create(nb, l, dev, arith::MulFOp::create(nb, l, c(5e-7), scale));
        Value positive = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT, h, c(0.0));
        bad = arith::SelectOp::create(nb, l, positive, bad, c(1.0));
        linalg::YieldOp::create(nb, l, Value(arith::MaximumFOp::create(nb, l, a[4], bad)));
      });
  Value worst = tensor::ExtractOp::create(b, loc, generic.getResult(0), ValueRange{});
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, worst, f32c(b, loc, 0.0));
}

/// Column `j` of `grid` as a vector of n.
Value gridColumn(OpBuilder &b, Location loc, Value grid, int64_t j) {
  int64_t n = cast<RankedTensorType>(grid.getType()).getDimSize(0);
  auto type = RankedTensorType::get({n}, b.getF32Type());
  return tensor::ExtractSliceOp::create(b, loc, type, grid, {ix(b, 0), ix(b, j)}, {ix(b, n), ix(b, 1)},
                                        {ix(b, 1), ix(b, 1)});
}

/// R_p = 1/(t[:, p:] − t[:, :m−p]) for p = 1 … order (0 where the knots
/// coincide), once per call: n × (m − p) each.
SmallVector<Value> knotReciprocals(OpBuilder &b, Location loc, Value grid, int64_t order) {
  auto type = cast<RankedTensorType>(grid.getType());
  int64_t n = type.getDimSize(0), m = type.getDimSize(1);
  SmallVector<Value> result;
  for (int64_t p = 1; p <= order; ++p) {
    auto rType = RankedTensorType::get({n, m - p}, b.getF32Type());
    result.push_back(elementwise(
        b, loc, rType,
        {slice(b, loc, grid, ix(b, 0), ix(b, p), n, m - p),
         slice(b, loc, grid, ix(b, 0), ix(b, 0), n, m - p)},
        [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
          Value d = arith::SubFOp::create(nb, l, a[0], a[1]);
          Value isZero = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OEQ, d, f32c(nb, l, 0.0));
          Value safe = arith::SelectOp::create(nb, l, isZero, f32c(nb, l, 1.0), d);
          return arith::SelectOp::create(nb, l, isZero, f32c(nb, l, 0.0),
                                         arith::DivFOp::create(nb, l, f32c(nb, l, 1.0), safe));
        }));
  }
  return result;
}

using KernelFn = function_ref<Value(OpBuilder &, Location, const Spline &)>;

/// `kernel` with the op's basis: for B-splines, the closed form when the
/// grid is uniform at run time and the recursion otherwise (only the
/// recursion for orders without a closed form).
template <typename OpT>
Value withSpline(OpBuilder &b, Location loc, OpT op, int64_t bases, KernelFn kernel) {
  Spline general{op.getBasis(), op.getGrid(), op.getOrder(), bases, false, Value(), Value(), 0, 1, {}};
  if (op.getBasis() == KanBasis::rbf) {
    general.low = op.getLow().convertToDouble();
    general.step = (op.getHigh().convertToDouble() - general.low) / double(bases - 1);
  }
  int64_t order = op.getOrder();
  if (op.getBasis() == KanBasis::bspline)
    general.reciprocals = knotReciprocals(b, loc, op.getGrid(), order);
  if (op.getBasis() != KanBasis::bspline || order < 1 || order > 3)
    return kernel(b, loc, general);
  Value grid = op.getGrid();
  int64_t m = cast<RankedTensorType>(grid.getType()).getDimSize(1);
  Value first = gridColumn(b, loc, grid, 0), last = gridColumn(b, loc, grid, m - 1);
  Value invH = elementwise(b, loc, cast<RankedTensorType>(first.getType()), {first, last},
                           [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                             Value span = arith::SubFOp::create(nb, l, a[1], a[0]);
                             return arith::DivFOp::create(nb, l, f32c(nb, l, double(m - 1)), span);
                           });
  Spline uniform = general;
  uniform.closedForm = true;
  uniform.t0 = first;
  uniform.invH = invH;
  auto ifOp = scf::IfOp::create(
      b, loc, isUniform(b, loc, grid, first, last),
      [&](OpBuilder &nb, Location l) { scf::YieldOp::create(nb, l, kernel(nb, l, uniform)); },
      [&](OpBuilder &nb, Location l) { scf::YieldOp::create(nb, l, kernel(nb, l, general)); });
  return ifOp.getResult(0);
}

using BlockFn = function_ref<Value(OpBuilder &, Location, Value /*row*/, int64_t /*rows*/,
                                   Value /*dest*/)>;

/// Fills the rows of `init` (M × cols) block by block: `block(r, R, dest)`
/// returns rows [r, r + R) given their slice of `init`. Full blocks of kRows
/// run on the threads, the leftover rows one at a time.
Value overRows(OpBuilder &b, Location loc, Value init, BlockFn block) {
  int64_t cols = cast<RankedTensorType>(init.getType()).getDimSize(1);
  Value rows = tensor::DimOp::create(b, loc, init, 0);
  Value tile = indexConst(b, loc, kRows);
  Value full = arith::MulIOp::create(b, loc, arith::DivUIOp::create(b, loc, rows, tile), tile);
  auto forall = scf::ForallOp::create(b, loc, ArrayRef<OFR>{ix(b, 0)}, ArrayRef<OFR>{full},
                                      ArrayRef<OFR>{ix(b, kRows)}, ValueRange{init}, std::nullopt);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forall.getTerminator());
    Value r = forall.getInductionVars()[0], out = forall.getRegionIterArgs()[0];
    Value result = block(b, loc, r, kRows, slice(b, loc, out, r, ix(b, 0), kRows, cols));
    b.setInsertionPointToStart(forall.getTerminator().getBody());
    tensor::ParallelInsertSliceOp::create(b, loc, result, out, {r, ix(b, 0)},
                                          {ix(b, kRows), ix(b, cols)}, {ix(b, 1), ix(b, 1)});
  }
  auto rest = scf::ForOp::create(
      b, loc, full, rows, indexConst(b, loc, 1), ValueRange{forall.getResult(0)},
      [&](OpBuilder &nb, Location l, Value r, ValueRange args) {
        Value result = block(nb, l, r, 1, slice(nb, l, args[0], r, ix(nb, 0), 1, cols));
        scf::YieldOp::create(nb, l, insert(nb, l, result, args[0], r, ix(nb, 0)));
      });
  return rest.getResult(0);
}

using ChunkFn = function_ref<SmallVector<Value>(OpBuilder &, Location, Value /*feature*/,
                                                int64_t /*features*/, ValueRange /*state*/)>;

/// Runs `chunk` over the n features in chunks of `step` (an scf.for over the
/// full chunks, then the remainder), threading `state`; `scratch(F)` gives
/// the state the remainder starts from in place of the loop's scratch
/// (state[1…] are per-chunk-size buffers, state[0] the accumulated result).
Value overFeatures(OpBuilder &b, Location loc, int64_t n, int64_t step, ValueRange state,
                   function_ref<SmallVector<Value>(int64_t)> scratch, ChunkFn chunk) {
  int64_t full = n / step * step;
  Value acc = state[0];
  if (full > 0) {
    auto loop = scf::ForOp::create(
        b, loc, indexConst(b, loc, 0), indexConst(b, loc, full), indexConst(b, loc, step), state,
        [&](OpBuilder &nb, Location l, Value f, ValueRange args) {
          scf::YieldOp::create(nb, l, chunk(nb, l, f, step, args));
        });
    acc = loop.getResult(0);
  }
  if (full < n) {
    SmallVector<Value> rest = {acc};
    llvm::append_range(rest, scratch(n - full));
    acc = chunk(b, loc, indexConst(b, loc, full), n - full, rest)[0];
  }
  return acc;
}

/// The features per chunk: about kDepth basis values.
int64_t chunkFeatures(int64_t n, int64_t bases) {
  return std::min(n, std::max<int64_t>(1, kDepth / bases));
}

/// x (…×n) as a matrix M × n (a vector as one row).
Value asMatrix(OpBuilder &b, Location loc, Value x) {
  auto t = cast<RankedTensorType>(x.getType());
  if (t.getRank() == 1)
    return tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get({1, t.getDimSize(0)}, t.getElementType()), x,
        SmallVector<ReassociationIndices>{{0, 1}});
  return collapseLeading(b, loc, x, t.getRank() - 1);
}

/// A matrix result M × cols back to `type` (the shape of the op's input
/// with `cols` last).
Value fromMatrix(OpBuilder &b, Location loc, Value y, RankedTensorType type, Value x) {
  if (type.getRank() == 1)
    return tensor::CollapseShapeOp::create(b, loc, y, SmallVector<ReassociationIndices>{{0, 1}});
  return expandLeading(b, loc, y, type, type.getRank() - 1, x);
}

/// The sizes of a kan_spline kernel, from its `out × n × C` weight (or
/// weight gradient): units, features, bases, features per chunk.
struct Sizes {
  int64_t out, n, C, step;
  explicit Sizes(Type weight) {
    auto t = cast<RankedTensorType>(weight);
    out = t.getDimSize(0), n = t.getDimSize(1), C = t.getDimSize(2);
    step = chunkFeatures(n, C);
  }
};

bool lowerable(Operation *op) {
  return staticBeyondBatch(op->getOperandTypes()) && staticBeyondBatch(op->getResultTypes());
}

struct KanSplineLowering : OpRewritePattern<KanSplineOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(KanSplineOp op, PatternRewriter &rewriter) const override {
    if (!lowerable(op))
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    Location loc = op.getLoc();
    Sizes sz(op.getWeight().getType());
    int64_t out = sz.out, n = sz.n, C = sz.C, step = sz.step;
    MLIRContext *ctx = rewriter.getContext();
    Value x = asMatrix(rewriter, loc, op.getInput());
    // W as (n·C) × out, rows in the order of Φ's columns.
    Value w = tensor::CollapseShapeOp::create(
        rewriter, loc, transpose(rewriter, loc, op.getWeight(), {1, 2, 0}),
        SmallVector<ReassociationIndices>{{0, 1}, {2}});
    int64_t rowCount = cast<RankedTensorType>(x.getType()).getDimSize(0);
    Value y0 = emptyTensor(rewriter, loc, RankedTensorType::get({rowCount, out}, rewriter.getF32Type()), x);
    Value y = withSpline(rewriter, loc, op, C,
                         [&](OpBuilder &b, Location l, const Spline &s) {
      return overRows(b, l, y0, [&](OpBuilder &b, Location l, Value r, int64_t R, Value dest) {
        // A local accumulator: the hoisting of the register tiles out of
        // the reduction loop does not look through views of the result.
        SmallVector<Value> state = {zeros(b, l, empty(b, l, {R, out})), empty(b, l, {R, step, C})};
        return overFeatures(
            b, l, n, step, state,
            [&](int64_t F) { return SmallVector<Value>{empty(b, l, {R, F, C})}; },
            [&](OpBuilder &b, Location l, Value f, int64_t F, ValueRange st) {
              Value phi = s.tile(b, l, slice(b, l, x, r, f, R, F), f, F, st[1]);
              Value flat = tensor::CollapseShapeOp::create(
                  b, l, phi, SmallVector<ReassociationIndices>{{0}, {1, 2}});
              Value row = arith::MulIOp::create(b, l, f, indexConst(b, l, C));
              Value acc = contract(b, l, flat, slice(b, l, w, row, ix(b, 0), F * C, out), st[0],
                                   dims3(ctx, 0, 2), dims3(ctx, 2, 1));
              return SmallVector<Value>{acc, phi};
            });
      });
    });
    rewriter.replaceOp(op, fromMatrix(rewriter, loc, y, cast<RankedTensorType>(op.getType()),
                                      op.getInput()));
    return success();
  }
};

struct KanSplineGradInputLowering : OpRewritePattern<KanSplineGradInputOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(KanSplineGradInputOp op,
                                PatternRewriter &rewriter) const override {
    if (!lowerable(op))
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    Location loc = op.getLoc();
    Sizes sz(op.getWeight().getType());
    int64_t out = sz.out, n = sz.n, C = sz.C, step = sz.step;
    MLIRContext *ctx = rewriter.getContext();
    Value x = asMatrix(rewriter, loc, op.getInput());
    Value dy = asMatrix(rewriter, loc, op.getOutputGrad());
    // W as out × (n·C): a view.
    Value w = tensor::CollapseShapeOp::create(rewriter, loc, op.getWeight(),
                                              SmallVector<ReassociationIndices>{{0}, {1, 2}});
    Value dx0 = emptyTensor(rewriter, loc, cast<RankedTensorType>(x.getType()), x);
    Value dx = withSpline(rewriter, loc, op, C,
                          [&](OpBuilder &b, Location l, const Spline &s) {
      return overRows(b, l, dx0, [&](OpBuilder &b, Location l, Value r, int64_t R, Value dest) {
        Value dyRows = slice(b, l, dy, r, ix(b, 0), R, out);
        SmallVector<Value> state = {dest, empty(b, l, {R, step * C})};
        return overFeatures(
            b, l, n, step, state,
            [&](int64_t F) { return SmallVector<Value>{empty(b, l, {R, F * C})}; },
            [&](OpBuilder &b, Location l, Value f, int64_t F, ValueRange st) {
              // T = dy · W[:, chunk], then Σ_c B'_c · T[…, c] per feature.
              Value col = arith::MulIOp::create(b, l, f, indexConst(b, l, C));
              Value t = contract(b, l, dyRows, slice(b, l, w, ix(b, 0), col, out, F * C),
                                 zeros(b, l, st[1]), dims3(ctx, 0, 2), dims3(ctx, 2, 1));
              Value t3 = tensor::ExpandShapeOp::create(
                  b, l, RankedTensorType::get({R, F, C}, b.getF32Type()), t,
                  SmallVector<ReassociationIndices>{{0}, {1, 2}});
              Value d = s.tile(b, l, slice(b, l, x, r, f, R, F), f, F,
                               zeros(b, l, slice(b, l, st[0], ix(b, 0), f, R, F)), t3);
              return SmallVector<Value>{insert(b, l, d, st[0], ix(b, 0), f), t};
            });
      });
    });
    rewriter.replaceOp(op, fromMatrix(rewriter, loc, dx, cast<RankedTensorType>(op.getType()),
                                      op.getInput()));
    return success();
  }
};

struct KanSplineGradWeightLowering : OpRewritePattern<KanSplineGradWeightOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(KanSplineGradWeightOp op,
                                PatternRewriter &rewriter) const override {
    if (!lowerable(op))
      return rewriter.notifyMatchFailure(op, "only the batch may be dynamic");
    Location loc = op.getLoc();
    Sizes sz(op.getType());
    int64_t out = sz.out, n = sz.n, C = sz.C, step = sz.step;
    MLIRContext *ctx = rewriter.getContext();
    Value x = asMatrix(rewriter, loc, op.getInput());
    Value dy = asMatrix(rewriter, loc, op.getOutputGrad());
    Value rows = tensor::DimOp::create(rewriter, loc, x, 0);
    Value tile = indexConst(rewriter, loc, kRows);
    Value fullRows =
        arith::MulIOp::create(rewriter, loc, arith::DivUIOp::create(rewriter, loc, rows, tile), tile);
    // dW[f·C … (f+F)·C, :] = Σ over the rows of Φ[rows, chunk]ᵀ · dy[rows, :].
    auto chunk = [&](OpBuilder &b, Location l, const Spline &s, Value f, int64_t F) {
      Value acc = zeros(b, l, empty(b, l, {F * C, out})); // local: see the forward pass
      for (auto [lo, hi, R] : {std::tuple<Value, Value, int64_t>{indexConst(b, l, 0), fullRows, kRows},
                               {fullRows, rows, 1}}) {
        int64_t rowsPer = R;
        auto loop = scf::ForOp::create(
            b, l, lo, hi, indexConst(b, l, R), ValueRange{acc, empty(b, l, {R, F, C})},
            [&](OpBuilder &nb, Location nl, Value r, ValueRange st) {
              Value phi = s.tile(nb, nl, slice(nb, nl, x, r, f, rowsPer, F), f, F, st[1]);
              Value flat = tensor::CollapseShapeOp::create(
                  nb, nl, phi, SmallVector<ReassociationIndices>{{0}, {1, 2}});
              Value next = contract(nb, nl, flat, slice(nb, nl, dy, r, ix(nb, 0), rowsPer, out), st[0],
                                    dims3(ctx, 2, 0), dims3(ctx, 2, 1));
              scf::YieldOp::create(nb, nl, ValueRange{next, phi});
            });
        acc = loop.getResult(0);
      }
      return acc;
    };
    Value dw0 = empty(rewriter, loc, {n * C, out});
    Value dw = withSpline(rewriter, loc, op, C,
                          [&](OpBuilder &b, Location l, const Spline &s) {
      int64_t full = n / step * step;
      Value acc = dw0;
      if (full > 0) {
        auto forall = scf::ForallOp::create(b, l, ArrayRef<OFR>{ix(b, 0)}, ArrayRef<OFR>{ix(b, full)},
                                            ArrayRef<OFR>{ix(b, step)}, ValueRange{dw0}, std::nullopt);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(forall.getTerminator());
        Value f = forall.getInductionVars()[0], shared = forall.getRegionIterArgs()[0];
        Value row = arith::MulIOp::create(b, l, f, indexConst(b, l, C));
        Value part = chunk(b, l, s, f, step);
        b.setInsertionPointToStart(forall.getTerminator().getBody());
        tensor::ParallelInsertSliceOp::create(b, l, part, shared, {row, ix(b, 0)},
                                              {ix(b, step * C), ix(b, out)}, {ix(b, 1), ix(b, 1)});
        acc = forall.getResult(0);
      }
      if (full < n) {
        Value part = chunk(b, l, s, indexConst(b, l, full), n - full);
        acc = insert(b, l, part, acc, ix(b, full * C), ix(b, 0));
      }
      return acc;
    });
    Value dw3 = tensor::ExpandShapeOp::create(rewriter, loc,
                                              RankedTensorType::get({n, C, out}, rewriter.getF32Type()),
                                              dw, SmallVector<ReassociationIndices>{{0, 1}, {2}});
    rewriter.replaceOp(op, transpose(rewriter, loc, dw3, {2, 0, 1}));
    return success();
  }
};

} // namespace

void hnn::populateHNNToLinalgKANFusedPatterns(RewritePatternSet &patterns) {
  patterns.add<KanSplineLowering, KanSplineGradInputLowering,
               KanSplineGradWeightLowering>(patterns.getContext());
}
