// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of reshape, transpose, flatten, concat, slice, pad and
// upsample_nearest (ShapeOps.cpp).

func.func @reshape_integer_operand(%x: tensor<2x3xi32>) -> tensor<6xi32> {
  // expected-error@+1 {{'hnn.reshape' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<2x3xi32>'}}
  %0 = hnn.reshape %x : tensor<2x3xi32> -> tensor<6xi32>
  return %0 : tensor<6xi32>
}

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

// -----

func.func @reshape_changes_element_type(%x: tensor<2x3xf32>) -> tensor<6xf16> {
  // expected-error@+1 {{'hnn.reshape' op expects the result element type 'f16' to match the input's 'f32'}}
  %0 = hnn.reshape %x : tensor<2x3xf32> -> tensor<6xf16>
  return %0 : tensor<6xf16>
}

// -----

func.func @reshape_two_dynamic_input_dims(%x: tensor<?x?x4xf32>) -> tensor<?x4xf32> {
  // expected-error@+1 {{'hnn.reshape' op supports at most one dynamic dimension on each side, got 'tensor<?x?x4xf32>' -> 'tensor<?x4xf32>'}}
  %0 = hnn.reshape %x : tensor<?x?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @reshape_two_dynamic_result_dims(%x: tensor<?x4xf32>) -> tensor<?x?x2xf32> {
  // expected-error@+1 {{'hnn.reshape' op supports at most one dynamic dimension on each side, got 'tensor<?x4xf32>' -> 'tensor<?x?x2xf32>'}}
  %0 = hnn.reshape %x : tensor<?x4xf32> -> tensor<?x?x2xf32>
  return %0 : tensor<?x?x2xf32>
}

// -----

func.func @reshape_dynamic_to_static(%x: tensor<?x4xf32>) -> tensor<8xf32> {
  // expected-error@+1 {{'hnn.reshape' op expects a dynamic dimension on both sides or on neither, got 'tensor<?x4xf32>' -> 'tensor<8xf32>'}}
  %0 = hnn.reshape %x : tensor<?x4xf32> -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @reshape_static_to_dynamic(%x: tensor<2x4xf32>) -> tensor<?x4xf32> {
  // expected-error@+1 {{'hnn.reshape' op expects a dynamic dimension on both sides or on neither, got 'tensor<2x4xf32>' -> 'tensor<?x4xf32>'}}
  %0 = hnn.reshape %x : tensor<2x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @reshape_element_count_differs(%x: tensor<2x3xf32>) -> tensor<4x2xf32> {
  // expected-error@+1 {{'hnn.reshape' op cannot reshape 2x3 (6 static elements) into 4x2 (8)}}
  %0 = hnn.reshape %x : tensor<2x3xf32> -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// The dynamic dimension is the same size on both sides, so the static
// dimensions must hold the same number of elements.
func.func @reshape_static_element_count_differs(%x: tensor<?x6xf32>) -> tensor<?x2x2xf32> {
  // expected-error@+1 {{'hnn.reshape' op cannot reshape ?x6 (6 static elements) into ?x2x2 (4)}}
  %0 = hnn.reshape %x : tensor<?x6xf32> -> tensor<?x2x2xf32>
  return %0 : tensor<?x2x2xf32>
}

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

// -----

func.func @transpose_permutation_too_long(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+2 {{'hnn.transpose' op expects a permutation of 2 entries, got 3}}
  // expected-error@+1 {{'hnn.transpose' op failed to infer returned types}}
  %0 = hnn.transpose %x {permutation = array<i64: 1, 0, 2>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_repeated_entry(%x: tensor<2x3x4xf32>) -> tensor<2x2x3xf32> {
  // expected-error@+2 {{'hnn.transpose' op 'permutation' must hold each of 0..2 once}}
  // expected-error@+1 {{'hnn.transpose' op failed to infer returned types}}
  %0 = hnn.transpose %x {permutation = array<i64: 0, 0, 1>} : tensor<2x3x4xf32> -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}

// -----

func.func @transpose_entry_out_of_range(%x: tensor<?x3x4xf32>) -> tensor<?x4x3xf32> {
  // expected-error@+2 {{'hnn.transpose' op 'permutation' must hold each of 0..2 once}}
  // expected-error@+1 {{'hnn.transpose' op failed to infer returned types}}
  %0 = hnn.transpose %x {permutation = array<i64: 0, 3, 1>} : tensor<?x3x4xf32> -> tensor<?x4x3xf32>
  return %0 : tensor<?x4x3xf32>
}

//===----------------------------------------------------------------------===//
// flatten
//===----------------------------------------------------------------------===//

// -----

func.func @flatten_start_dim_out_of_range(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+2 {{'hnn.flatten' op start_dim 3 and end_dim 2 must lie in [-3, 3)}}
  // expected-error@+1 {{'hnn.flatten' op failed to infer returned types}}
  %0 = hnn.flatten %x {start_dim = 3 : i64, end_dim = 2 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @flatten_end_dim_out_of_range(%x: tensor<?x3x4xf32>) -> tensor<?xf32> {
  // expected-error@+2 {{'hnn.flatten' op start_dim 0 and end_dim 3 must lie in [-3, 3)}}
  // expected-error@+1 {{'hnn.flatten' op failed to infer returned types}}
  %0 = hnn.flatten %x {start_dim = 0 : i64, end_dim = 3 : i64} : tensor<?x3x4xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// A rank-0 tensor flattens as if it had rank 1: dim 1 is out of range.
func.func @flatten_rank0_start_dim(%x: tensor<f32>) -> tensor<1xf32> {
  // expected-error@+2 {{'hnn.flatten' op start_dim 1 and end_dim 0 must lie in [-1, 1)}}
  // expected-error@+1 {{'hnn.flatten' op failed to infer returned types}}
  %0 = hnn.flatten %x {start_dim = 1 : i64, end_dim = 0 : i64} : tensor<f32> -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @flatten_start_after_end(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+2 {{'hnn.flatten' op start_dim 2 comes after end_dim 1}}
  // expected-error@+1 {{'hnn.flatten' op failed to infer returned types}}
  %0 = hnn.flatten %x {start_dim = 2 : i64, end_dim = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

//===----------------------------------------------------------------------===//
// concat
//===----------------------------------------------------------------------===//

// -----

func.func @concat_no_inputs() -> tensor<2xf32> {
  // expected-error@+2 {{'hnn.concat' op expects at least one input}}
  // expected-error@+1 {{'hnn.concat' op failed to infer returned types}}
  %0 = hnn.concat {dim = 0 : i64} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @concat_dim_out_of_range(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3x2xf32> {
  // expected-error@+2 {{'hnn.concat' op dim 2 is out of range for rank 2}}
  // expected-error@+1 {{'hnn.concat' op failed to infer returned types}}
  %0 = hnn.concat %a, %b {dim = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}

// -----

func.func @concat_rank_differs(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x6xf32> {
  // expected-error@+2 {{'hnn.concat' op input 1 (tensor<3xf32>) differs in rank or element type from input 0 (tensor<2x3xf32>)}}
  // expected-error@+1 {{'hnn.concat' op failed to infer returned types}}
  %0 = hnn.concat %a, %b {dim = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// No implicit type promotion, as for the binary ops.
func.func @concat_element_type_differs(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2x3xbf16>) -> tensor<6x3xf32> {
  // expected-error@+2 {{'hnn.concat' op input 2 (tensor<2x3xbf16>) differs in rank or element type from input 0 (tensor<2x3xf32>)}}
  // expected-error@+1 {{'hnn.concat' op failed to infer returned types}}
  %0 = hnn.concat %a, %b, %c {dim = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xbf16>) -> tensor<6x3xf32>
  return %0 : tensor<6x3xf32>
}

// -----

func.func @concat_shape_differs_outside_dim(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %c: tensor<2x4xf32>) -> tensor<8x3xf32> {
  // expected-error@+2 {{'hnn.concat' op input 2 has shape 2x4, which differs from input 0's 2x3 outside dim 0}}
  // expected-error@+1 {{'hnn.concat' op failed to infer returned types}}
  %0 = hnn.concat %a, %b, %c {dim = 0 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<2x4xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

func.func @concat_dynamic_batch_shape_differs(%a: tensor<?x3x8xf32>, %b: tensor<?x4x8xf32>) -> tensor<?x7x8xf32> {
  // expected-error@+2 {{'hnn.concat' op input 1 has shape ?x4x8, which differs from input 0's ?x3x8 outside dim 2}}
  // expected-error@+1 {{'hnn.concat' op failed to infer returned types}}
  %0 = hnn.concat %a, %b {dim = 2 : i64} : (tensor<?x3x8xf32>, tensor<?x4x8xf32>) -> tensor<?x7x8xf32>
  return %0 : tensor<?x7x8xf32>
}

//===----------------------------------------------------------------------===//
// slice
//===----------------------------------------------------------------------===//

// -----

func.func @slice_starts_count(%x: tensor<4x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.slice' op expects 'starts', 'ends' and 'steps' to have one entry per entry of 'dims' (1)}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 0>, starts = array<i64: 0, 0>, ends = array<i64: 2>} : tensor<4x4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @slice_ends_count(%x: tensor<4x4xf32>) -> tensor<2x2xf32> {
  // expected-error@+2 {{'hnn.slice' op expects 'starts', 'ends' and 'steps' to have one entry per entry of 'dims' (2)}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 0, 1>, starts = array<i64: 0, 0>, ends = array<i64: 2>} : tensor<4x4xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @slice_steps_count(%x: tensor<4x4xf32>) -> tensor<2x2xf32> {
  // expected-error@+2 {{'hnn.slice' op expects 'starts', 'ends' and 'steps' to have one entry per entry of 'dims' (2)}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 0, 1>, starts = array<i64: 0, 0>, ends = array<i64: 2, 2>, steps = array<i64: 1>} : tensor<4x4xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @slice_dim_out_of_range(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error@+2 {{'hnn.slice' op dim 2 is out of range for rank 2}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 2>, starts = array<i64: 0>, ends = array<i64: 2>} : tensor<4x4xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @slice_negative_dim_out_of_range(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error@+2 {{'hnn.slice' op dim -3 is out of range for rank 2}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: -3>, starts = array<i64: 0>, ends = array<i64: 2>} : tensor<4x4xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// -1 names the same dimension as 1.
func.func @slice_dim_twice(%x: tensor<4x4xf32>) -> tensor<4x1xf32> {
  // expected-error@+2 {{'hnn.slice' op dim -1 is sliced twice}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 1, -1>, starts = array<i64: 0, 1>, ends = array<i64: 2, 2>} : tensor<4x4xf32> -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

func.func @slice_dynamic_dim(%x: tensor<?x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.slice' op cannot slice dynamic dimension 0}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 0>, starts = array<i64: 0>, ends = array<i64: 2>} : tensor<?x4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @slice_zero_step(%x: tensor<?x4xf32>) -> tensor<?x2xf32> {
  // expected-error@+2 {{'hnn.slice' op expects steps >= 1, got 0}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 1>, starts = array<i64: 0>, ends = array<i64: 4>, steps = array<i64: 0>} : tensor<?x4xf32> -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

func.func @slice_negative_step(%x: tensor<4x4xf32>) -> tensor<4x2xf32> {
  // expected-error@+2 {{'hnn.slice' op expects steps >= 1, got -1}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 1>, starts = array<i64: 0>, ends = array<i64: 4>, steps = array<i64: -1>} : tensor<4x4xf32> -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

func.func @slice_start_after_end(%x: tensor<4x4xf32>) -> tensor<4x2xf32> {
  // expected-error@+2 {{'hnn.slice' op slice [3, 1) of dim 1 must satisfy 0 <= start < end <= 4}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 1>, starts = array<i64: 3>, ends = array<i64: 1>} : tensor<4x4xf32> -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

func.func @slice_end_past_size(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error@+2 {{'hnn.slice' op slice [2, 6) of dim 1 must satisfy 0 <= start < end <= 4}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: -1>, starts = array<i64: 2>, ends = array<i64: 6>} : tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

//===----------------------------------------------------------------------===//
// pad
//===----------------------------------------------------------------------===//

// -----

func.func @pad_entry_counts(%x: tensor<2x4xf32>) -> tensor<4x6xf32> {
  // expected-error@+2 {{'hnn.pad' op expects 'low' and 'high' to have 2 entries (one per dimension), got 1 and 2}}
  // expected-error@+1 {{'hnn.pad' op failed to infer returned types}}
  %0 = hnn.pad %x {low = array<i64: 1>, high = array<i64: 1, 1>} : tensor<2x4xf32> -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

func.func @pad_value_with_reflect(%x: tensor<2x4xf32>) -> tensor<2x6xf32> {
  // expected-error@+2 {{'hnn.pad' op 'value' is only used with padding_mode zeros, not reflect}}
  // expected-error@+1 {{'hnn.pad' op failed to infer returned types}}
  %0 = hnn.pad %x {low = array<i64: 0, 1>, high = array<i64: 0, 1>, padding_mode = #hnn<padding_mode reflect>, value = 1.0 : f64} : tensor<2x4xf32> -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @pad_value_with_replicate(%x: tensor<2x4xf32>) -> tensor<2x6xf32> {
  // expected-error@+2 {{'hnn.pad' op 'value' is only used with padding_mode zeros, not replicate}}
  // expected-error@+1 {{'hnn.pad' op failed to infer returned types}}
  %0 = hnn.pad %x {low = array<i64: 0, 1>, high = array<i64: 0, 1>, padding_mode = #hnn<padding_mode replicate>, value = -5.0e-01 : f64} : tensor<2x4xf32> -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @pad_negative(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  // expected-error@+2 {{'hnn.pad' op expects non-negative padding, got low -1 and high 0 in dim 1}}
  // expected-error@+1 {{'hnn.pad' op failed to infer returned types}}
  %0 = hnn.pad %x {low = array<i64: 0, -1>, high = array<i64: 0, 0>} : tensor<2x4xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @pad_dynamic_dim(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error@+2 {{'hnn.pad' op cannot pad dynamic dimension 0}}
  // expected-error@+1 {{'hnn.pad' op failed to infer returned types}}
  %0 = hnn.pad %x {low = array<i64: 1, 0>, high = array<i64: 0, 0>} : tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// The larger side is reported.
func.func @pad_reflect_too_large(%x: tensor<?x4xf32>) -> tensor<?x9xf32> {
  // expected-error@+2 {{'hnn.pad' op reflect padding 4 must be smaller than dim 1 = 4}}
  // expected-error@+1 {{'hnn.pad' op failed to infer returned types}}
  %0 = hnn.pad %x {low = array<i64: 0, 1>, high = array<i64: 0, 4>, padding_mode = #hnn<padding_mode reflect>} : tensor<?x4xf32> -> tensor<?x9xf32>
  return %0 : tensor<?x9xf32>
}

// -----

func.func @pad_circular_too_large(%x: tensor<2x4xf32>) -> tensor<2x9xf32> {
  // expected-error@+2 {{'hnn.pad' op circular padding 5 must not exceed dim 1 = 4}}
  // expected-error@+1 {{'hnn.pad' op failed to infer returned types}}
  %0 = hnn.pad %x {low = array<i64: 0, 5>, high = array<i64: 0, 0>, padding_mode = #hnn<padding_mode circular>} : tensor<2x4xf32> -> tensor<2x9xf32>
  return %0 : tensor<2x9xf32>
}

//===----------------------------------------------------------------------===//
// upsample_nearest
//===----------------------------------------------------------------------===//

// -----

func.func @upsample_nearest_input_rank3(%x: tensor<3x4x4xf32>) -> tensor<3x8x8xf32> {
  // expected-error@+2 {{'hnn.upsample_nearest' op expects a 4-D input (N x C x H x W), got rank 3}}
  // expected-error@+1 {{'hnn.upsample_nearest' op failed to infer returned types}}
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 2>} : tensor<3x4x4xf32> -> tensor<3x8x8xf32>
  return %0 : tensor<3x8x8xf32>
}

// -----

func.func @upsample_nearest_three_scale_factors(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error@+2 {{'hnn.upsample_nearest' op expects 'scale_factor' to be two integers >= 1}}
  // expected-error@+1 {{'hnn.upsample_nearest' op failed to infer returned types}}
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 2, 2>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @upsample_nearest_zero_scale(%x: tensor<?x3x4x4xf32>) -> tensor<?x3x8x0xf32> {
  // expected-error@+2 {{'hnn.upsample_nearest' op expects 'scale_factor' to be two integers >= 1}}
  // expected-error@+1 {{'hnn.upsample_nearest' op failed to infer returned types}}
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 0>} : tensor<?x3x4x4xf32> -> tensor<?x3x8x0xf32>
  return %0 : tensor<?x3x8x0xf32>
}
