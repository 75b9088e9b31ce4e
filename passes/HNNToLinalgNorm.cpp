//===- HNNToLinalgNorm.cpp ---------------------------------------------------===//
#include "passes/HNNToLinalg.h"

using namespace mlir;
using namespace mlir::hnn;

void hnn::populateHNNToLinalgNormPatterns(RewritePatternSet &patterns) {}
