// Gradients of the reductions, softmax and log_softmax against finite
// differences: keepdim, negative dimensions, all dimensions, a dynamic batch
// reduced (its count is read at run time) and kept. Random inputs have no
// ties, so reduce_max is differentiable there; the tie rule (split evenly,
// as torch.amax) is checked on a fixed input by reduction-ties.mlir.
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run gradcheck %t.so --entry reduce_sum --batch 3 --samples 40 | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry reduce_mean --batch 3 --samples 40 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry reduce_max --batch 3 --samples 60 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry reduce_var --batch 3 --samples 60 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry softmax --batch 3 --samples 60 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry log_softmax --batch 3 --samples 60 | FileCheck %s --check-prefix=TWO

// ONE: arg 0 {{.*}}: ok
// ONE-NOT: arg

// TWO: arg 0 {{.*}}: ok
// TWO-NEXT: arg 1 {{.*}}: ok
// TWO-NOT: arg

func.func @reduce_sum(%x: tensor<?x3x4xf32>) -> (tensor<?x4xf32>, tensor<?x1x4xf32>, tensor<3x4xf32>, tensor<f32>, tensor<1x3x1xf32>) {
  %0 = hnn.reduce_sum %x {dims = array<i64: 1>} : tensor<?x3x4xf32> -> tensor<?x4xf32>
  %1 = hnn.reduce_sum %x {dims = array<i64: -2>, keepdim} : tensor<?x3x4xf32> -> tensor<?x1x4xf32>
  %2 = hnn.reduce_sum %x {dims = array<i64: 0>} : tensor<?x3x4xf32> -> tensor<3x4xf32>
  %3 = hnn.reduce_sum %x {dims = array<i64: 0, 1, 2>} : tensor<?x3x4xf32> -> tensor<f32>
  %4 = hnn.reduce_sum %x {dims = array<i64: 2, 0>, keepdim} : tensor<?x3x4xf32> -> tensor<1x3x1xf32>
  return %0, %1, %2, %3, %4 : tensor<?x4xf32>, tensor<?x1x4xf32>, tensor<3x4xf32>, tensor<f32>, tensor<1x3x1xf32>
}

func.func @reduce_mean(%x: tensor<2x3x4xf32>, %y: tensor<?x3x5xf32>) -> (tensor<2xf32>, tensor<2x1x1xf32>, tensor<?x3x1xf32>, tensor<3xf32>, tensor<f32>) {
  %0 = hnn.reduce_mean %x {dims = array<i64: 1, 2>} : tensor<2x3x4xf32> -> tensor<2xf32>
  %1 = hnn.reduce_mean %x {dims = array<i64: -1, -2>, keepdim} : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
  %2 = hnn.reduce_mean %y {dims = array<i64: 2>, keepdim} : tensor<?x3x5xf32> -> tensor<?x3x1xf32>
  %3 = hnn.reduce_mean %y {dims = array<i64: 0, -1>} : tensor<?x3x5xf32> -> tensor<3xf32>
  %4 = hnn.reduce_mean %y {dims = array<i64: 0, 1, 2>} : tensor<?x3x5xf32> -> tensor<f32>
  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<2x1x1xf32>, tensor<?x3x1xf32>, tensor<3xf32>, tensor<f32>
}

func.func @reduce_max(%x: tensor<3x4x5xf32>, %y: tensor<?x6xf32>) -> (tensor<3x4xf32>, tensor<1x4x1xf32>, tensor<6xf32>, tensor<?x1xf32>, tensor<f32>) {
  %0 = hnn.reduce_max %x {dims = array<i64: -1>} : tensor<3x4x5xf32> -> tensor<3x4xf32>
  %1 = hnn.reduce_max %x {dims = array<i64: 0, 2>, keepdim} : tensor<3x4x5xf32> -> tensor<1x4x1xf32>
  %2 = hnn.reduce_max %y {dims = array<i64: 0>} : tensor<?x6xf32> -> tensor<6xf32>
  %3 = hnn.reduce_max %y {dims = array<i64: 1>, keepdim} : tensor<?x6xf32> -> tensor<?x1xf32>
  %4 = hnn.reduce_max %y {dims = array<i64: 0, 1>} : tensor<?x6xf32> -> tensor<f32>
  return %0, %1, %2, %3, %4 : tensor<3x4xf32>, tensor<1x4x1xf32>, tensor<6xf32>, tensor<?x1xf32>, tensor<f32>
}

// Corrections 1 (default), 0 and 2; the dynamic batch reduced and kept.
func.func @reduce_var(%x: tensor<3x4x5xf32>, %y: tensor<?x6xf32>) -> (tensor<3x4xf32>, tensor<1x4x1xf32>, tensor<3x1x5xf32>, tensor<6xf32>, tensor<?x1xf32>, tensor<f32>) {
  %0 = hnn.reduce_var %x {dims = array<i64: -1>} : tensor<3x4x5xf32> -> tensor<3x4xf32>
  %1 = hnn.reduce_var %x {dims = array<i64: 0, 2>, keepdim, correction = 0 : i64} : tensor<3x4x5xf32> -> tensor<1x4x1xf32>
  %2 = hnn.reduce_var %x {dims = array<i64: -2>, keepdim, correction = 2 : i64} : tensor<3x4x5xf32> -> tensor<3x1x5xf32>
  %3 = hnn.reduce_var %y {dims = array<i64: 0>} : tensor<?x6xf32> -> tensor<6xf32>
  %4 = hnn.reduce_var %y {dims = array<i64: 1>, keepdim, correction = 0 : i64} : tensor<?x6xf32> -> tensor<?x1xf32>
  %5 = hnn.reduce_var %y {dims = array<i64: 0, 1>} : tensor<?x6xf32> -> tensor<f32>
  return %0, %1, %2, %3, %4, %5 : tensor<3x4xf32>, tensor<1x4x1xf32>, tensor<3x1x5xf32>, tensor<6xf32>, tensor<?x1xf32>, tensor<f32>
}

func.func @softmax(%x: tensor<3x4x5xf32>, %y: tensor<?x6xf32>) -> (tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<?x6xf32>, tensor<?x6xf32>) {
  %0 = hnn.softmax %x {dim = 0 : i64} : tensor<3x4x5xf32>
  %1 = hnn.softmax %x {dim = 1 : i64} : tensor<3x4x5xf32>
  %2 = hnn.softmax %x {dim = -1 : i64} : tensor<3x4x5xf32>
  %3 = hnn.softmax %y {dim = 0 : i64} : tensor<?x6xf32>
  %4 = hnn.softmax %y {dim = -1 : i64} : tensor<?x6xf32>
  return %0, %1, %2, %3, %4 : tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<?x6xf32>, tensor<?x6xf32>
}

func.func @log_softmax(%x: tensor<3x4x5xf32>, %y: tensor<?x6xf32>) -> (tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<?x6xf32>, tensor<?x6xf32>) {
  %0 = hnn.log_softmax %x {dim = 0 : i64} : tensor<3x4x5xf32>
  %1 = hnn.log_softmax %x {dim = 1 : i64} : tensor<3x4x5xf32>
  %2 = hnn.log_softmax %x {dim = -1 : i64} : tensor<3x4x5xf32>
  %3 = hnn.log_softmax %y {dim = 0 : i64} : tensor<?x6xf32>
  %4 = hnn.log_softmax %y {dim = -1 : i64} : tensor<?x6xf32>
  return %0, %1, %2, %3, %4 : tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<3x4x5xf32>, tensor<?x6xf32>, tensor<?x6xf32>
}
