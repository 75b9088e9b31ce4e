// The backward code some rules build, in hnn ops.
// RUN: hnn-opt %s --hnn-autodiff | FileCheck %s

// relu: the mask is sign(relu(x)) (1 where x > 0, so relu'(0) = 0).
// CHECK-LABEL: func.func @relu_grad(
// CHECK-SAME: %[[X:.*]]: tensor<?x4xf32>, %[[SEED:.*]]: tensor<?x4xf32> {hnn.input = "seed0"})
// CHECK: %[[Y:.*]] = hnn.relu %[[X]]
// CHECK: %[[MASK:.*]] = hnn.sign %[[Y]]
// CHECK: %[[DX:.*]] = hnn.mul %[[SEED]], %[[MASK]]
// CHECK: return %[[Y]], %[[DX]]
func.func @relu(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = hnn.relu %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// Both operands broadcast: each adjoint is summed back to its shape.
// CHECK-LABEL: func.func @mul_grad(
// CHECK-SAME: %[[A:[^:]*]]: tensor<3x1x5xf32>, %[[B:[^:]*]]: tensor<4x1xf32>, %[[S:[^:]*]]: tensor<3x4x5xf32>
// CHECK: %[[Y:.*]] = hnn.mul %[[A]], %[[B]]
// CHECK-DAG: %[[GA:.*]] = hnn.mul %[[S]], %[[B]]
// CHECK-DAG: %[[GB:.*]] = hnn.mul %[[S]], %[[A]]
// CHECK-DAG: %[[RA:.*]] = hnn.reduce_sum %[[GA]] {dims = array<i64: 1>} : tensor<3x4x5xf32> -> tensor<3x5xf32>
// CHECK-DAG: %[[DA:.*]] = hnn.reshape %[[RA]] : tensor<3x5xf32> -> tensor<3x1x5xf32>
// CHECK-DAG: %[[RB:.*]] = hnn.reduce_sum %[[GB]] {dims = array<i64: 0, 2>} : tensor<3x4x5xf32> -> tensor<4xf32>
// CHECK-DAG: %[[DB:.*]] = hnn.reshape %[[RB]] : tensor<4xf32> -> tensor<4x1xf32>
// CHECK: return %[[Y]], %[[DA]], %[[DB]]
func.func @mul(%a: tensor<3x1x5xf32>, %b: tensor<4x1xf32>) -> tensor<3x4x5xf32> {
  %0 = hnn.mul %a, %b : (tensor<3x1x5xf32>, tensor<4x1xf32>) -> tensor<3x4x5xf32>
  return %0 : tensor<3x4x5xf32>
}

// clamp: the gradient passes strictly inside the bounds, as torch.clamp:
// mask = sign(relu(x − min))·sign(relu(max − x)).
// CHECK-LABEL: func.func @clamp_grad(
// CHECK-SAME: %[[X:[^:]*]]: tensor<?x4xf32>, %[[S:[^:]*]]: tensor<?x4xf32>
// CHECK: %[[LO:.*]] = hnn.constant dense<-5.000000e-01> : tensor<f32>
// CHECK: %[[D1:.*]] = hnn.sub %[[X]], %[[LO]]
// CHECK: %[[R1:.*]] = hnn.relu %[[D1]]
// CHECK: %[[M1:.*]] = hnn.sign %[[R1]]
// CHECK: %[[HI:.*]] = hnn.constant dense<5.000000e-01> : tensor<f32>
// CHECK: %[[D2:.*]] = hnn.sub %[[HI]], %[[X]]
// CHECK: %[[R2:.*]] = hnn.relu %[[D2]]
// CHECK: %[[M2:.*]] = hnn.sign %[[R2]]
// CHECK: %[[M:.*]] = hnn.mul %[[M1]], %[[M2]]
// CHECK: %[[DX:.*]] = hnn.mul %[[S]], %[[M]]
// CHECK: return %{{.*}}, %[[DX]]
func.func @clamp(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = hnn.clamp %x {min = -5.0e-01 : f64, max = 5.0e-01 : f64} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// A strided slice: step − 1 zeros before each element, then a zero pad.
// CHECK-LABEL: func.func @slice_grad(
// CHECK-SAME: %[[X:[^:]*]]: tensor<?x10xf32>, %[[S:[^:]*]]: tensor<?x3xf32>
// CHECK: %[[Y:.*]] = hnn.slice %[[X]]
// CHECK: %[[R:.*]] = hnn.reshape %[[S]] : tensor<?x3xf32> -> tensor<?x3x1xf32>
// CHECK: %[[P:.*]] = hnn.pad %[[R]] {high = array<i64: 0, 0, 0>, low = array<i64: 0, 0, 2>} : tensor<?x3x1xf32> -> tensor<?x3x3xf32>
// CHECK: %[[M:.*]] = hnn.reshape %[[P]] : tensor<?x3x3xf32> -> tensor<?x9xf32>
// CHECK: %[[DX:.*]] = hnn.pad %[[M]] {high = array<i64: 0, 1>, low = array<i64: 0, 0>} : tensor<?x9xf32> -> tensor<?x10xf32>
// CHECK: return %[[Y]], %[[DX]]
func.func @slice(%x: tensor<?x10xf32>) -> tensor<?x3xf32> {
  %0 = hnn.slice %x {dims = array<i64: 1>, starts = array<i64: 2>, ends = array<i64: 10>, steps = array<i64: 3>} : tensor<?x10xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// Nearest upsampling: split H and W, sum the copies.
// CHECK-LABEL: func.func @upsample_grad(
// CHECK-SAME: %{{[^:]*}}: tensor<?x2x3x4xf32>, %[[S:[^:]*]]: tensor<?x2x6x12xf32>
// CHECK: %[[R:.*]] = hnn.reshape %[[S]] : tensor<?x2x6x12xf32> -> tensor<?x2x3x2x4x3xf32>
// CHECK: %[[DX:.*]] = hnn.reduce_sum %[[R]] {dims = array<i64: 3, 5>} : tensor<?x2x3x2x4x3xf32> -> tensor<?x2x3x4xf32>
// CHECK: return %{{.*}}, %[[DX]]
func.func @upsample(%x: tensor<?x2x3x4xf32>) -> tensor<?x2x6x12xf32> {
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 3>} : tensor<?x2x3x4xf32> -> tensor<?x2x6x12xf32>
  return %0 : tensor<?x2x6x12xf32>
}
