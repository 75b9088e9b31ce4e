//===- HNNToLinalgElementwise.cpp - elementwise ops and activations -------===//
//
// Every elementwise op becomes one broadcasting linalg.generic whose body is
// the op's scalar formula, so later elementwise fusion sees plain generics.
//
//===----------------------------------------------------------------------===//
#include "passes/HNNToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

namespace {

/// Rewrites `OpTy` into an elementwise generic over all its operands, with
/// the scalar body given by `Derived::scalar(b, loc, op, args)`.
template <typename OpTy, typename Derived>
struct ElementwisePattern : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op, PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    Value result = elementwise(rewriter, op.getLoc(), type, op->getOperands(),
                               [&](OpBuilder &b, Location loc, ValueRange args) {
                                 return Derived::scalar(b, loc, op, args);
                               });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// One-line patterns: `HNN_SCALAR(Op, expr)` where `expr` may use `b`, `loc`,
/// `op`, `args` and `x` (= args[0]).
#define HNN_SCALAR(OpTy, ...)                                                        \
  struct OpTy##Lowering : ElementwisePattern<OpTy, OpTy##Lowering> {                 \
    using ElementwisePattern::ElementwisePattern;                                    \
    static Value scalar(OpBuilder &b, Location loc, OpTy op, ValueRange args) {      \
      Value x = args[0];                                                             \
      (void)x;                                                                       \
      Type t = x.getType();                                                          \
      (void)t;                                                                       \
      __VA_ARGS__                                                                    \
    }                                                                                \
  };

Value cst(OpBuilder &b, Location loc, Type t, double v) { return floatConst(b, loc, t, v); }

/// 1 / (1 + e^-x)
Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  Value d = arith::AddFOp::create(b, loc, cst(b, loc, t, 1.0), e);
  return arith::DivFOp::create(b, loc, cst(b, loc, t, 1.0), d);
}

Value clampBetween(OpBuilder &b, Location loc, Value x, std::optional<double> lo,
                   std::optional<double> hi) {
  Type t = x.getType();
  // maximumf/minimumf propagate NaN, as torch.clamp does.
  if (lo)
    x = arith::MaximumFOp::create(b, loc, x, cst(b, loc, t, *lo));
  if (hi)
    x = arith::MinimumFOp::create(b, loc, x, cst(b, loc, t, *hi));
  return x;
}

HNN_SCALAR(AddOp, return arith::AddFOp::create(b, loc, args[0], args[1]);)
HNN_SCALAR(SubOp, return arith::SubFOp::create(b, loc, args[0], args[1]);)
HNN_SCALAR(MulOp, return arith::MulFOp::create(b, loc, args[0], args[1]);)
HNN_SCALAR(DivOp, return arith::DivFOp::create(b, loc, args[0], args[1]);)
HNN_SCALAR(PowOp, return math::PowFOp::create(b, loc, args[0], args[1]);)
HNN_SCALAR(NegOp, return arith::NegFOp::create(b, loc, x);)
HNN_SCALAR(ExpOp, return math::ExpOp::create(b, loc, x);)
HNN_SCALAR(LogOp, return math::LogOp::create(b, loc, x);)
HNN_SCALAR(SqrtOp, return math::SqrtOp::create(b, loc, x);)
HNN_SCALAR(RsqrtOp, return math::RsqrtOp::create(b, loc, x);)
HNN_SCALAR(SinOp, return math::SinOp::create(b, loc, x);)
HNN_SCALAR(CosOp, return math::CosOp::create(b, loc, x);)
HNN_SCALAR(AbsOp, return math::AbsFOp::create(b, loc, x);)
HNN_SCALAR(TanhOp, return math::TanhOp::create(b, loc, x);)
HNN_SCALAR(SigmoidOp, return sigmoid(b, loc, x);)
HNN_SCALAR(SiluOp, return arith::MulFOp::create(b, loc, x, sigmoid(b, loc, x));)
// max(x, 0) that keeps NaN, as torch.relu.
HNN_SCALAR(ReluOp, return arith::MaximumFOp::create(b, loc, x, cst(b, loc, t, 0.0));)
// -1, 0 or 1; NaN stays NaN (x > 0 and x < 0 are both false, x itself is kept).
HNN_SCALAR(SignOp, {
  Value zero = cst(b, loc, t, 0.0);
  Value pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
  Value neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
  Value v = arith::SelectOp::create(b, loc, neg, cst(b, loc, t, -1.0), x);
  return arith::SelectOp::create(b, loc, pos, cst(b, loc, t, 1.0), v);
})
HNN_SCALAR(ClampOp, {
  auto lo = op.getMin() ? std::optional<double>(op.getMin()->convertToDouble()) : std::nullopt;
  auto hi = op.getMax() ? std::optional<double>(op.getMax()->convertToDouble()) : std::nullopt;
  return clampBetween(b, loc, x, lo, hi);
})
HNN_SCALAR(HardtanhOp, return clampBetween(b, loc, x, op.getMinVal().convertToDouble(),
                                           op.getMaxVal().convertToDouble());)
// x > 0 ? x : alpha (e^x - 1)
HNN_SCALAR(EluOp, {
  Value zero = cst(b, loc, t, 0.0);
  Value em1 = math::ExpM1Op::create(b, loc, x);
  Value neg =
      arith::MulFOp::create(b, loc, cst(b, loc, t, op.getAlpha().convertToDouble()), em1);
  Value pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
  return arith::SelectOp::create(b, loc, pos, x, neg);
})
// beta x > threshold ? x : log1p(e^(beta x)) / beta
HNN_SCALAR(SoftplusOp, {
  double beta = op.getBeta().convertToDouble();
  Value bx = arith::MulFOp::create(b, loc, x, cst(b, loc, t, beta));
  Value soft = math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, bx));
  soft = arith::DivFOp::create(b, loc, soft, cst(b, loc, t, beta));
  Value linear = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, bx,
                                       cst(b, loc, t, op.getThreshold().convertToDouble()));
  return arith::SelectOp::create(b, loc, linear, x, soft);
})
// exact: x/2 (1 + erf(x/√2)); tanh: x/2 (1 + tanh(√(2/π) (x + 0.044715 x³)))
HNN_SCALAR(GeluOp, {
  Value inner;
  if (op.getApproximate() == GeluApproximation::none) {
    Value s = arith::MulFOp::create(b, loc, x, cst(b, loc, t, M_SQRT1_2));
    inner = math::ErfOp::create(b, loc, s);
  } else {
    Value x3 = arith::MulFOp::create(b, loc, arith::MulFOp::create(b, loc, x, x), x);
    Value s = arith::AddFOp::create(
        b, loc, x, arith::MulFOp::create(b, loc, cst(b, loc, t, 0.044715), x3));
    s = arith::MulFOp::create(b, loc, s, cst(b, loc, t, std::sqrt(2.0 / M_PI)));
    inner = math::TanhOp::create(b, loc, s);
  }
  Value one = arith::AddFOp::create(b, loc, cst(b, loc, t, 1.0), inner);
  Value half = arith::MulFOp::create(b, loc, x, cst(b, loc, t, 0.5));
  return arith::MulFOp::create(b, loc, half, one);
})

#undef HNN_SCALAR

} // namespace

void hnn::populateHNNToLinalgElementwisePatterns(RewritePatternSet &patterns) {
  patterns.add<AddOpLowering, SubOpLowering, MulOpLowering, DivOpLowering, PowOpLowering,
               NegOpLowering, ExpOpLowering, LogOpLowering, SqrtOpLowering, RsqrtOpLowering,
               SinOpLowering, CosOpLowering, AbsOpLowering, TanhOpLowering, SigmoidOpLowering,
               SiluOpLowering, ReluOpLowering, SignOpLowering, ClampOpLowering,
               HardtanhOpLowering, EluOpLowering, SoftplusOpLowering, GeluOpLowering>(
      patterns.getContext());
}
