// In ceil mode PyTorch computes
//   O = floor((H + 2p - d(k-1) - 1 + (s-1)) / s) + 1
// and drops a last window that starts in the high padding, so a window up to
// s-1 elements longer than the padded input still gives one output:
// H = 2, k = 3, s = 2 -> F.max_pool2d(x[1,1,2,2], 3, 2, ceil_mode=True) is [1,1,1,1].

// RUN: hnn-opt %s | FileCheck %s

// CHECK-LABEL: func.func @max_pool2d_ceil_window_past_input(
// CHECK:         hnn.max_pool2d %{{[a-z0-9]+}} {ceil_mode, kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
func.func @max_pool2d_ceil_window_past_input(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, ceil_mode} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}

// The same for avg_pool2d: H = W = 3, k = 5, s = 4, p = 0:
// floor((3 - 4 - 1 + 3) / 4) + 1 = 1.
// CHECK-LABEL: func.func @avg_pool2d_ceil_window_past_input(
// CHECK:         hnn.avg_pool2d %{{[a-z0-9]+}} {ceil_mode, kernel_size = array<i64: 5, 5>, stride = array<i64: 4, 4>} : tensor<2x3x3x3xf32> -> tensor<2x3x1x1xf32>
func.func @avg_pool2d_ceil_window_past_input(%x: tensor<2x3x3x3xf32>) -> tensor<2x3x1x1xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 5, 5>, stride = array<i64: 4, 4>, ceil_mode} : tensor<2x3x3x3xf32> -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}
