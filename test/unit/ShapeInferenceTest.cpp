//===- ShapeInferenceTest.cpp - shape arithmetic against PyTorch's rules --===//
//
// Expected values are PyTorch's documented output-size formulas worked by
// hand, not outputs of the code under test.
//
//===----------------------------------------------------------------------===//
#include "dialect/ShapeInference.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::hnn;

static constexpr int64_t D = ShapedType::kDynamic;

TEST(NormalizeDim, AcceptsTorchRange) {
  EXPECT_EQ(normalizeDim(0, 3), 0);
  EXPECT_EQ(normalizeDim(2, 3), 2);
  EXPECT_EQ(normalizeDim(-1, 3), 2);
  EXPECT_EQ(normalizeDim(-3, 3), 0);
  EXPECT_FALSE(normalizeDim(3, 3));
  EXPECT_FALSE(normalizeDim(-4, 3));
  EXPECT_FALSE(normalizeDim(0, 0));
}

TEST(Broadcast, NumpyRules) {
  using V = llvm::SmallVector<int64_t>;
  EXPECT_EQ(*broadcastShapes({2, 3}, {2, 3}), (V{2, 3}));
  EXPECT_EQ(*broadcastShapes({4, 1, 3}, {5, 1}), (V{4, 5, 3}));
  EXPECT_EQ(*broadcastShapes({}, {7}), (V{7}));
  EXPECT_EQ(*broadcastShapes({1}, {}), (V{1}));
  EXPECT_FALSE(broadcastShapes({2, 3}, {3, 2}));
  EXPECT_FALSE(broadcastShapes({4}, {5}));
}

TEST(Broadcast, DynamicBatch) {
  using V = llvm::SmallVector<int64_t>;
  EXPECT_EQ(*broadcastShapes({D, 8}, {8}), (V{D, 8}));
  EXPECT_EQ(*broadcastShapes({D, 8}, {1, 8}), (V{D, 8}));
  EXPECT_EQ(*broadcastShapes({D, 8}, {4, 8}), (V{4, 8}));
  EXPECT_EQ(*broadcastShapes({D, 8}, {D, 1}), (V{D, 8}));
}

TEST(Window, ConvolutionSizes) {
  // 32x32, 3x3, stride 2, padding 1 -> 16 (ResNet downsampling).
  EXPECT_EQ(windowOutputSize(32, 3, 2, 1, 1, 1), 16);
  // 28, 5x5, no padding -> 24 (LeNet).
  EXPECT_EQ(windowOutputSize(28, 5, 1, 0, 0, 1), 24);
  // dilation 2 makes a 3-tap kernel span 5: 10 -> 6.
  EXPECT_EQ(windowOutputSize(10, 3, 1, 0, 0, 2), 6);
  // 224, 7x7, stride 2, padding 3 -> 112 (ResNet stem).
  EXPECT_EQ(windowOutputSize(224, 7, 2, 3, 3, 1), 112);
  // Kernel larger than the padded input -> empty.
  EXPECT_LE(windowOutputSize(2, 5, 1, 0, 0, 1), 0);
  EXPECT_EQ(windowOutputSize(D, 3, 1, 1, 1, 1), D);
}

TEST(Window, PoolCeilMode) {
  // 5, kernel 2, stride 2: floor 2, ceil 3.
  EXPECT_EQ(windowOutputSize(5, 2, 2, 0, 0, 1, false), 2);
  EXPECT_EQ(windowOutputSize(5, 2, 2, 0, 0, 1, true), 3);
  // 4, kernel 2, stride 3, padding 1, ceil: the third window would start in
  // the right padding, so PyTorch drops it: 2.
  EXPECT_EQ(windowOutputSize(4, 2, 3, 1, 1, 1, true), 2);
  // A 3x3 kernel over 2 inputs, stride 2: no window with floor; with ceil
  // PyTorch keeps the one window starting at 0 (pooling_output_shape).
  EXPECT_LE(windowOutputSize(2, 3, 2, 0, 0, 1, false), 0);
  EXPECT_EQ(windowOutputSize(2, 3, 2, 0, 0, 1, true), 1);
  // 112, kernel 3, stride 2, padding 1 (ResNet max pool): floor 56; ceil
  // (111/2 rounded up) + 1 = 57, the last window starting at input index 111.
  EXPECT_EQ(windowOutputSize(112, 3, 2, 1, 1, 1, false), 56);
  EXPECT_EQ(windowOutputSize(112, 3, 2, 1, 1, 1, true), 57);
}

TEST(Window, TransposedConvolution) {
  // Upsampling by 2: 16, kernel 4, stride 2, padding 1 -> 32.
  EXPECT_EQ(convTransposeOutputSize(16, 4, 2, 1, 1, 0), 32);
  // 7, kernel 3, stride 2, padding 1, output_padding 1 -> 14.
  EXPECT_EQ(convTransposeOutputSize(7, 3, 2, 1, 1, 1), 14);
  EXPECT_EQ(convTransposeOutputSize(D, 3, 2, 1, 1, 1), D);
}

TEST(Format, Shapes) {
  EXPECT_EQ(shapeStr({D, 3, 4}), "?x3x4");
  EXPECT_EQ(shapeStr({}), "scalar (rank 0)");
}
