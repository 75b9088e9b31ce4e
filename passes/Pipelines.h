//===- Pipelines.h - target compile pipelines --------------------*- C++ -*-===//
//
// The pass pipelines hnnc runs, also registered in hnn-opt
// (`--hnn-cpu-pipeline`). Each pipeline goes from hnn ops to the LLVM dialect.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_PASSES_PIPELINES_H
#define HNN_PASSES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::hnn {

struct CPUPipelineOptions : public PassPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<unsigned> optLevel{*this, "opt-level",
                                         llvm::cl::desc("optimization level 0-3"),
                                         llvm::cl::init(2)};
  PassOptions::Option<std::string> cpu{
      *this, "cpu", llvm::cl::desc("target CPU (tile sizes follow its vector width)"),
      llvm::cl::init("native")};
  PassOptions::Option<unsigned> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("widest vector registers of the target: 512 (AVX-512) or 256 (AVX2); "
                     "selects the register tiles of the schedule"),
      llvm::cl::init(512)};
  PassOptions::Option<std::string> scheduleLibrary{
      *this, "schedule-library",
      llvm::cl::desc("transform library replacing the built-in CPU schedule"),
      llvm::cl::init("")};
};

/// Stage one of the CPU pipeline: hnn -> linalg on tensors (legality check,
/// lowering, elementwise fusion). What `hnnc --emit=linalg` prints.
LogicalResult buildCPULinalgPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// Stage two: linalg on tensors -> LLVM dialect.
LogicalResult buildCPULLVMPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// Registers `hnn-cpu-pipeline` (both stages).
void registerHNNPipelines();

} // namespace mlir::hnn

#endif // HNN_PASSES_PIPELINES_H
