//===- CopyToLinalg.cpp - buffer fix-ups before lowering ------------------===//
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNDISTINCTRESULTBUFFERS
#define GEN_PASS_DEF_HNNCOPYTOLINALG
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;

namespace {
struct CopyToLinalgPass : hnn::impl::HNNCopyToLinalgBase<CopyToLinalgPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp op) { copies.push_back(op); });
    for (memref::CopyOp op : copies) {
      OpBuilder b(op);
      linalg::CopyOp::create(b, op.getLoc(), op.getSource(), op.getTarget());
      op.erase();
    }
  }
};

struct DistinctResultBuffersPass
    : hnn::impl::HNNDistinctResultBuffersBase<DistinctResultBuffersPass> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 8> seen;
      OpBuilder b(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value v = operand.get();
        auto type = dyn_cast<MemRefType>(v.getType());
        bool isArgument = isa<BlockArgument>(v);
        if (!type || (seen.insert(v).second && !isArgument))
          continue;
        SmallVector<Value> dynSizes;
        for (int64_t d = 0; d < type.getRank(); ++d)
          if (type.isDynamicDim(d))
            dynSizes.push_back(memref::DimOp::create(b, ret.getLoc(), v, d));
        Value copy = memref::AllocOp::create(b, ret.getLoc(),
                                             MemRefType::get(type.getShape(),
                                                             type.getElementType()),
                                             dynSizes);
        memref::CopyOp::create(b, ret.getLoc(), v, copy);
        operand.set(copy);
      }
    });
  }
};
} // namespace
