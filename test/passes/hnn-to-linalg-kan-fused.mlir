// kan_spline and its gradients lowered as fused kernels
// (passes/HNNToLinalgKANFused.cpp): a run-time uniformity check of the knots
// chooses the closed form or the recursion; rows go in 32-row blocks on an
// scf.forall (leftover rows one at a time), features in chunks of 32 (8
// bases each: 256 basis values); the bases exist only as 32 x 32 x 8 tiles
// that marked contractions consume. No batch x features x bases tensor. The
// recursion (non-uniform knots) multiplies by reciprocal knot differences
// computed once per call: no division per basis value.
// RUN: hnn-opt %s --convert-hnn-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @forward(
// CHECK-NOT:     tensor<?x784x8xf32>
// CHECK:         linalg.transpose ins(%{{.*}} : tensor<64x784x8xf32>) outs(%{{.*}} : tensor<784x8x64xf32>) permutation = [1, 2, 0]
// The reciprocal knot differences of levels 1 to 3, once per call.
// CHECK-COUNT-3: arith.divf %{{.*}} : f32
// CHECK:         %[[UNIFORM:.*]] = arith.cmpf ole
// CHECK:         scf.if %[[UNIFORM]] -> (tensor<?x64xf32>)
// CHECK:           scf.forall (%{{.*}}) = (0) to (%{{.*}}) step (32) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<?x64xf32>)
// CHECK:             scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<32x64xf32>, tensor<32x32x8xf32>)
// CHECK:               linalg.generic {{.*}} outs(%{{.*}} : tensor<32x32x8xf32>) attrs = {__hnn_kan_tile_basis}
// CHECK:                 math.absf
// CHECK:               tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2]] : tensor<32x32x8xf32> into tensor<32x256xf32>
// CHECK:               linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<32x256xf32>, tensor<256x64xf32>) outs(%{{.*}} : tensor<32x64xf32>) attrs = {__hnn_kan_tile}
// CHECK:             tensor.parallel_insert_slice
// CHECK:           scf.for
// CHECK:             tensor<1x32x8xf32>
// CHECK:         } else {
// CHECK:           scf.forall
// CHECK:               linalg.generic {{.*}} outs(%{{.*}} : tensor<32x32x8xf32>) attrs = {__hnn_kan_tile_basis}
// CHECK:                 arith.cmpf oge
// CHECK-NOT:             arith.divf
// CHECK:               attrs = {__hnn_kan_tile}
// CHECK-NOT:     tensor<?x784x8xf32>
func.func @forward(%x: tensor<?x784xf32>, %g: tensor<784x12xf32>, %w: tensor<64x784x8xf32>) -> tensor<?x64xf32> {
  %y = hnn.kan_spline %x, %w grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x784xf32>, tensor<64x784x8xf32>, tensor<784x12xf32>) -> tensor<?x64xf32>
  return %y : tensor<?x64xf32>
}

// -----

// The input gradient: T = dy · W[:, chunk] into a 32 x 256 tile, reduced
// over the bases against their derivatives into the 32 x 32 block of dx.
// CHECK-LABEL: func.func @grad_input(
// CHECK-NOT:     tensor<?x784x8xf32>
// CHECK:         scf.forall
// CHECK:           linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<32x64xf32>, tensor<64x256xf32>) outs(%{{.*}} : tensor<32x256xf32>) attrs = {__hnn_kan_tile}
// CHECK:           tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2]] output_shape [32, 32, 8] : tensor<32x256xf32> into tensor<32x32x8xf32>
// CHECK:           linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<32x32xf32>, tensor<32xf32>, tensor<32xf32>, tensor<32x32x8xf32>) outs(%{{.*}} : tensor<32x32xf32>) attrs = {__hnn_kan_tile_basis}
func.func @grad_input(%x: tensor<?x784xf32>, %g: tensor<784x12xf32>, %w: tensor<64x784x8xf32>, %dy: tensor<?x64xf32>) -> tensor<?x784xf32> {
  %dx = hnn.kan_spline_grad_input %x, %w, %dy grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x784xf32>, tensor<64x784x8xf32>, tensor<?x64xf32>, tensor<784x12xf32>) -> tensor<?x784xf32>
  return %dx : tensor<?x784xf32>
}

// -----

// The weight gradient: feature chunks on the threads, the batch reduced in
// 32-row blocks then row by row; the result transposed back to out x n x C.
// CHECK-LABEL: func.func @grad_weight(
// CHECK-NOT:     tensor<?x784x8xf32>
// CHECK:         scf.forall (%{{.*}}) = (0) to (768) step (32) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<6272x64xf32>)
// CHECK:           scf.for {{.*}} -> (tensor<256x64xf32>, tensor<32x32x8xf32>)
// CHECK:             linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<32x256xf32>, tensor<32x64xf32>) outs(%{{.*}} : tensor<256x64xf32>) attrs = {__hnn_kan_tile}
// CHECK:           scf.for {{.*}} -> (tensor<256x64xf32>, tensor<1x32x8xf32>)
// CHECK:         linalg.transpose ins(%{{.*}} : tensor<784x8x64xf32>) outs(%{{.*}} : tensor<64x784x8xf32>) permutation = [2, 0, 1]
func.func @grad_weight(%x: tensor<?x784xf32>, %g: tensor<784x12xf32>, %dy: tensor<?x64xf32>) -> tensor<64x784x8xf32> {
  %dw = hnn.kan_spline_grad_weight %x, %dy grid %g {basis = #hnn<kan_basis bspline>, bases = 8} : (tensor<?x784xf32>, tensor<?x64xf32>, tensor<784x12xf32>) -> tensor<64x784x8xf32>
  return %dw : tensor<64x784x8xf32>
}

// -----

// Order 4 has no closed form: the recursion only, no uniformity check.
// CHECK-LABEL: func.func @order4(
// CHECK-NOT:     scf.if
// CHECK:         scf.forall
// CHECK-NOT:     scf.if
func.func @order4(%x: tensor<?x10xf32>, %g: tensor<10x12xf32>, %w: tensor<3x10x7xf32>) -> tensor<?x3xf32> {
  %y = hnn.kan_spline %x, %w grid %g {basis = #hnn<kan_basis bspline>, order = 4} : (tensor<?x10xf32>, tensor<3x10x7xf32>, tensor<10x12xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// Gaussians and Chebyshev polynomials: the same blocks, no grid check; the
// basis value from the basis index (exp of the distance to the center; the
// recurrence's terms selected by index).
// CHECK-LABEL: func.func @rbf(
// CHECK-NOT:     scf.if
// CHECK:         scf.forall
// CHECK:           linalg.index 2
// CHECK:           math.exp
// CHECK:           attrs = {__hnn_kan_tile}
func.func @rbf(%x: tensor<?x40xf32>, %w: tensor<5x40x8xf32>) -> tensor<?x5xf32> {
  %y = hnn.kan_spline %x, %w {basis = #hnn<kan_basis rbf>} : (tensor<?x40xf32>, tensor<5x40x8xf32>) -> tensor<?x5xf32>
  return %y : tensor<?x5xf32>
}

// CHECK-LABEL: func.func @chebyshev(
// CHECK-NOT:     scf.if
// CHECK:         scf.forall
// CHECK:           arith.cmpi eq
// CHECK:           attrs = {__hnn_kan_tile}
func.func @chebyshev(%x: tensor<?x40xf32>, %w: tensor<5x40x5xf32>) -> tensor<?x5xf32> {
  %y = hnn.kan_spline %x, %w {basis = #hnn<kan_basis chebyshev>} : (tensor<?x40xf32>, tensor<5x40x5xf32>) -> tensor<?x5xf32>
  return %y : tensor<?x5xf32>
}
