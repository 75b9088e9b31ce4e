//===- HoistAccumulators.cpp - accumulators out of reduction loops --------===//
//
// See the pass description in Passes.td. A candidate pair in loop L:
//
//   %v = vector.transfer_read %buf[%i, %j]   (indices defined outside L)
//   ...                                       (uses of %v)
//   vector.transfer_write %w, %buf[%i, %j]
//
// becomes  %v0 = read before L; L carries the vector; write after L. It is
// safe when no other op in L can observe or change those elements: every
// other memory access in L is a transfer/load of another root buffer (the
// allocation or argument a view chain starts from), or a transfer of the
// same buffer that is provably disjoint, and the only writes are such
// disjoint transfers.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNHOISTACCUMULATORS
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;

namespace {

/// The buffer a chain of views starts from.
Value rootOf(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

/// The memref an op reads or writes through a vector transfer or load/store.
Value accessedBuffer(Operation *op) {
  if (auto t = dyn_cast<VectorTransferOpInterface>(op))
    return t.getBase();
  if (auto l = dyn_cast<vector::LoadOp>(op))
    return l.getBase();
  if (auto l = dyn_cast<memref::LoadOp>(op))
    return l.getMemref();
  return Value();
}

/// Whether `op` (inside the loop) leaves the pair (read, write) alone.
bool leavesAlone(Operation *op, vector::TransferReadOp read, vector::TransferWriteOp write) {
  if (op == read || op == write)
    return true;
  auto iface = dyn_cast<MemoryEffectOpInterface>(op);
  if (!iface)
    // Ops with regions (nested loops) are checked through their bodies.
    return op->hasTrait<OpTrait::HasRecursiveMemoryEffects>();
  SmallVector<MemoryEffects::EffectInstance> effects;
  iface.getEffects(effects);
  if (effects.empty())
    return true;
  Value buffer = accessedBuffer(op);
  if (!buffer)
    return false;
  bool writes = llvm::any_of(effects, [](const MemoryEffects::EffectInstance &e) {
    return isa<MemoryEffects::Write>(e.getEffect());
  });
  if (rootOf(buffer) != rootOf(write.getBase()))
    return !writes;
  // The same buffer: only a transfer provably apart from the pair's elements.
  auto transfer = dyn_cast<VectorTransferOpInterface>(op);
  if (!transfer || transfer.getBase() != write.getBase())
    return false;
  return vector::isDisjointTransferSet(transfer, cast<VectorTransferOpInterface>(*write),
                                       /*testDynamicValueUsingBounds=*/true);
}

/// The transfer_write that stores back what `read` loaded, if the pair can
/// leave `loop`.
vector::TransferWriteOp hoistablePartner(scf::ForOp loop, vector::TransferReadOp read) {
  if (!isa<MemRefType>(read.getBase().getType()) || read.getMask() ||
      !loop.isDefinedOutsideOfLoop(read.getBase()) ||
      !llvm::all_of(read.getIndices(), [&](Value v) { return loop.isDefinedOutsideOfLoop(v); }))
    return nullptr;
  vector::TransferWriteOp write;
  for (Operation *user : read.getBase().getUsers()) {
    auto w = dyn_cast<vector::TransferWriteOp>(user);
    if (!w || w->getBlock() != read->getBlock() || !read->isBeforeInBlock(w) ||
        w.getIndices() != read.getIndices() || w.getVectorType() != read.getVectorType() ||
        w.getPermutationMap() != read.getPermutationMap() || w.getMask())
      continue;
    if (write)
      return nullptr; // two writes of the same elements: keep the order
    write = w;
  }
  if (!write)
    return nullptr;
  WalkResult result = loop.getBody()->walk([&](Operation *op) {
    return leavesAlone(op, read, write) ? WalkResult::advance() : WalkResult::interrupt();
  });
  return result.wasInterrupted() ? nullptr : write;
}

struct HoistAccumulatorsPass
    : hnn::impl::HNNHoistAccumulatorsBase<HoistAccumulatorsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    bool changed = true;
    while (changed) {
      changed = false;
      getOperation().walk([&](vector::TransferReadOp read) {
        auto loop = dyn_cast<scf::ForOp>(read->getParentOp());
        if (!loop)
          return WalkResult::advance();
        vector::TransferWriteOp write = hoistablePartner(loop, read);
        if (!write)
          return WalkResult::advance();
        loop.moveOutOfLoop(read);
        write->moveAfter(loop);
        NewYieldValuesFn yield = [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
          return SmallVector<Value>{write.getVector()};
        };
        FailureOr<LoopLikeOpInterface> grown = cast<LoopLikeOpInterface>(*loop).replaceWithAdditionalYields(
            rewriter, read.getVector(), /*replaceInitOperandUsesInLoop=*/true, yield);
        if (failed(grown))
          return WalkResult::interrupt();
        write.getValueToStoreMutable().assign(grown->getOperation()->getResults().back());
        changed = true;
        // The loop was replaced: walk again.
        return WalkResult::interrupt();
      });
    }
  }
};

} // namespace
