// End-to-end numerics of the reductions and losses against PyTorch (goldens
// from make_goldens.py, family "reduce"). Functions taking `?` get the batch
// from their arguments at run time.
// RUN: hnnc %s -o %t.so
// RUN: hnn-run run %t.so --entry reduce_sum --golden %S/data/reduce_sum
// RUN: hnn-run run %t.so --entry reduce_mean --golden %S/data/reduce_mean
// RUN: hnn-run run %t.so --entry reduce_max --golden %S/data/reduce_max
// RUN: hnn-run run %t.so --entry reduce_var --golden %S/data/reduce_var
// RUN: hnn-run run %t.so --entry cross_entropy --golden %S/data/cross_entropy
// RUN: hnn-run run %t.so --entry cross_entropy_smooth --golden %S/data/cross_entropy_smooth
// RUN: hnn-run run %t.so --entry cross_entropy_i32 --golden %S/data/cross_entropy_i32
// RUN: hnn-run run %t.so --entry cross_entropy_one --golden %S/data/cross_entropy_one
// RUN: hnn-run run %t.so --entry mse --golden %S/data/mse
// RUN: hnn-run run %t.so --entry relative_l2 --golden %S/data/relative_l2

// Negative dims, keepdim, all dims, the dynamic batch reduced and kept.
func.func @reduce_sum(%x: tensor<?x3x17xf32>) -> (tensor<?x17xf32>, tensor<?x1x17xf32>, tensor<3x17xf32>, tensor<f32>, tensor<1x3x1xf32>) {
  %0 = hnn.reduce_sum %x {dims = array<i64: 1>} : tensor<?x3x17xf32> -> tensor<?x17xf32>
  %1 = hnn.reduce_sum %x {dims = array<i64: -2>, keepdim} : tensor<?x3x17xf32> -> tensor<?x1x17xf32>
  %2 = hnn.reduce_sum %x {dims = array<i64: 0>} : tensor<?x3x17xf32> -> tensor<3x17xf32>
  %3 = hnn.reduce_sum %x {dims = array<i64: 0, 1, 2>} : tensor<?x3x17xf32> -> tensor<f32>
  %4 = hnn.reduce_sum %x {dims = array<i64: 2, 0>, keepdim} : tensor<?x3x17xf32> -> tensor<1x3x1xf32>
  return %0, %1, %2, %3, %4 : tensor<?x17xf32>, tensor<?x1x17xf32>, tensor<3x17xf32>, tensor<f32>, tensor<1x3x1xf32>
}

// The count of a reduced dynamic batch is read at run time.
func.func @reduce_mean(%x: tensor<2x3x4xf32>, %y: tensor<?x3x17x33xf32>, %z: tensor<?x3xf32>) -> (tensor<2xf32>, tensor<2x1x1xf32>, tensor<?x3x1x1xf32>, tensor<3xf32>, tensor<f32>) {
  %0 = hnn.reduce_mean %x {dims = array<i64: 1, 2>} : tensor<2x3x4xf32> -> tensor<2xf32>
  %1 = hnn.reduce_mean %x {dims = array<i64: -1, -2>, keepdim} : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
  %2 = hnn.reduce_mean %y {dims = array<i64: 2, 3>, keepdim} : tensor<?x3x17x33xf32> -> tensor<?x3x1x1xf32>
  %3 = hnn.reduce_mean %z {dims = array<i64: 0>} : tensor<?x3xf32> -> tensor<3xf32>
  %4 = hnn.reduce_mean %z {dims = array<i64: 0, 1>} : tensor<?x3xf32> -> tensor<f32>
  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<2x1x1xf32>, tensor<?x3x1x1xf32>, tensor<3xf32>, tensor<f32>
}

func.func @reduce_max(%x: tensor<?x10xf32>, %y: tensor<3x5xf32>) -> (tensor<10xf32>, tensor<f32>, tensor<1x1xf32>, tensor<3xf32>) {
  %0 = hnn.reduce_max %x {dims = array<i64: 0>} : tensor<?x10xf32> -> tensor<10xf32>
  %1 = hnn.reduce_max %y {dims = array<i64: 0, 1>} : tensor<3x5xf32> -> tensor<f32>
  %2 = hnn.reduce_max %y {dims = array<i64: 1, 0>, keepdim} : tensor<3x5xf32> -> tensor<1x1xf32>
  %3 = hnn.reduce_max %y {dims = array<i64: -1>} : tensor<3x5xf32> -> tensor<3xf32>
  return %0, %1, %2, %3 : tensor<10xf32>, tensor<f32>, tensor<1x1xf32>, tensor<3xf32>
}

// correction 1 (default), 0 and 2; %y is 100 + 0.1·randn over a dynamic batch.
func.func @reduce_var(%x: tensor<2x3x33xf32>, %y: tensor<?x17xf32>) -> (tensor<2x3xf32>, tensor<2x3x1xf32>, tensor<2x33xf32>, tensor<17xf32>, tensor<1x1xf32>) {
  %0 = hnn.reduce_var %x {dims = array<i64: 2>} : tensor<2x3x33xf32> -> tensor<2x3xf32>
  %1 = hnn.reduce_var %x {dims = array<i64: -1>, keepdim, correction = 0} : tensor<2x3x33xf32> -> tensor<2x3x1xf32>
  %2 = hnn.reduce_var %x {dims = array<i64: 1>, correction = 2} : tensor<2x3x33xf32> -> tensor<2x33xf32>
  %3 = hnn.reduce_var %y {dims = array<i64: 0>} : tensor<?x17xf32> -> tensor<17xf32>
  %4 = hnn.reduce_var %y {dims = array<i64: 0, 1>, keepdim} : tensor<?x17xf32> -> tensor<1x1xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3x1xf32>, tensor<2x33xf32>, tensor<17xf32>, tensor<1x1xf32>
}

// Each case: mean, sum, none.
func.func @cross_entropy(%x: tensor<?x10xf32>, %l: tensor<?xi64>) -> (tensor<f32>, tensor<f32>, tensor<?xf32>) {
  %0 = hnn.cross_entropy %x, %l : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %1 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction sum>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %2 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<?xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?xf32>
}

func.func @cross_entropy_smooth(%x: tensor<?x10xf32>, %l: tensor<?xi64>) -> (tensor<f32>, tensor<f32>, tensor<?xf32>) {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.1} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %1 = hnn.cross_entropy %x, %l {label_smoothing = 0.1, reduction = #hnn<reduction sum>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %2 = hnn.cross_entropy %x, %l {label_smoothing = 0.1, reduction = #hnn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<?xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?xf32>
}

// Logits of scale 60 (exp overflows f32 without the max shift), i32 labels.
func.func @cross_entropy_i32(%x: tensor<3x17xf32>, %l: tensor<3xi32>) -> (tensor<f32>, tensor<f32>, tensor<3xf32>) {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.2} : (tensor<3x17xf32>, tensor<3xi32>) -> tensor<f32>
  %1 = hnn.cross_entropy %x, %l {label_smoothing = 0.2, reduction = #hnn<reduction sum>} : (tensor<3x17xf32>, tensor<3xi32>) -> tensor<f32>
  %2 = hnn.cross_entropy %x, %l {label_smoothing = 0.2, reduction = #hnn<reduction none>} : (tensor<3x17xf32>, tensor<3xi32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<3xf32>
}

// One sample, one class: the loss is 0. (Mean equals sum here; returning
// one value twice trips buffer-results-to-out-params, so no mean.)
func.func @cross_entropy_one(%x: tensor<1x1xf32>, %l: tensor<1xi32>) -> (tensor<f32>, tensor<1xf32>) {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.3, reduction = #hnn<reduction sum>} : (tensor<1x1xf32>, tensor<1xi32>) -> tensor<f32>
  %1 = hnn.cross_entropy %x, %l {label_smoothing = 0.3, reduction = #hnn<reduction none>} : (tensor<1x1xf32>, tensor<1xi32>) -> tensor<1xf32>
  return %0, %1 : tensor<f32>, tensor<1xf32>
}

// mean, sum, none over a dynamic batch; mean of a rank-0 pair.
func.func @mse(%x: tensor<?x3x5xf32>, %y: tensor<?x3x5xf32>, %s: tensor<f32>, %t: tensor<f32>) -> (tensor<f32>, tensor<f32>, tensor<?x3x5xf32>, tensor<f32>) {
  %0 = hnn.mse %x, %y : (tensor<?x3x5xf32>, tensor<?x3x5xf32>) -> tensor<f32>
  %1 = hnn.mse %x, %y {reduction = #hnn<reduction sum>} : (tensor<?x3x5xf32>, tensor<?x3x5xf32>) -> tensor<f32>
  %2 = hnn.mse %x, %y {reduction = #hnn<reduction none>} : (tensor<?x3x5xf32>, tensor<?x3x5xf32>) -> tensor<?x3x5xf32>
  %3 = hnn.mse %s, %t : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<?x3x5xf32>, tensor<f32>
}

// mean, sum, none over a dynamic batch; rank 1 (each sample one value).
func.func @relative_l2(%x: tensor<?x2x17xf32>, %y: tensor<?x2x17xf32>, %u: tensor<4xf32>, %v: tensor<4xf32>) -> (tensor<f32>, tensor<f32>, tensor<?xf32>, tensor<4xf32>) {
  %0 = hnn.relative_l2 %x, %y : (tensor<?x2x17xf32>, tensor<?x2x17xf32>) -> tensor<f32>
  %1 = hnn.relative_l2 %x, %y {reduction = #hnn<reduction sum>} : (tensor<?x2x17xf32>, tensor<?x2x17xf32>) -> tensor<f32>
  %2 = hnn.relative_l2 %x, %y {reduction = #hnn<reduction none>} : (tensor<?x2x17xf32>, tensor<?x2x17xf32>) -> tensor<?xf32>
  %3 = hnn.relative_l2 %u, %v {reduction = #hnn<reduction none>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<?xf32>, tensor<4xf32>
}
