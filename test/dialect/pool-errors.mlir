// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of max_pool2d, avg_pool2d (inferPool) and global_avg_pool2d
// (ConvOps.cpp). softmax and log_softmax are in elementwise-errors.mlir.

func.func @max_pool2d_missing_kernel_size(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error@+1 {{'hnn.max_pool2d' op requires attribute 'kernel_size'}}
  %0 = hnn.max_pool2d %x : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

//===----------------------------------------------------------------------===//
// max_pool2d
//===----------------------------------------------------------------------===//

// -----

func.func @max_pool2d_input_rank5(%x: tensor<1x1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op expects a 4-D input (N x C x H x W), got rank 5}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool2d_kernel_size_three_entries(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op expects 'kernel_size' to have 2 entries, got 3}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool2d_zero_kernel(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op expects 'kernel_size' entries >= 1, got [0, 0]}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 0, 0>} : tensor<1x1x4x4xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @max_pool2d_zero_stride(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op expects 'stride' entries >= 1, got [0, 2]}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 0, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool2d_negative_padding(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op expects 'padding' entries >= 0, got [0, -1]}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>, padding = array<i64: 0, -1>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool2d_zero_dilation(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op expects 'dilation' entries >= 1, got [0, 1]}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>, dilation = array<i64: 0, 1>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @max_pool2d_padding_over_half_kernel(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x4x3xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op padding 2 exceeds half of kernel size 3}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 2, 0>} : tensor<1x1x8x8xf32> -> tensor<1x1x4x3xf32>
  return %0 : tensor<1x1x4x3xf32>
}

// -----

// Dilation 2 stretches a 3-wide kernel over 5 columns: padding 2 would be
// fine, 3 is not. The check applies to the second entry too.
func.func @max_pool2d_padding_over_half_dilated_kernel(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x6x10xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op padding 3 exceeds half of kernel size 3}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 1, 3>, dilation = array<i64: 1, 2>} : tensor<1x1x8x8xf32> -> tensor<1x1x6x10xf32>
  return %0 : tensor<1x1x6x10xf32>
}

// -----

func.func @max_pool2d_kernel_larger_than_input(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x0x0xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op window does not fit: input 1x1x2x2 gives an output of 0x0}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>} : tensor<1x1x2x2xf32> -> tensor<1x1x0x0xf32>
  return %0 : tensor<1x1x0x0xf32>
}

// -----

// ceil_mode does not help with stride 1: no window starts in the 2 rows.
func.func @max_pool2d_ceil_mode_window_does_not_fit(%x: tensor<?x1x2x8xf32>) -> tensor<?x1x0x6xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op window does not fit: input ?x1x2x8 gives an output of 0x6}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 1, 1>, ceil_mode} : tensor<?x1x2x8xf32> -> tensor<?x1x0x6xf32>
  return %0 : tensor<?x1x0x6xf32>
}

//===----------------------------------------------------------------------===//
// avg_pool2d
//===----------------------------------------------------------------------===//

// -----

func.func @avg_pool2d_input_rank2(%x: tensor<4x4xf32>) -> tensor<2x2xf32> {
  // expected-error@+2 {{'hnn.avg_pool2d' op expects a 4-D input (N x C x H x W), got rank 2}}
  // expected-error@+1 {{'hnn.avg_pool2d' op failed to infer returned types}}
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<4x4xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @avg_pool2d_kernel_size_no_entries(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error@+2 {{'hnn.avg_pool2d' op expects 'kernel_size' to have 2 entries, got 0}}
  // expected-error@+1 {{'hnn.avg_pool2d' op failed to infer returned types}}
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64>} : tensor<1x1x4x4xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @avg_pool2d_zero_kernel(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x4xf32> {
  // expected-error@+2 {{'hnn.avg_pool2d' op expects 'kernel_size' entries >= 1, got [2, 0]}}
  // expected-error@+1 {{'hnn.avg_pool2d' op failed to infer returned types}}
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 0>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x4xf32>
  return %0 : tensor<1x1x2x4xf32>
}

// -----

func.func @avg_pool2d_stride_three_entries(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error@+2 {{'hnn.avg_pool2d' op expects 'stride' to have 2 entries, got 3}}
  // expected-error@+1 {{'hnn.avg_pool2d' op failed to infer returned types}}
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @avg_pool2d_negative_padding(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error@+2 {{'hnn.avg_pool2d' op expects 'padding' entries >= 0, got [-1, 0]}}
  // expected-error@+1 {{'hnn.avg_pool2d' op failed to infer returned types}}
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 2>, padding = array<i64: -1, 0>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @avg_pool2d_padding_over_half_kernel(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x4xf32> {
  // expected-error@+2 {{'hnn.avg_pool2d' op padding 2 exceeds half of kernel size 2}}
  // expected-error@+1 {{'hnn.avg_pool2d' op failed to infer returned types}}
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x4xf32>
  return %0 : tensor<1x1x2x4xf32>
}

// -----

func.func @avg_pool2d_kernel_larger_than_input(%x: tensor<?x1x4x8xf32>) -> tensor<?x1x0x1xf32> {
  // expected-error@+2 {{'hnn.avg_pool2d' op window does not fit: input ?x1x4x8 gives an output of 0x1}}
  // expected-error@+1 {{'hnn.avg_pool2d' op failed to infer returned types}}
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 5, 5>} : tensor<?x1x4x8xf32> -> tensor<?x1x0x1xf32>
  return %0 : tensor<?x1x0x1xf32>
}

//===----------------------------------------------------------------------===//
// global_avg_pool2d
//===----------------------------------------------------------------------===//

// -----

func.func @global_avg_pool2d_input_rank2(%x: tensor<4x4xf32>) -> tensor<1x1xf32> {
  // expected-error@+2 {{'hnn.global_avg_pool2d' op expects a 4-D input (N x C x H x W), got rank 2}}
  // expected-error@+1 {{'hnn.global_avg_pool2d' op failed to infer returned types}}
  %0 = hnn.global_avg_pool2d %x : tensor<4x4xf32> -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

func.func @global_avg_pool2d_input_rank5(%x: tensor<?x3x2x4x4xf32>) -> tensor<?x3x1x1xf32> {
  // expected-error@+2 {{'hnn.global_avg_pool2d' op expects a 4-D input (N x C x H x W), got rank 5}}
  // expected-error@+1 {{'hnn.global_avg_pool2d' op failed to infer returned types}}
  %0 = hnn.global_avg_pool2d %x : tensor<?x3x2x4x4xf32> -> tensor<?x3x1x1xf32>
  return %0 : tensor<?x3x1x1xf32>
}
