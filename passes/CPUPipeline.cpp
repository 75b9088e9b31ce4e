//===- CPUPipeline.cpp - hnn to LLVM for x86 CPUs -------------------------===//
//
// Written as textual pipelines: the stages read like the documentation
// (docs/cpu-pipeline.md) and `--mlir-print-ir-after-all` names each step.
//
//===----------------------------------------------------------------------===//
#include "passes/Pipelines.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::hnn;

static LogicalResult addPipeline(OpPassManager &pm, llvm::StringRef text) {
  std::string errors;
  llvm::raw_string_ostream os(errors);
  if (succeeded(parsePassPipeline(text, pm, os)))
    return success();
  llvm::errs() << "hnn: internal pipeline does not parse: " << errors << "\n";
  return failure();
}

/// `hnn-apply-schedule{sequence=NAME library=FILE}` for the options.
static std::string schedule(const CPUPipelineOptions &options, llvm::StringRef sequence) {
  std::string text = "hnn-apply-schedule{sequence=" + sequence.str();
  if (!options.scheduleLibrary.empty())
    text += " library=" + options.scheduleLibrary;
  return text + "}";
}

LogicalResult hnn::buildCPULinalgPipeline(OpPassManager &pm,
                                          const CPUPipelineOptions &options) {
  std::string text = "hnn-check-lowerable,convert-hnn-to-linalg,canonicalize,cse";
  if (options.optLevel >= 1)
    text += ",func.func(hnn-fuse-elementwise),canonicalize,cse";
  return addPipeline(pm, text);
}

LogicalResult hnn::buildCPULLVMPipeline(OpPassManager &pm, const CPUPipelineOptions &options) {
  std::string text;
  // Tile and vectorize the heavy ops while they are still on tensors.
  if (options.optLevel >= 1)
    text += "func.func(hnn-vectorize-reductions)," +
            schedule(options, options.vectorBits >= 512 ? "hnn_tensor_schedule"
                                                        : "hnn_tensor_schedule_avx2") +
            ",canonicalize,";
  text +=
      // Tensors to buffers. Function results become caller-provided out
      // parameters, which is the calling convention of the runtime.
      "one-shot-bufferize{bufferize-function-boundaries "
      "function-boundary-type-conversion=identity-layout-map},"
      "func.func(hnn-distinct-result-buffers),"
      "buffer-results-to-out-params{modify-public-functions hoist-static-allocs "
      "hoist-dynamic-allocs},canonicalize,"
      "buffer-deallocation-pipeline,"
      // Copies become loops, never calls to a runtime helper: compiled
      // models stand alone.
      "func.func(hnn-copy-to-linalg),";
  // Hoist accumulators and lower the vector ops to FMAs on buffers.
  if (options.optLevel >= 1)
    text += schedule(options, "hnn_buffer_schedule") +
            ",func.func(hnn-hoist-accumulators),canonicalize,";
  text +=
      // Parallel tiles run on OpenMP threads (the alloca scopes the conversion
      // wraps bodies in must be canonicalized away right after it).
      "func.func(scf-forall-to-parallel),convert-scf-to-openmp,canonicalize,"
      // Whatever was not vectorized becomes loops.
      "func.func(convert-linalg-to-loops),convert-vector-to-scf{full-unroll=true},"
      // exp, tanh, log, erf inline, so that LLVM vectorizes their loops.
      "func.func(hnn-approximate-math),"
      "lower-affine,convert-scf-to-cf,canonicalize,"
      // To the LLVM dialect. Math functions without an LLVM intrinsic call libm.
      // Float sums may be reassociated (hnn's reductions are: see
      // hnn-fuse-elementwise), so vector reductions become shuffle trees.
      "convert-vector-to-llvm{reassociate-fp-reductions},expand-strided-metadata,lower-affine,"
      // Allocation goes through functions the artifact defines (EntryPoints.cpp).
      "finalize-memref-to-llvm{use-generic-functions},"
      "convert-math-to-llvm,"
      "convert-math-to-libm,convert-arith-to-llvm,convert-index-to-llvm,convert-cf-to-llvm,"
      "convert-func-to-llvm,convert-openmp-to-llvm,convert-ub-to-llvm,"
      "reconcile-unrealized-casts";
  return addPipeline(pm, text);
}

void hnn::registerHNNPipelines() {
  PassPipelineRegistration<CPUPipelineOptions>(
      "hnn-cpu-pipeline", "Lowers hnn ops to the LLVM dialect for CPUs",
      [](OpPassManager &pm, const CPUPipelineOptions &options) {
        if (failed(buildCPULinalgPipeline(pm, options)) ||
            failed(buildCPULLVMPipeline(pm, options)))
          llvm::report_fatal_error("hnn-cpu-pipeline could not be built");
      });
}
