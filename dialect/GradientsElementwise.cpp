//===- GradientsElementwise.cpp - gradient rules of the elementwise ops ---===//
//
// The rules follow PyTorch's conventions at the kinks (checked against
// torch.autograd by test/autodiff/kinks.mlir): relu'(0) = 0, abs'(0) = 0,
// sign' = 0, clamp and hardtanh pass the gradient strictly inside their
// bounds (min < x < max; 0 at a bound, as torch.clamp with scalar bounds and
// torch.nn.functional.hardtanh), elu uses alpha·eˣ for x <= 0, softplus is
// linear (gradient 1) where beta·x > threshold, pow's adjoints are 0 where
// they would be 0·∞ (d/da at b = 0, d/db at a = 0).
//
// The dialect has no comparison or select op, so masks are built from sign
// and relu: sign(relu(x − c)) is 1 where x > c and 0 elsewhere.
//
//===----------------------------------------------------------------------===//
#include "dialect/Gradients.h"

#include "dialect/HNNOps.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::hnn;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Builds the rules' arithmetic at one location, with rank-0 constants of one
/// element type that broadcast against the tensors.
struct Emitter {
  OpBuilder &b;
  Location loc;
  Type elementType;

  Value cst(double v) {
    auto type = RankedTensorType::get({}, elementType);
    return ConstantOp::create(b, loc, DenseElementsAttr::get(type, b.getFloatAttr(elementType, v)));
  }
  Value add(Value x, Value y) { return AddOp::create(b, loc, x, y); }
  Value add(Value x, double c) { return add(x, cst(c)); }
  Value sub(Value x, Value y) { return SubOp::create(b, loc, x, y); }
  Value sub(double c, Value y) { return sub(cst(c), y); }
  Value sub(Value x, double c) { return sub(x, cst(c)); }
  Value mul(Value x, Value y) { return MulOp::create(b, loc, x, y); }
  Value mul(Value x, double c) { return mul(x, cst(c)); }
  Value div(Value x, Value y) { return DivOp::create(b, loc, x, y); }
  Value neg(Value x) { return NegOp::create(b, loc, x); }
  Value exp(Value x) { return ExpOp::create(b, loc, x); }
  Value log(Value x) { return LogOp::create(b, loc, x); }
  Value sign(Value x) { return SignOp::create(b, loc, x); }
  Value abs(Value x) { return AbsOp::create(b, loc, x); }
  Value relu(Value x) { return ReluOp::create(b, loc, x); }

  /// 1 where x > c, else 0.
  Value greater(Value x, double c) { return sign(relu(c == 0.0 ? x : sub(x, c))); }
  /// 1 where x < c, else 0.
  Value less(Value x, double c) { return sign(relu(c == 0.0 ? neg(x) : sub(c, x))); }
  /// 1 where x == 0, else 0.
  Value isZero(Value x) { return sub(1.0, abs(sign(x))); }
};

/// Φ(x) = (1 + erf(x/√2))/2 with erf from Abramowitz & Stegun 7.1.26
/// (|error| <= 1.5e-7), given E = exp(−x²/2). The dialect has no erf op.
Value normalCdf(Emitter &e, Value x, Value expHalfSquare) {
  const double p = 0.3275911;
  const double a[] = {0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429};
  // erf(|z|) = 1 − t·(a1 + t·(a2 + … + t·a5))·e^(−z²), t = 1/(1 + p|z|), z = x/√2.
  Value t = e.div(e.cst(1.0), e.add(e.mul(e.abs(x), p / std::sqrt(2.0)), 1.0));
  Value poly = e.mul(t, a[4]);
  for (int i = 3; i >= 0; --i)
    poly = e.mul(e.add(poly, a[i]), t);
  Value erfAbs = e.sub(1.0, e.mul(poly, expHalfSquare));
  // Φ(x) = 1/2 + sign(x)·erf(|x|/√2)/2.
  return e.add(e.mul(e.mul(e.sign(x), erfAbs), 0.5), 0.5);
}

/// The local derivative dy/dx of a unary op (multiplied into the adjoint by
/// the caller), or null for an op this file does not know.
Value unaryDerivative(Operation *op, Emitter &e, Value x, Value y) {
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](ExpOp) { return y; })
      .Case([&](LogOp) { return e.div(e.cst(1.0), x); })
      .Case([&](SqrtOp) { return e.div(e.cst(0.5), y); })
      // d x^(−1/2) = −x^(−3/2)/2 = −y/(2x).
      .Case([&](RsqrtOp) { return e.mul(e.div(y, x), -0.5); })
      .Case([&](SinOp) { return CosOp::create(e.b, e.loc, x).getResult(); })
      .Case([&](CosOp) { return e.neg(SinOp::create(e.b, e.loc, x)); })
      .Case([&](AbsOp) { return e.sign(x); })
      // y > 0 exactly where x > 0.
      .Case([&](ReluOp) { return e.sign(y); })
      .Case([&](SiluOp) {
        // σ(x)·(1 + x·(1 − σ(x))).
        Value s = SigmoidOp::create(e.b, e.loc, x);
        return e.mul(s, e.add(e.mul(x, e.sub(1.0, s)), 1.0));
      })
      .Case([&](TanhOp) { return e.sub(1.0, e.mul(y, y)); })
      .Case([&](SigmoidOp) { return e.mul(y, e.sub(1.0, y)); })
      .Case([&](ClampOp c) {
        // min < x < max, as torch.clamp with scalar bounds (0 at a bound).
        Value mask;
        auto both = [&](Value m) { mask = mask ? e.mul(mask, m) : m; };
        if (auto lo = c.getMin())
          both(e.greater(x, lo->convertToDouble()));
        if (auto hi = c.getMax())
          both(e.less(x, hi->convertToDouble()));
        return mask ? mask : e.cst(1.0);
      })
      .Case([&](HardtanhOp h) {
        // min_val < x < max_val, as torch.nn.functional.hardtanh.
        return e.mul(e.greater(x, h.getMinVal().convertToDouble()),
                     e.less(x, h.getMaxVal().convertToDouble()));
      })
      .Case([&](EluOp el) {
        // 1 where x > 0, else alpha·eˣ = y + alpha (finite for every x).
        double alpha = el.getAlpha().convertToDouble();
        Value positive = e.greater(x, 0.0);
        return e.add(positive, e.mul(e.sub(1.0, positive), e.add(y, alpha)));
      })
      .Case([&](SoftplusOp sp) {
        // σ(beta·x), or 1 where beta·x > threshold.
        double beta = sp.getBeta().convertToDouble();
        Value bx = beta == 1.0 ? x : e.mul(x, beta);
        Value linear = e.greater(bx, sp.getThreshold().convertToDouble());
        Value s = SigmoidOp::create(e.b, e.loc, bx);
        return e.add(linear, e.mul(e.sub(1.0, linear), s));
      })
      .Case([&](GeluOp g) -> Value {
        if (g.getApproximate() == GeluApproximation::tanh) {
          // y = x/2·(1 + tanh(u)), u = k·(x + c·x³):
          // y' = (1 + T)/2 + x/2·(1 − T²)·k·(1 + 3c·x²).
          const double k = std::sqrt(2.0 / kPi), c = 0.044715;
          Value x2 = e.mul(x, x);
          Value u = e.mul(e.mul(x, e.add(e.mul(x2, c), 1.0)), k);
          Value t = TanhOp::create(e.b, e.loc, u);
          Value du = e.mul(e.add(e.mul(x2, 3.0 * c), 1.0), k);
          Value inner = e.mul(e.mul(x, e.sub(1.0, e.mul(t, t))), du);
          return e.mul(e.add(inner, e.add(t, 1.0)), 0.5);
        }
        // Φ(x) + x·φ(x), φ(x) = exp(−x²/2)/√(2π).
        Value expHalfSquare = e.exp(e.mul(e.mul(x, x), -0.5));
        Value pdfTimesX = e.mul(e.mul(x, expHalfSquare), 1.0 / std::sqrt(2.0 * kPi));
        return e.add(normalCdf(e, x, expHalfSquare), pdfTimesX);
      })
      .Default([](Operation *) { return Value(); });
}

} // namespace

std::optional<LogicalResult> gradients::elementwise(Operation *op, OpBuilder &b,
                                                    ValueRange resultGrads,
                                                    Grads &operandGrads) {
  // A constant has no operands: nothing to propagate. (No family owns
  // hnn.constant; it is here because the rules below create constants.)
  if (isa<ConstantOp>(op))
    return success();
  if (!isa<AddOp, SubOp, MulOp, DivOp, PowOp, NegOp, ExpOp, LogOp, SqrtOp, RsqrtOp, SinOp, CosOp,
           SignOp, AbsOp, ReluOp, SiluOp, TanhOp, SigmoidOp, ClampOp, HardtanhOp, EluOp,
           SoftplusOp, GeluOp>(op))
    return std::nullopt;
  Value grad = resultGrads[0];
  if (!grad) // only one result: the dispatcher already skips a null adjoint
    return success();
  Location loc = op->getLoc();
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  Emitter e{b, loc, resultType.getElementType()};

  // Binary ops: adjoints of the broadcast shape, summed back to each operand.
  if (op->getNumOperands() == 2) {
    Value lhs = op->getOperand(0), rhs = op->getOperand(1), out = op->getResult(0);
    Value dl, dr;
    if (isa<AddOp>(op)) {
      dl = grad;
      dr = grad;
    } else if (isa<SubOp>(op)) {
      dl = grad;
      dr = e.neg(grad);
    } else if (isa<MulOp>(op)) {
      dl = e.mul(grad, rhs);
      dr = e.mul(grad, lhs);
    } else if (isa<DivOp>(op)) {
      // d(a/b)/db = −(a/b)/b.
      dl = e.div(grad, rhs);
      dr = e.neg(e.div(e.mul(grad, out), rhs));
    } else { // PowOp
      // d/da = b·a^(b−1); the exponent b − |sign b| makes it 0 (not 0·∞) at b = 0.
      Value exponent = e.sub(rhs, e.abs(e.sign(rhs)));
      dl = e.mul(grad, e.mul(rhs, PowOp::create(b, loc, lhs, exponent)));
      // d/db = a^b·log(a), 0 where a = 0 (log(a + [a = 0]) = 0 there, as PyTorch masks it).
      dr = e.mul(grad, e.mul(out, e.log(e.add(lhs, e.isZero(lhs)))));
    }
    operandGrads[0] = sumToShape(b, loc, dl, cast<RankedTensorType>(lhs.getType()));
    operandGrads[1] = sumToShape(b, loc, dr, cast<RankedTensorType>(rhs.getType()));
    return success();
  }

  if (isa<NegOp>(op)) {
    operandGrads[0] = e.neg(grad);
    return success();
  }
  // sign is piecewise constant: its gradient is zero, i.e. no contribution.
  if (isa<SignOp>(op))
    return success();

  Value derivative = unaryDerivative(op, e, op->getOperand(0), op->getResult(0));
  operandGrads[0] = e.mul(grad, derivative);
  return success();
}
