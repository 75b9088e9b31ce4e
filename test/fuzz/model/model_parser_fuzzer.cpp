//===- model_parser_fuzzer.cpp - libFuzzer target for model files ----------===//
//
// Parses arbitrary bytes as a model file and builds the IR, diagnostics
// swallowed. Any crash, hang, sanitizer report or leak is a bug: the frontend
// must report every input it cannot use, never assert on it.
//
//===----------------------------------------------------------------------===//
#include "dialect/HNNDialect.h"
#include "frontend/Frontend.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input: attributes (initial values) are uniqued in
  // the context and would otherwise pile up across runs.
  mlir::MLIRContext ctx(mlir::MLIRContext::Threading::DISABLED);
  ctx.loadDialect<mlir::hnn::HNNDialect, mlir::func::FuncDialect>();
  mlir::ScopedDiagnosticHandler swallow(&ctx, [](mlir::Diagnostic &) { return mlir::success(); });

  llvm::SourceMgr sourceMgr;
  sourceMgr.setDiagHandler([](const llvm::SMDiagnostic &, void *) {});
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  unsigned id = sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, "fuzz.yaml"), llvm::SMLoc());

  mlir::hnn::frontend::FrontendOptions options;
  options.maxParameterElements = 1 << 20; // keeps each run fast
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::hnn::frontend::buildModel(&ctx, sourceMgr, id, options);
  if (module) {
    // What hnnc does next with a model: verify and print it.
    if (mlir::failed(mlir::verify(*module)))
      __builtin_trap(); // buildModel returned an invalid module
    module->print(llvm::nulls());
  }
  return 0;
}
