//===- HNNToLinalgPool.cpp ------------------------------------------------===//
#include "passes/HNNToLinalg.h"

using namespace mlir;
using namespace mlir::hnn;

void hnn::populateHNNToLinalgPoolPatterns(RewritePatternSet &patterns) {}
