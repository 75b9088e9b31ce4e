// Gradient rules of avg_pool2d, global_avg_pool2d and max_pool2d against
// finite differences. Random inputs have no ties within a max-pool window.
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run gradcheck %t.so --entry avg --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry avg_pad --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry avg_pad_exclude --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry avg_ceil --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry avg_ceil_exclude --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry global_avg --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry max --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry max_tiling --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry max_tiling_rect --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry max_overlap --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry max_ceil --samples 48 | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry max_dilation --samples 48 | FileCheck %s

// CHECK: arg 0 ({{.*}}): ok
// CHECK-NOT: arg 1

// Stride = kernel; the last row and column are in no window.
func.func @avg(%x: tensor<?x3x7x7xf32>) -> tensor<?x3x3x3xf32> {
  %y = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<?x3x7x7xf32> -> tensor<?x3x3x3xf32>
  return %y : tensor<?x3x3x3xf32>
}

func.func @avg_pad(%x: tensor<2x3x7x7xf32>) -> tensor<2x3x4x7xf32> {
  %y = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 1>, padding = array<i64: 1, 1>} : tensor<2x3x7x7xf32> -> tensor<2x3x4x7xf32>
  return %y : tensor<2x3x4x7xf32>
}

func.func @avg_pad_exclude(%x: tensor<?x3x7x7xf32>) -> tensor<?x3x4x7xf32> {
  %y = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 1>, padding = array<i64: 1, 1>, count_include_pad = false} : tensor<?x3x7x7xf32> -> tensor<?x3x4x7xf32>
  return %y : tensor<?x3x4x7xf32>
}

// ceil mode: the last window runs past the input.
func.func @avg_ceil(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x4x3xf32> {
  %y = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 3>, ceil_mode} : tensor<?x3x8x8xf32> -> tensor<?x3x4x3xf32>
  return %y : tensor<?x3x4x3xf32>
}

func.func @avg_ceil_exclude(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x5x5xf32> {
  %y = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode, count_include_pad = false} : tensor<?x3x8x8xf32> -> tensor<?x3x5x5xf32>
  return %y : tensor<?x3x5x5xf32>
}

func.func @global_avg(%x: tensor<?x3x7x5xf32>) -> tensor<?x3x1x1xf32> {
  %y = hnn.global_avg_pool2d %x : tensor<?x3x7x5xf32> -> tensor<?x3x1x1xf32>
  return %y : tensor<?x3x1x1xf32>
}

// Non-overlapping windows.
func.func @max(%x: tensor<?x3x7x7xf32>) -> tensor<?x3x3x3xf32> {
  %y = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<?x3x7x7xf32> -> tensor<?x3x3x3xf32>
  return %y : tensor<?x3x3x3xf32>
}

// Windows that tile the input (the elementwise form of the rule). The
// random values must have no near-tie within a window: the finite difference
// of a max is only partial when the runner-up is closer than the step.
func.func @max_tiling(%x: tensor<?x3x8x4xf32>) -> tensor<?x3x4x2xf32> {
  %y = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<?x3x8x4xf32> -> tensor<?x3x4x2xf32>
  return %y : tensor<?x3x4x2xf32>
}

func.func @max_tiling_rect(%x: tensor<2x2x6x6xf32>) -> tensor<2x2x2x3xf32> {
  %y = hnn.max_pool2d %x {kernel_size = array<i64: 3, 2>} : tensor<2x2x6x6xf32> -> tensor<2x2x2x3xf32>
  return %y : tensor<2x2x2x3xf32>
}

// Overlapping windows with padding (one element may win several windows).
func.func @max_overlap(%x: tensor<2x3x7x7xf32>) -> tensor<2x3x4x7xf32> {
  %y = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 1>, padding = array<i64: 1, 1>} : tensor<2x3x7x7xf32> -> tensor<2x3x4x7xf32>
  return %y : tensor<2x3x4x7xf32>
}

func.func @max_ceil(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x5x5xf32> {
  %y = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode} : tensor<?x3x8x8xf32> -> tensor<?x3x5x5xf32>
  return %y : tensor<?x3x5x5xf32>
}

func.func @max_dilation(%x: tensor<?x3x7x7xf32>) -> tensor<?x3x4x7xf32> {
  %y = hnn.max_pool2d %x {kernel_size = array<i64: 2, 3>, stride = array<i64: 2, 1>, dilation = array<i64: 2, 1>, padding = array<i64: 1, 1>} : tensor<?x3x7x7xf32> -> tensor<?x3x4x7xf32>
  return %y : tensor<?x3x4x7xf32>
}
