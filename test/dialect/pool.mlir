// Round trip of max_pool2d, avg_pool2d, global_avg_pool2d, softmax and
// log_softmax. The written result types are computed by hand with PyTorch's
// pooling formula and checked against the inferred ones by the verifier:
//   floor mode: O = floor((H + 2p - d(k-1) - 1) / s) + 1
//   ceil mode:  O = floor((H + 2p - d(k-1) - 1 + (s-1)) / s) + 1, then
//               O -= 1 if (O - 1)*s >= H + p (last window starts in the padding)
// stride defaults to kernel_size.

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// max_pool2d
//===----------------------------------------------------------------------===//

// Stride defaults to the kernel: OH = floor(15/2) + 1 = 8, OW = floor(31/2) + 1 = 16.
// CHECK-LABEL: func.func @max_pool2d_kernel_only(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x3x17x33xf32>)
// CHECK:         %[[R:.*]] = hnn.max_pool2d %[[X]] {kernel_size = array<i64: 2, 2>} : tensor<1x3x17x33xf32> -> tensor<1x3x8x16xf32>
// CHECK:         return %[[R]] : tensor<1x3x8x16xf32>
func.func @max_pool2d_kernel_only(%x: tensor<1x3x17x33xf32>) -> tensor<1x3x8x16xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x3x17x33xf32> -> tensor<1x3x8x16xf32>
  return %0 : tensor<1x3x8x16xf32>
}

// Every attribute, ceil mode rounding up (floor mode would give 9 x 16):
//   OH = floor((18 + 2 - 1*2 - 1 + 1) / 2) + 1 = 10; (10-1)*2 = 18 < 18 + 1
//   OW = floor((34 + 2 - 2*2 - 1 + 1) / 2) + 1 = 17; (17-1)*2 = 32 < 34 + 1
// CHECK-LABEL: func.func @max_pool2d_all_attrs(
// CHECK:         hnn.max_pool2d %{{[a-z0-9]+}} {ceil_mode, dilation = array<i64: 1, 2>, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<?x5x18x34xf32> -> tensor<?x5x10x17xf32>
func.func @max_pool2d_all_attrs(%x: tensor<?x5x18x34xf32>) -> tensor<?x5x10x17xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 2>, ceil_mode} : tensor<?x5x18x34xf32> -> tensor<?x5x10x17xf32>
  return %0 : tensor<?x5x10x17xf32>
}

// Ceil mode where PyTorch drops the last window because it would start in
// the high padding:
//   OH = floor((2 + 2 - 2 - 1 + 3) / 4) + 1 = 2; (2-1)*4 = 4 >= 2 + 1  -> 1
//   OW = floor((7 + 2 - 2 - 1 + 3) / 4) + 1 = 3; (3-1)*4 = 8 >= 7 + 1  -> 2
// CHECK-LABEL: func.func @max_pool2d_ceil_drops_window(
// CHECK:         hnn.max_pool2d %{{[a-z0-9]+}} {ceil_mode, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 4, 4>} : tensor<1x1x2x7xf32> -> tensor<1x1x1x2xf32>
func.func @max_pool2d_ceil_drops_window(%x: tensor<1x1x2x7xf32>) -> tensor<1x1x1x2xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 4, 4>, padding = array<i64: 1, 1>, ceil_mode} : tensor<1x1x2x7xf32> -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// Ceil mode on an exact division changes nothing: 4 / 2 = 2.
// CHECK-LABEL: func.func @max_pool2d_ceil_exact(
// CHECK:         hnn.max_pool2d %{{[a-z0-9]+}} {ceil_mode, kernel_size = array<i64: 2, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
func.func @max_pool2d_ceil_exact(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>, ceil_mode} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// Non-square kernel, padding at the limit (half the kernel), f16:
//   OH = floor((5 + 4 - 4 - 1) / 1) + 1 = 5, OW = floor((9 - 0 - 1) / 2) + 1 = 5
// CHECK-LABEL: func.func @max_pool2d_rect_kernel(
// CHECK:         hnn.max_pool2d %{{[a-z0-9]+}} {kernel_size = array<i64: 5, 1>, padding = array<i64: 2, 0>, stride = array<i64: 1, 2>} : tensor<2x7x5x9xf16> -> tensor<2x7x5x5xf16>
func.func @max_pool2d_rect_kernel(%x: tensor<2x7x5x9xf16>) -> tensor<2x7x5x5xf16> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 5, 1>, stride = array<i64: 1, 2>, padding = array<i64: 2, 0>} : tensor<2x7x5x9xf16> -> tensor<2x7x5x5xf16>
  return %0 : tensor<2x7x5x5xf16>
}

//===----------------------------------------------------------------------===//
// avg_pool2d
//===----------------------------------------------------------------------===//

// Every attribute (floor mode would give 8 rows):
//   OH = floor((16 + 2 - 2 - 1 + 1) / 2) + 1 = 9; (9-1)*2 = 16 < 16 + 1
//   OW = floor((33 + 0 - 2 - 1 + 0) / 1) + 1 = 31
// CHECK-LABEL: func.func @avg_pool2d_all_attrs(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x16x33xf32>)
// CHECK:         %[[R:.*]] = hnn.avg_pool2d %[[X]] {ceil_mode, count_include_pad = false, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 0>, stride = array<i64: 2, 1>} : tensor<2x3x16x33xf32> -> tensor<2x3x9x31xf32>
// CHECK:         return %[[R]] : tensor<2x3x9x31xf32>
func.func @avg_pool2d_all_attrs(%x: tensor<2x3x16x33xf32>) -> tensor<2x3x9x31xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, ceil_mode, count_include_pad = false} : tensor<2x3x16x33xf32> -> tensor<2x3x9x31xf32>
  return %0 : tensor<2x3x9x31xf32>
}

// Stride defaults to the kernel; count_include_pad = true is the default and
// is elided. OH = OW = floor(3/2) + 1 = 2.
// CHECK-LABEL: func.func @avg_pool2d_defaults(
// CHECK:         hnn.avg_pool2d %{{[a-z0-9]+}} {kernel_size = array<i64: 2, 2>} : tensor<?x1x5x5xf32> -> tensor<?x1x2x2xf32>
func.func @avg_pool2d_defaults(%x: tensor<?x1x5x5xf32>) -> tensor<?x1x2x2xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 2>, count_include_pad = true} : tensor<?x1x5x5xf32> -> tensor<?x1x2x2xf32>
  return %0 : tensor<?x1x2x2xf32>
}

// Rectangular kernel and stride: OH = floor(15/3) + 1 = 6, OW = floor(30/2) + 1 = 16.
// CHECK-LABEL: func.func @avg_pool2d_rect(
// CHECK:         hnn.avg_pool2d %{{[a-z0-9]+}} {kernel_size = array<i64: 2, 3>, stride = array<i64: 3, 2>} : tensor<1x1x17x33xbf16> -> tensor<1x1x6x16xbf16>
func.func @avg_pool2d_rect(%x: tensor<1x1x17x33xbf16>) -> tensor<1x1x6x16xbf16> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 3>, stride = array<i64: 3, 2>} : tensor<1x1x17x33xbf16> -> tensor<1x1x6x16xbf16>
  return %0 : tensor<1x1x6x16xbf16>
}

// Ceil mode dropping the last window, as for max_pool2d above.
// CHECK-LABEL: func.func @avg_pool2d_ceil_drops_window(
// CHECK:         hnn.avg_pool2d %{{[a-z0-9]+}} {ceil_mode, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 4, 4>} : tensor<1x1x2x7xf32> -> tensor<1x1x1x2xf32>
func.func @avg_pool2d_ceil_drops_window(%x: tensor<1x1x2x7xf32>) -> tensor<1x1x1x2xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 4, 4>, padding = array<i64: 1, 1>, ceil_mode} : tensor<1x1x2x7xf32> -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// Ceil mode, a width-1 input padded to 3 for a 3-wide kernel:
//   OH = floor((5 + 2 - 3 - 1 + 2) / 3) + 1 = 2; (2-1)*3 = 3 < 5 + 1
//   OW = floor((1 + 2 - 2 - 1 + 1) / 2) + 1 = 1; (1-1)*2 = 0 < 1 + 1
// CHECK-LABEL: func.func @avg_pool2d_ceil_width1(
// CHECK:         hnn.avg_pool2d %{{[a-z0-9]+}} {ceil_mode, kernel_size = array<i64: 4, 3>, padding = array<i64: 1, 1>, stride = array<i64: 3, 2>} : tensor<1x1x5x1xf32> -> tensor<1x1x2x1xf32>
func.func @avg_pool2d_ceil_width1(%x: tensor<1x1x5x1xf32>) -> tensor<1x1x2x1xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 4, 3>, stride = array<i64: 3, 2>, padding = array<i64: 1, 1>, ceil_mode} : tensor<1x1x5x1xf32> -> tensor<1x1x2x1xf32>
  return %0 : tensor<1x1x2x1xf32>
}

//===----------------------------------------------------------------------===//
// global_avg_pool2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @global_avg_pool2d(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x7x17x33xf32>, %[[Y:[a-z0-9]+]]: tensor<1x1x1x1xf16>)
// CHECK:         %[[A:.*]] = hnn.global_avg_pool2d %[[X]] : tensor<?x7x17x33xf32> -> tensor<?x7x1x1xf32>
// CHECK:         %[[B:.*]] = hnn.global_avg_pool2d %[[Y]] : tensor<1x1x1x1xf16> -> tensor<1x1x1x1xf16>
// CHECK:         return %[[A]], %[[B]] : tensor<?x7x1x1xf32>, tensor<1x1x1x1xf16>
func.func @global_avg_pool2d(%x: tensor<?x7x17x33xf32>, %y: tensor<1x1x1x1xf16>) -> (tensor<?x7x1x1xf32>, tensor<1x1x1x1xf16>) {
  %0 = hnn.global_avg_pool2d %x : tensor<?x7x17x33xf32> -> tensor<?x7x1x1xf32>
  %1 = hnn.global_avg_pool2d %y : tensor<1x1x1x1xf16> -> tensor<1x1x1x1xf16>
  return %0, %1 : tensor<?x7x1x1xf32>, tensor<1x1x1x1xf16>
}

//===----------------------------------------------------------------------===//
// softmax, log_softmax
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x10xf32>, %[[Y:[a-z0-9]+]]: tensor<3xf16>)
// CHECK:         %[[A:.*]] = hnn.softmax %[[X]] {dim = 1 : i64} : tensor<?x10xf32>
// CHECK:         %[[B:.*]] = hnn.softmax %[[A]] {dim = -1 : i64} : tensor<?x10xf32>
// CHECK:         %[[C:.*]] = hnn.softmax %[[Y]] {dim = 0 : i64} : tensor<3xf16>
// CHECK:         return %[[B]], %[[C]] : tensor<?x10xf32>, tensor<3xf16>
func.func @softmax(%x: tensor<?x10xf32>, %y: tensor<3xf16>) -> (tensor<?x10xf32>, tensor<3xf16>) {
  %0 = hnn.softmax %x {dim = 1} : tensor<?x10xf32>
  %1 = hnn.softmax %0 {dim = -1} : tensor<?x10xf32>
  %2 = hnn.softmax %y {dim = 0} : tensor<3xf16>
  return %1, %2 : tensor<?x10xf32>, tensor<3xf16>
}

// CHECK-LABEL: func.func @log_softmax(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x17x33xf32>)
// CHECK:         %[[A:.*]] = hnn.log_softmax %[[X]] {dim = 0 : i64} : tensor<2x17x33xf32>
// CHECK:         %[[B:.*]] = hnn.log_softmax %[[A]] {dim = -3 : i64} : tensor<2x17x33xf32>
// CHECK:         %[[C:.*]] = hnn.log_softmax %[[B]] {dim = 2 : i64} : tensor<2x17x33xf32>
// CHECK:         return %[[C]] : tensor<2x17x33xf32>
func.func @log_softmax(%x: tensor<2x17x33xf32>) -> tensor<2x17x33xf32> {
  %0 = hnn.log_softmax %x {dim = 0} : tensor<2x17x33xf32>
  %1 = hnn.log_softmax %0 {dim = -3} : tensor<2x17x33xf32>
  %2 = hnn.log_softmax %1 {dim = 2} : tensor<2x17x33xf32>
  return %2 : tensor<2x17x33xf32>
}
