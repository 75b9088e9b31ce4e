// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the reductions (inferReductionType, reduce_var) and of the
// losses cross_entropy, mse and relative_l2 (LossOps.cpp).

func.func @cross_entropy_integer_logits(%x: tensor<4x10xi32>, %y: tensor<4xi64>) -> tensor<f32> {
  // expected-error@+1 {{'hnn.cross_entropy' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x10xi32>'}}
  %0 = hnn.cross_entropy %x, %y : (tensor<4x10xi32>, tensor<4xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cross_entropy_unknown_reduction(%x: tensor<4x10xf32>, %y: tensor<4xi64>) -> tensor<f32> {
  // expected-error@+2 {{expected ::mlir::hnn::Reduction to be one of: mean, sum, none}}
  // expected-error@+1 {{failed to parse HNN_ReductionAttr parameter 'value' which is to be a `::mlir::hnn::Reduction`}}
  %0 = hnn.cross_entropy %x, %y {reduction = #hnn<reduction max>} : (tensor<4x10xf32>, tensor<4xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

//===----------------------------------------------------------------------===//
// reduce_sum, reduce_mean, reduce_max, reduce_var
//===----------------------------------------------------------------------===//

// -----

func.func @reduce_sum_no_dims(%x: tensor<4x3xf32>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.reduce_sum' op expects at least one dimension in 'dims'}}
  // expected-error@+1 {{'hnn.reduce_sum' op failed to infer returned types}}
  %0 = hnn.reduce_sum %x {dims = array<i64>} : tensor<4x3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @reduce_sum_dim_out_of_range(%x: tensor<4x3xf32>) -> tensor<4xf32> {
  // expected-error@+2 {{'hnn.reduce_sum' op dimension 2 is out of range for rank 2}}
  // expected-error@+1 {{'hnn.reduce_sum' op failed to infer returned types}}
  %0 = hnn.reduce_sum %x {dims = array<i64: 2>} : tensor<4x3xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_mean_negative_dim_out_of_range(%x: tensor<?x3xf32>) -> tensor<?xf32> {
  // expected-error@+2 {{'hnn.reduce_mean' op dimension -3 is out of range for rank 2}}
  // expected-error@+1 {{'hnn.reduce_mean' op failed to infer returned types}}
  %0 = hnn.reduce_mean %x {dims = array<i64: 1, -3>} : tensor<?x3xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @reduce_mean_no_dims(%x: tensor<4x3xf32>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.reduce_mean' op expects at least one dimension in 'dims'}}
  // expected-error@+1 {{'hnn.reduce_mean' op failed to infer returned types}}
  %0 = hnn.reduce_mean %x {dims = array<i64>, keepdim} : tensor<4x3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// -1 and 1 name the same dimension of a rank-2 tensor.
func.func @reduce_max_dim_twice(%x: tensor<4x3xf32>) -> tensor<4xf32> {
  // expected-error@+2 {{'hnn.reduce_max' op dimension -1 is reduced twice}}
  // expected-error@+1 {{'hnn.reduce_max' op failed to infer returned types}}
  %0 = hnn.reduce_max %x {dims = array<i64: 1, -1>} : tensor<4x3xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_max_dim_out_of_range(%x: tensor<2x4x3xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.reduce_max' op dimension 3 is out of range for rank 3}}
  // expected-error@+1 {{'hnn.reduce_max' op failed to infer returned types}}
  %0 = hnn.reduce_max %x {dims = array<i64: 3>} : tensor<2x4x3xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @reduce_var_dim_twice(%x: tensor<2x4x3xf32>) -> tensor<2xf32> {
  // expected-error@+2 {{'hnn.reduce_var' op dimension 2 is reduced twice}}
  // expected-error@+1 {{'hnn.reduce_var' op failed to infer returned types}}
  %0 = hnn.reduce_var %x {dims = array<i64: -1, 1, 2>} : tensor<2x4x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @reduce_var_no_dims(%x: tensor<4x3xf32>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.reduce_var' op expects at least one dimension in 'dims'}}
  // expected-error@+1 {{'hnn.reduce_var' op failed to infer returned types}}
  %0 = hnn.reduce_var %x {dims = array<i64>, correction = 0 : i64} : tensor<4x3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

//===----------------------------------------------------------------------===//
// cross_entropy
//===----------------------------------------------------------------------===//

// -----

// hnn.cross_entropy takes N x C logits; here the 1-D labels could not match
// a spatial (N x C x d) form either.
func.func @cross_entropy_logits_rank3(%x: tensor<4x10x5xf32>, %y: tensor<4xi64>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.cross_entropy' op expects logits of rank 2 (N x classes), got 4x10x5}}
  // expected-error@+1 {{'hnn.cross_entropy' op failed to infer returned types}}
  %0 = hnn.cross_entropy %x, %y : (tensor<4x10x5xf32>, tensor<4xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cross_entropy_batch_mismatch(%x: tensor<4x10xf32>, %y: tensor<3xi32>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.cross_entropy' op expects labels of shape 4 (one class index per sample), got 3}}
  // expected-error@+1 {{'hnn.cross_entropy' op failed to infer returned types}}
  %0 = hnn.cross_entropy %x, %y : (tensor<4x10xf32>, tensor<3xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cross_entropy_labels_rank2(%x: tensor<4x10xf32>, %y: tensor<4x1xi64>) -> tensor<4xf32> {
  // expected-error@+2 {{'hnn.cross_entropy' op expects labels of shape 4 (one class index per sample), got 4x1}}
  // expected-error@+1 {{'hnn.cross_entropy' op failed to infer returned types}}
  %0 = hnn.cross_entropy %x, %y {reduction = #hnn<reduction none>} : (tensor<4x10xf32>, tensor<4x1xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @cross_entropy_label_smoothing_above_one(%x: tensor<4x10xf32>, %y: tensor<4xi64>) -> tensor<f32> {
  // expected-error@+1 {{'hnn.cross_entropy' op expects label_smoothing in [0, 1], got 1.500000e+00}}
  %0 = hnn.cross_entropy %x, %y {label_smoothing = 1.5 : f64} : (tensor<4x10xf32>, tensor<4xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cross_entropy_negative_label_smoothing(%x: tensor<?x10xf32>, %y: tensor<?xi64>) -> tensor<f32> {
  // expected-error@+1 {{'hnn.cross_entropy' op expects label_smoothing in [0, 1], got -1.000000e-01}}
  %0 = hnn.cross_entropy %x, %y {label_smoothing = -0.1 : f64, reduction = #hnn<reduction sum>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

//===----------------------------------------------------------------------===//
// mse, relative_l2
//===----------------------------------------------------------------------===//

// -----

func.func @mse_shapes_differ(%x: tensor<4x3xf32>, %t: tensor<4x5xf32>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.mse' op expects input and target of one type, got tensor<4x3xf32> and tensor<4x5xf32>}}
  // expected-error@+1 {{'hnn.mse' op failed to infer returned types}}
  %0 = hnn.mse %x, %t : (tensor<4x3xf32>, tensor<4x5xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @mse_element_types_differ(%x: tensor<4x3xf32>, %t: tensor<4x3xf16>) -> tensor<4x3xf32> {
  // expected-error@+2 {{'hnn.mse' op expects input and target of one type, got tensor<4x3xf32> and tensor<4x3xf16>}}
  // expected-error@+1 {{'hnn.mse' op failed to infer returned types}}
  %0 = hnn.mse %x, %t {reduction = #hnn<reduction none>} : (tensor<4x3xf32>, tensor<4x3xf16>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @relative_l2_shapes_differ(%x: tensor<?x16xf32>, %t: tensor<?x8xf32>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.relative_l2' op expects input and target of one type, got tensor<?x16xf32> and tensor<?x8xf32>}}
  // expected-error@+1 {{'hnn.relative_l2' op failed to infer returned types}}
  %0 = hnn.relative_l2 %x, %t : (tensor<?x16xf32>, tensor<?x8xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @relative_l2_rank0(%x: tensor<f32>, %t: tensor<f32>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.relative_l2' op expects a batch dimension (rank >= 1), got rank 0}}
  // expected-error@+1 {{'hnn.relative_l2' op failed to infer returned types}}
  %0 = hnn.relative_l2 %x, %t : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
