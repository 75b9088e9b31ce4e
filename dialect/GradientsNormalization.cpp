//===- GradientsNormalization.cpp - gradient rules of the normalization ops ===//
//
// batch_norm (training and inference), layer_norm and group_norm, in hnn ops.
//
// With batch statistics (batch_norm in training mode, layer_norm, group_norm)
// every op normalizes x over a set of elements D with their mean μ and biased
// variance σ²: x̂ = (x − μ)·r, r = 1/√(σ² + eps), y = x̂·w + b. With
// g = dy·w the adjoints are
//
//   dx = r · (g − mean_D(g) − x̂ · mean_D(g · x̂))
//   dw = Σ dy · x̂,  db = Σ dy   (summed over everything w is broadcast over)
//
// Means (not sums divided by a count) keep the dynamic batch working. The
// statistics are recomputed from x in the backward code.
//
// batch_norm in inference mode is an affine map of x with the running
// statistics: dx = dy · w · r. The running statistics (operands 3 and 4) get
// no adjoint, and the updated running statistics (results 1 and 2) carry
// none back: they are state, updated outside autodiff as in PyTorch.
//
//===----------------------------------------------------------------------===//
#include "dialect/Gradients.h"

#include "dialect/Builders.h"
#include "dialect/HNNOps.h"

#include "llvm/ADT/APFloat.h"

using namespace mlir;
using namespace mlir::hnn;
using build::reshape;
using build::scalar;
using gradients::Grads;

namespace {

RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

/// 1/√(var + eps).
Value rstdOf(OpBuilder &b, Location loc, Value var, double eps) {
  Type elem = typeOf(var).getElementType();
  return RsqrtOp::create(b, loc, AddOp::create(b, loc, var, scalar(b, loc, elem, eps)));
}

/// The normalized x over `dims` (kept with size 1 in mean and rstd).
struct Normalized {
  Value xhat, rstd;
};

Normalized normalize(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> dims, double eps) {
  Value mean = ReduceMeanOp::create(b, loc, x, dims, /*keepdim=*/true);
  Value var = ReduceVarOp::create(b, loc, x, dims, /*keepdim=*/true, /*correction=*/0);
  Value rstd = rstdOf(b, loc, var, eps);
  Value xhat = MulOp::create(b, loc, SubOp::create(b, loc, x, mean), rstd);
  return {xhat, rstd};
}

/// r · (g − mean(g) − x̂ · mean(g · x̂)) over `dims`.
Value inputAdjoint(OpBuilder &b, Location loc, Value g, Value xhat, Value rstd,
                   ArrayRef<int64_t> dims) {
  Value meanG = ReduceMeanOp::create(b, loc, g, dims, true);
  Value meanGX = ReduceMeanOp::create(b, loc, MulOp::create(b, loc, g, xhat), dims, true);
  Value centered = SubOp::create(b, loc, SubOp::create(b, loc, g, meanG),
                                 MulOp::create(b, loc, xhat, meanGX));
  return MulOp::create(b, loc, rstd, centered);
}

/// All dimensions of a rank-`rank` tensor but the channel (1).
SmallVector<int64_t> allButChannel(int64_t rank) {
  SmallVector<int64_t> dims = {0};
  for (int64_t d = 2; d < rank; ++d)
    dims.push_back(d);
  return dims;
}

/// The shape 1 × C × 1 × … of rank `rank`, to broadcast a channel vector.
SmallVector<int64_t> channelShape(int64_t rank, int64_t c) {
  SmallVector<int64_t> shape(rank, 1);
  shape[1] = c;
  return shape;
}

LogicalResult batchNorm(BatchNormOp op, OpBuilder &b, Value dy, Grads &grads) {
  Location loc = op.getLoc();
  Value x = op.getInput();
  auto xt = typeOf(x);
  int64_t rank = xt.getRank(), c = typeOf(op.getWeight()).getDimSize(0);
  SmallVector<int64_t> dims = allButChannel(rank), cshape = channelShape(rank, c);
  double eps = op.getEps().convertToDouble();
  Value w = reshape(b, loc, op.getWeight(), cshape);

  Value dx, xhat;
  if (op.getTraining()) {
    Normalized nx = normalize(b, loc, x, dims, eps);
    xhat = nx.xhat;
    dx = inputAdjoint(b, loc, MulOp::create(b, loc, dy, w), xhat, nx.rstd, dims);
  } else {
    Value rstd = reshape(b, loc, rstdOf(b, loc, op.getRunningVar(), eps), cshape);
    Value mean = reshape(b, loc, op.getRunningMean(), cshape);
    xhat = MulOp::create(b, loc, SubOp::create(b, loc, x, mean), rstd);
    dx = MulOp::create(b, loc, dy, MulOp::create(b, loc, w, rstd));
  }
  grads[0] = dx;
  grads[1] = ReduceSumOp::create(b, loc, MulOp::create(b, loc, dy, xhat), dims, false);
  grads[2] = ReduceSumOp::create(b, loc, dy, dims, false);
  return success();
}

LogicalResult layerNorm(LayerNormOp op, OpBuilder &b, Value dy, Grads &grads) {
  Location loc = op.getLoc();
  Value x = op.getInput();
  int64_t rank = typeOf(x).getRank(), k = typeOf(op.getWeight()).getRank();
  SmallVector<int64_t> dims;
  for (int64_t d = rank - k; d < rank; ++d)
    dims.push_back(d);
  Normalized nx = normalize(b, loc, x, dims, op.getEps().convertToDouble());
  Value g = MulOp::create(b, loc, dy, op.getWeight());
  grads[0] = inputAdjoint(b, loc, g, nx.xhat, nx.rstd, dims);
  grads[1] = gradients::sumToShape(b, loc, MulOp::create(b, loc, dy, nx.xhat),
                                   typeOf(op.getWeight()));
  grads[2] = gradients::sumToShape(b, loc, dy, typeOf(op.getBias()));
  return success();
}

LogicalResult groupNorm(GroupNormOp op, OpBuilder &b, Value dy, Grads &grads) {
  Location loc = op.getLoc();
  Value x = op.getInput();
  auto xt = typeOf(x);
  int64_t rank = xt.getRank(), n = xt.getDimSize(0), c = xt.getDimSize(1);
  int64_t groups = op.getNumGroups();
  int64_t m = c / groups;
  for (int64_t d = 2; d < rank; ++d)
    m *= xt.getDimSize(d);
  SmallVector<int64_t> grouped = {n, groups, m};
  SmallVector<int64_t> groupDims = {2};

  Normalized nx = normalize(b, loc, reshape(b, loc, x, grouped), groupDims,
                            op.getEps().convertToDouble());
  Value w = reshape(b, loc, op.getWeight(), channelShape(rank, c));
  Value g = reshape(b, loc, MulOp::create(b, loc, dy, w), grouped);
  Value dx = inputAdjoint(b, loc, g, nx.xhat, nx.rstd, groupDims);
  Value xhat = reshape(b, loc, nx.xhat, xt.getShape());
  SmallVector<int64_t> dims = allButChannel(rank);
  grads[0] = reshape(b, loc, dx, xt.getShape());
  grads[1] = ReduceSumOp::create(b, loc, MulOp::create(b, loc, dy, xhat), dims, false);
  grads[2] = ReduceSumOp::create(b, loc, dy, dims, false);
  return success();
}

} // namespace

std::optional<LogicalResult> gradients::normalization(Operation *op, OpBuilder &b,
                                                      ValueRange resultGrads,
                                                      Grads &operandGrads) {
  // Only the normalized output carries an adjoint back (see above).
  Value dy = resultGrads.empty() ? Value() : resultGrads[0];
  if (auto o = dyn_cast<BatchNormOp>(op))
    return dy ? batchNorm(o, b, dy, operandGrads) : success();
  if (auto o = dyn_cast<LayerNormOp>(op))
    return dy ? layerNorm(o, b, dy, operandGrads) : success();
  if (auto o = dyn_cast<GroupNormOp>(op))
    return dy ? groupNorm(o, b, dy, operandGrads) : success();
  return std::nullopt;
}
