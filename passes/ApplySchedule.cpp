//===- ApplySchedule.cpp - run a transform-dialect schedule ---------------===//
//
// Schedules are transform-dialect programs kept as .mlir files in
// passes/schedules/ and embedded at build time, so they read (and diff) as
// IR rather than as C++ that builds IR.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/Dialect/Transform/Transforms/TransformInterpreterUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNAPPLYSCHEDULE
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;

namespace {
#include "passes/CPUSchedule.inc"

struct ApplySchedulePass : hnn::impl::HNNApplyScheduleBase<ApplySchedulePass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    llvm::SourceMgr sourceMgr;
    if (library.empty()) {
      sourceMgr.AddNewSourceBuffer(
          llvm::MemoryBuffer::getMemBuffer(kCPUSchedule, "passes/schedules/cpu.mlir"),
          llvm::SMLoc());
    } else {
      auto file = llvm::MemoryBuffer::getFile(library);
      if (!file) {
        getOperation().emitError() << "cannot read schedule library '" << library
                                   << "': " << file.getError().message();
        return signalPassFailure();
      }
      sourceMgr.AddNewSourceBuffer(std::move(*file), llvm::SMLoc());
    }
    OwningOpRef<ModuleOp> lib = parseSourceFile<ModuleOp>(sourceMgr, ctx);
    if (!lib)
      return signalPassFailure();
    auto entry = lib->lookupSymbol<transform::NamedSequenceOp>(sequence);
    if (!entry) {
      getOperation().emitError() << "schedule library has no named sequence '" << sequence
                                 << "'";
      return signalPassFailure();
    }
    if (failed(transform::applyTransformNamedSequence(getOperation(), entry, *lib,
                                                      transform::TransformOptions())))
      signalPassFailure();
  }
};
} // namespace
