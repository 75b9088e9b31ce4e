//===- ExpandKAN.cpp - KAN layers to primitive ops -------------------------===//
#include "passes/Passes.h"

#include "dialect/KANExpand.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNEXPANDKAN
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;
using namespace mlir::hnn;

namespace {
struct ExpandKANPass : hnn::impl::HNNExpandKANBase<ExpandKANPass> {
  void runOnOperation() override { expandKanLayers(getOperation()); }
};
} // namespace
