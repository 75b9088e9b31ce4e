// Round trip of the KAN primitives. The written result types are checked
// against the inferred ones by the verifier: bspline_basis appends a basis
// dimension of (knots − 1 − order) entries to its input's shape.

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

// The layer's uniform cubic grid: G = 5 intervals, k = 3, 12 knots, 8 bases;
// the default order is 3.
// CHECK-LABEL: func.func @bspline_cubic(
// CHECK: hnn.bspline_basis %{{.*}}, %{{.*}} : (tensor<?x6xf32>, tensor<6x12xf32>) -> tensor<?x6x8xf32>
func.func @bspline_cubic(%x: tensor<?x6xf32>, %grid: tensor<6x12xf32>) -> tensor<?x6x8xf32> {
  %0 = hnn.bspline_basis %x, %grid {order = 3} : (tensor<?x6xf32>, tensor<6x12xf32>) -> tensor<?x6x8xf32>
  return %0 : tensor<?x6x8xf32>
}

// Other orders, leading dimensions, bf16.
// CHECK-LABEL: func.func @bspline_orders(
// CHECK: hnn.bspline_basis %{{.*}}, %{{.*}} {order = 0 : i64} : (tensor<2x3x4xbf16>, tensor<4x5xbf16>) -> tensor<2x3x4x4xbf16>
// CHECK: hnn.bspline_basis %{{.*}}, %{{.*}} {order = 2 : i64} : (tensor<2x3x4xbf16>, tensor<4x5xbf16>) -> tensor<2x3x4x2xbf16>
func.func @bspline_orders(%x: tensor<2x3x4xbf16>, %grid: tensor<4x5xbf16>) -> (tensor<2x3x4x4xbf16>, tensor<2x3x4x2xbf16>) {
  %0 = hnn.bspline_basis %x, %grid {order = 0} : (tensor<2x3x4xbf16>, tensor<4x5xbf16>) -> tensor<2x3x4x4xbf16>
  %1 = hnn.bspline_basis %x, %grid {order = 2} : (tensor<2x3x4xbf16>, tensor<4x5xbf16>) -> tensor<2x3x4x2xbf16>
  return %0, %1 : tensor<2x3x4x4xbf16>, tensor<2x3x4x2xbf16>
}

// S-KAN mixture: branches of one type, logits and mask units x branches.
// CHECK-LABEL: func.func @kan_select(
// CHECK: hnn.kan_select(%{{.*}}, %{{.*}}), %{{.*}}, %{{.*}} : (tensor<?x5xf32>, tensor<?x5xf32>, tensor<5x2xf32>, tensor<5x2xf32>) -> tensor<?x5xf32>
func.func @kan_select(%a: tensor<?x5xf32>, %b: tensor<?x5xf32>, %l: tensor<5x2xf32>, %m: tensor<5x2xf32>) -> tensor<?x5xf32> {
  %0 = hnn.kan_select(%a, %b), %l, %m : (tensor<?x5xf32>, tensor<?x5xf32>, tensor<5x2xf32>, tensor<5x2xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// The whole layer, each basis; optional operands by keyword.
// CHECK-LABEL: func.func @kan_linear(
// CHECK: hnn.kan_linear %{{.*}}, %{{.*}} base %{{.*}} scaler %{{.*}} grid %{{.*}} {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<5x6xf32>, tensor<5x6xf32>, tensor<6x12xf32>) -> tensor<?x5xf32>
// CHECK: hnn.kan_linear %{{.*}}, %{{.*}} base %{{.*}} norm %{{.*}} bias %{{.*}} {base_activation = #hnn<kan_base identity>, basis = #hnn<kan_basis rbf>, high = 1.000000e+00 : f64, low = -1.000000e+00 : f64} : (tensor<2x3x6xf32>, tensor<5x6x4xf32>, tensor<5x6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x3x5xf32>
// CHECK: hnn.kan_linear %{{.*}}, %{{.*}} {base_activation = #hnn<kan_base none>, basis = #hnn<kan_basis chebyshev>} : (tensor<?x6xf32>, tensor<5x6x5xf32>) -> tensor<?x5xf32>
func.func @kan_linear(%x: tensor<?x6xf32>, %sw: tensor<5x6x8xf32>, %bw: tensor<5x6xf32>, %sc: tensor<5x6xf32>, %g: tensor<6x12xf32>,
                      %x3: tensor<2x3x6xf32>, %rw: tensor<5x6x4xf32>, %nw: tensor<6xf32>, %nb: tensor<6xf32>, %cw: tensor<5x6x5xf32>) -> (tensor<?x5xf32>, tensor<2x3x5xf32>, tensor<?x5xf32>) {
  %0 = hnn.kan_linear %x, %sw base %bw scaler %sc grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<5x6xf32>, tensor<5x6xf32>, tensor<6x12xf32>) -> tensor<?x5xf32>
  %1 = hnn.kan_linear %x3, %rw base %bw norm %nw bias %nb {basis = #hnn<kan_basis rbf>, base_activation = #hnn<kan_base identity>, low = -1.0, high = 1.0} : (tensor<2x3x6xf32>, tensor<5x6x4xf32>, tensor<5x6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x3x5xf32>
  %2 = hnn.kan_linear %x, %cw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>} : (tensor<?x6xf32>, tensor<5x6x5xf32>) -> tensor<?x5xf32>
  return %0, %1, %2 : tensor<?x5xf32>, tensor<2x3x5xf32>, tensor<?x5xf32>
}

// The fused spline branch and its two gradients, per basis; leading
// dimensions kept.
// CHECK-LABEL: func.func @kan_spline(
// CHECK: hnn.kan_spline %{{.*}}, %{{.*}} grid %{{.*}} {basis = #hnn<kan_basis bspline>} : (tensor<?x7x6xf32>, tensor<5x6x8xf32>, tensor<6x12xf32>) -> tensor<?x7x5xf32>
// CHECK: hnn.kan_spline_grad_input %{{.*}}, %{{.*}}, %{{.*}} grid %{{.*}} {basis = #hnn<kan_basis bspline>, order = 2 : i64} : (tensor<?x6xf32>, tensor<5x6x9xf32>, tensor<?x5xf32>, tensor<6x12xf32>) -> tensor<?x6xf32>
// CHECK: hnn.kan_spline_grad_weight %{{.*}}, %{{.*}} grid %{{.*}} {bases = 8 : i64, basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<?x5xf32>, tensor<6x12xf32>) -> tensor<5x6x8xf32>
// CHECK: hnn.kan_spline %{{.*}}, %{{.*}} {basis = #hnn<kan_basis rbf>, high = 1.000000e+00 : f64, low = -1.000000e+00 : f64} : (tensor<?x6xf32>, tensor<5x6x4xf32>) -> tensor<?x5xf32>
// CHECK: hnn.kan_spline_grad_weight %{{.*}}, %{{.*}} {bases = 3 : i64, basis = #hnn<kan_basis chebyshev>} : (tensor<?x6xf32>, tensor<?x5xf32>) -> tensor<5x6x3xf32>
func.func @kan_spline(%x3: tensor<?x7x6xf32>, %x: tensor<?x6xf32>, %g: tensor<6x12xf32>, %w: tensor<5x6x8xf32>, %w2: tensor<5x6x9xf32>, %dy: tensor<?x5xf32>, %rw: tensor<5x6x4xf32>)
    -> (tensor<?x7x5xf32>, tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<?x5xf32>, tensor<5x6x3xf32>) {
  %0 = hnn.kan_spline %x3, %w grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x7x6xf32>, tensor<5x6x8xf32>, tensor<6x12xf32>) -> tensor<?x7x5xf32>
  %1 = hnn.kan_spline_grad_input %x, %w2, %dy grid %g {basis = #hnn<kan_basis bspline>, order = 2} : (tensor<?x6xf32>, tensor<5x6x9xf32>, tensor<?x5xf32>, tensor<6x12xf32>) -> tensor<?x6xf32>
  %2 = hnn.kan_spline_grad_weight %x, %dy grid %g {basis = #hnn<kan_basis bspline>, bases = 8} : (tensor<?x6xf32>, tensor<?x5xf32>, tensor<6x12xf32>) -> tensor<5x6x8xf32>
  %3 = hnn.kan_spline %x, %rw {basis = #hnn<kan_basis rbf>, low = -1.0, high = 1.0} : (tensor<?x6xf32>, tensor<5x6x4xf32>) -> tensor<?x5xf32>
  %4 = hnn.kan_spline_grad_weight %x, %dy {basis = #hnn<kan_basis chebyshev>, bases = 3} : (tensor<?x6xf32>, tensor<?x5xf32>) -> tensor<5x6x3xf32>
  return %0, %1, %2, %3, %4 : tensor<?x7x5xf32>, tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<?x5xf32>, tensor<5x6x3xf32>
}

// ConvKAN: one op per layer, the window attributes next to the KAN ones.
// CHECK-LABEL: func.func @kan_conv2d(
// CHECK: hnn.kan_conv2d %{{.*}}, %{{.*}} base %{{.*}} scaler %{{.*}} grid %{{.*}} {basis = #hnn<kan_basis bspline>, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode circular>, stride = array<i64: 2, 2>} : (tensor<?x3x7x7xf32>, tensor<4x27x8xf32>, tensor<4x27xf32>, tensor<4x27xf32>, tensor<27x12xf32>) -> tensor<?x4x4x4xf32>
// CHECK: hnn.kan_conv2d %{{.*}}, %{{.*}} {base_activation = #hnn<kan_base none>, basis = #hnn<kan_basis chebyshev>, dilation = array<i64: 2, 2>, kernel_size = array<i64: 2, 2>} : (tensor<2x3x7x7xf32>, tensor<5x12x4xf32>) -> tensor<2x5x5x5xf32>
func.func @kan_conv2d(%x: tensor<?x3x7x7xf32>, %sw: tensor<4x27x8xf32>, %bw: tensor<4x27xf32>, %sc: tensor<4x27xf32>, %g: tensor<27x12xf32>,
                      %x2: tensor<2x3x7x7xf32>, %cw: tensor<5x12x4xf32>) -> (tensor<?x4x4x4xf32>, tensor<2x5x5x5xf32>) {
  %0 = hnn.kan_conv2d %x, %sw base %bw scaler %sc grid %g {basis = #hnn<kan_basis bspline>, kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode circular>} : (tensor<?x3x7x7xf32>, tensor<4x27x8xf32>, tensor<4x27xf32>, tensor<4x27xf32>, tensor<27x12xf32>) -> tensor<?x4x4x4xf32>
  %1 = hnn.kan_conv2d %x2, %cw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>, kernel_size = array<i64: 2, 2>, dilation = array<i64: 2, 2>} : (tensor<2x3x7x7xf32>, tensor<5x12x4xf32>) -> tensor<2x5x5x5xf32>
  return %0, %1 : tensor<?x4x4x4xf32>, tensor<2x5x5x5xf32>
}
