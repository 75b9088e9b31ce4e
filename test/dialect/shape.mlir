// Round trip of the shape ops: reshape, transpose, flatten, concat, slice,
// pad, upsample_nearest. The written result types are computed by hand and
// checked against the inferred ones by the verifier (reshape by its own
// verifier: same static element count, the dynamic batch on both sides).

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x4xf32>, %[[Y:[a-z0-9]+]]: tensor<2x3x4xf32>, %[[Z:[a-z0-9]+]]: tensor<6xf16>, %[[S:[a-z0-9]+]]: tensor<f32>)
// CHECK:         %[[A:.*]] = hnn.reshape %[[X]] : tensor<?x3x4xf32> -> tensor<?x12xf32>
// CHECK:         %[[B:.*]] = hnn.reshape %[[A]] : tensor<?x12xf32> -> tensor<4x?x3xf32>
// CHECK:         %[[C:.*]] = hnn.reshape %[[Y]] : tensor<2x3x4xf32> -> tensor<24xf32>
// CHECK:         %[[D:.*]] = hnn.reshape %[[Z]] : tensor<6xf16> -> tensor<1x2x3x1xf16>
// CHECK:         %[[E:.*]] = hnn.reshape %[[S]] : tensor<f32> -> tensor<1x1xf32>
// CHECK:         %[[F:.*]] = hnn.reshape %[[E]] : tensor<1x1xf32> -> tensor<f32>
// CHECK:         return %[[B]], %[[C]], %[[D]], %[[F]] : tensor<4x?x3xf32>, tensor<24xf32>, tensor<1x2x3x1xf16>, tensor<f32>
func.func @reshape(%x: tensor<?x3x4xf32>, %y: tensor<2x3x4xf32>, %z: tensor<6xf16>, %s: tensor<f32>) -> (tensor<4x?x3xf32>, tensor<24xf32>, tensor<1x2x3x1xf16>, tensor<f32>) {
  %0 = hnn.reshape %x : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %1 = hnn.reshape %0 : tensor<?x12xf32> -> tensor<4x?x3xf32>
  %2 = hnn.reshape %y : tensor<2x3x4xf32> -> tensor<24xf32>
  %3 = hnn.reshape %z : tensor<6xf16> -> tensor<1x2x3x1xf16>
  %4 = hnn.reshape %s : tensor<f32> -> tensor<1x1xf32>
  %5 = hnn.reshape %4 : tensor<1x1xf32> -> tensor<f32>
  return %1, %2, %3, %5 : tensor<4x?x3xf32>, tensor<24xf32>, tensor<1x2x3x1xf16>, tensor<f32>
}

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

// Result dim i is input dim permutation[i].
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x17x33xf32>, %[[Y:[a-z0-9]+]]: tensor<2x3xf32>, %[[Z:[a-z0-9]+]]: tensor<2x3x5xbf16>, %[[V:[a-z0-9]+]]: tensor<5xf32>)
// CHECK:         %[[A:.*]] = hnn.transpose %[[X]] {permutation = array<i64: 0, 2, 3, 1>} : tensor<?x3x17x33xf32> -> tensor<?x17x33x3xf32>
// CHECK:         %[[B:.*]] = hnn.transpose %[[Y]] {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
// CHECK:         %[[C:.*]] = hnn.transpose %[[Z]] {permutation = array<i64: 2, 0, 1>} : tensor<2x3x5xbf16> -> tensor<5x2x3xbf16>
// CHECK:         %[[D:.*]] = hnn.transpose %[[V]] {permutation = array<i64: 0>} : tensor<5xf32> -> tensor<5xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]], %[[D]] :
func.func @transpose(%x: tensor<?x3x17x33xf32>, %y: tensor<2x3xf32>, %z: tensor<2x3x5xbf16>, %v: tensor<5xf32>) -> (tensor<?x17x33x3xf32>, tensor<3x2xf32>, tensor<5x2x3xbf16>, tensor<5xf32>) {
  %0 = hnn.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<?x3x17x33xf32> -> tensor<?x17x33x3xf32>
  %1 = hnn.transpose %y {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %2 = hnn.transpose %z {permutation = array<i64: 2, 0, 1>} : tensor<2x3x5xbf16> -> tensor<5x2x3xbf16>
  %3 = hnn.transpose %v {permutation = array<i64: 0>} : tensor<5xf32> -> tensor<5xf32>
  return %0, %1, %2, %3 : tensor<?x17x33x3xf32>, tensor<3x2xf32>, tensor<5x2x3xbf16>, tensor<5xf32>
}

//===----------------------------------------------------------------------===//
// flatten
//===----------------------------------------------------------------------===//

// Defaults start_dim = 1, end_dim = -1 (elided when written): 3*17*33 = 1683.
// CHECK-LABEL: func.func @flatten_defaults(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x17x33xf32>)
// CHECK:         %[[A:.*]] = hnn.flatten %[[X]] : tensor<?x3x17x33xf32> -> tensor<?x1683xf32>
// CHECK:         %[[B:.*]] = hnn.flatten %[[X]] : tensor<?x3x17x33xf32> -> tensor<?x1683xf32>
// CHECK:         return %[[A]], %[[B]] :
func.func @flatten_defaults(%x: tensor<?x3x17x33xf32>) -> (tensor<?x1683xf32>, tensor<?x1683xf32>) {
  %0 = hnn.flatten %x : tensor<?x3x17x33xf32> -> tensor<?x1683xf32>
  %1 = hnn.flatten %x {start_dim = 1, end_dim = -1} : tensor<?x3x17x33xf32> -> tensor<?x1683xf32>
  return %0, %1 : tensor<?x1683xf32>, tensor<?x1683xf32>
}

// CHECK-LABEL: func.func @flatten_ranges(
// CHECK:         hnn.flatten %{{[a-z0-9]+}} {start_dim = 0 : i64} : tensor<2x3x5xf32> -> tensor<30xf32>
// CHECK:         hnn.flatten %{{[a-z0-9]+}} {end_dim = 2 : i64} : tensor<2x3x4x5xf32> -> tensor<2x12x5xf32>
// CHECK:         hnn.flatten %{{[a-z0-9]+}} {start_dim = -2 : i64} : tensor<2x3x4x5xf32> -> tensor<2x3x20xf32>
// CHECK:         hnn.flatten %{{[a-z0-9]+}} {end_dim = 1 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK:         hnn.flatten %{{[a-z0-9]+}} {end_dim = 1 : i64, start_dim = 0 : i64} : tensor<?x3x4xf32> -> tensor<?x4xf32>
// CHECK:         hnn.flatten %{{[a-z0-9]+}} {end_dim = -2 : i64, start_dim = -3 : i64} : tensor<2x3x4x5xf32> -> tensor<2x12x5xf32>
func.func @flatten_ranges(%a: tensor<2x3x5xf32>, %b: tensor<2x3x4x5xf32>, %c: tensor<2x3xf32>, %d: tensor<?x3x4xf32>) -> (tensor<30xf32>, tensor<2x12x5xf32>, tensor<2x3x20xf32>, tensor<2x3xf32>, tensor<?x4xf32>, tensor<2x12x5xf32>) {
  %0 = hnn.flatten %a {start_dim = 0} : tensor<2x3x5xf32> -> tensor<30xf32>
  %1 = hnn.flatten %b {start_dim = 1, end_dim = 2} : tensor<2x3x4x5xf32> -> tensor<2x12x5xf32>
  %2 = hnn.flatten %b {start_dim = -2, end_dim = -1} : tensor<2x3x4x5xf32> -> tensor<2x3x20xf32>
  %3 = hnn.flatten %c {start_dim = 1, end_dim = 1} : tensor<2x3xf32> -> tensor<2x3xf32>
  %4 = hnn.flatten %d {start_dim = 0, end_dim = 1} : tensor<?x3x4xf32> -> tensor<?x4xf32>
  %5 = hnn.flatten %b {start_dim = -3, end_dim = -2} : tensor<2x3x4x5xf32> -> tensor<2x12x5xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<30xf32>, tensor<2x12x5xf32>, tensor<2x3x20xf32>, tensor<2x3xf32>, tensor<?x4xf32>, tensor<2x12x5xf32>
}

// torch.flatten of a 0-d tensor gives a 1-element 1-d tensor.
// CHECK-LABEL: func.func @flatten_rank0(
// CHECK:         hnn.flatten %{{[a-z0-9]+}} {start_dim = 0 : i64} : tensor<f32> -> tensor<1xf32>
func.func @flatten_rank0(%x: tensor<f32>) -> tensor<1xf32> {
  %0 = hnn.flatten %x {start_dim = 0} : tensor<f32> -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

//===----------------------------------------------------------------------===//
// concat
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @concat(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x3x5xf32>, %[[B:[a-z0-9]+]]: tensor<?x1x5xf32>, %[[C:[a-z0-9]+]]: tensor<?x17x5xf32>)
// CHECK:         %[[R:.*]] = hnn.concat %[[A]], %[[B]], %[[C]] {dim = 1 : i64} : (tensor<?x3x5xf32>, tensor<?x1x5xf32>, tensor<?x17x5xf32>) -> tensor<?x21x5xf32>
// CHECK:         return %[[R]] : tensor<?x21x5xf32>
func.func @concat(%a: tensor<?x3x5xf32>, %b: tensor<?x1x5xf32>, %c: tensor<?x17x5xf32>) -> tensor<?x21x5xf32> {
  %0 = hnn.concat %a, %b, %c {dim = 1} : (tensor<?x3x5xf32>, tensor<?x1x5xf32>, tensor<?x17x5xf32>) -> tensor<?x21x5xf32>
  return %0 : tensor<?x21x5xf32>
}

// Negative dim; concatenating along a dynamic dim gives a dynamic size;
// a single input.
// CHECK-LABEL: func.func @concat_more(
// CHECK:         hnn.concat %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {dim = -1 : i64} : (tensor<2x3xf16>, tensor<2x4xf16>) -> tensor<2x7xf16>
// CHECK:         hnn.concat %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {dim = 0 : i64} : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
// CHECK:         hnn.concat %{{[a-z0-9]+}} {dim = 0 : i64} : (tensor<1xf32>) -> tensor<1xf32>
func.func @concat_more(%a: tensor<2x3xf16>, %b: tensor<2x4xf16>, %c: tensor<?x3xf32>, %d: tensor<2x3xf32>, %e: tensor<1xf32>) -> (tensor<2x7xf16>, tensor<?x3xf32>, tensor<1xf32>) {
  %0 = hnn.concat %a, %b {dim = -1} : (tensor<2x3xf16>, tensor<2x4xf16>) -> tensor<2x7xf16>
  %1 = hnn.concat %c, %d {dim = 0} : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
  %2 = hnn.concat %e {dim = 0} : (tensor<1xf32>) -> tensor<1xf32>
  return %0, %1, %2 : tensor<2x7xf16>, tensor<?x3xf32>, tensor<1xf32>
}

//===----------------------------------------------------------------------===//
// slice
//===----------------------------------------------------------------------===//

// Size = ceil((end - start) / step):
//   dim 1: [0, 17) step 2 -> 9;  dim 2: [1, 33) step 5 -> ceil(32/5) = 7
// CHECK-LABEL: func.func @slice_steps(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x17x33xf32>)
// CHECK:         %[[R:.*]] = hnn.slice %[[X]] {dims = array<i64: 1, 2>, ends = array<i64: 17, 33>, starts = array<i64: 0, 1>, steps = array<i64: 2, 5>} : tensor<2x17x33xf32> -> tensor<2x9x7xf32>
// CHECK:         return %[[R]] : tensor<2x9x7xf32>
func.func @slice_steps(%x: tensor<2x17x33xf32>) -> tensor<2x9x7xf32> {
  %0 = hnn.slice %x {dims = array<i64: 1, 2>, starts = array<i64: 0, 1>, ends = array<i64: 17, 33>, steps = array<i64: 2, 5>} : tensor<2x17x33xf32> -> tensor<2x9x7xf32>
  return %0 : tensor<2x9x7xf32>
}

// A negative dim next to the dynamic batch; no steps (1); dims out of order.
// CHECK-LABEL: func.func @slice_more(
// CHECK:         hnn.slice %{{[a-z0-9]+}} {dims = array<i64: -1>, ends = array<i64: 4>, starts = array<i64: 3>} : tensor<?x5xf32> -> tensor<?x1xf32>
// CHECK:         hnn.slice %{{[a-z0-9]+}} {dims = array<i64: 0>, ends = array<i64: 7>, starts = array<i64: 2>} : tensor<8x8xf32> -> tensor<5x8xf32>
// CHECK:         hnn.slice %{{[a-z0-9]+}} {dims = array<i64: 1, 0>, ends = array<i64: 3, 2>, starts = array<i64: 0, 1>, steps = array<i64: 3, 1>} : tensor<8x8xf32> -> tensor<1x1xf32>
func.func @slice_more(%x: tensor<?x5xf32>, %y: tensor<8x8xf32>) -> (tensor<?x1xf32>, tensor<5x8xf32>, tensor<1x1xf32>) {
  %0 = hnn.slice %x {dims = array<i64: -1>, starts = array<i64: 3>, ends = array<i64: 4>} : tensor<?x5xf32> -> tensor<?x1xf32>
  %1 = hnn.slice %y {dims = array<i64: 0>, starts = array<i64: 2>, ends = array<i64: 7>} : tensor<8x8xf32> -> tensor<5x8xf32>
  %2 = hnn.slice %y {dims = array<i64: 1, 0>, starts = array<i64: 0, 1>, ends = array<i64: 3, 2>, steps = array<i64: 3, 1>} : tensor<8x8xf32> -> tensor<1x1xf32>
  return %0, %1, %2 : tensor<?x1xf32>, tensor<5x8xf32>, tensor<1x1xf32>
}

//===----------------------------------------------------------------------===//
// pad
//===----------------------------------------------------------------------===//

// Size = low + size + high per dimension.
// CHECK-LABEL: func.func @pad_zeros_value(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK:         %[[A:.*]] = hnn.pad %[[X]] {high = array<i64: 2, 3>, low = array<i64: 0, 1>, value = 1.500000e+00 : f64} : tensor<2x3xf32> -> tensor<4x7xf32>
// CHECK:         %[[B:.*]] = hnn.pad %[[A]] {high = array<i64: 1, 0>, low = array<i64: 0, 0>} : tensor<4x7xf32> -> tensor<5x7xf32>
// CHECK:         return %[[B]] : tensor<5x7xf32>
func.func @pad_zeros_value(%x: tensor<2x3xf32>) -> tensor<5x7xf32> {
  %0 = hnn.pad %x {low = array<i64: 0, 1>, high = array<i64: 2, 3>, value = 1.5} : tensor<2x3xf32> -> tensor<4x7xf32>
  %1 = hnn.pad %0 {low = array<i64: 0, 0>, high = array<i64: 1, 0>, padding_mode = #hnn<padding_mode zeros>, value = 0.0} : tensor<4x7xf32> -> tensor<5x7xf32>
  return %1 : tensor<5x7xf32>
}

// reflect: pads below the size (4 < 5); replicate: pads beyond a size-1
// dimension, the dynamic batch untouched; circular: pad equal to the size.
// CHECK-LABEL: func.func @pad_modes(
// CHECK:         hnn.pad %{{[a-z0-9]+}} {high = array<i64: 0, 0, 2, 0>, low = array<i64: 0, 0, 4, 1>, padding_mode = #hnn<padding_mode reflect>} : tensor<1x3x5x5xf32> -> tensor<1x3x11x6xf32>
// CHECK:         hnn.pad %{{[a-z0-9]+}} {high = array<i64: 0, 0, 5>, low = array<i64: 0, 3, 0>, padding_mode = #hnn<padding_mode replicate>} : tensor<?x1x1xf32> -> tensor<?x4x6xf32>
// CHECK:         hnn.pad %{{[a-z0-9]+}} {high = array<i64: 0, 1>, low = array<i64: 3, 4>, padding_mode = #hnn<padding_mode circular>} : tensor<3x4xbf16> -> tensor<6x9xbf16>
func.func @pad_modes(%a: tensor<1x3x5x5xf32>, %b: tensor<?x1x1xf32>, %c: tensor<3x4xbf16>) -> (tensor<1x3x11x6xf32>, tensor<?x4x6xf32>, tensor<6x9xbf16>) {
  %0 = hnn.pad %a {low = array<i64: 0, 0, 4, 1>, high = array<i64: 0, 0, 2, 0>, padding_mode = #hnn<padding_mode reflect>} : tensor<1x3x5x5xf32> -> tensor<1x3x11x6xf32>
  %1 = hnn.pad %b {low = array<i64: 0, 3, 0>, high = array<i64: 0, 0, 5>, padding_mode = #hnn<padding_mode replicate>} : tensor<?x1x1xf32> -> tensor<?x4x6xf32>
  %2 = hnn.pad %c {low = array<i64: 3, 4>, high = array<i64: 0, 1>, padding_mode = #hnn<padding_mode circular>} : tensor<3x4xbf16> -> tensor<6x9xbf16>
  return %0, %1, %2 : tensor<1x3x11x6xf32>, tensor<?x4x6xf32>, tensor<6x9xbf16>
}

//===----------------------------------------------------------------------===//
// upsample_nearest
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @upsample_nearest(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x17x33xf32>, %[[Y:[a-z0-9]+]]: tensor<1x1x1x1xf32>, %[[Z:[a-z0-9]+]]: tensor<2x3x4x1xf16>)
// CHECK:         %[[A:.*]] = hnn.upsample_nearest %[[X]] {scale_factor = array<i64: 2, 3>} : tensor<?x3x17x33xf32> -> tensor<?x3x34x99xf32>
// CHECK:         %[[B:.*]] = hnn.upsample_nearest %[[Y]] {scale_factor = array<i64: 1, 1>} : tensor<1x1x1x1xf32> -> tensor<1x1x1x1xf32>
// CHECK:         %[[C:.*]] = hnn.upsample_nearest %[[Z]] {scale_factor = array<i64: 1, 5>} : tensor<2x3x4x1xf16> -> tensor<2x3x4x5xf16>
// CHECK:         return %[[A]], %[[B]], %[[C]] :
func.func @upsample_nearest(%x: tensor<?x3x17x33xf32>, %y: tensor<1x1x1x1xf32>, %z: tensor<2x3x4x1xf16>) -> (tensor<?x3x34x99xf32>, tensor<1x1x1x1xf32>, tensor<2x3x4x5xf16>) {
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 3>} : tensor<?x3x17x33xf32> -> tensor<?x3x34x99xf32>
  %1 = hnn.upsample_nearest %y {scale_factor = array<i64: 1, 1>} : tensor<1x1x1x1xf32> -> tensor<1x1x1x1xf32>
  %2 = hnn.upsample_nearest %z {scale_factor = array<i64: 1, 5>} : tensor<2x3x4x1xf16> -> tensor<2x3x4x5xf16>
  return %0, %1, %2 : tensor<?x3x34x99xf32>, tensor<1x1x1x1xf32>, tensor<2x3x4x5xf16>
}
