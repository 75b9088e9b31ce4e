//===- Passes.h - hnn pass declarations and registration ---------*- C++ -*-===//
//
// Every pass is declared in Passes.td; this header exposes the generated
// declarations, option structs and `registerHNNPasses()`.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_PASSES_PASSES_H
#define HNN_PASSES_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::hnn {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

} // namespace mlir::hnn

#endif // HNN_PASSES_PASSES_H
