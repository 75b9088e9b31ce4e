//===- EntryPoints.h - the ABI of compiled models ----------------*- C++ -*-===//
//
// What a compiled artifact exports (see runtime/hnnrt.h): a text manifest of
// its entry points and a table of packed functions `void fn(void **args)`.
// `describeEntryPoints` reads the manifest off the hnn-level module (where
// parameter names and roles are still known) and renames the public
// functions out of the way; after lowering to the LLVM dialect,
// `emitEntryPoints` adds the packed wrappers, the manifest and the table,
// and hides every other symbol.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_PASSES_ENTRYPOINTS_H
#define HNN_PASSES_ENTRYPOINTS_H

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace mlir::hnn {

struct EntryPointValue {
  std::string name; // parameter name, argN or resultN
  std::string kind; // input | trainable | frozen | state | optimizer | hyper (args);
                    // output | loss | update | gradsq (results)
  std::string dtype;
  std::vector<int64_t> shape; // -1: dynamic batch
};

struct EntryPoint {
  std::string name;
  std::vector<EntryPointValue> args, results;
  /// Floating-point operations of one call with batch 1 (an estimate: 2 per
  /// multiply-add, 1 per element for the rest).
  int64_t flopsPerSample = 0;
};

struct ModelABI {
  std::string prefix;
  std::vector<EntryPoint> entries;
  /// `key=value ...` of the training sections (models with a train step).
  std::string training;
  /// The manifest text the runtime parses.
  std::string manifest() const;
  /// A C header declaring the symbols and documenting each entry point.
  std::string header(llvm::StringRef guardName) const;
};

/// Collects the public functions of an hnn-level module and prepares them for
/// lowering (renamed, C interface requested). Fails with a diagnostic when a
/// signature cannot cross the ABI (non-tensor types, unsupported dtypes).
FailureOr<ModelABI> describeEntryPoints(ModuleOp module, llvm::StringRef prefix);

/// Adds the packed entry points, `<prefix>hnn_manifest` and
/// `<prefix>hnn_entries` to a module lowered to the LLVM dialect.
LogicalResult emitEntryPoints(ModuleOp module, const ModelABI &abi);

} // namespace mlir::hnn

#endif // HNN_PASSES_ENTRYPOINTS_H
