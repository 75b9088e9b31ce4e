//===- CopyToLinalg.cpp - memref.copy as linalg.copy ----------------------===//
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::hnn {
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
} // namespace
