// Gradient rules of conv2d, conv_transpose2d and unfold against finite
// differences (every attribute that changes the derivative; dynamic batches).
// The ops are linear in each argument, so a large step (--eps 1e-2) has no
// truncation error and less float32 rounding noise.
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run gradcheck %t.so --entry conv --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=BIAS
// RUN: hnn-run gradcheck %t.so --entry conv_stride_pad --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=NOBIAS
// RUN: hnn-run gradcheck %t.so --entry conv_output_padding --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=NOBIAS
// RUN: hnn-run gradcheck %t.so --entry conv_groups_dilation --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=BIAS
// RUN: hnn-run gradcheck %t.so --entry conv_depthwise --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=NOBIAS
// RUN: hnn-run gradcheck %t.so --entry conv_reflect --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=BIAS
// RUN: hnn-run gradcheck %t.so --entry conv_replicate --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=NOBIAS
// RUN: hnn-run gradcheck %t.so --entry conv_circular --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=NOBIAS
// RUN: hnn-run gradcheck %t.so --entry convt --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=BIAS
// RUN: hnn-run gradcheck %t.so --entry convt_stride --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=NOBIAS
// RUN: hnn-run gradcheck %t.so --entry convt_groups_dilation --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=BIAS
// RUN: hnn-run gradcheck %t.so --entry unfold --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry unfold_strided --samples 32 --eps 1e-2 | FileCheck %s --check-prefix=ONE

// BIAS: arg 0 ({{.*}}): ok
// BIAS: arg 1 ({{.*}}): ok
// BIAS: arg 2 ({{.*}}): ok
// NOBIAS: arg 0 ({{.*}}): ok
// NOBIAS: arg 1 ({{.*}}): ok
// NOBIAS-NOT: arg 2
// ONE: arg 0 ({{.*}}): ok
// ONE-NOT: arg 1

func.func @conv(%x: tensor<?x3x7x7xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<?x4x5x5xf32> {
  %y = hnn.conv2d %x, %w, %b : (tensor<?x3x7x7xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<?x4x5x5xf32>
  return %y : tensor<?x4x5x5xf32>
}

// Stride 2, padding 1: (7 + 2 - 3) / 2 + 1 = 4, no row left over.
func.func @conv_stride_pad(%x: tensor<2x3x7x7xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32> {
  %y = hnn.conv2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<2x3x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32>
  return %y : tensor<2x4x4x4xf32>
}

// 8 rows, stride 2: the last input row is read by no window (output_padding 1
// in the adjoint); stride 3 along W leaves two columns.
func.func @conv_output_padding(%x: tensor<?x3x8x8xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<?x2x4x3xf32> {
  %y = hnn.conv2d %x, %w {stride = array<i64: 2, 3>, padding = array<i64: 1, 1>} : (tensor<?x3x8x8xf32>, tensor<2x3x3x3xf32>) -> tensor<?x2x4x3xf32>
  return %y : tensor<?x2x4x3xf32>
}

func.func @conv_groups_dilation(%x: tensor<?x4x7x7xf32>, %w: tensor<6x2x3x2xf32>, %b: tensor<6xf32>) -> tensor<?x6x5x3xf32> {
  %y = hnn.conv2d %x, %w, %b {groups = 2 : i64, dilation = array<i64: 2, 1>, padding = array<i64: 1, 0>, stride = array<i64: 1, 2>} : (tensor<?x4x7x7xf32>, tensor<6x2x3x2xf32>, tensor<6xf32>) -> tensor<?x6x5x3xf32>
  return %y : tensor<?x6x5x3xf32>
}

func.func @conv_depthwise(%x: tensor<?x3x7x7xf32>, %w: tensor<3x1x3x3xf32>) -> tensor<?x3x7x7xf32> {
  %y = hnn.conv2d %x, %w {groups = 3 : i64, padding = array<i64: 1, 1>} : (tensor<?x3x7x7xf32>, tensor<3x1x3x3xf32>) -> tensor<?x3x7x7xf32>
  return %y : tensor<?x3x7x7xf32>
}

func.func @conv_reflect(%x: tensor<?x3x7x7xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<?x4x9x7xf32> {
  %y = hnn.conv2d %x, %w, %b {padding = array<i64: 2, 1>, padding_mode = #hnn<padding_mode reflect>} : (tensor<?x3x7x7xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<?x4x9x7xf32>
  return %y : tensor<?x4x9x7xf32>
}

func.func @conv_replicate(%x: tensor<?x3x7x7xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x5x7xf32> {
  %y = hnn.conv2d %x, %w {padding = array<i64: 2, 1>, stride = array<i64: 2, 1>, padding_mode = #hnn<padding_mode replicate>} : (tensor<?x3x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x5x7xf32>
  return %y : tensor<?x4x5x7xf32>
}

func.func @conv_circular(%x: tensor<?x4x7x7xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<?x4x9x7xf32> {
  %y = hnn.conv2d %x, %w {groups = 2 : i64, padding = array<i64: 2, 1>, padding_mode = #hnn<padding_mode circular>} : (tensor<?x4x7x7xf32>, tensor<4x2x3x3xf32>) -> tensor<?x4x9x7xf32>
  return %y : tensor<?x4x9x7xf32>
}

func.func @convt(%x: tensor<?x3x5x5xf32>, %w: tensor<3x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<?x2x7x7xf32> {
  %y = hnn.conv_transpose2d %x, %w, %b : (tensor<?x3x5x5xf32>, tensor<3x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x7x7xf32>
  return %y : tensor<?x2x7x7xf32>
}

// (4 - 1)·2 − 2 + 3 + 1 = 8.
func.func @convt_stride(%x: tensor<2x3x4x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<2x2x8x8xf32> {
  %y = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<2x3x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<2x2x8x8xf32>
  return %y : tensor<2x2x8x8xf32>
}

// Dilation 2 with output_padding 1 >= stride 1: the adjoint convolution
// yields a row and column past the input.
func.func @convt_groups_dilation(%x: tensor<?x4x5x5xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<6xf32>) -> tensor<?x6x8x10xf32> {
  %y = hnn.conv_transpose2d %x, %w, %b {groups = 2 : i64, dilation = array<i64: 2, 2>, padding = array<i64: 1, 0>, output_padding = array<i64: 1, 1>} : (tensor<?x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<?x6x8x10xf32>
  return %y : tensor<?x6x8x10xf32>
}

func.func @unfold(%x: tensor<?x3x5x5xf32>) -> tensor<?x12x16xf32> {
  %y = hnn.unfold %x {kernel_size = array<i64: 2, 2>} : tensor<?x3x5x5xf32> -> tensor<?x12x16xf32>
  return %y : tensor<?x12x16xf32>
}

// Overlapping, strided, padded, dilated windows.
func.func @unfold_strided(%x: tensor<?x2x7x7xf32>) -> tensor<?x18x12xf32> {
  %y = hnn.unfold %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 1>, padding = array<i64: 1, 0>, dilation = array<i64: 1, 2>} : tensor<?x2x7x7xf32> -> tensor<?x18x12xf32>
  return %y : tensor<?x18x12xf32>
}
