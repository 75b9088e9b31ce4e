// End-to-end numerics of the shape ops against PyTorch (goldens from
// make_goldens.py, family "shape"). Functions taking `?` get the batch from
// their arguments at run time.
// RUN: hnnc %s -o %t.so
// RUN: hnn-run run %t.so --entry slice_head --golden %S/data/slice_head
// RUN: hnn-run run %t.so --entry transpose_negative --golden %S/data/transpose_negative
// RUN: hnn-run run %t.so --entry constant --golden %S/data/constant
// RUN: hnn-run run %t.so --entry reshape_batch --golden %S/data/reshape_batch
// RUN: hnn-run run %t.so --entry reshape_static --golden %S/data/reshape_static
// RUN: hnn-run run %t.so --entry transpose --golden %S/data/transpose
// RUN: hnn-run run %t.so --entry flatten --golden %S/data/flatten
// RUN: hnn-run run %t.so --entry concat3 --golden %S/data/concat3
// RUN: hnn-run run %t.so --entry concat_more --golden %S/data/concat_more
// RUN: hnn-run run %t.so --entry concat_batch --golden %S/data/concat_batch
// RUN: hnn-run run %t.so --entry slice_steps --golden %S/data/slice_steps
// RUN: hnn-run run %t.so --entry pad_zeros --golden %S/data/pad_zeros
// RUN: hnn-run run %t.so --entry pad_reflect --golden %S/data/pad_reflect
// RUN: hnn-run run %t.so --entry pad_replicate --golden %S/data/pad_replicate
// RUN: hnn-run run %t.so --entry pad_circular --golden %S/data/pad_circular
// RUN: hnn-run run %t.so --entry upsample_nearest --golden %S/data/upsample_nearest

func.func @constant(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<4x3xf32>) {
  %c = hnn.constant dense<[[1.0, -2.0, 3.5], [0.25, 0.0, -7.0]]> : tensor<2x3xf32>
  %0 = hnn.concat %x, %c {dim = 0} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %c, %0 : tensor<2x3xf32>, tensor<4x3xf32>
}

// ?x3x4 -> ?x12 merges neighbours, ?x4x3 merges and splits, ?x6x2 goes
// through 1-D.
func.func @reshape_batch(%x: tensor<?x3x4xf32>) -> (tensor<?x12xf32>, tensor<?x4x3xf32>, tensor<?x6x2xf32>) {
  %0 = hnn.reshape %x : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %1 = hnn.reshape %0 : tensor<?x12xf32> -> tensor<?x4x3xf32>
  %2 = hnn.reshape %x : tensor<?x3x4xf32> -> tensor<?x6x2xf32>
  return %0, %1, %2 : tensor<?x12xf32>, tensor<?x4x3xf32>, tensor<?x6x2xf32>
}

func.func @reshape_static(%x: tensor<2x3x4xf32>, %v: tensor<6xf32>, %s: tensor<f32>) -> (tensor<24xf32>, tensor<1x2x3x1xf32>, tensor<4x3x2xf32>, tensor<1x1xf32>, tensor<f32>) {
  %0 = hnn.reshape %x : tensor<2x3x4xf32> -> tensor<24xf32>
  %1 = hnn.reshape %v : tensor<6xf32> -> tensor<1x2x3x1xf32>
  %2 = hnn.reshape %x : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  %3 = hnn.reshape %s : tensor<f32> -> tensor<1x1xf32>
  %4 = hnn.reshape %3 : tensor<1x1xf32> -> tensor<f32>
  return %0, %1, %2, %3, %4 : tensor<24xf32>, tensor<1x2x3x1xf32>, tensor<4x3x2xf32>, tensor<1x1xf32>, tensor<f32>
}

func.func @transpose(%x: tensor<?x3x17x5xf32>, %y: tensor<3x33xf32>, %z: tensor<2x3x5xf32>) -> (tensor<?x17x5x3xf32>, tensor<33x3xf32>, tensor<5x2x3xf32>) {
  %0 = hnn.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<?x3x17x5xf32> -> tensor<?x17x5x3xf32>
  %1 = hnn.transpose %y {permutation = array<i64: 1, 0>} : tensor<3x33xf32> -> tensor<33x3xf32>
  %2 = hnn.transpose %z {permutation = array<i64: 2, 0, 1>} : tensor<2x3x5xf32> -> tensor<5x2x3xf32>
  return %0, %1, %2 : tensor<?x17x5x3xf32>, tensor<33x3xf32>, tensor<5x2x3xf32>
}

// Defaults (1, -1) on a dynamic batch; dims 0 and 1 merged (static, see
// concat_more); negative bounds; a scalar.
func.func @flatten(%a: tensor<?x3x4x5xf32>, %b: tensor<2x3x4xf32>, %c: tensor<2x3x4x5xf32>, %s: tensor<f32>) -> (tensor<?x60xf32>, tensor<6x4xf32>, tensor<2x12x5xf32>, tensor<1xf32>) {
  %0 = hnn.flatten %a : tensor<?x3x4x5xf32> -> tensor<?x60xf32>
  %1 = hnn.flatten %b {start_dim = 0, end_dim = 1} : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %2 = hnn.flatten %c {start_dim = -3, end_dim = -2} : tensor<2x3x4x5xf32> -> tensor<2x12x5xf32>
  %3 = hnn.flatten %s {start_dim = 0} : tensor<f32> -> tensor<1xf32>
  return %0, %1, %2, %3 : tensor<?x60xf32>, tensor<6x4xf32>, tensor<2x12x5xf32>, tensor<1xf32>
}

func.func @concat3(%a: tensor<?x3x5xf32>, %b: tensor<?x1x5xf32>, %c: tensor<?x17x5xf32>) -> tensor<?x21x5xf32> {
  %0 = hnn.concat %a, %b, %c {dim = 1} : (tensor<?x3x5xf32>, tensor<?x1x5xf32>, tensor<?x17x5xf32>) -> tensor<?x21x5xf32>
  return %0 : tensor<?x21x5xf32>
}

// A negative dim; along dim 0. (Static: a `?` result is allocated with the
// batch size, so an op whose dynamic result size is not the batch, like a
// concat along the batch or a flatten merging it, cannot be an entry result.)
func.func @concat_more(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>, %c: tensor<2x1xf32>, %d: tensor<3x3xf32>, %e: tensor<2x3xf32>) -> (tensor<2x8xf32>, tensor<5x3xf32>) {
  %0 = hnn.concat %a, %b, %c {dim = -1} : (tensor<2x3xf32>, tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %1 = hnn.concat %d, %e {dim = 0} : (tensor<3x3xf32>, tensor<2x3xf32>) -> tensor<5x3xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<5x3xf32>
}

// Along the dynamic batch inside a function: N + 2 rows, summed away.
func.func @concat_batch(%d: tensor<?x3xf32>, %e: tensor<2x3xf32>) -> tensor<3xf32> {
  %0 = hnn.concat %d, %e, %d {dim = 0} : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %1 = hnn.reduce_sum %0 {dims = array<i64: 0>} : tensor<?x3xf32> -> tensor<3xf32>
  return %1 : tensor<3xf32>
}

// Steps 2, 5, 3; negative dims next to a dynamic batch; dims out of order.
func.func @slice_steps(%x: tensor<2x17x33xf32>, %y: tensor<?x5xf32>, %z: tensor<8x8xf32>, %w: tensor<?x17x33xf32>) -> (tensor<2x9x7xf32>, tensor<?x1xf32>, tensor<1x1xf32>, tensor<?x1x11xf32>) {
  %0 = hnn.slice %x {dims = array<i64: 1, 2>, starts = array<i64: 0, 1>, ends = array<i64: 17, 33>, steps = array<i64: 2, 5>} : tensor<2x17x33xf32> -> tensor<2x9x7xf32>
  %1 = hnn.slice %y {dims = array<i64: -1>, starts = array<i64: 3>, ends = array<i64: 4>} : tensor<?x5xf32> -> tensor<?x1xf32>
  %2 = hnn.slice %z {dims = array<i64: 1, 0>, starts = array<i64: 0, 1>, ends = array<i64: 3, 2>, steps = array<i64: 3, 1>} : tensor<8x8xf32> -> tensor<1x1xf32>
  %3 = hnn.slice %w {dims = array<i64: -1, 1>, starts = array<i64: 2, 16>, ends = array<i64: 33, 17>, steps = array<i64: 3, 1>} : tensor<?x17x33xf32> -> tensor<?x1x11xf32>
  return %0, %1, %2, %3 : tensor<2x9x7xf32>, tensor<?x1xf32>, tensor<1x1xf32>, tensor<?x1x11xf32>
}

// Non-zero fill values, the dynamic batch unpadded.
func.func @pad_zeros(%x: tensor<2x3xf32>, %y: tensor<?x3x5xf32>) -> (tensor<4x7xf32>, tensor<?x6x8xf32>) {
  %0 = hnn.pad %x {low = array<i64: 0, 1>, high = array<i64: 2, 3>, value = 1.5} : tensor<2x3xf32> -> tensor<4x7xf32>
  %1 = hnn.pad %y {low = array<i64: 0, 2, 0>, high = array<i64: 0, 1, 3>, value = -0.5} : tensor<?x3x5xf32> -> tensor<?x6x8xf32>
  return %0, %1 : tensor<4x7xf32>, tensor<?x6x8xf32>
}

// Pads up to size - 1, on one, two and three dims.
func.func @pad_reflect(%a: tensor<1x3x5x5xf32>, %b: tensor<?x3x17xf32>, %c: tensor<2x3x4x5xf32>) -> (tensor<1x3x11x6xf32>, tensor<?x3x38xf32>, tensor<2x6x8x12xf32>) {
  %0 = hnn.pad %a {low = array<i64: 0, 0, 4, 1>, high = array<i64: 0, 0, 2, 0>, padding_mode = #hnn<padding_mode reflect>} : tensor<1x3x5x5xf32> -> tensor<1x3x11x6xf32>
  %1 = hnn.pad %b {low = array<i64: 0, 0, 5>, high = array<i64: 0, 0, 16>, padding_mode = #hnn<padding_mode reflect>} : tensor<?x3x17xf32> -> tensor<?x3x38xf32>
  %2 = hnn.pad %c {low = array<i64: 0, 2, 1, 3>, high = array<i64: 0, 1, 3, 4>, padding_mode = #hnn<padding_mode reflect>} : tensor<2x3x4x5xf32> -> tensor<2x6x8x12xf32>
  return %0, %1, %2 : tensor<1x3x11x6xf32>, tensor<?x3x38xf32>, tensor<2x6x8x12xf32>
}

// Beyond size-1 dimensions, with the dynamic batch untouched.
func.func @pad_replicate(%a: tensor<?x1x1xf32>, %b: tensor<2x3x17x4xf32>) -> (tensor<?x4x6xf32>, tensor<2x3x34x9xf32>) {
  %0 = hnn.pad %a {low = array<i64: 0, 3, 0>, high = array<i64: 0, 0, 5>, padding_mode = #hnn<padding_mode replicate>} : tensor<?x1x1xf32> -> tensor<?x4x6xf32>
  %1 = hnn.pad %b {low = array<i64: 0, 0, 1, 3>, high = array<i64: 0, 0, 16, 2>, padding_mode = #hnn<padding_mode replicate>} : tensor<2x3x17x4xf32> -> tensor<2x3x34x9xf32>
  return %0, %1 : tensor<?x4x6xf32>, tensor<2x3x34x9xf32>
}

// Pads equal to the size.
func.func @pad_circular(%a: tensor<3x4xf32>, %b: tensor<?x2x5x6xf32>) -> (tensor<6x9xf32>, tensor<?x2x12x13xf32>) {
  %0 = hnn.pad %a {low = array<i64: 3, 4>, high = array<i64: 0, 1>, padding_mode = #hnn<padding_mode circular>} : tensor<3x4xf32> -> tensor<6x9xf32>
  %1 = hnn.pad %b {low = array<i64: 0, 0, 2, 6>, high = array<i64: 0, 0, 5, 1>, padding_mode = #hnn<padding_mode circular>} : tensor<?x2x5x6xf32> -> tensor<?x2x12x13xf32>
  return %0, %1 : tensor<6x9xf32>, tensor<?x2x12x13xf32>
}

func.func @upsample_nearest(%x: tensor<?x3x5x7xf32>, %y: tensor<2x3x4x1xf32>, %z: tensor<1x1x1x1xf32>) -> (tensor<?x3x10x21xf32>, tensor<2x3x4x5xf32>, tensor<1x1x1x1xf32>) {
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 3>} : tensor<?x3x5x7xf32> -> tensor<?x3x10x21xf32>
  %1 = hnn.upsample_nearest %y {scale_factor = array<i64: 1, 5>} : tensor<2x3x4x1xf32> -> tensor<2x3x4x5xf32>
  %2 = hnn.upsample_nearest %z {scale_factor = array<i64: 1, 1>} : tensor<1x1x1x1xf32> -> tensor<1x1x1x1xf32>
  return %0, %1, %2 : tensor<?x3x10x21xf32>, tensor<2x3x4x5xf32>, tensor<1x1x1x1xf32>
}

func.func @slice_head(%x: tensor<?x3x11x9xf32>) -> tensor<?x3x1x9xf32> {
  %0 = hnn.slice %x {dims = array<i64: 2>, starts = array<i64: 0>, ends = array<i64: 1>} : tensor<?x3x11x9xf32> -> tensor<?x3x1x9xf32>
  return %0 : tensor<?x3x1x9xf32>
}

func.func @transpose_negative(%x: tensor<?x3x5xf32>) -> tensor<?x5x3xf32> {
  %0 = hnn.transpose %x {permutation = array<i64: 0, -1, 1>} : tensor<?x3x5xf32> -> tensor<?x5x3xf32>
  return %0 : tensor<?x5x3xf32>
}
