// hnn-expand-kan: kan_linear as bspline_linear on the scaled spline weights
// (bspline_basis and a linear map below f32; the rbf / chebyshev bases in
// core ops) plus the base branch's linear map.
// RUN: hnn-opt %s --hnn-expand-kan -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @bspline(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x6xf32>, %[[SW:[a-z0-9]+]]: tensor<5x6x8xf32>, %[[BW:[a-z0-9]+]]: tensor<5x6xf32>, %[[SC:[a-z0-9]+]]: tensor<5x6xf32>, %[[G:[a-z0-9]+]]: tensor<6x12xf32>)
// CHECK:         %[[S:.*]] = hnn.reshape %[[SC]] : tensor<5x6xf32> -> tensor<5x6x1xf32>
// CHECK:         %[[W:.*]] = hnn.mul %[[SW]], %[[S]]
// CHECK:         %[[SPL:.*]] = hnn.bspline_linear %[[X]], %[[G]], %[[W]] : (tensor<?x6xf32>, tensor<6x12xf32>, tensor<5x6x8xf32>) -> tensor<?x5xf32>
// CHECK:         %[[ACT:.*]] = hnn.silu %[[X]]
// CHECK:         %[[BASE:.*]] = hnn.linear %[[ACT]], %[[BW]]
// CHECK:         %[[Y:.*]] = hnn.add %[[BASE]], %[[SPL]]
// CHECK:         return %[[Y]]
// CHECK-NOT:     kan_linear
// CHECK-NOT:     bspline_basis
func.func @bspline(%x: tensor<?x6xf32>, %sw: tensor<5x6x8xf32>, %bw: tensor<5x6xf32>, %sc: tensor<5x6xf32>, %g: tensor<6x12xf32>) -> tensor<?x5xf32> {
  %0 = hnn.kan_linear %x, %sw base %bw scaler %sc grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<5x6xf32>, tensor<5x6xf32>, tensor<6x12xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// Other precisions: the basis tensor, flattened, and a linear map.
// CHECK-LABEL: func.func @bspline_f16(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x6xf16>, %[[SW:[a-z0-9]+]]: tensor<5x6x8xf16>, %[[G:[a-z0-9]+]]: tensor<6x12xf16>)
// CHECK:         %[[B:.*]] = hnn.bspline_basis %[[X]], %[[G]] : (tensor<?x6xf16>, tensor<6x12xf16>) -> tensor<?x6x8xf16>
// CHECK:         %[[BF:.*]] = hnn.reshape %[[B]] : tensor<?x6x8xf16> -> tensor<?x48xf16>
// CHECK:         %[[WF:.*]] = hnn.reshape %[[SW]] : tensor<5x6x8xf16> -> tensor<5x48xf16>
// CHECK:         %[[SPL:.*]] = hnn.linear %[[BF]], %[[WF]]
// CHECK:         return %[[SPL]]
func.func @bspline_f16(%x: tensor<?x6xf16>, %sw: tensor<5x6x8xf16>, %g: tensor<6x12xf16>) -> tensor<?x5xf16> {
  %0 = hnn.kan_linear %x, %sw grid %g {basis = #hnn<kan_basis bspline>, base_activation = #hnn<kan_base none>} : (tensor<?x6xf16>, tensor<5x6x8xf16>, tensor<6x12xf16>) -> tensor<?x5xf16>
  return %0 : tensor<?x5xf16>
}

// -----

// Chebyshev: T_0 = 1, T_1 = u = tanh(x), T_2 = 2u·T_1 − T_0, concatenated.
// CHECK-LABEL: func.func @chebyshev(
// CHECK:         %[[T:.*]] = hnn.tanh
// CHECK:         %[[U:.*]] = hnn.reshape %[[T]] : tensor<?x2xf32> -> tensor<?x2x1xf32>
// CHECK:         hnn.concat {{.*}} {dim = 2 : i64} : (tensor<?x2x1xf32>, tensor<?x2x1xf32>, tensor<?x2x1xf32>) -> tensor<?x2x3xf32>
// CHECK-NOT:     hnn.silu
func.func @chebyshev(%x: tensor<?x2xf32>, %cw: tensor<4x2x3xf32>) -> tensor<?x4xf32> {
  %0 = hnn.kan_linear %x, %cw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>} : (tensor<?x2xf32>, tensor<4x2x3xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
