//===- hnnc.cpp - the hnn compiler driver ---------------------------------===//
//
// hnnc INPUT -o OUT --emit=KIND: reads a model (a YAML/JSON model file
// through frontend/, or hnn-dialect .mlir), runs the target pipeline and
// writes the requested artifact. The stages themselves live in passes/
// (pipelines, entry points, CPU code generation).
//
//===----------------------------------------------------------------------===//
#include "dialect/HNNDialect.h"
#include "dialect/HNNOps.h"
#include "frontend/Frontend.h"
#include "passes/CPUCodegen.h"
#include "passes/EntryPoints.h"
#include "passes/Passes.h"
#include "passes/Pipelines.h"
#include "runtime/hnnrt.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace {
enum class Emit { HNN, Linalg, LLVMMLIR, LLVMIR, Asm, Obj, Lib };

cl::OptionCategory outputCat("Output");
cl::OptionCategory targetCat("Target");
cl::OptionCategory debugCat("MLIR debugging (see also --help-hidden)");

cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model: .yaml, .yml, .json or .mlir>"),
                               cl::init("-"));
cl::opt<std::string> outputFile("o", cl::desc("Output file ('-' for stdout, text kinds only)"),
                                cl::value_desc("file"), cl::init("-"), cl::cat(outputCat));
cl::opt<Emit> emit(
    "emit", cl::desc("What to produce"), cl::init(Emit::Lib), cl::cat(outputCat),
    cl::values(clEnumValN(Emit::HNN, "hnn", "the verified hnn-dialect input (or the IR "
                                            "built from a model file)"),
               clEnumValN(Emit::Linalg, "linalg", "linalg on tensors after lowering"),
               clEnumValN(Emit::LLVMMLIR, "llvm-mlir", "the LLVM dialect"),
               clEnumValN(Emit::LLVMIR, "llvm", "optimized LLVM IR"),
               clEnumValN(Emit::Asm, "asm", "assembly"),
               clEnumValN(Emit::Obj, "obj", "an object file (add --header for C)"),
               clEnumValN(Emit::Lib, "lib", "a shared library (default)")));
cl::opt<std::string> headerFile("header", cl::desc("Also write a C header for the entry points"),
                                cl::value_desc("file"), cl::cat(outputCat));
cl::opt<std::string> prefix("prefix",
                            cl::desc("Prefix of every exported symbol (a C identifier), so "
                                     "several models link into one program"),
                            cl::init(""), cl::cat(outputCat));
cl::opt<std::string> weightsFile(
    "weights",
    cl::desc("Bake the parameters found in this safetensors file into the model as "
             "constants (they leave the entry points' signatures)"),
    cl::value_desc("file"), cl::cat(outputCat));
cl::opt<std::string> target("target", cl::desc("Target device (cpu)"), cl::init("cpu"),
                            cl::cat(targetCat));
cl::opt<std::string> cpu("cpu", cl::desc("Target CPU: native (default), or an LLVM CPU name"),
                         cl::init("native"), cl::cat(targetCat));
cl::opt<bool> autodiff("autodiff",
                       cl::desc("Also compile <f>_grad, the reverse-mode gradient of every "
                                "entry point (hnn-autodiff)"),
                       cl::init(false), cl::cat(outputCat));
cl::opt<bool> train("train",
                    cl::desc("Also compile train_step and eval_step from the model's loss and "
                             "optimizer sections (hnn-build-train-step), for hnn-run train"),
                    cl::init(false), cl::cat(outputCat));
cl::opt<bool> kanPrune("kan-prune",
                       cl::desc("Replace each trained S-KAN layer (skan_linear) by its selected "
                                "branches; needs its weights (--weights)"),
                       cl::init(false), cl::cat(outputCat));
cl::opt<int64_t> batch("batch",
                       cl::desc("Fix the dynamic batch dimension to N (faster kernels)"),
                       cl::value_desc("N"), cl::init(0), cl::cat(targetCat));
cl::opt<std::string> scheduleFile(
    "cpu-schedule",
    cl::desc("Transform-dialect library replacing the built-in CPU schedule (for tuning)"),
    cl::value_desc("file"), cl::cat(targetCat));
cl::opt<unsigned> optLevel("O", cl::desc("Optimization level -O0..-O3 (default -O2)"),
                           cl::Prefix, cl::init(2), cl::cat(targetCat));

bool isCIdentifierPrefix(StringRef s) {
  if (s.empty())
    return true;
  if (!llvm::isAlpha(s[0]) && s[0] != '_')
    return false;
  return llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

int fail(const Twine &message) {
  llvm::errs() << "hnnc: error: " << message << "\n";
  return 1;
}

/// --weights: every parameter argument whose name is in the safetensors file
/// becomes an hnn.constant with the file's value and leaves the signature;
/// `@init` stops returning it. Parameters the file lacks stay arguments;
/// tensors the model lacks (num_batches_tracked, ...) are ignored.
int bakeWeights(ModuleOp module, StringRef path) {
  hnn_weights *weights = nullptr;
  if (hnn_weights_load(path.str().c_str(), &weights) != HNN_OK)
    return fail("cannot load --weights '" + path + "': " + hnn_last_error());
  llvm::scope_exit release([&] { hnn_weights_free(weights); });
  llvm::StringSet<> baked;
  std::vector<std::string> forwardParams;
  bool ok = true;
  for (auto f : module.getOps<func::FuncOp>()) {
    if (f.isExternal())
      continue;
    llvm::BitVector erase(f.getNumArguments());
    OpBuilder b = OpBuilder::atBlockBegin(&f.front());
    for (unsigned i = 0; i < f.getNumArguments(); ++i) {
      auto param = f.getArgAttrOfType<hnn::ParamAttr>(i, hnn::HNNDialect::getParamAttrName());
      if (!param)
        continue;
      if (f.getSymName() == "forward")
        forwardParams.push_back(param.getName().str());
      const hnn_tensor *tensor = hnn_weights_get(weights, param.getName().str().c_str());
      if (!tensor)
        continue;
      auto type = dyn_cast<RankedTensorType>(f.getArgument(i).getType());
      llvm::ArrayRef<int64_t> shape(hnn_tensor_shape(tensor), hnn_tensor_rank(tensor));
      if (!type || !type.hasStaticShape() || !type.getElementType().isF32() ||
          hnn_tensor_dtype(tensor) != HNN_F32 || type.getShape() != shape) {
        std::string fileShape;
        for (int64_t d : shape)
          fileShape += (fileShape.empty() ? "" : "x") + std::to_string(d);
        emitError(f.getArgument(i).getLoc()) << "--weights: '" << param.getName() << "' is "
                      << hnn_dtype_name(hnn_tensor_dtype(tensor)) << " " << fileShape
                      << " in " << path << " but the model expects " << f.getArgument(i).getType();
        ok = false;
        continue;
      }
      llvm::ArrayRef<char> bytes(static_cast<const char *>(hnn_tensor_data(tensor)),
                                 hnn_tensor_nbytes(tensor));
      auto value = hnn::ConstantOp::create(b, f.getArgument(i).getLoc(),
                                           DenseElementsAttr::getFromRawBuffer(type, bytes));
      f.getArgument(i).replaceAllUsesWith(value);
      erase.set(i);
      if (f.getSymName() == "forward")
        baked.insert(param.getName());
    }
    if (ok && failed(f.eraseArguments(erase)))
      return 1;
  }
  if (!ok)
    return 1;
  // @init returns the forward parameters' initial values in order.
  auto init = module.lookupSymbol<func::FuncOp>("init");
  if (init && !init.isExternal() && init.getNumResults() == forwardParams.size()) {
    llvm::BitVector drop(forwardParams.size());
    for (size_t i = 0; i < forwardParams.size(); ++i)
      if (baked.contains(forwardParams[i]))
        drop.set(i);
    auto ret = cast<func::ReturnOp>(init.front().getTerminator());
    ret->eraseOperands(drop);
    if (failed(init.eraseResults(drop)))
      return 1;
    if (init.getNumResults() == 0)
      init.erase();
  }
  return 0;
}

/// Writes `text` to `path` ("-": stdout) only when everything succeeded.
int writeText(StringRef path, llvm::function_ref<void(llvm::raw_ostream &)> print) {
  std::string error;
  auto out = openOutputFile(path, &error);
  if (!out)
    return fail(error);
  print(out->os());
  out->keep();
  return 0;
}

int compile(MLIRContext &ctx, llvm::SourceMgr &sourceMgr) {
  // Model files go through the frontend; the diagnostics of both point into
  // the input through `sourceMgr`.
  OwningOpRef<ModuleOp> module =
      hnn::frontend::isModelFile(inputFile)
          ? hnn::frontend::buildModel(&ctx, sourceMgr, sourceMgr.getMainFileID())
          : parseSourceFile<ModuleOp>(sourceMgr, &ctx);
  if (!module)
    return 1;
  if (!weightsFile.empty())
    if (int rc = bakeWeights(*module, weightsFile))
      return rc;
  // The train step and gradients add entry points; they and a fixed batch
  // come before the entry points are described (--emit=hnn shows the former).
  if (kanPrune) {
    PassManager prunePm(&ctx);
    prunePm.addPass(hnn::createHNNKANPrune());
    if (failed(prunePm.run(*module)))
      return 1;
  }
  if (train) {
    PassManager trainPm(&ctx);
    trainPm.addPass(hnn::createHNNBuildTrainStep());
    if (failed(trainPm.run(*module)))
      return 1;
  }
  if (autodiff) {
    PassManager gradPm(&ctx);
    gradPm.addPass(hnn::createHNNAutodiff());
    if (failed(gradPm.run(*module)))
      return 1;
  }
  if (emit == Emit::HNN)
    return writeText(outputFile, [&](llvm::raw_ostream &os) { module->print(os); });

  if (batch > 0) {
    PassManager batchPm(&ctx);
    hnn::HNNSetBatchSizeOptions batchOptions;
    batchOptions.batch = batch;
    batchPm.addPass(hnn::createHNNSetBatchSize(batchOptions));
    if (failed(batchPm.run(*module)))
      return 1;
  }

  // The target decides the register tiles, so it is known before lowering.
  std::string error;
  auto tm = hnn::createCPUTargetMachine(cpu, optLevel, error);
  if (!tm)
    return fail(error);

  hnn::CPUPipelineOptions options;
  options.optLevel = optLevel;
  options.vectorBits = tm->getMCSubtargetInfo()->checkFeatures("+avx512f") ? 512 : 256;
  options.cpu = cpu;
  options.scheduleLibrary = scheduleFile;
  FailureOr<hnn::ModelABI> abi;
  if (emit != Emit::Linalg) {
    abi = hnn::describeEntryPoints(*module, prefix);
    if (failed(abi))
      return 1;
  }

  PassManager pm(&ctx);
  if (failed(applyPassManagerCLOptions(pm)))
    return 1;
  applyDefaultTimingPassManagerCLOptions(pm);

  if (failed(hnn::buildCPULinalgPipeline(pm, options)))
    return 1;
  if (emit != Emit::Linalg && failed(hnn::buildCPULLVMPipeline(pm, options)))
    return 1;
  if (failed(pm.run(*module)))
    return 1;
  if (emit == Emit::Linalg)
    return writeText(outputFile, [&](llvm::raw_ostream &os) { module->print(os); });

  if (failed(hnn::emitEntryPoints(*module, *abi)))
    return 1;
  if (emit == Emit::LLVMMLIR)
    return writeText(outputFile, [&](llvm::raw_ostream &os) { module->print(os); });

  llvm::LLVMContext llvmCtx;
  auto llvmModule = hnn::translateAndOptimize(*module, llvmCtx, *tm, optLevel);
  if (!llvmModule)
    return fail("translation to LLVM IR failed");
  if (emit == Emit::LLVMIR)
    return writeText(outputFile, [&](llvm::raw_ostream &os) { llvmModule->print(os, nullptr); });

  if (!headerFile.empty()) {
    std::string guard = "HNN_MODEL_" + StringRef(prefix).upper() + "H";
    if (int rc = writeText(headerFile,
                           [&](llvm::raw_ostream &os) { os << abi->header(guard); }))
      return rc;
  }

  if (emit == Emit::Asm || emit == Emit::Obj) {
    auto out = openOutputFile(outputFile, &error);
    if (!out)
      return fail(error);
    if (failed(hnn::emitMachineCode(*llvmModule, *tm, out->os(), emit == Emit::Asm, error)))
      return fail(error);
    out->keep();
    return 0;
  }

  // A shared library: object to a temporary file, then the linker.
  SmallString<128> objPath;
  int fd;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("hnnc", "o", fd, objPath))
    return fail("cannot create a temporary object file: " + ec.message());
  llvm::FileRemover removeObj(objPath);
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    if (failed(hnn::emitMachineCode(*llvmModule, *tm, os, /*assembly=*/false, error)))
      return fail(error);
  }
  if (failed(hnn::linkSharedLibrary(objPath, outputFile, error)))
    return fail(error);
  return 0;
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerAllPasses();
  hnn::registerHNNPasses();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  registerAsmPrinterCLOptions();
  cl::AddExtraVersionPrinter([](llvm::raw_ostream &os) {
    os << "hnnc (hnn " HNN_VERSION "), built with LLVM/MLIR " LLVM_VERSION_STRING "\n";
  });
  // Show hnnc's own options and MLIR's debugging flags; LLVM's many global
  // options stay reachable through --help-hidden.
  for (auto &[name, option] : cl::getRegisteredOptions())
    if (name.starts_with("mlir-"))
      option->addCategory(debugCat);
  cl::HideUnrelatedOptions({&outputCat, &targetCat, &debugCat});
  cl::ParseCommandLineOptions(
      argc, argv,
      "hnnc - the hnn compiler\n\n"
      "  hnnc model.yaml -o model.so                 shared library for hnn_model_load()\n"
      "  hnnc model.yaml --emit=hnn                  the IR built from a model file\n"
      "  hnnc model.mlir -o model.so                 the same from hnn-dialect IR\n"
      "  hnnc model.mlir --emit=obj -o m.o --header=m.h   object + C header to link\n"
      "  hnnc model.mlir --emit=linalg               inspect a pipeline stage\n");

  if (target != "cpu")
    return fail("unknown --target '" + target + "' (supported: cpu)");
  if (batch < 0)
    return fail("--batch must be at least 1");
  if (optLevel > 3)
    return fail("-O" + Twine(optLevel) + " is not an optimization level (use -O0..-O3)");
  if (!isCIdentifierPrefix(prefix))
    return fail("--prefix '" + prefix + "' is not a C identifier prefix");
  bool binary = emit == Emit::Obj || emit == Emit::Lib;
  if (binary && outputFile == "-")
    return fail("--emit=obj and --emit=lib need an output file (-o FILE)");
  if (!headerFile.empty() && !binary)
    return fail("--header goes with --emit=obj or --emit=lib");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  registry.insert<hnn::HNNDialect>();
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  // Diagnostics point into the user's file; a dump of the op they are about
  // (the whole module, for a module-level error) would only bury them.
  ctx.printOpOnDiagnostic(false);

  std::string error;
  auto input = openInputFile(inputFile, &error);
  if (!input)
    return fail(error);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(sourceMgr, &ctx);
  return compile(ctx, sourceMgr);
}
