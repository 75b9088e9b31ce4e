//===- CPUCodegen.cpp - LLVM dialect to objects and shared libraries ------===//
#include "passes/CPUCodegen.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;

std::unique_ptr<llvm::TargetMachine> hnn::createCPUTargetMachine(StringRef cpu,
                                                                 unsigned optLevel,
                                                                 std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  std::string cpuName = cpu.str(), features;
  if (cpu == "native") {
    cpuName = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures f;
    for (auto &feature : llvm::sys::getHostCPUFeatures())
      f.AddFeature(feature.first(), feature.second);
    features = f.getString();
  }
  std::unique_ptr<llvm::MCSubtargetInfo> sti(
      target->createMCSubtargetInfo(triple, cpuName, features));
  if (!sti || !sti->isCPUStringValid(cpuName)) {
    error = "unknown CPU '" + cpu.str() + "' for " + triple.str() +
            " (try --cpu=native, x86-64-v3 or a name such as znver4)";
    return nullptr;
  }
  llvm::CodeGenOptLevel level = optLevel == 0   ? llvm::CodeGenOptLevel::None
                                : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                : llvm::CodeGenOptLevel::Aggressive;
  llvm::TargetOptions options;
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      triple, cpuName, features, options, llvm::Reloc::PIC_, std::nullopt, level));
}

std::unique_ptr<llvm::Module> hnn::translateAndOptimize(ModuleOp module, llvm::LLVMContext &ctx,
                                                        llvm::TargetMachine &tm,
                                                        unsigned optLevel) {
  std::unique_ptr<llvm::Module> llvmModule = translateModuleToLLVMIR(module, ctx);
  if (!llvmModule)
    return nullptr;
  llvmModule->setTargetTriple(tm.getTargetTriple());
  llvmModule->setDataLayout(tm.createDataLayout());
  // Every function gets the target CPU and features so LLVM vectorizes for it.
  for (llvm::Function &f : *llvmModule) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", tm.getTargetCPU());
    f.addFnAttr("target-features", tm.getTargetFeatureString());
  }
  auto transformer = makeOptimizingTransformer(optLevel, /*sizeLevel=*/0, &tm);
  if (llvm::Error err = transformer(llvmModule.get())) {
    llvm::consumeError(std::move(err));
    return nullptr;
  }
  return llvmModule;
}

LogicalResult hnn::emitMachineCode(llvm::Module &module, llvm::TargetMachine &tm,
                                   llvm::raw_pwrite_stream &os, bool assembly,
                                   std::string &error) {
  llvm::legacy::PassManager pm;
  auto type = assembly ? llvm::CodeGenFileType::AssemblyFile : llvm::CodeGenFileType::ObjectFile;
  if (tm.addPassesToEmitFile(pm, os, nullptr, type)) {
    error = "the target cannot emit this file type";
    return failure();
  }
  pm.run(module);
  return success();
}

LogicalResult hnn::linkSharedLibrary(StringRef objectPath, StringRef outputPath,
                                     std::string &error) {
  std::string driver;
  for (const char *name : {"clang-22", "clang", "cc", "gcc"}) {
    if (auto p = llvm::sys::findProgramByName(name)) {
      driver = *p;
      break;
    }
  }
  if (driver.empty()) {
    error = "no C compiler driver (clang-22, clang, cc or gcc) found on PATH to link the "
            "shared library";
    return failure();
  }
  std::string tmp = (outputPath + ".tmp").str();
  // Parallel loops call LLVM's OpenMP runtime (libomp-22-dev).
  SmallVector<StringRef> args = {driver, "-shared", "-o", tmp, objectPath,
                                 "-L" HNN_OPENMP_LIBDIR, "-Wl,-rpath," HNN_OPENMP_LIBDIR,
                                 "-lomp", "-lm"};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(driver, args, std::nullopt, {}, 0, 0, &message);
  if (rc != 0) {
    llvm::sys::fs::remove(tmp);
    error = "linking with " + driver + " failed" + (message.empty() ? "" : ": " + message);
    return failure();
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmp, outputPath)) {
    llvm::sys::fs::remove(tmp);
    error = "cannot write " + outputPath.str() + ": " + ec.message();
    return failure();
  }
  return success();
}
