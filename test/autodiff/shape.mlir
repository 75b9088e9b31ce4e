// Gradients of the shape ops against finite differences (inputs uniform in
// [-1, 1]; every op is linear, so any input works).
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run gradcheck %t.so --entry reshape_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry transpose | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry transpose_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry flatten_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry flatten_middle | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry concat | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry concat_negative_batch | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry slice_steps | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry slice_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry slice_step_exact | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry slice_step_offset | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry pad_zeros_value_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry pad_reflect | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry pad_reflect_nchw_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry pad_replicate | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry pad_replicate_nchw_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry pad_circular | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry pad_circular_nchw_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry upsample_batch | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry upsample_one | FileCheck %s
// RUN: hnn-run gradcheck %t.so --entry shape_chain | FileCheck %s --check-prefix=TWO

// CHECK: arg 0 ({{.*}}): ok
// TWO: arg 0 ({{.*}}): ok
// TWO-NEXT: arg 1 ({{.*}}): ok
// THREE: arg 0 ({{.*}}): ok
// THREE-NEXT: arg 1 ({{.*}}): ok
// THREE-NEXT: arg 2 ({{.*}}): ok

func.func @reshape_batch(%x: tensor<?x12xf32>) -> tensor<?x3x4xf32> {
  %0 = hnn.reshape %x : tensor<?x12xf32> -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = hnn.transpose %x {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// (A negative permutation entry, [0, -1, 1], does not lower yet:
// convert-hnn-to-linalg passes it to linalg.transpose unnormalized.)
func.func @transpose_batch(%x: tensor<?x3x4xf32>) -> tensor<?x4x3xf32> {
  %0 = hnn.transpose %x {permutation = array<i64: 0, 2, 1>} : tensor<?x3x4xf32> -> tensor<?x4x3xf32>
  return %0 : tensor<?x4x3xf32>
}

func.func @flatten_batch(%x: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  %0 = hnn.flatten %x : tensor<?x3x4xf32> -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

func.func @flatten_middle(%x: tensor<2x3x4x5xf32>) -> tensor<2x12x5xf32> {
  %0 = hnn.flatten %x {start_dim = 1 : i64, end_dim = -2 : i64} : tensor<2x3x4x5xf32> -> tensor<2x12x5xf32>
  return %0 : tensor<2x12x5xf32>
}

func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<2x1xf32>) -> tensor<2x9xf32> {
  %0 = hnn.concat %a, %b, %c {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x9xf32>
  return %0 : tensor<2x9xf32>
}

func.func @concat_negative_batch(%a: tensor<?x2x3xf32>, %b: tensor<?x4x3xf32>) -> tensor<?x6x3xf32> {
  %0 = hnn.concat %a, %b {dim = -2 : i64} : (tensor<?x2x3xf32>, tensor<?x4x3xf32>) -> tensor<?x6x3xf32>
  return %0 : tensor<?x6x3xf32>
}

// Steps 3 and 2.
func.func @slice_steps(%x: tensor<2x10x9xf32>) -> tensor<2x3x4xf32> {
  %0 = hnn.slice %x {dims = array<i64: 1, 2>, starts = array<i64: 2, 1>, ends = array<i64: 9, 9>, steps = array<i64: 3, 2>} : tensor<2x10x9xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

func.func @slice_batch(%x: tensor<?x10xf32>) -> tensor<?x5xf32> {
  %0 = hnn.slice %x {dims = array<i64: -1>, starts = array<i64: 2>, ends = array<i64: 7>} : tensor<?x10xf32> -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// Start 0 with step 3: the leading interleaved zeros are dropped.
func.func @slice_step_exact(%x: tensor<?x3x9xf32>) -> tensor<?x3x3xf32> {
  %0 = hnn.slice %x {dims = array<i64: 2>, starts = array<i64: 0>, ends = array<i64: 7>, steps = array<i64: 3>} : tensor<?x3x9xf32> -> tensor<?x3x3xf32>
  return %0 : tensor<?x3x3xf32>
}

// Start 5 with step 2: the strided elements are shifted by 4.
func.func @slice_step_offset(%x: tensor<?x10xf32>) -> tensor<?x3xf32> {
  %0 = hnn.slice %x {dims = array<i64: 1>, starts = array<i64: 5>, ends = array<i64: 10>, steps = array<i64: 2>} : tensor<?x10xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

func.func @pad_zeros_value_batch(%x: tensor<?x3x4xf32>) -> tensor<?x6x6xf32> {
  %0 = hnn.pad %x {low = array<i64: 0, 1, 2>, high = array<i64: 0, 2, 0>, value = 1.5 : f64} : tensor<?x3x4xf32> -> tensor<?x6x6xf32>
  return %0 : tensor<?x6x6xf32>
}

func.func @pad_reflect(%x: tensor<5x6xf32>) -> tensor<8x10xf32> {
  %0 = hnn.pad %x {low = array<i64: 2, 1>, high = array<i64: 1, 3>, padding_mode = #hnn<padding_mode reflect>} : tensor<5x6xf32> -> tensor<8x10xf32>
  return %0 : tensor<8x10xf32>
}

// The largest reflect pads (size − 1) on both sides.
func.func @pad_reflect_nchw_batch(%x: tensor<?x2x3x4xf32>) -> tensor<?x2x7x7xf32> {
  %0 = hnn.pad %x {low = array<i64: 0, 0, 2, 3>, high = array<i64: 0, 0, 2, 0>, padding_mode = #hnn<padding_mode reflect>} : tensor<?x2x3x4xf32> -> tensor<?x2x7x7xf32>
  return %0 : tensor<?x2x7x7xf32>
}

func.func @pad_replicate(%x: tensor<5x6xf32>) -> tensor<8x10xf32> {
  %0 = hnn.pad %x {low = array<i64: 2, 1>, high = array<i64: 1, 3>, padding_mode = #hnn<padding_mode replicate>} : tensor<5x6xf32> -> tensor<8x10xf32>
  return %0 : tensor<8x10xf32>
}

// Pads wider than the dimension; a dimension of size 1.
func.func @pad_replicate_nchw_batch(%x: tensor<?x2x1x3xf32>) -> tensor<?x2x4x8xf32> {
  %0 = hnn.pad %x {low = array<i64: 0, 0, 1, 4>, high = array<i64: 0, 0, 2, 1>, padding_mode = #hnn<padding_mode replicate>} : tensor<?x2x1x3xf32> -> tensor<?x2x4x8xf32>
  return %0 : tensor<?x2x4x8xf32>
}

func.func @pad_circular(%x: tensor<5x6xf32>) -> tensor<8x10xf32> {
  %0 = hnn.pad %x {low = array<i64: 2, 1>, high = array<i64: 1, 3>, padding_mode = #hnn<padding_mode circular>} : tensor<5x6xf32> -> tensor<8x10xf32>
  return %0 : tensor<8x10xf32>
}

// Pads as wide as the dimension.
func.func @pad_circular_nchw_batch(%x: tensor<?x2x3x4xf32>) -> tensor<?x2x7x6xf32> {
  %0 = hnn.pad %x {low = array<i64: 0, 0, 3, 0>, high = array<i64: 0, 0, 1, 2>, padding_mode = #hnn<padding_mode circular>} : tensor<?x2x3x4xf32> -> tensor<?x2x7x6xf32>
  return %0 : tensor<?x2x7x6xf32>
}

func.func @upsample_batch(%x: tensor<?x2x3x4xf32>) -> tensor<?x2x6x12xf32> {
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 3>} : tensor<?x2x3x4xf32> -> tensor<?x2x6x12xf32>
  return %0 : tensor<?x2x6x12xf32>
}

func.func @upsample_one(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x3x8xf32> {
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 1, 2>} : tensor<1x2x3x4xf32> -> tensor<1x2x3x8xf32>
  return %0 : tensor<1x2x3x8xf32>
}

// Shape ops between elementwise ones, with a fan-out through two paths.
func.func @shape_chain(%x: tensor<?x2x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x12xf32> {
  %t = hnn.transpose %x {permutation = array<i64: 0, 2, 1>} : tensor<?x2x3xf32> -> tensor<?x3x2xf32>
  %m = hnn.mul %t, %w : (tensor<?x3x2xf32>, tensor<3x2xf32>) -> tensor<?x3x2xf32>
  %p = hnn.pad %m {low = array<i64: 0, 1, 0>, high = array<i64: 0, 0, 0>, padding_mode = #hnn<padding_mode reflect>} : tensor<?x3x2xf32> -> tensor<?x4x2xf32>
  %s = hnn.sin %p : tensor<?x4x2xf32>
  %f = hnn.flatten %s : tensor<?x4x2xf32> -> tensor<?x8xf32>
  %x2 = hnn.reshape %x : tensor<?x2x3xf32> -> tensor<?x6xf32>
  %q = hnn.slice %x2 {dims = array<i64: 1>, starts = array<i64: 0>, ends = array<i64: 4>} : tensor<?x6xf32> -> tensor<?x4xf32>
  %0 = hnn.concat %f, %q {dim = 1 : i64} : (tensor<?x8xf32>, tensor<?x4xf32>) -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}
