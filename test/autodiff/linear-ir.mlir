// The backward IR of linear: dx = dy·W (a linear with the transposed
// weight), dW = Σ dyᵀ·x over the leading dimensions, db = Σ dy. With a
// static batch the leading dimensions are merged into one matmul. Only
// dimension 0 may be dynamic, so a dynamic batch stays there: a batch_matmul
// over it (per sample dyᵀ·x) is summed over dimension 0.
// RUN: hnn-opt %s --hnn-autodiff | FileCheck %s

// CHECK-LABEL: func.func @rank2_grad(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x5xf32>, %[[W:[a-z0-9]+]]: tensor<4x5xf32>, %[[B:[a-z0-9]+]]: tensor<4xf32>, %[[DY:[a-z0-9]+]]: tensor<?x4xf32> {hnn.input = "seed0"})
// CHECK:         %[[Y:.*]] = hnn.linear %[[X]], %[[W]], %[[B]]
// CHECK:         %[[WT:.*]] = hnn.transpose %[[W]] {permutation = array<i64: 1, 0>} : tensor<4x5xf32> -> tensor<5x4xf32>
// CHECK:         %[[DX:.*]] = hnn.linear %[[DY]], %[[WT]] : (tensor<?x4xf32>, tensor<5x4xf32>) -> tensor<?x5xf32>
// CHECK:         %[[DYC:.*]] = hnn.reshape %[[DY]] : tensor<?x4xf32> -> tensor<?x4x1xf32>
// CHECK:         %[[XR:.*]] = hnn.reshape %[[X]] : tensor<?x5xf32> -> tensor<?x1x5xf32>
// CHECK:         %[[P:.*]] = hnn.batch_matmul %[[DYC]], %[[XR]] : (tensor<?x4x1xf32>, tensor<?x1x5xf32>) -> tensor<?x4x5xf32>
// CHECK:         %[[DW:.*]] = hnn.reduce_sum %[[P]] {dims = array<i64: 0>} : tensor<?x4x5xf32> -> tensor<4x5xf32>
// CHECK:         %[[DB:.*]] = hnn.reduce_sum %[[DY]] {dims = array<i64: 0>} : tensor<?x4xf32> -> tensor<4xf32>
// CHECK:         return %[[Y]], %[[DX]], %[[DW]], %[[DB]]
func.func @rank2(%x: tensor<?x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @static3_grad(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x5xf32>, %[[W:[a-z0-9]+]]: tensor<4x5xf32>, %[[DY:[a-z0-9]+]]: tensor<2x3x4xf32> {hnn.input = "seed0"})
// CHECK:         %[[WT:.*]] = hnn.transpose %[[W]]
// CHECK:         %[[DX:.*]] = hnn.linear %[[DY]], %[[WT]] : (tensor<2x3x4xf32>, tensor<5x4xf32>) -> tensor<2x3x5xf32>
// CHECK:         %[[DY2:.*]] = hnn.reshape %[[DY]] : tensor<2x3x4xf32> -> tensor<6x4xf32>
// CHECK:         %[[X2:.*]] = hnn.reshape %[[X]] : tensor<2x3x5xf32> -> tensor<6x5xf32>
// CHECK:         %[[DYT:.*]] = hnn.transpose %[[DY2]] {permutation = array<i64: 1, 0>} : tensor<6x4xf32> -> tensor<4x6xf32>
// CHECK:         %[[DW:.*]] = hnn.matmul %[[DYT]], %[[X2]] : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
// CHECK:         return %{{.*}}, %[[DX]], %[[DW]]
func.func @static3(%x: tensor<2x3x5xf32>, %w: tensor<4x5xf32>) -> tensor<2x3x4xf32> {
  %0 = hnn.linear %x, %w : (tensor<2x3x5xf32>, tensor<4x5xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @batch4_grad(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x2x3x5xf32>, %[[W:[a-z0-9]+]]: tensor<4x5xf32>, %[[B:[a-z0-9]+]]: tensor<4xf32>, %[[DY:[a-z0-9]+]]: tensor<?x2x3x4xf32> {hnn.input = "seed0"})
// CHECK:         %[[DX:.*]] = hnn.linear %[[DY]], %{{.*}} : (tensor<?x2x3x4xf32>, tensor<5x4xf32>) -> tensor<?x2x3x5xf32>
// CHECK:         %[[DY3:.*]] = hnn.reshape %[[DY]] : tensor<?x2x3x4xf32> -> tensor<?x6x4xf32>
// CHECK:         %[[X3:.*]] = hnn.reshape %[[X]] : tensor<?x2x3x5xf32> -> tensor<?x6x5xf32>
// CHECK:         %[[DYT:.*]] = hnn.transpose %[[DY3]] {permutation = array<i64: 0, 2, 1>} : tensor<?x6x4xf32> -> tensor<?x4x6xf32>
// CHECK:         %[[P:.*]] = hnn.batch_matmul %[[DYT]], %[[X3]] : (tensor<?x4x6xf32>, tensor<?x6x5xf32>) -> tensor<?x4x5xf32>
// CHECK:         %[[DW:.*]] = hnn.reduce_sum %[[P]] {dims = array<i64: 0>} : tensor<?x4x5xf32> -> tensor<4x5xf32>
// CHECK:         %[[DB:.*]] = hnn.reduce_sum %[[DY]] {dims = array<i64: 0, 1, 2>} : tensor<?x2x3x4xf32> -> tensor<4xf32>
// CHECK:         return %{{.*}}, %[[DX]], %[[DW]], %[[DB]]
func.func @batch4(%x: tensor<?x2x3x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<?x2x3x4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x2x3x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<?x2x3x4xf32>
  return %0 : tensor<?x2x3x4xf32>
}
