// Round trip of the convolution ops: conv2d, conv_transpose2d, unfold.
// Every result type below is computed by hand with PyTorch's formulas; the
// verifier checks it against the inferred type, so these are also the
// type-inference tests.
//   conv2d:           OH = floor((H + 2p - d(k-1) - 1) / s) + 1
//   conv_transpose2d: OH = (H - 1)s - 2p + d(k-1) + output_padding + 1
//   unfold:           N x (C*KH*KW) x (OH*OW), OH as conv2d

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

// Default values written explicitly: the optional arrays (stride, padding,
// dilation) are kept, the default-valued groups = 1 and padding_mode zeros are
// elided. OH = 17 - 2 = 15, OW = 33 - 2 = 31.
// CHECK-LABEL: func.func @conv2d_defaults(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x3x17x33xf32>, %[[W:[a-z0-9]+]]: tensor<5x3x3x3xf32>, %[[B:[a-z0-9]+]]: tensor<5xf32>)
// CHECK:         %[[R:.*]] = hnn.conv2d %[[X]], %[[W]], %[[B]] {dilation = array<i64: 1, 1>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x3x17x33xf32>, tensor<5x3x3x3xf32>, tensor<5xf32>) -> tensor<1x5x15x31xf32>
// CHECK:         return %[[R]] : tensor<1x5x15x31xf32>
func.func @conv2d_defaults(%x: tensor<1x3x17x33xf32>, %w: tensor<5x3x3x3xf32>, %b: tensor<5xf32>) -> tensor<1x5x15x31xf32> {
  %0 = hnn.conv2d %x, %w, %b {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1, padding_mode = #hnn<padding_mode zeros>} : (tensor<1x3x17x33xf32>, tensor<5x3x3x3xf32>, tensor<5xf32>) -> tensor<1x5x15x31xf32>
  return %0 : tensor<1x5x15x31xf32>
}

// No attributes at all, no bias.
// CHECK-LABEL: func.func @conv2d_no_bias(
// CHECK:         hnn.conv2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}} : (tensor<1x3x17x33xf32>, tensor<5x3x3x3xf32>) -> tensor<1x5x15x31xf32>
func.func @conv2d_no_bias(%x: tensor<1x3x17x33xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<1x5x15x31xf32> {
  %0 = hnn.conv2d %x, %w : (tensor<1x3x17x33xf32>, tensor<5x3x3x3xf32>) -> tensor<1x5x15x31xf32>
  return %0 : tensor<1x5x15x31xf32>
}

// Dynamic batch, stride/padding/dilation different per axis.
//   OH = floor((17 + 2*1 - 2*(3-1) - 1) / 2) + 1 = floor(14/2) + 1 = 8
//   OW = floor((33 + 2*2 - 1*(5-1) - 1) / 3) + 1 = floor(32/3) + 1 = 11
// CHECK-LABEL: func.func @conv2d_strided_dilated(
// CHECK:         hnn.conv2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {dilation = array<i64: 2, 1>, padding = array<i64: 1, 2>, stride = array<i64: 2, 3>} : (tensor<?x3x17x33xf32>, tensor<7x3x3x5xf32>) -> tensor<?x7x8x11xf32>
func.func @conv2d_strided_dilated(%x: tensor<?x3x17x33xf32>, %w: tensor<7x3x3x5xf32>) -> tensor<?x7x8x11xf32> {
  %0 = hnn.conv2d %x, %w {stride = array<i64: 2, 3>, padding = array<i64: 1, 2>, dilation = array<i64: 2, 1>} : (tensor<?x3x17x33xf32>, tensor<7x3x3x5xf32>) -> tensor<?x7x8x11xf32>
  return %0 : tensor<?x7x8x11xf32>
}

// Grouped 1x1 convolution: 9 input channels in 3 groups of 3, 6 filters.
// CHECK-LABEL: func.func @conv2d_groups(
// CHECK:         hnn.conv2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {groups = 3 : i64} : (tensor<2x9x16x16xf32>, tensor<6x3x1x1xf32>, tensor<6xf32>) -> tensor<2x6x16x16xf32>
func.func @conv2d_groups(%x: tensor<2x9x16x16xf32>, %w: tensor<6x3x1x1xf32>, %b: tensor<6xf32>) -> tensor<2x6x16x16xf32> {
  %0 = hnn.conv2d %x, %w, %b {groups = 3} : (tensor<2x9x16x16xf32>, tensor<6x3x1x1xf32>, tensor<6xf32>) -> tensor<2x6x16x16xf32>
  return %0 : tensor<2x6x16x16xf32>
}

// Depthwise (groups = channels = 5) with reflect padding 1 < 7: "same" size.
// CHECK-LABEL: func.func @conv2d_depthwise_reflect(
// CHECK:         hnn.conv2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {groups = 5 : i64, padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode reflect>} : (tensor<?x5x7x7xf32>, tensor<5x1x3x3xf32>) -> tensor<?x5x7x7xf32>
func.func @conv2d_depthwise_reflect(%x: tensor<?x5x7x7xf32>, %w: tensor<5x1x3x3xf32>) -> tensor<?x5x7x7xf32> {
  %0 = hnn.conv2d %x, %w {groups = 5, padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode reflect>} : (tensor<?x5x7x7xf32>, tensor<5x1x3x3xf32>) -> tensor<?x5x7x7xf32>
  return %0 : tensor<?x5x7x7xf32>
}

// Replicate padding may exceed the input size: 1x1 input, pad 1, 3x3 kernel.
//   OH = OW = floor((1 + 2 - 2 - 1) / 1) + 1 = 1
// CHECK-LABEL: func.func @conv2d_replicate_1x1(
// CHECK:         hnn.conv2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode replicate>} : (tensor<1x1x1x1xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x1xf32>
func.func @conv2d_replicate_1x1(%x: tensor<1x1x1x1xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x1x1xf32> {
  %0 = hnn.conv2d %x, %w {padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode replicate>} : (tensor<1x1x1x1xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}

// Circular padding may equal the input size (pad_h = H = 3).
//   OH = floor((3 + 6 - 2 - 1) / 1) + 1 = 7
//   OW = floor((4 + 2 - 2 - 1) / 1) + 1 = 4
// CHECK-LABEL: func.func @conv2d_circular(
// CHECK:         hnn.conv2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {padding = array<i64: 3, 1>, padding_mode = #hnn<padding_mode circular>} : (tensor<3x2x3x4xf32>, tensor<4x2x3x3xf32>) -> tensor<3x4x7x4xf32>
func.func @conv2d_circular(%x: tensor<3x2x3x4xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<3x4x7x4xf32> {
  %0 = hnn.conv2d %x, %w {padding = array<i64: 3, 1>, padding_mode = #hnn<padding_mode circular>} : (tensor<3x2x3x4xf32>, tensor<4x2x3x3xf32>) -> tensor<3x4x7x4xf32>
  return %0 : tensor<3x4x7x4xf32>
}

// Kernel covering the whole input, stride larger than the input, bf16.
//   OH = floor((5 - 4 - 1) / 7) + 1 = 1, OW = floor((6 - 5 - 1) / 9) + 1 = 1
// CHECK-LABEL: func.func @conv2d_whole_input_bf16(
// CHECK:         hnn.conv2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {stride = array<i64: 7, 9>} : (tensor<1x1x5x6xbf16>, tensor<17x1x5x6xbf16>, tensor<17xbf16>) -> tensor<1x17x1x1xbf16>
func.func @conv2d_whole_input_bf16(%x: tensor<1x1x5x6xbf16>, %w: tensor<17x1x5x6xbf16>, %b: tensor<17xbf16>) -> tensor<1x17x1x1xbf16> {
  %0 = hnn.conv2d %x, %w, %b {stride = array<i64: 7, 9>} : (tensor<1x1x5x6xbf16>, tensor<17x1x5x6xbf16>, tensor<17xbf16>) -> tensor<1x17x1x1xbf16>
  return %0 : tensor<1x17x1x1xbf16>
}

//===----------------------------------------------------------------------===//
// conv_transpose2d
//===----------------------------------------------------------------------===//

// Weight C x F/groups x KH x KW; default values written explicitly (groups = 1
// is elided).
//   OH = (5 - 1) + (3 - 1) + 1 = 7, OW = (7 - 1) + (3 - 1) + 1 = 9
// CHECK-LABEL: func.func @conv_transpose2d_defaults(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x4x5x7xf32>, %[[W:[a-z0-9]+]]: tensor<4x3x3x3xf32>)
// CHECK:         %[[R:.*]] = hnn.conv_transpose2d %[[X]], %[[W]] {dilation = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, padding = array<i64: 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x5x7xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x7x9xf32>
// CHECK:         return %[[R]] : tensor<1x3x7x9xf32>
func.func @conv_transpose2d_defaults(%x: tensor<1x4x5x7xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x3x7x9xf32> {
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, output_padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1} : (tensor<1x4x5x7xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x7x9xf32>
  return %0 : tensor<1x3x7x9xf32>
}

// Every attribute, dynamic batch, 2 groups: F = 5 * 2 = 10.
//   OH = (17 - 1)*2 - 2*1 + 1*(3 - 1) + 1 + 1 = 34
//   OW = (33 - 1)*3 - 2*0 + 2*(2 - 1) + 2 + 1 = 101
// CHECK-LABEL: func.func @conv_transpose2d_all_attrs(
// CHECK:         hnn.conv_transpose2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {dilation = array<i64: 1, 2>, groups = 2 : i64, output_padding = array<i64: 1, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 3>} : (tensor<?x6x17x33xf32>, tensor<6x5x3x2xf32>, tensor<10xf32>) -> tensor<?x10x34x101xf32>
func.func @conv_transpose2d_all_attrs(%x: tensor<?x6x17x33xf32>, %w: tensor<6x5x3x2xf32>, %b: tensor<10xf32>) -> tensor<?x10x34x101xf32> {
  %0 = hnn.conv_transpose2d %x, %w, %b {stride = array<i64: 2, 3>, padding = array<i64: 1, 0>, output_padding = array<i64: 1, 2>, dilation = array<i64: 1, 2>, groups = 2} : (tensor<?x6x17x33xf32>, tensor<6x5x3x2xf32>, tensor<10xf32>) -> tensor<?x10x34x101xf32>
  return %0 : tensor<?x10x34x101xf32>
}

// output_padding 2 is allowed with stride 1 because it is below the
// dilation 3 (PyTorch: smaller than either stride or dilation).
//   OH = OW = (1 - 1)*1 - 0 + 3*(2 - 1) + 2 + 1 = 6
// CHECK-LABEL: func.func @conv_transpose2d_output_padding_dilation(
// CHECK:         hnn.conv_transpose2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {dilation = array<i64: 3, 3>, output_padding = array<i64: 2, 2>} : (tensor<2x1x1x1xf16>, tensor<1x1x2x2xf16>) -> tensor<2x1x6x6xf16>
func.func @conv_transpose2d_output_padding_dilation(%x: tensor<2x1x1x1xf16>, %w: tensor<1x1x2x2xf16>) -> tensor<2x1x6x6xf16> {
  %0 = hnn.conv_transpose2d %x, %w {dilation = array<i64: 3, 3>, output_padding = array<i64: 2, 2>} : (tensor<2x1x1x1xf16>, tensor<1x1x2x2xf16>) -> tensor<2x1x6x6xf16>
  return %0 : tensor<2x1x6x6xf16>
}

// Padding that shrinks the output: OH = (3-1) - 2*2 + (5-1) + 1 = 3,
// OW = (3-1) - 2*1 + (3-1) + 1 = 3.
// CHECK-LABEL: func.func @conv_transpose2d_padding(
// CHECK:         hnn.conv_transpose2d %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {padding = array<i64: 2, 1>} : (tensor<1x2x3x3xf32>, tensor<2x3x5x3xf32>) -> tensor<1x3x3x3xf32>
func.func @conv_transpose2d_padding(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x5x3xf32>) -> tensor<1x3x3x3xf32> {
  %0 = hnn.conv_transpose2d %x, %w {padding = array<i64: 2, 1>} : (tensor<1x2x3x3xf32>, tensor<2x3x5x3xf32>) -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}

//===----------------------------------------------------------------------===//
// unfold
//===----------------------------------------------------------------------===//

// Rows 3*2*3 = 18; OH = 17 - 1 = 16, OW = 33 - 2 = 31, L = 16*31 = 496.
// CHECK-LABEL: func.func @unfold_kernel_only(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x3x17x33xf32>)
// CHECK:         %[[R:.*]] = hnn.unfold %[[X]] {kernel_size = array<i64: 2, 3>} : tensor<1x3x17x33xf32> -> tensor<1x18x496xf32>
// CHECK:         return %[[R]] : tensor<1x18x496xf32>
func.func @unfold_kernel_only(%x: tensor<1x3x17x33xf32>) -> tensor<1x18x496xf32> {
  %0 = hnn.unfold %x {kernel_size = array<i64: 2, 3>} : tensor<1x3x17x33xf32> -> tensor<1x18x496xf32>
  return %0 : tensor<1x18x496xf32>
}

// Rows 5*3*3 = 45;
//   OH = floor((9 + 2*1 - 2*2 - 1) / 2) + 1 = 4
//   OW = floor((11 + 2*2 - 3*2 - 1) / 2) + 1 = 5, L = 20
// CHECK-LABEL: func.func @unfold_all_attrs(
// CHECK:         hnn.unfold %{{[a-z0-9]+}} {dilation = array<i64: 2, 3>, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 2>, stride = array<i64: 2, 2>} : tensor<?x5x9x11xf32> -> tensor<?x45x20xf32>
func.func @unfold_all_attrs(%x: tensor<?x5x9x11xf32>) -> tensor<?x45x20xf32> {
  %0 = hnn.unfold %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 2>, dilation = array<i64: 2, 3>} : tensor<?x5x9x11xf32> -> tensor<?x45x20xf32>
  return %0 : tensor<?x45x20xf32>
}

// 1x1 everything.
// CHECK-LABEL: func.func @unfold_1x1(
// CHECK:         hnn.unfold %{{[a-z0-9]+}} {kernel_size = array<i64: 1, 1>} : tensor<1x1x1x1xf32> -> tensor<1x1x1xf32>
func.func @unfold_1x1(%x: tensor<1x1x1x1xf32>) -> tensor<1x1x1xf32> {
  %0 = hnn.unfold %x {kernel_size = array<i64: 1, 1>} : tensor<1x1x1x1xf32> -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}
