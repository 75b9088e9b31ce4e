// Gradients of the losses against finite differences. cross_entropy is
// differentiated w.r.t. the logits only (labels come from data/, written by
// make_reduction_inputs.py; gradcheck skips integer arguments), with each reduction,
// label smoothing, i32 and i64 labels and a dynamic batch. mse and
// relative_l2 are differentiated w.r.t. both input and target.
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run gradcheck %t.so --entry ce_mean --input %S/data/labels_4x5_i64.npy --samples 20 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry ce_sum --input %S/data/labels_4x5_i64.npy --samples 20 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry ce_none --input %S/data/labels_4x5_i64.npy --samples 20 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry ce_smooth_mean --input %S/data/labels_4x5_i64.npy --samples 20 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry ce_smooth_sum --input %S/data/labels_4x5_i64.npy --samples 20 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry ce_smooth_none --input %S/data/labels_4x5_i64.npy --samples 20 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry ce_i32 --input %S/data/labels_4x5_i32.npy --samples 20 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry ce_batch_mean --batch 3 --input %S/data/labels_3x7_i64.npy --samples 21 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry ce_batch_none --batch 3 --input %S/data/labels_3x7_i64.npy --samples 21 | FileCheck %s --check-prefix=CE
// RUN: hnn-run gradcheck %t.so --entry mse_mean --samples 24 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry mse_sum --samples 24 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry mse_none --samples 24 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry mse_batch --batch 3 --samples 24 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry rl2_mean --samples 24 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry rl2_sum --samples 24 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry rl2_none --samples 24 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry rl2_rank1 --samples 24 --eps 1e-4 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry rl2_batch --batch 3 --samples 40 | FileCheck %s --check-prefix=TWO

// CE-NOT: arg 0
// CE: arg 1 {{.*}}: ok
// CE-NOT: arg

// TWO: arg 0 {{.*}}: ok
// TWO-NEXT: arg 1 {{.*}}: ok
// TWO-NOT: arg

func.func @ce_mean(%l: tensor<4xi64>, %x: tensor<4x5xf32>) -> tensor<f32> {
  %0 = hnn.cross_entropy %x, %l : (tensor<4x5xf32>, tensor<4xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @ce_sum(%l: tensor<4xi64>, %x: tensor<4x5xf32>) -> tensor<f32> {
  %0 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction sum>} : (tensor<4x5xf32>, tensor<4xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @ce_none(%l: tensor<4xi64>, %x: tensor<4x5xf32>) -> tensor<4xf32> {
  %0 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction none>} : (tensor<4x5xf32>, tensor<4xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

func.func @ce_smooth_mean(%l: tensor<4xi64>, %x: tensor<4x5xf32>) -> tensor<f32> {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.1} : (tensor<4x5xf32>, tensor<4xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @ce_smooth_sum(%l: tensor<4xi64>, %x: tensor<4x5xf32>) -> tensor<f32> {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.25, reduction = #hnn<reduction sum>} : (tensor<4x5xf32>, tensor<4xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @ce_smooth_none(%l: tensor<4xi64>, %x: tensor<4x5xf32>) -> tensor<4xf32> {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 1.0, reduction = #hnn<reduction none>} : (tensor<4x5xf32>, tensor<4xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

func.func @ce_i32(%l: tensor<4xi32>, %x: tensor<4x5xf32>) -> tensor<f32> {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.1} : (tensor<4x5xf32>, tensor<4xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// The batch is counted at run time for the mean.
func.func @ce_batch_mean(%l: tensor<?xi64>, %x: tensor<?x7xf32>) -> tensor<f32> {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.2} : (tensor<?x7xf32>, tensor<?xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @ce_batch_none(%l: tensor<?xi64>, %x: tensor<?x7xf32>) -> tensor<?xf32> {
  %0 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction none>} : (tensor<?x7xf32>, tensor<?xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

func.func @mse_mean(%x: tensor<3x4xf32>, %t: tensor<3x4xf32>) -> tensor<f32> {
  %0 = hnn.mse %x, %t : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @mse_sum(%x: tensor<2x3x4xf32>, %t: tensor<2x3x4xf32>) -> tensor<f32> {
  %0 = hnn.mse %x, %t {reduction = #hnn<reduction sum>} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @mse_none(%x: tensor<3x4xf32>, %t: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = hnn.mse %x, %t {reduction = #hnn<reduction none>} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// All three reductions over a dynamic batch (the mean's count read at run time).
func.func @mse_batch(%x: tensor<?x4xf32>, %t: tensor<?x4xf32>) -> (tensor<f32>, tensor<f32>, tensor<?x4xf32>) {
  %0 = hnn.mse %x, %t : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  %1 = hnn.mse %x, %t {reduction = #hnn<reduction sum>} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<f32>
  %2 = hnn.mse %x, %t {reduction = #hnn<reduction none>} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?x4xf32>
}

func.func @rl2_mean(%x: tensor<3x4xf32>, %t: tensor<3x4xf32>) -> tensor<f32> {
  %0 = hnn.relative_l2 %x, %t : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @rl2_sum(%x: tensor<2x3x4xf32>, %t: tensor<2x3x4xf32>) -> tensor<f32> {
  %0 = hnn.relative_l2 %x, %t {reduction = #hnn<reduction sum>} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @rl2_none(%x: tensor<3x4xf32>, %t: tensor<3x4xf32>) -> tensor<3xf32> {
  %0 = hnn.relative_l2 %x, %t {reduction = #hnn<reduction none>} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// One value per sample: the norms are absolute values. A target near 0 makes
// the gradient steep, hence the smaller finite-difference step.
func.func @rl2_rank1(%x: tensor<6xf32>, %t: tensor<6xf32>) -> (tensor<f32>, tensor<6xf32>) {
  %0 = hnn.relative_l2 %x, %t : (tensor<6xf32>, tensor<6xf32>) -> tensor<f32>
  %1 = hnn.relative_l2 %x, %t {reduction = #hnn<reduction none>} : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  return %0, %1 : tensor<f32>, tensor<6xf32>
}

func.func @rl2_batch(%x: tensor<?x2x3xf32>, %t: tensor<?x2x3xf32>) -> (tensor<f32>, tensor<f32>, tensor<?xf32>) {
  %0 = hnn.relative_l2 %x, %t : (tensor<?x2x3xf32>, tensor<?x2x3xf32>) -> tensor<f32>
  %1 = hnn.relative_l2 %x, %t {reduction = #hnn<reduction sum>} : (tensor<?x2x3xf32>, tensor<?x2x3xf32>) -> tensor<f32>
  %2 = hnn.relative_l2 %x, %t {reduction = #hnn<reduction none>} : (tensor<?x2x3xf32>, tensor<?x2x3xf32>) -> tensor<?xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<?xf32>
}
