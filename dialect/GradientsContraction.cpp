//===- GradientsContraction.cpp - gradient rules of the contraction ops ---===//
//
// linear, matmul, batch_matmul. Every rule is built from contractions,
// transposes and reshapes that keep a dynamic batch in dimension 0 (the only
// dimension that may be dynamic).
//
//===----------------------------------------------------------------------===//
#include "dialect/Gradients.h"

#include "dialect/HNNOps.h"

#include <numeric>

using namespace mlir;
using namespace mlir::hnn;

namespace {

/// `x` with its last two dimensions swapped.
Value transposeLast(OpBuilder &b, Location loc, Value x) {
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  SmallVector<int64_t> perm(rank);
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[rank - 1], perm[rank - 2]);
  return TransposeOp::create(b, loc, x, perm);
}

/// Σ over a dynamic batch of the per-sample products aᵀ·c, for `aT` (aᵀ per
/// sample) of shape `?×P×R` and `c` of shape `?×R×Q` (result `P×Q`). Only
/// dimension 0 may be dynamic, so the batch can be neither transposed into a
/// matmul's contraction dimension nor merged with others by reshape: a
/// batch_matmul over it gives `?×P×Q`, summed over dimension 0. (For rows,
/// R = 1, the lowering recognizes the pattern and emits one matmul that
/// contracts over the batch: the `?×P×Q` products are never formed.)
Value sumOverBatch(OpBuilder &b, Location loc, Value aT, Value c) {
  Value perSample = BatchMatmulOp::create(b, loc, aT, c);
  return ReduceSumOp::create(b, loc, perSample, ArrayRef<int64_t>{0}, /*keepdim=*/false);
}

/// Σ over the leading dimensions of aᵀ·c for `a` of shape `…×P` and `c` of
/// shape `…×Q` with the same leading dimensions (result `P×Q`).
///
/// With static leading dimensions both are reshaped to `M×…` and one matmul
/// contracts over all of them. With a dynamic batch the static leading
/// dimensions after it are merged into R (`?×R×…`) and sumOverBatch
/// contracts; its intermediate has batch·P·Q elements (hnn-set-batch-size
/// before autodiff gives the single matmul).
Value sumOfProducts(OpBuilder &b, Location loc, Value a, Value c) {
  auto aType = cast<RankedTensorType>(a.getType());
  auto cType = cast<RankedTensorType>(c.getType());
  int64_t rank = aType.getRank();
  int64_t p = aType.getDimSize(rank - 1), q = cType.getDimSize(rank - 1);
  Type et = aType.getElementType();
  if (rank == 1) {
    // A single sample: the outer product a ⊗ c, broadcast (P×1)·(Q).
    Value col = ReshapeOp::create(b, loc, RankedTensorType::get({p, 1}, et), a);
    return MulOp::create(b, loc, col, c);
  }
  ArrayRef<int64_t> lead = aType.getShape().drop_back();
  bool dynamic = llvm::any_of(lead, ShapedType::isDynamic) ||
                 llvm::any_of(cType.getShape().drop_back(), ShapedType::isDynamic);
  if (!dynamic) {
    int64_t m = std::accumulate(lead.begin(), lead.end(), int64_t(1), std::multiplies<int64_t>());
    Value a2 = a, c2 = c;
    if (rank != 2) {
      a2 = ReshapeOp::create(b, loc, RankedTensorType::get({m, p}, et), a);
      c2 = ReshapeOp::create(b, loc, RankedTensorType::get({m, q}, et), c);
    }
    return MatmulOp::create(b, loc, transposeLast(b, loc, a2), c2);
  }
  int64_t r = 1;
  for (int64_t s : lead.drop_front())
    r *= s;
  auto dyn3 = [&](int64_t d1, int64_t d2) {
    return RankedTensorType::get({ShapedType::kDynamic, d1, d2}, et);
  };
  if (r == 1) // Per sample an outer product: reshapes to ?×P×1 and ?×1×Q.
    return sumOverBatch(b, loc, ReshapeOp::create(b, loc, dyn3(p, 1), a),
                        ReshapeOp::create(b, loc, dyn3(1, q), c));
  Value a3 = a, c3 = c;
  if (rank != 3) {
    a3 = ReshapeOp::create(b, loc, dyn3(r, p), a);
    c3 = ReshapeOp::create(b, loc, dyn3(r, q), c);
  }
  return sumOverBatch(b, loc, transposeLast(b, loc, a3), c3);
}

} // namespace

std::optional<LogicalResult> gradients::contraction(Operation *op, OpBuilder &b,
                                                    ValueRange resultGrads, Grads &operandGrads) {
  Location loc = op->getLoc();
  Value g = resultGrads.empty() ? Value() : resultGrads[0];

  if (auto linear = dyn_cast<LinearOp>(op)) {
    // y = x·Wᵀ + b:  dx = dy·W,  dW = Σ dyᵀ·x,  db = Σ dy (over leading dims).
    Value x = linear.getInput(), w = linear.getWeight();
    Value wt = TransposeOp::create(b, loc, w, ArrayRef<int64_t>{1, 0}); // K×N
    operandGrads[0] = LinearOp::create(b, loc, g, wt, Value());
    operandGrads[1] = sumOfProducts(b, loc, g, x);
    if (Value bias = linear.getBias()) {
      int64_t rank = cast<RankedTensorType>(g.getType()).getRank();
      Value db = g;
      if (rank > 1) {
        SmallVector<int64_t> lead(rank - 1);
        std::iota(lead.begin(), lead.end(), 0);
        db = ReduceSumOp::create(b, loc, g, lead, /*keepdim=*/false);
      }
      operandGrads[2] = gradients::sumToShape(b, loc, db, cast<RankedTensorType>(bias.getType()));
    }
    return success();
  }

  if (auto mm = dyn_cast<MatmulOp>(op)) {
    // C = A·B:  dA = dC·Bᵀ,  dB = Aᵀ·dC.
    operandGrads[0] = MatmulOp::create(b, loc, g, transposeLast(b, loc, mm.getRhs()));
    // Aᵀ·dC contracts over M, which may be the dynamic batch.
    operandGrads[1] = sumOfProducts(b, loc, mm.getLhs(), g);
    return success();
  }

  if (auto bmm = dyn_cast<BatchMatmulOp>(op)) {
    // The same per batch element (no broadcasting of the batch dimensions).
    operandGrads[0] = BatchMatmulOp::create(b, loc, g, transposeLast(b, loc, bmm.getRhs()));
    operandGrads[1] = BatchMatmulOp::create(b, loc, transposeLast(b, loc, bmm.getLhs()), g);
    return success();
  }

  return std::nullopt;
}
