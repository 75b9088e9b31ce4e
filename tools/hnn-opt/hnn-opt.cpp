//===- hnn-opt.cpp - mlir-opt with the hnn dialect and passes -------------===//
//
// The developer's driver: parses, verifies, transforms and prints IR. It
// knows the hnn dialect and passes and every upstream dialect and pass the
// hnn pipelines lower through.
//
//===----------------------------------------------------------------------===//
#include "dialect/HNNDialect.h"
#include "passes/Passes.h"
#include "passes/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &os) {
    os << "hnn-opt (hnn " HNN_VERSION "), built with LLVM/MLIR " LLVM_VERSION_STRING "\n";
  });
  mlir::registerAllPasses();
  mlir::hnn::registerHNNPasses();
  mlir::hnn::registerHNNPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::hnn::HNNDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "hnn optimizer driver\n", registry));
}
