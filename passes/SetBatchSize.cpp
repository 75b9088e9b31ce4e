//===- SetBatchSize.cpp - specialize the dynamic batch dimension ----------===//
#include "passes/Passes.h"

#include "dialect/HNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNSETBATCHSIZE
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;
using namespace mlir::hnn;

namespace {

bool hasDynamicDim(Type type) {
  auto t = dyn_cast<RankedTensorType>(type);
  return t && !t.hasStaticShape();
}

/// A dynamic reshape dimension stands for the batch (ReshapeOp's contract:
/// the same size on both sides), so it becomes `batch`.
Type reshapeResult(ReshapeOp op, int64_t batch) {
  auto out = op.getOutput().getType();
  SmallVector<int64_t> shape(out.getShape());
  for (int64_t &d : shape)
    if (ShapedType::isDynamic(d))
      d = batch;
  return out.clone(shape);
}

struct SetBatchSizePass : hnn::impl::HNNSetBatchSizeBase<SetBatchSizePass> {
  using Base::Base;

  void runOnOperation() override {
    if (batch < 1) {
      getOperation().emitError() << "hnn-set-batch-size: batch must be >= 1, got "
                                 << static_cast<int64_t>(batch);
      return signalPassFailure();
    }
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (failed(specialize(func)))
        return signalPassFailure();
  }

  LogicalResult specialize(func::FuncOp func) {
    if (func.isExternal())
      return success();
    if (!func.getBody().hasOneBlock())
      return func.emitError("hnn-set-batch-size handles single-block functions only");
    Block &entry = func.getBody().front();
    // Values whose type the pass changed: an op that cannot re-infer its
    // types must not consume one.
    llvm::DenseSet<Value> changed;
    for (BlockArgument arg : entry.getArguments()) {
      auto t = dyn_cast<RankedTensorType>(arg.getType());
      if (!t || t.hasStaticShape())
        continue;
      for (int64_t i = 1; i < t.getRank(); ++i)
        if (t.isDynamicDim(i))
          return func.emitError() << "argument " << arg.getArgNumber() << " of type " << t
                                  << " has a dynamic dimension other than the batch (dim 0)";
      if (t.getRank() == 0 || !t.isDynamicDim(0))
        continue;
      SmallVector<int64_t> shape(t.getShape());
      shape[0] = batch;
      arg.setType(t.clone(shape));
      changed.insert(arg);
    }

    // Ops come in dominance order inside the single-block body, so every
    // operand is final when its user is revisited.
    WalkResult walk = func.walk([&](Operation *op) -> WalkResult {
      if (isa<func::FuncOp>(op))
        return WalkResult::advance();
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        func.setType(FunctionType::get(func.getContext(), entry.getArgumentTypes(),
                                       ret.getOperandTypes()));
        return WalkResult::advance();
      }
      if (auto reshape = dyn_cast<ReshapeOp>(op)) {
        if (reshape.getOutput().getType().hasStaticShape())
          return WalkResult::advance();
        reshape.getOutput().setType(cast<RankedTensorType>(reshapeResult(reshape, batch)));
        changed.insert(reshape.getOutput());
        return WalkResult::advance();
      }
      // A nested terminator forwards values to its parent, which is checked.
      if (op->hasTrait<OpTrait::IsTerminator>())
        return WalkResult::advance();
      auto infer = dyn_cast<InferTypeOpInterface>(op);
      if (!infer) {
        bool usesChanged =
            llvm::any_of(op->getOperands(), [&](Value v) { return changed.contains(v); });
        if (usesChanged || llvm::any_of(op->getResultTypes(), hasDynamicDim))
          return op->emitError("hnn-set-batch-size cannot re-infer the result types of this op");
        return WalkResult::advance();
      }
      SmallVector<Type> types;
      if (failed(infer.inferReturnTypes(op->getContext(), op->getLoc(), op->getOperands(),
                                        op->getRawDictionaryAttrs(),
                                        op->getPropertiesStorage(), op->getRegions(), types)))
        return WalkResult::interrupt();
      for (auto [result, type] : llvm::zip(op->getResults(), types)) {
        if (result.getType() != type)
          changed.insert(result);
        result.setType(type);
      }
      return WalkResult::advance();
    });
    return failure(walk.wasInterrupted());
  }
};

} // namespace
