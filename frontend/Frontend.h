//===- Frontend.h - YAML/JSON model files to hnn IR ---------------*- C++ -*-===//
//
// The model-description frontend: a YAML file (JSON accepted) describing
// inputs, layers, blocks and training settings becomes a module with
//
//   func.func @forward(inputs..., parameters...) -> outputs
//   func.func @init() -> initial values of the parameters
//
// Every error points into the model file (docs/model-format.md).
//
//===----------------------------------------------------------------------===//
#ifndef HNN_FRONTEND_FRONTEND_H
#define HNN_FRONTEND_FRONTEND_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/SourceMgr.h"

namespace mlir::hnn::frontend {

struct FrontendOptions {
  /// Build `@init` with the parameters' initial values.
  bool buildInit = true;
  /// Limit on the parameters' total element count (the host computes their
  /// initial values).
  uint64_t maxParameterElements = uint64_t(1) << 28;
};

/// Name of the module attribute holding the `loss:` and `optimizer:`
/// sections. (The hnn dialect accepts hnn.* attributes on function arguments
/// only, so it carries the tool's prefix.)
constexpr llvm::StringLiteral kTrainingAttrName = "hnn.training";

/// Whether `path` names a model file (.yaml, .yml, .json).
bool isModelFile(llvm::StringRef path);

/// Builds the module for the model in buffer `bufferId` of `sourceMgr`.
/// Diagnostics go to the context's handler (YAML syntax errors through
/// `sourceMgr`); all problems of the file are reported. Null on error.
mlir::OwningOpRef<mlir::ModuleOp> buildModel(mlir::MLIRContext *ctx, llvm::SourceMgr &sourceMgr,
                                             unsigned bufferId,
                                             const FrontendOptions &options = {});

} // namespace mlir::hnn::frontend

#endif // HNN_FRONTEND_FRONTEND_H
