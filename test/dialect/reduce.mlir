// Round trip of the reductions (reduce_sum, reduce_mean, reduce_max,
// reduce_var) and the losses (cross_entropy, mse, relative_l2). The written
// result types are computed by hand and checked against the inferred ones by
// the verifier: reduced dims disappear (or stay as 1 with keepdim); losses
// give a rank-0 tensor for mean/sum and the per-sample shape for none.

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reduce_sum(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x17xf32>)
// CHECK:         %[[A:.*]] = hnn.reduce_sum %[[X]] {dims = array<i64: 1>} : tensor<?x3x17xf32> -> tensor<?x17xf32>
// CHECK:         %[[B:.*]] = hnn.reduce_sum %[[X]] {dims = array<i64: 1>, keepdim} : tensor<?x3x17xf32> -> tensor<?x1x17xf32>
// CHECK:         %[[C:.*]] = hnn.reduce_sum %[[X]] {dims = array<i64: 0>} : tensor<?x3x17xf32> -> tensor<3x17xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]] : tensor<?x17xf32>, tensor<?x1x17xf32>, tensor<3x17xf32>
func.func @reduce_sum(%x: tensor<?x3x17xf32>) -> (tensor<?x17xf32>, tensor<?x1x17xf32>, tensor<3x17xf32>) {
  %0 = hnn.reduce_sum %x {dims = array<i64: 1>} : tensor<?x3x17xf32> -> tensor<?x17xf32>
  %1 = hnn.reduce_sum %x {dims = array<i64: 1>, keepdim} : tensor<?x3x17xf32> -> tensor<?x1x17xf32>
  %2 = hnn.reduce_sum %x {dims = array<i64: 0>} : tensor<?x3x17xf32> -> tensor<3x17xf32>
  return %0, %1, %2 : tensor<?x17xf32>, tensor<?x1x17xf32>, tensor<3x17xf32>
}

// Negative dims, listed in descending order.
// CHECK-LABEL: func.func @reduce_mean(
// CHECK:         hnn.reduce_mean %{{[a-z0-9]+}} {dims = array<i64: -1, -2>} : tensor<2x3x4xf32> -> tensor<2xf32>
// CHECK:         hnn.reduce_mean %{{[a-z0-9]+}} {dims = array<i64: -1, -2>, keepdim} : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
// CHECK:         hnn.reduce_mean %{{[a-z0-9]+}} {dims = array<i64: 2, 3>, keepdim} : tensor<?x7x17x33xf16> -> tensor<?x7x1x1xf16>
func.func @reduce_mean(%x: tensor<2x3x4xf32>, %y: tensor<?x7x17x33xf16>) -> (tensor<2xf32>, tensor<2x1x1xf32>, tensor<?x7x1x1xf16>) {
  %0 = hnn.reduce_mean %x {dims = array<i64: -1, -2>} : tensor<2x3x4xf32> -> tensor<2xf32>
  %1 = hnn.reduce_mean %x {dims = array<i64: -1, -2>, keepdim} : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
  %2 = hnn.reduce_mean %y {dims = array<i64: 2, 3>, keepdim} : tensor<?x7x17x33xf16> -> tensor<?x7x1x1xf16>
  return %0, %1, %2 : tensor<2xf32>, tensor<2x1x1xf32>, tensor<?x7x1x1xf16>
}

// Reducing the dynamic batch; reducing every dim to rank 0 (and with keepdim).
// CHECK-LABEL: func.func @reduce_max(
// CHECK:         hnn.reduce_max %{{[a-z0-9]+}} {dims = array<i64: 0>} : tensor<?x10xf32> -> tensor<10xf32>
// CHECK:         hnn.reduce_max %{{[a-z0-9]+}} {dims = array<i64: 0, 1>} : tensor<3x5xbf16> -> tensor<bf16>
// CHECK:         hnn.reduce_max %{{[a-z0-9]+}} {dims = array<i64: 1, 0>, keepdim} : tensor<3x5xbf16> -> tensor<1x1xbf16>
func.func @reduce_max(%x: tensor<?x10xf32>, %y: tensor<3x5xbf16>) -> (tensor<10xf32>, tensor<bf16>, tensor<1x1xbf16>) {
  %0 = hnn.reduce_max %x {dims = array<i64: 0>} : tensor<?x10xf32> -> tensor<10xf32>
  %1 = hnn.reduce_max %y {dims = array<i64: 0, 1>} : tensor<3x5xbf16> -> tensor<bf16>
  %2 = hnn.reduce_max %y {dims = array<i64: 1, 0>, keepdim} : tensor<3x5xbf16> -> tensor<1x1xbf16>
  return %0, %1, %2 : tensor<10xf32>, tensor<bf16>, tensor<1x1xbf16>
}

// correction defaults to 1 (elided when written); 0 (biased) and 2.
// CHECK-LABEL: func.func @reduce_var(
// CHECK:         hnn.reduce_var %{{[a-z0-9]+}} {dims = array<i64: 2>} : tensor<2x3x33xf32> -> tensor<2x3xf32>
// CHECK:         hnn.reduce_var %{{[a-z0-9]+}} {correction = 0 : i64, dims = array<i64: 2>, keepdim} : tensor<2x3x33xf32> -> tensor<2x3x1xf32>
// CHECK:         hnn.reduce_var %{{[a-z0-9]+}} {correction = 2 : i64, dims = array<i64: -3>} : tensor<2x3x33xf32> -> tensor<3x33xf32>
func.func @reduce_var(%x: tensor<2x3x33xf32>) -> (tensor<2x3xf32>, tensor<2x3x1xf32>, tensor<3x33xf32>) {
  %0 = hnn.reduce_var %x {dims = array<i64: 2>, correction = 1} : tensor<2x3x33xf32> -> tensor<2x3xf32>
  %1 = hnn.reduce_var %x {dims = array<i64: 2>, keepdim, correction = 0} : tensor<2x3x33xf32> -> tensor<2x3x1xf32>
  %2 = hnn.reduce_var %x {dims = array<i64: -3>, correction = 2} : tensor<2x3x33xf32> -> tensor<3x33xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3x1xf32>, tensor<3x33xf32>
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @cross_entropy(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x10xf32>, %[[L:[a-z0-9]+]]: tensor<?xi64>)
// CHECK:         %[[A:.*]] = hnn.cross_entropy %[[X]], %[[L]] : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
// CHECK:         %[[B:.*]] = hnn.cross_entropy %[[X]], %[[L]] {label_smoothing = 1.000000e-01 : f64, reduction = #hnn<reduction sum>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
// CHECK:         %[[C:.*]] = hnn.cross_entropy %[[X]], %[[L]] {reduction = #hnn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<?xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]] : tensor<f32>, tensor<f32>, tensor<?xf32>
func.func @cross_entropy(%x: tensor<?x10xf32>, %l: tensor<?xi64>) -> (tensor<f32>, tensor<f32>, tensor<?xf32>) {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.0, reduction = #hnn<reduction mean>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %1 = hnn.cross_entropy %x, %l {label_smoothing = 0.1, reduction = #hnn<reduction sum>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %2 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<?xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?xf32>
}

// i32 labels, a single sample of a single class, label_smoothing 1.
// CHECK-LABEL: func.func @cross_entropy_i32(
// CHECK:         hnn.cross_entropy %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {label_smoothing = 1.000000e+00 : f64, reduction = #hnn<reduction none>} : (tensor<1x1xf16>, tensor<1xi32>) -> tensor<1xf16>
// CHECK:         hnn.cross_entropy %{{[a-z0-9]+}}, %{{[a-z0-9]+}} : (tensor<3x17xf32>, tensor<3xi32>) -> tensor<f32>
func.func @cross_entropy_i32(%x: tensor<1x1xf16>, %l: tensor<1xi32>, %y: tensor<3x17xf32>, %m: tensor<3xi32>) -> (tensor<1xf16>, tensor<f32>) {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 1.0, reduction = #hnn<reduction none>} : (tensor<1x1xf16>, tensor<1xi32>) -> tensor<1xf16>
  %1 = hnn.cross_entropy %y, %m : (tensor<3x17xf32>, tensor<3xi32>) -> tensor<f32>
  return %0, %1 : tensor<1xf16>, tensor<f32>
}

// none keeps the elementwise shape.
// CHECK-LABEL: func.func @mse(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3xf32>, %[[Y:[a-z0-9]+]]: tensor<?x3xf32>)
// CHECK:         %[[A:.*]] = hnn.mse %[[X]], %[[Y]] : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<f32>
// CHECK:         %[[B:.*]] = hnn.mse %[[X]], %[[Y]] {reduction = #hnn<reduction sum>} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<f32>
// CHECK:         %[[C:.*]] = hnn.mse %[[X]], %[[Y]] {reduction = #hnn<reduction none>} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]] : tensor<f32>, tensor<f32>, tensor<?x3xf32>
func.func @mse(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>) -> (tensor<f32>, tensor<f32>, tensor<?x3xf32>) {
  %0 = hnn.mse %x, %y : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<f32>
  %1 = hnn.mse %x, %y {reduction = #hnn<reduction sum>} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<f32>
  %2 = hnn.mse %x, %y {reduction = #hnn<reduction none>} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?x3xf32>
}

// Rank-0 operands.
// CHECK-LABEL: func.func @mse_rank0(
// CHECK:         hnn.mse %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {reduction = #hnn<reduction none>} : (tensor<bf16>, tensor<bf16>) -> tensor<bf16>
func.func @mse_rank0(%x: tensor<bf16>, %y: tensor<bf16>) -> tensor<bf16> {
  %0 = hnn.mse %x, %y {reduction = #hnn<reduction none>} : (tensor<bf16>, tensor<bf16>) -> tensor<bf16>
  return %0 : tensor<bf16>
}

// none gives one value per sample (dim 0).
// CHECK-LABEL: func.func @relative_l2(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x1x17x33xf32>, %[[Y:[a-z0-9]+]]: tensor<?x1x17x33xf32>)
// CHECK:         %[[A:.*]] = hnn.relative_l2 %[[X]], %[[Y]] : (tensor<?x1x17x33xf32>, tensor<?x1x17x33xf32>) -> tensor<f32>
// CHECK:         %[[B:.*]] = hnn.relative_l2 %[[X]], %[[Y]] {reduction = #hnn<reduction sum>} : (tensor<?x1x17x33xf32>, tensor<?x1x17x33xf32>) -> tensor<f32>
// CHECK:         %[[C:.*]] = hnn.relative_l2 %[[X]], %[[Y]] {reduction = #hnn<reduction none>} : (tensor<?x1x17x33xf32>, tensor<?x1x17x33xf32>) -> tensor<?xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]] : tensor<f32>, tensor<f32>, tensor<?xf32>
func.func @relative_l2(%x: tensor<?x1x17x33xf32>, %y: tensor<?x1x17x33xf32>) -> (tensor<f32>, tensor<f32>, tensor<?xf32>) {
  %0 = hnn.relative_l2 %x, %y {reduction = #hnn<reduction mean>} : (tensor<?x1x17x33xf32>, tensor<?x1x17x33xf32>) -> tensor<f32>
  %1 = hnn.relative_l2 %x, %y {reduction = #hnn<reduction sum>} : (tensor<?x1x17x33xf32>, tensor<?x1x17x33xf32>) -> tensor<f32>
  %2 = hnn.relative_l2 %x, %y {reduction = #hnn<reduction none>} : (tensor<?x1x17x33xf32>, tensor<?x1x17x33xf32>) -> tensor<?xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?xf32>
}

// A 1-D input: each sample is a single value.
// CHECK-LABEL: func.func @relative_l2_1d(
// CHECK:         hnn.relative_l2 %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {reduction = #hnn<reduction none>} : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
func.func @relative_l2_1d(%x: tensor<5xf32>, %y: tensor<5xf32>) -> tensor<5xf32> {
  %0 = hnn.relative_l2 %x, %y {reduction = #hnn<reduction none>} : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
