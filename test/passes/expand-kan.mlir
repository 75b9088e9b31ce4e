// hnn-expand-kan: kan_linear as kan_spline on the scaled spline weights
// (below f32: the bases as bspline_basis or core ops, and a linear map) plus
// the base branch's linear map.
// RUN: hnn-opt %s --hnn-expand-kan -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @bspline(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x6xf32>, %[[SW:[a-z0-9]+]]: tensor<5x6x8xf32>, %[[BW:[a-z0-9]+]]: tensor<5x6xf32>, %[[SC:[a-z0-9]+]]: tensor<5x6xf32>, %[[G:[a-z0-9]+]]: tensor<6x12xf32>)
// CHECK:         %[[S:.*]] = hnn.reshape %[[SC]] : tensor<5x6xf32> -> tensor<5x6x1xf32>
// CHECK:         %[[W:.*]] = hnn.mul %[[SW]], %[[S]]
// CHECK:         %[[SPL:.*]] = hnn.kan_spline %[[X]], %[[W]] grid %[[G]] {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<6x12xf32>) -> tensor<?x5xf32>
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

// Chebyshev: kan_spline of tanh(x), no base branch.
// CHECK-LABEL: func.func @chebyshev(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x2xf32>, %[[W:[a-z0-9]+]]: tensor<4x2x3xf32>)
// CHECK:         %[[T:.*]] = hnn.tanh %[[X]]
// CHECK:         %[[Y:.*]] = hnn.kan_spline %[[T]], %[[W]] {basis = #hnn<kan_basis chebyshev>} : (tensor<?x2xf32>, tensor<4x2x3xf32>) -> tensor<?x4xf32>
// CHECK:         return %[[Y]]
// CHECK-NOT:     hnn.silu
func.func @chebyshev(%x: tensor<?x2xf32>, %cw: tensor<4x2x3xf32>) -> tensor<?x4xf32> {
  %0 = hnn.kan_linear %x, %cw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>} : (tensor<?x2xf32>, tensor<4x2x3xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// f16 Chebyshev: T_0 = 1, T_1 = u = tanh(x), T_2 = 2u·T_1 − T_0,
// concatenated, then a linear map.
// CHECK-LABEL: func.func @chebyshev_f16(
// CHECK:         %[[T:.*]] = hnn.tanh
// CHECK:         %[[U:.*]] = hnn.reshape %[[T]] : tensor<?x2xf16> -> tensor<?x2x1xf16>
// CHECK:         hnn.concat {{.*}} {dim = 2 : i64} : (tensor<?x2x1xf16>, tensor<?x2x1xf16>, tensor<?x2x1xf16>) -> tensor<?x2x3xf16>
// CHECK:         hnn.linear
func.func @chebyshev_f16(%x: tensor<?x2xf16>, %cw: tensor<4x2x3xf16>) -> tensor<?x4xf16> {
  %0 = hnn.kan_linear %x, %cw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>} : (tensor<?x2xf16>, tensor<4x2x3xf16>) -> tensor<?x4xf16>
  return %0 : tensor<?x4xf16>
}

// -----

// RBF with FastKAN's layer normalization: kan_spline of the normalized input.
// CHECK-LABEL: func.func @rbf_norm(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x2xf32>
// CHECK:         %[[Z:.*]] = hnn.layer_norm %[[X]]
// CHECK:         hnn.kan_spline %[[Z]], %{{.*}} {basis = #hnn<kan_basis rbf>, high = 1.000000e+00 : f64, low = -1.000000e+00 : f64}
// CHECK:         hnn.silu %[[X]]
func.func @rbf_norm(%x: tensor<?x2xf32>, %rw: tensor<4x2x5xf32>, %bw: tensor<4x2xf32>, %nw: tensor<2xf32>, %nb: tensor<2xf32>) -> tensor<?x4xf32> {
  %0 = hnn.kan_linear %x, %rw base %bw norm %nw bias %nb {basis = #hnn<kan_basis rbf>, low = -1.0, high = 1.0} : (tensor<?x2xf32>, tensor<4x2x5xf32>, tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
