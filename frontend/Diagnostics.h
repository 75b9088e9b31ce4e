//===- Diagnostics.h - errors that point into the model file ------*- C++ -*-===//
//
// Every frontend error is reported at a position in the model file, through
// the MLIRContext's diagnostic engine, as `model.yaml:LINE:COL: error: ...`.
// The same locations become the ops' locations, so errors raised later by
// op verifiers and shape inference also land on the layer's line.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_FRONTEND_DIAGNOSTICS_H
#define HNN_FRONTEND_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"

#include <string>

namespace mlir::hnn::frontend {

class Diag {
public:
  Diag(mlir::MLIRContext *ctx, llvm::SourceMgr &sourceMgr, unsigned bufferId);

  mlir::MLIRContext *getContext() const { return ctx; }

  /// The MLIR location of a position in the model file.
  mlir::Location loc(llvm::SMLoc where) const;

  /// Reports an error at `where`. The same message at the same place is
  /// reported once (a block instantiated several times repeats its errors).
  void error(llvm::SMLoc where, const llvm::Twine &message);

  /// Records a failure reported elsewhere (an op verifier, the YAML parser).
  void markFailed() { failedFlag = true; }
  bool failed() const { return failedFlag; }

private:
  mlir::MLIRContext *ctx;
  llvm::SourceMgr &sourceMgr;
  unsigned bufferId;
  std::string fileName;
  llvm::StringSet<> reported;
  bool failedFlag = false;
};

/// The closest of `candidates` to `name` by edit distance, or "" when none is
/// close enough to be a plausible typo.
llvm::StringRef closestMatch(llvm::StringRef name, llvm::ArrayRef<llvm::StringRef> candidates);

/// "; did you mean 'X'?" or "".
std::string didYouMean(llvm::StringRef name, llvm::ArrayRef<llvm::StringRef> candidates);

} // namespace mlir::hnn::frontend

#endif // HNN_FRONTEND_DIAGNOSTICS_H
