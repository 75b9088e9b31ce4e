//===- Diagnostics.cpp - errors that point into the model file -------------===//
#include "frontend/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/MLIRContext.h"

#include <algorithm>

using namespace mlir::hnn::frontend;

Diag::Diag(mlir::MLIRContext *ctx, llvm::SourceMgr &sourceMgr, unsigned bufferId)
    : ctx(ctx), sourceMgr(sourceMgr), bufferId(bufferId),
      fileName(sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier().str()) {}

mlir::Location Diag::loc(llvm::SMLoc where) const {
  if (!where.isValid())
    return mlir::FileLineColLoc::get(ctx, fileName, 1, 1);
  auto [line, col] = sourceMgr.getLineAndColumn(where, bufferId);
  return mlir::FileLineColLoc::get(ctx, fileName, line, col);
}

void Diag::error(llvm::SMLoc where, const llvm::Twine &message) {
  failedFlag = true;
  std::string text = message.str();
  std::string key = std::to_string(reinterpret_cast<uintptr_t>(where.getPointer())) + ":" + text;
  if (!reported.insert(key).second)
    return;
  mlir::emitError(loc(where)) << text;
}

llvm::StringRef mlir::hnn::frontend::closestMatch(llvm::StringRef name,
                                                  llvm::ArrayRef<llvm::StringRef> candidates) {
  llvm::StringRef best;
  unsigned bestDistance = std::max<unsigned>(2, name.size() / 3) + 1;
  for (llvm::StringRef candidate : candidates) {
    unsigned distance = name.edit_distance(candidate, /*AllowReplacements=*/true, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string mlir::hnn::frontend::didYouMean(llvm::StringRef name,
                                            llvm::ArrayRef<llvm::StringRef> candidates) {
  llvm::StringRef best = closestMatch(name, candidates);
  if (best.empty())
    return "";
  return ("; did you mean '" + best + "'?").str();
}
