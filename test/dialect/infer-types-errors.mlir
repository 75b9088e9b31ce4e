// Type inference mismatches: the written result type disagrees with the one
// inferred from the operands and attributes (expected values computed by hand
// with PyTorch's formulas). Ops with InferTypeOpAdaptor report the
// incompatibility and then that inference failed; ops whose result type is
// their operand's (SameOperandsAndResultType) and reshape (own verifier)
// report differently.

// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// conv2d: OH = floor((17 - 3) / 1) + 1 = 15, not 16.
func.func @conv2d_wrong_height(%x: tensor<?x3x17x33xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<?x8x16x31xf32> {
  // expected-error@+2 {{'hnn.conv2d' op inferred type(s) 'tensor<?x8x15x31xf32>' are incompatible with return type(s) of operation 'tensor<?x8x16x31xf32>'}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w : (tensor<?x3x17x33xf32>, tensor<8x3x3x3xf32>) -> tensor<?x8x16x31xf32>
  return %0 : tensor<?x8x16x31xf32>
}

// -----

// conv2d: stride 2 on W: OW = floor((33 + 2 - 2 - 1) / 2) + 1 = 17, not 16.
func.func @conv2d_wrong_width_strided(%x: tensor<1x3x17x33xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x17x16xf32> {
  // expected-error@+2 {{'hnn.conv2d' op inferred type(s) 'tensor<1x4x17x17xf32>' are incompatible with return type(s) of operation 'tensor<1x4x17x16xf32>'}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {stride = array<i64: 1, 2>, padding = array<i64: 1, 1>} : (tensor<1x3x17x33xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x17x16xf32>
  return %0 : tensor<1x4x17x16xf32>
}

// -----

// conv_transpose2d: OH = (5-1)*2 - 0 + 2 + 1 + 1 = 12, the output_padding is not optional.
func.func @conv_transpose2d_wrong_height(%x: tensor<2x4x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x3x11x11xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op inferred type(s) 'tensor<2x3x12x11xf32>' are incompatible with return type(s) of operation 'tensor<2x3x11x11xf32>'}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 1, 0>} : (tensor<2x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x11x11xf32>
  return %0 : tensor<2x3x11x11xf32>
}

// -----

// conv_transpose2d: features = weight dim 1 times groups = 2 * 2 = 4.
func.func @conv_transpose2d_wrong_features(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x1x1xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op inferred type(s) 'tensor<1x4x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x2x3x3xf32>'}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {groups = 2} : (tensor<1x4x3x3xf32>, tensor<4x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// unfold: L = OH*OW = 3*3 = 9 and rows = 2*2*2 = 8, not the H x W layout.
func.func @unfold_wrong_layout(%x: tensor<1x2x4x4xf32>) -> tensor<1x8x3x3xf32> {
  // expected-error@+2 {{'hnn.unfold' op inferred type(s) 'tensor<1x8x9xf32>' are incompatible with return type(s) of operation 'tensor<1x8x3x3xf32>'}}
  // expected-error@+1 {{'hnn.unfold' op failed to infer returned types}}
  %0 = hnn.unfold %x {kernel_size = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x8x3x3xf32>
  return %0 : tensor<1x8x3x3xf32>
}

// -----

// linear: the result has out_features = weight dim 0 = 10.
func.func @linear_wrong_features(%x: tensor<?x784xf32>, %w: tensor<10x784xf32>) -> tensor<?x784xf32> {
  // expected-error@+2 {{'hnn.linear' op inferred type(s) 'tensor<?x10xf32>' are incompatible with return type(s) of operation 'tensor<?x784xf32>'}}
  // expected-error@+1 {{'hnn.linear' op failed to infer returned types}}
  %0 = hnn.linear %x, %w : (tensor<?x784xf32>, tensor<10x784xf32>) -> tensor<?x784xf32>
  return %0 : tensor<?x784xf32>
}

// -----

// matmul: 17x33 times 33x1 is 17x1.
func.func @matmul_wrong(%a: tensor<17x33xf32>, %b: tensor<33x1xf32>) -> tensor<1x17xf32> {
  // expected-error@+2 {{'hnn.matmul' op inferred type(s) 'tensor<17x1xf32>' are incompatible with return type(s) of operation 'tensor<1x17xf32>'}}
  // expected-error@+1 {{'hnn.matmul' op failed to infer returned types}}
  %0 = hnn.matmul %a, %b : (tensor<17x33xf32>, tensor<33x1xf32>) -> tensor<1x17xf32>
  return %0 : tensor<1x17xf32>
}

// -----

// batch_matmul: the dynamic batch must stay dynamic.
func.func @batch_matmul_static_batch(%a: tensor<?x3x4xf32>, %b: tensor<?x4x5xf32>) -> tensor<8x3x5xf32> {
  // expected-error@+2 {{'hnn.batch_matmul' op inferred type(s) 'tensor<?x3x5xf32>' are incompatible with return type(s) of operation 'tensor<8x3x5xf32>'}}
  // expected-error@+1 {{'hnn.batch_matmul' op failed to infer returned types}}
  %0 = hnn.batch_matmul %a, %b : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<8x3x5xf32>
  return %0 : tensor<8x3x5xf32>
}

// -----

// add: 3x1 and 4 broadcast to 3x4.
func.func @add_wrong_broadcast(%a: tensor<3x1xf32>, %b: tensor<4xf32>) -> tensor<3x1xf32> {
  // expected-error@+2 {{'hnn.add' op inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<3x1xf32>'}}
  // expected-error@+1 {{'hnn.add' op failed to infer returned types}}
  %0 = hnn.add %a, %b : (tensor<3x1xf32>, tensor<4xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

// pow: the element type is the operands'.
func.func @pow_wrong_element_type(%a: tensor<2xf16>, %b: tensor<2xf16>) -> tensor<2xf32> {
  // expected-error@+2 {{'hnn.pow' op inferred type(s) 'tensor<2xf16>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  // expected-error@+1 {{'hnn.pow' op failed to infer returned types}}
  %0 = hnn.pow %a, %b : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// max_pool2d: ceil_mode rounds up, OH = ceil((16 - 3) / 2) + 1 = 8, not 7.
func.func @max_pool2d_ceil_mode(%x: tensor<1x1x16x16xf32>) -> tensor<1x1x7x7xf32> {
  // expected-error@+2 {{'hnn.max_pool2d' op inferred type(s) 'tensor<1x1x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x1x7x7xf32>'}}
  // expected-error@+1 {{'hnn.max_pool2d' op failed to infer returned types}}
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, ceil_mode} : tensor<1x1x16x16xf32> -> tensor<1x1x7x7xf32>
  return %0 : tensor<1x1x7x7xf32>
}

// -----

// avg_pool2d: stride defaults to the kernel: floor((9 - 3) / 3) + 1 = 3, not 7.
func.func @avg_pool2d_default_stride(%x: tensor<?x2x9x9xf32>) -> tensor<?x2x7x7xf32> {
  // expected-error@+2 {{'hnn.avg_pool2d' op inferred type(s) 'tensor<?x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<?x2x7x7xf32>'}}
  // expected-error@+1 {{'hnn.avg_pool2d' op failed to infer returned types}}
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>} : tensor<?x2x9x9xf32> -> tensor<?x2x7x7xf32>
  return %0 : tensor<?x2x7x7xf32>
}

// -----

// global_avg_pool2d keeps H and W as 1.
func.func @global_avg_pool2d_dropped_dims(%x: tensor<?x7x17x33xf32>) -> tensor<?x7xf32> {
  // expected-error@+2 {{'hnn.global_avg_pool2d' op inferred type(s) 'tensor<?x7x1x1xf32>' are incompatible with return type(s) of operation 'tensor<?x7xf32>'}}
  // expected-error@+1 {{'hnn.global_avg_pool2d' op failed to infer returned types}}
  %0 = hnn.global_avg_pool2d %x : tensor<?x7x17x33xf32> -> tensor<?x7xf32>
  return %0 : tensor<?x7xf32>
}

// -----

// batch_norm: the running statistics have the statistics' type, not the input's.
func.func @batch_norm_wrong_stats(%x: tensor<?x3x5x5xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<?x3x5x5xf32>, tensor<?x3x5x5xf32>, tensor<3xf32>) {
  // expected-error@+2 {{'hnn.batch_norm' op inferred type(s) 'tensor<?x3x5x5xf32>', 'tensor<3xf32>', 'tensor<3xf32>' are incompatible with return type(s) of operation 'tensor<?x3x5x5xf32>', 'tensor<?x3x5x5xf32>', 'tensor<3xf32>'}}
  // expected-error@+1 {{'hnn.batch_norm' op failed to infer returned types}}
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v {training} : (tensor<?x3x5x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x5x5xf32>, tensor<?x3x5x5xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x3x5x5xf32>, tensor<?x3x5x5xf32>, tensor<3xf32>
}

// -----

// layer_norm keeps the input shape.
func.func @layer_norm_reduced(%x: tensor<2x17x33xf32>, %w: tensor<33xf32>, %b: tensor<33xf32>) -> tensor<2x17x1xf32> {
  // expected-error@+2 {{'hnn.layer_norm' op inferred type(s) 'tensor<2x17x33xf32>' are incompatible with return type(s) of operation 'tensor<2x17x1xf32>'}}
  // expected-error@+1 {{'hnn.layer_norm' op failed to infer returned types}}
  %0 = hnn.layer_norm %x, %w, %b : (tensor<2x17x33xf32>, tensor<33xf32>, tensor<33xf32>) -> tensor<2x17x1xf32>
  return %0 : tensor<2x17x1xf32>
}

// -----

// group_norm keeps the input shape (not one value per group).
func.func @group_norm_grouped(%x: tensor<?x6x4x4xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<?x3x4x4xf32> {
  // expected-error@+2 {{'hnn.group_norm' op inferred type(s) 'tensor<?x6x4x4xf32>' are incompatible with return type(s) of operation 'tensor<?x3x4x4xf32>'}}
  // expected-error@+1 {{'hnn.group_norm' op failed to infer returned types}}
  %0 = hnn.group_norm %x, %w, %b {num_groups = 3} : (tensor<?x6x4x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// -----

// transpose: result dim i is input dim permutation[i] (not the inverse).
func.func @transpose_inverse(%x: tensor<2x3x5xf32>) -> tensor<3x5x2xf32> {
  // expected-error@+2 {{'hnn.transpose' op inferred type(s) 'tensor<5x2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x5x2xf32>'}}
  // expected-error@+1 {{'hnn.transpose' op failed to infer returned types}}
  %0 = hnn.transpose %x {permutation = array<i64: 2, 0, 1>} : tensor<2x3x5xf32> -> tensor<3x5x2xf32>
  return %0 : tensor<3x5x2xf32>
}

// -----

// flatten: end_dim is inclusive, 3*4 = 12.
func.func @flatten_end_inclusive(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x20xf32> {
  // expected-error@+2 {{'hnn.flatten' op inferred type(s) 'tensor<2x12x5xf32>' are incompatible with return type(s) of operation 'tensor<2x3x20xf32>'}}
  // expected-error@+1 {{'hnn.flatten' op failed to infer returned types}}
  %0 = hnn.flatten %x {end_dim = 2} : tensor<2x3x4x5xf32> -> tensor<2x3x20xf32>
  return %0 : tensor<2x3x20xf32>
}

// -----

// concat: 3 + 4 = 7 along dim -1 (the last).
func.func @concat_wrong_sum(%a: tensor<?x3xf32>, %b: tensor<?x4xf32>) -> tensor<?x8xf32> {
  // expected-error@+2 {{'hnn.concat' op inferred type(s) 'tensor<?x7xf32>' are incompatible with return type(s) of operation 'tensor<?x8xf32>'}}
  // expected-error@+1 {{'hnn.concat' op failed to infer returned types}}
  %0 = hnn.concat %a, %b {dim = -1} : (tensor<?x3xf32>, tensor<?x4xf32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// slice: [1, 33) step 5 keeps ceil(32 / 5) = 7 elements.
func.func @slice_wrong_count(%x: tensor<2x33xf32>) -> tensor<2x6xf32> {
  // expected-error@+2 {{'hnn.slice' op inferred type(s) 'tensor<2x7xf32>' are incompatible with return type(s) of operation 'tensor<2x6xf32>'}}
  // expected-error@+1 {{'hnn.slice' op failed to infer returned types}}
  %0 = hnn.slice %x {dims = array<i64: 1>, starts = array<i64: 1>, ends = array<i64: 33>, steps = array<i64: 5>} : tensor<2x33xf32> -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// pad: low and high both count, 3 + 1 + 2 = 6.
func.func @pad_wrong_size(%x: tensor<3x4xf32>) -> tensor<5x4xf32> {
  // expected-error@+2 {{'hnn.pad' op inferred type(s) 'tensor<6x4xf32>' are incompatible with return type(s) of operation 'tensor<5x4xf32>'}}
  // expected-error@+1 {{'hnn.pad' op failed to infer returned types}}
  %0 = hnn.pad %x {low = array<i64: 1, 0>, high = array<i64: 2, 0>, padding_mode = #hnn<padding_mode reflect>} : tensor<3x4xf32> -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

// upsample_nearest: scale_factor is [H, W].
func.func @upsample_swapped(%x: tensor<1x3x4x5xf32>) -> tensor<1x3x12x10xf32> {
  // expected-error@+2 {{'hnn.upsample_nearest' op inferred type(s) 'tensor<1x3x8x15xf32>' are incompatible with return type(s) of operation 'tensor<1x3x12x10xf32>'}}
  // expected-error@+1 {{'hnn.upsample_nearest' op failed to infer returned types}}
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 3>} : tensor<1x3x4x5xf32> -> tensor<1x3x12x10xf32>
  return %0 : tensor<1x3x12x10xf32>
}

// -----

// reduce_sum without keepdim drops the reduced dimension.
func.func @reduce_sum_missing_keepdim(%x: tensor<?x3x17xf32>) -> tensor<?x1x17xf32> {
  // expected-error@+2 {{'hnn.reduce_sum' op inferred type(s) 'tensor<?x17xf32>' are incompatible with return type(s) of operation 'tensor<?x1x17xf32>'}}
  // expected-error@+1 {{'hnn.reduce_sum' op failed to infer returned types}}
  %0 = hnn.reduce_sum %x {dims = array<i64: 1>} : tensor<?x3x17xf32> -> tensor<?x1x17xf32>
  return %0 : tensor<?x1x17xf32>
}

// -----

// reduce_mean: -1 is the last dimension.
func.func @reduce_mean_negative_dim(%x: tensor<2x3x4xf32>) -> tensor<3x4xf32> {
  // expected-error@+2 {{'hnn.reduce_mean' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x4xf32>'}}
  // expected-error@+1 {{'hnn.reduce_mean' op failed to infer returned types}}
  %0 = hnn.reduce_mean %x {dims = array<i64: -1>} : tensor<2x3x4xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// reduce_max over every dimension gives rank 0.
func.func @reduce_max_rank0(%x: tensor<3x5xf32>) -> tensor<1xf32> {
  // expected-error@+2 {{'hnn.reduce_max' op inferred type(s) 'tensor<f32>' are incompatible with return type(s) of operation 'tensor<1xf32>'}}
  // expected-error@+1 {{'hnn.reduce_max' op failed to infer returned types}}
  %0 = hnn.reduce_max %x {dims = array<i64: 0, 1>} : tensor<3x5xf32> -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

// reduce_var with keepdim keeps a 1.
func.func @reduce_var_keepdim(%x: tensor<2x3x33xf32>) -> tensor<2x3xf32> {
  // expected-error@+2 {{'hnn.reduce_var' op inferred type(s) 'tensor<2x3x1xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error@+1 {{'hnn.reduce_var' op failed to infer returned types}}
  %0 = hnn.reduce_var %x {dims = array<i64: 2>, keepdim, correction = 0} : tensor<2x3x33xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// cross_entropy with reduction none gives one loss per sample.
func.func @cross_entropy_none(%x: tensor<?x10xf32>, %l: tensor<?xi64>) -> tensor<f32> {
  // expected-error@+2 {{'hnn.cross_entropy' op inferred type(s) 'tensor<?xf32>' are incompatible with return type(s) of operation 'tensor<f32>'}}
  // expected-error@+1 {{'hnn.cross_entropy' op failed to infer returned types}}
  %0 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// cross_entropy with the default mean gives a rank-0 tensor.
func.func @cross_entropy_mean(%x: tensor<4x10xf32>, %l: tensor<4xi32>) -> tensor<4xf32> {
  // expected-error@+2 {{'hnn.cross_entropy' op inferred type(s) 'tensor<f32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error@+1 {{'hnn.cross_entropy' op failed to infer returned types}}
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.1} : (tensor<4x10xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// mse with reduction none keeps the elementwise shape.
func.func @mse_none(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>) -> tensor<?xf32> {
  // expected-error@+2 {{'hnn.mse' op inferred type(s) 'tensor<?x3xf32>' are incompatible with return type(s) of operation 'tensor<?xf32>'}}
  // expected-error@+1 {{'hnn.mse' op failed to infer returned types}}
  %0 = hnn.mse %x, %y {reduction = #hnn<reduction none>} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// relative_l2 with reduction sum gives a rank-0 tensor.
func.func @relative_l2_sum(%x: tensor<?x1x17x33xf32>, %y: tensor<?x1x17x33xf32>) -> tensor<?xf32> {
  // expected-error@+2 {{'hnn.relative_l2' op inferred type(s) 'tensor<f32>' are incompatible with return type(s) of operation 'tensor<?xf32>'}}
  // expected-error@+1 {{'hnn.relative_l2' op failed to infer returned types}}
  %0 = hnn.relative_l2 %x, %y {reduction = #hnn<reduction sum>} : (tensor<?x1x17x33xf32>, tensor<?x1x17x33xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Unary ops keep the operand's type; generic form.
func.func @relu_generic(%x: tensor<2xf32>) -> tensor<3xf32> {
  // expected-error@+1 {{'hnn.relu' op requires the same type for all operands and results}}
  %0 = "hnn.relu"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// The same in custom form cannot even be written with two types; an element
// type change in generic form is caught too.
func.func @gelu_generic_element_type(%x: tensor<?x4xf32>) -> tensor<?x4xf16> {
  // expected-error@+1 {{'hnn.gelu' op requires the same type for all operands and results}}
  %0 = "hnn.gelu"(%x) <{approximate = #hnn<gelu_approximation tanh>}> : (tensor<?x4xf32>) -> tensor<?x4xf16>
  return %0 : tensor<?x4xf16>
}

// -----

// softmax keeps the operand's type.
func.func @softmax_generic(%x: tensor<?x10xf32>) -> tensor<?x1xf32> {
  // expected-error@+1 {{'hnn.softmax' op requires the same type for all operands and results}}
  %0 = "hnn.softmax"(%x) <{dim = 1 : i64}> : (tensor<?x10xf32>) -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}

// -----

// A generic-form conv2d goes through the same inference:
// OH = floor((8 + 2 - 3) / 2) + 1 = 4.
func.func @conv2d_generic(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  // expected-error@+2 {{'hnn.conv2d' op inferred type(s) 'tensor<1x1x4x4xf32>' are incompatible with return type(s) of operation 'tensor<1x1x3x3xf32>'}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = "hnn.conv2d"(%x, %w) <{stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}> : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// reshape has no inference; its verifier checks the element count.
func.func @reshape_wrong_count(%x: tensor<?x3x4xf32>) -> tensor<?x10xf32> {
  // expected-error@+1 {{'hnn.reshape' op cannot reshape ?x3x4 (12 static elements) into ?x10 (10)}}
  %0 = hnn.reshape %x : tensor<?x3x4xf32> -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}
