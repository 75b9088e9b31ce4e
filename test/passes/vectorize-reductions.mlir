// hnn-vectorize-reductions: reductions become loops of one vector along the
// innermost loop; windows, marked ops and awkward innermost sizes stay.
// RUN: hnn-opt %s --pass-pipeline='builtin.module(func.func(hnn-vectorize-reductions))' -split-input-file | FileCheck %s

// BatchNorm's per-channel sum over N x H x W (NCHW): loops over n, c, h,
// and the 8 elements of a row of w reduced as one vector.
// CHECK-LABEL: func.func @channel_sum(
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             scf.for
// CHECK:               vector.transfer_read {{.*}} : tensor<1x1x1x8xf32>, vector<1x1x1x8xf32>
// CHECK:               vector.multi_reduction <add>, %{{.*}}, %{{.*}} [0, 2, 3] : vector<1x1x1x8xf32> to vector<1xf32>
// CHECK-NOT:     linalg.generic
func.func @channel_sum(%x: tensor<?x4x6x8xf32>) -> tensor<4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(n, c, h, w) -> (n, c, h, w)>, affine_map<(n, c, h, w) -> (c)>],
                       iterator_types = ["reduction", "parallel", "reduction", "reduction"]}
      ins(%x : tensor<?x4x6x8xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// A sum over the batch: the innermost loop is parallel, 128 = 2 x 64 lanes.
// CHECK-LABEL: func.func @batch_sum(
// CHECK:         scf.for
// CHECK:           scf.for {{.*}} step %c64
// CHECK:             vector.transfer_read {{.*}} vector<1x64xf32>
// CHECK:             vector.multi_reduction <add>, %{{.*}}, %{{.*}} [0] : vector<1x64xf32> to vector<64xf32>
func.func @batch_sum(%x: tensor<?x128xf32>) -> tensor<128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<128xf32>) -> tensor<128xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(n, f) -> (n, f)>, affine_map<(n, f) -> (f)>],
                       iterator_types = ["reduction", "parallel"]}
      ins(%x : tensor<?x128xf32>) outs(%init : tensor<128xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<128xf32>
  return %r : tensor<128xf32>
}

// -----

// Left alone: a pooling window (not a projected permutation), a generic the
// schedule owns (marked), an innermost loop of 100 (over 64, not a multiple).
// CHECK-LABEL: func.func @kept(
// CHECK-NOT:     scf.for
// CHECK-NOT:     vector.
// CHECK-COUNT-3: linalg.generic
func.func @kept(%x: tensor<2x9xf32>, %y: tensor<2x100xf32>) -> (tensor<2x8xf32>, tensor<2xf32>, tensor<2xf32>) {
  %zero = arith.constant 0.0 : f32
  %e8 = tensor.empty() : tensor<2x8xf32>
  %i8 = linalg.fill ins(%zero : f32) outs(%e8 : tensor<2x8xf32>) -> tensor<2x8xf32>
  %w = tensor.empty() : tensor<2xf32>
  %window = linalg.generic {indexing_maps = [affine_map<(n, o, k) -> (n, o + k)>, affine_map<(n, o, k) -> (k)>, affine_map<(n, o, k) -> (n, o)>],
                            iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<2x9xf32>, tensor<2xf32>) outs(%i8 : tensor<2x8xf32>) {
  ^bb0(%in: f32, %k: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<2x8xf32>
  %e = tensor.empty() : tensor<2xf32>
  %i = linalg.fill ins(%zero : f32) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  %marked = linalg.generic {indexing_maps = [affine_map<(n, f) -> (n, f)>, affine_map<(n, f) -> (n)>],
                            iterator_types = ["parallel", "reduction"]}
      ins(%y : tensor<2x100xf32>) outs(%i : tensor<2xf32>) attrs = {__hnn_kan_tile_basis} {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %odd = linalg.generic {indexing_maps = [affine_map<(n, f) -> (n, f)>, affine_map<(n, f) -> (n)>],
                         iterator_types = ["parallel", "reduction"]}
      ins(%y : tensor<2x100xf32>) outs(%i : tensor<2xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  return %window, %marked, %odd : tensor<2x8xf32>, tensor<2xf32>, tensor<2xf32>
}
