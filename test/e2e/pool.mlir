// End-to-end numerics of max_pool2d, avg_pool2d and global_avg_pool2d against
// PyTorch (goldens from make_goldens.py, family "pool").
// RUN: hnnc %s -o %t.so
// RUN: hnn-run run %t.so --entry max_pool_kernel_only --golden %S/data/max_pool_kernel_only
// RUN: hnn-run run %t.so --entry max_pool_pad_stride --golden %S/data/max_pool_pad_stride
// RUN: hnn-run run %t.so --entry max_pool_ceil_dilation --golden %S/data/max_pool_ceil_dilation
// RUN: hnn-run run %t.so --entry max_pool_ceil_drop --golden %S/data/max_pool_ceil_drop
// RUN: hnn-run run %t.so --entry max_pool_negative --golden %S/data/max_pool_negative
// RUN: hnn-run run %t.so --entry max_pool_dyn_rect --golden %S/data/max_pool_dyn_rect
// RUN: hnn-run run %t.so --entry avg_pool_pad_stride --golden %S/data/avg_pool_pad_stride
// RUN: hnn-run run %t.so --entry avg_pool_ceil_include_pad --golden %S/data/avg_pool_ceil_include_pad
// RUN: hnn-run run %t.so --entry avg_pool_ceil_exclude_pad --golden %S/data/avg_pool_ceil_exclude_pad
// RUN: hnn-run run %t.so --entry avg_pool_exclude_pad --golden %S/data/avg_pool_exclude_pad
// RUN: hnn-run run %t.so --entry avg_pool_ceil_drop --golden %S/data/avg_pool_ceil_drop
// RUN: hnn-run run %t.so --entry avg_pool_dyn --golden %S/data/avg_pool_dyn
// RUN: hnn-run run %t.so --entry global_avg_pool --golden %S/data/global_avg_pool

// Stride defaults to the kernel.
func.func @max_pool_kernel_only(%x: tensor<1x3x17x33xf32>) -> tensor<1x3x8x16xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x3x17x33xf32> -> tensor<1x3x8x16xf32>
  return %0 : tensor<1x3x8x16xf32>
}

func.func @max_pool_pad_stride(%x: tensor<2x3x9x17xf32>) -> tensor<2x3x5x9xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x9x17xf32> -> tensor<2x3x5x9xf32>
  return %0 : tensor<2x3x5x9xf32>
}

// Ceil mode adds a window in each dimension (floor mode: 5 x 8), whose
// dilated extent runs past the padding.
func.func @max_pool_ceil_dilation(%x: tensor<1x5x10x18xf32>) -> tensor<1x5x6x9xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 2>, ceil_mode} : tensor<1x5x10x18xf32> -> tensor<1x5x6x9xf32>
  return %0 : tensor<1x5x6x9xf32>
}

// Ceil mode drops the window that would start in the high padding.
func.func @max_pool_ceil_drop(%x: tensor<1x1x2x7xf32>) -> tensor<1x1x1x2xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 4, 4>, padding = array<i64: 1, 1>, ceil_mode} : tensor<1x1x2x7xf32> -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// Input around -10: the padding must act as -inf, not 0.
func.func @max_pool_negative(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x5x5xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>} : tensor<1x3x5x5xf32> -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// Dynamic batch (3 in the data), rectangular kernel and stride.
func.func @max_pool_dyn_rect(%x: tensor<?x7x5x9xf32>) -> tensor<?x7x5x5xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 5, 1>, stride = array<i64: 1, 2>, padding = array<i64: 2, 0>} : tensor<?x7x5x9xf32> -> tensor<?x7x5x5xf32>
  return %0 : tensor<?x7x5x5xf32>
}

// count_include_pad (default): every window divides by 9.
func.func @avg_pool_pad_stride(%x: tensor<2x3x9x17xf32>) -> tensor<2x3x5x9xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x9x17xf32> -> tensor<2x3x5x9xf32>
  return %0 : tensor<2x3x5x9xf32>
}

// Ceil mode with count_include_pad: the last row of windows runs past the
// padded input and divides by 2 x 3.
func.func @avg_pool_ceil_include_pad(%x: tensor<1x2x16x17xf32>) -> tensor<1x2x9x9xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode} : tensor<1x2x16x17xf32> -> tensor<1x2x9x9xf32>
  return %0 : tensor<1x2x9x9xf32>
}

// Ceil mode, count_include_pad = false, stride != kernel.
func.func @avg_pool_ceil_exclude_pad(%x: tensor<1x3x16x17xf32>) -> tensor<1x3x9x15xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, ceil_mode, count_include_pad = false} : tensor<1x3x16x17xf32> -> tensor<1x3x9x15xf32>
  return %0 : tensor<1x3x9x15xf32>
}

// Floor mode, count_include_pad = false: border windows count fewer.
func.func @avg_pool_exclude_pad(%x: tensor<1x3x9x11xf32>) -> tensor<1x3x5x4xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 2>, stride = array<i64: 2, 3>, padding = array<i64: 1, 1>, count_include_pad = false} : tensor<1x3x9x11xf32> -> tensor<1x3x5x4xf32>
  return %0 : tensor<1x3x5x4xf32>
}

func.func @avg_pool_ceil_drop(%x: tensor<1x1x2x7xf32>) -> tensor<1x1x1x2xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 4, 4>, padding = array<i64: 1, 1>, ceil_mode} : tensor<1x1x2x7xf32> -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// Dynamic batch (2 in the data).
func.func @avg_pool_dyn(%x: tensor<?x1x5x5xf32>) -> tensor<?x1x2x2xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<?x1x5x5xf32> -> tensor<?x1x2x2xf32>
  return %0 : tensor<?x1x2x2xf32>
}

// Dynamic batch (2 in the data), a 17 x 33 mean; and a single element.
func.func @global_avg_pool(%x: tensor<?x3x17x33xf32>, %y: tensor<1x1x1x1xf32>) -> (tensor<?x3x1x1xf32>, tensor<1x1x1x1xf32>) {
  %0 = hnn.global_avg_pool2d %x : tensor<?x3x17x33xf32> -> tensor<?x3x1x1xf32>
  %1 = hnn.global_avg_pool2d %y : tensor<1x1x1x1xf32> -> tensor<1x1x1x1xf32>
  return %0, %1 : tensor<?x3x1x1xf32>, tensor<1x1x1x1xf32>
}
