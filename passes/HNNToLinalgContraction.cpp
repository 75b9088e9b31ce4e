//===- HNNToLinalgContraction.cpp ---------------------------------------------------===//
#include "passes/HNNToLinalg.h"

using namespace mlir;
using namespace mlir::hnn;

void hnn::populateHNNToLinalgContractionPatterns(RewritePatternSet &patterns) {}
