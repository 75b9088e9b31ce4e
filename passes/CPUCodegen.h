//===- CPUCodegen.h - LLVM dialect to objects and shared libraries -*- C++ -*-===//
//
// The CPU back end after the MLIR pipeline: translation to LLVM IR, LLVM's
// optimization pipeline for the chosen CPU, object/assembly emission, and
// linking a shared library with the system C compiler driver.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_PASSES_CPUCODEGEN_H
#define HNN_PASSES_CPUCODEGEN_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace mlir::hnn {

/// A target machine for the host triple and `cpu` ("native": this machine's
/// CPU and features). Returns null and sets `error` for an unknown CPU.
std::unique_ptr<llvm::TargetMachine> createCPUTargetMachine(llvm::StringRef cpu,
                                                            unsigned optLevel,
                                                            std::string &error);

/// Translates an LLVM-dialect module and optimizes it for `tm` at `optLevel`.
std::unique_ptr<llvm::Module> translateAndOptimize(ModuleOp module, llvm::LLVMContext &ctx,
                                                   llvm::TargetMachine &tm, unsigned optLevel);

/// Writes an object file (or assembly) for `module`.
LogicalResult emitMachineCode(llvm::Module &module, llvm::TargetMachine &tm,
                              llvm::raw_pwrite_stream &os, bool assembly, std::string &error);

/// Links `objectPath` into the shared library `outputPath` (libm, libomp as
/// needed), through a temporary file so `outputPath` is never half-written.
LogicalResult linkSharedLibrary(llvm::StringRef objectPath, llvm::StringRef outputPath,
                                std::string &error);

} // namespace mlir::hnn

#endif // HNN_PASSES_CPUCODEGEN_H
