// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of batch_norm, layer_norm and group_norm (NormOps.cpp): element
// types, ranks, per-channel vectors, groups, eps and momentum.

func.func @group_norm_missing_num_groups(%x: tensor<2x6x4xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<2x6x4xf32> {
  // expected-error@+1 {{'hnn.group_norm' op requires attribute 'num_groups'}}
  %0 = hnn.group_norm %x, %w, %b : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return %0 : tensor<2x6x4xf32>
}

//===----------------------------------------------------------------------===//
// batch_norm
//===----------------------------------------------------------------------===//

// -----

func.func @batch_norm_weight_element_type(%x: tensor<2x3x4x4xf32>, %w: tensor<3xf16>, %v: tensor<3xf32>) -> (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error@+2 {{'hnn.batch_norm' op expects 'weight' to have the element type of 'input' (f32), got f16}}
  // expected-error@+1 {{'hnn.batch_norm' op failed to infer returned types}}
  %0:3 = hnn.batch_norm %x, %w, %v, %v, %v : (tensor<2x3x4x4xf32>, tensor<3xf16>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

func.func @batch_norm_running_var_element_type(%x: tensor<2x3x4x4xf32>, %v: tensor<3xf32>, %rv: tensor<3xbf16>) -> (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error@+2 {{'hnn.batch_norm' op expects 'running_var' to have the element type of 'input' (f32), got bf16}}
  // expected-error@+1 {{'hnn.batch_norm' op failed to infer returned types}}
  %0:3 = hnn.batch_norm %x, %v, %v, %v, %rv : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xbf16>) -> (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

func.func @batch_norm_input_rank1(%x: tensor<4xf32>, %v: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // expected-error@+2 {{'hnn.batch_norm' op expects an input of rank >= 2 (N x C x ...), got rank 1}}
  // expected-error@+1 {{'hnn.batch_norm' op failed to infer returned types}}
  %0:3 = hnn.batch_norm %x, %v, %v, %v, %v : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1, %0#2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

func.func @batch_norm_weight_size_mismatch(%x: tensor<?x3x4x4xf32>, %w: tensor<4xf32>, %v: tensor<3xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error@+2 {{'hnn.batch_norm' op expects 'weight' of shape 3 (one entry per channel), got 4}}
  // expected-error@+1 {{'hnn.batch_norm' op failed to infer returned types}}
  %0:3 = hnn.batch_norm %x, %w, %v, %v, %v : (tensor<?x3x4x4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

func.func @batch_norm_bias_size_mismatch(%x: tensor<2x3xf32>, %v: tensor<3xf32>, %b: tensor<2xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error@+2 {{'hnn.batch_norm' op expects 'bias' of shape 3 (one entry per channel), got 2}}
  // expected-error@+1 {{'hnn.batch_norm' op failed to infer returned types}}
  %0:3 = hnn.batch_norm %x, %v, %b, %v, %v : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

func.func @batch_norm_running_mean_size_mismatch(%x: tensor<2x3x8xf32>, %v: tensor<3xf32>, %m: tensor<8xf32>) -> (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>) {
  // expected-error@+2 {{'hnn.batch_norm' op expects 'running_mean' of shape 3 (one entry per channel), got 8}}
  // expected-error@+1 {{'hnn.batch_norm' op failed to infer returned types}}
  %0:3 = hnn.batch_norm %x, %v, %v, %m, %v : (tensor<2x3x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<8xf32>, tensor<3xf32>) -> (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>
}

// -----

func.func @batch_norm_running_var_rank2(%x: tensor<2x3x4x4xf32>, %v: tensor<3xf32>, %rv: tensor<3x3xf32>) -> (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error@+2 {{'hnn.batch_norm' op expects 'running_var' of shape 3 (one entry per channel), got 3x3}}
  // expected-error@+1 {{'hnn.batch_norm' op failed to infer returned types}}
  %0:3 = hnn.batch_norm %x, %v, %v, %v, %rv : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3x3xf32>) -> (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// The new running statistics mix old and batch ones: momentum is a weight.
func.func @batch_norm_momentum_above_one(%x: tensor<2x3xf32>, %v: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error@+1 {{'hnn.batch_norm' op expects momentum in [0, 1], got 1.500000e+00}}
  %0:3 = hnn.batch_norm %x, %v, %v, %v, %v {momentum = 1.5 : f64, training} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

func.func @batch_norm_negative_momentum(%x: tensor<2x3xf32>, %v: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error@+1 {{'hnn.batch_norm' op expects momentum in [0, 1], got -1.000000e-01}}
  %0:3 = hnn.batch_norm %x, %v, %v, %v, %v {momentum = -0.1 : f64, training} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

func.func @batch_norm_negative_eps(%x: tensor<2x3xf32>, %v: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error@+1 {{'hnn.batch_norm' op expects eps > 0, got -1.000000e-05}}
  %0:3 = hnn.batch_norm %x, %v, %v, %v, %v {eps = -1.0e-5 : f64} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>
}

//===----------------------------------------------------------------------===//
// layer_norm
//===----------------------------------------------------------------------===//

// -----

func.func @layer_norm_bias_element_type(%x: tensor<2x4xf32>, %w: tensor<4xf32>, %b: tensor<4xf16>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.layer_norm' op expects 'bias' to have the element type of 'input' (f32), got f16}}
  // expected-error@+1 {{'hnn.layer_norm' op failed to infer returned types}}
  %0 = hnn.layer_norm %x, %w, %b : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf16>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @layer_norm_weight_bias_shapes_differ(%x: tensor<2x4xf32>, %w: tensor<4xf32>, %b: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.layer_norm' op expects 'weight' and 'bias' of one shape, got 4 and 3}}
  // expected-error@+1 {{'hnn.layer_norm' op failed to infer returned types}}
  %0 = hnn.layer_norm %x, %w, %b : (tensor<2x4xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @layer_norm_normalized_shape_mismatch(%x: tensor<2x4xf32>, %w: tensor<5xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.layer_norm' op normalized shape 5 (the weight's) must match the trailing dimensions of the input 2x4}}
  // expected-error@+1 {{'hnn.layer_norm' op failed to infer returned types}}
  %0 = hnn.layer_norm %x, %w, %w : (tensor<2x4xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Normalizing over (8, 5) needs the last two dimensions to be 8x5, not 8x4.
func.func @layer_norm_normalized_shape_2d_mismatch(%x: tensor<?x8x4xf32>, %w: tensor<8x5xf32>) -> tensor<?x8x4xf32> {
  // expected-error@+2 {{'hnn.layer_norm' op normalized shape 8x5 (the weight's) must match the trailing dimensions of the input ?x8x4}}
  // expected-error@+1 {{'hnn.layer_norm' op failed to infer returned types}}
  %0 = hnn.layer_norm %x, %w, %w : (tensor<?x8x4xf32>, tensor<8x5xf32>, tensor<8x5xf32>) -> tensor<?x8x4xf32>
  return %0 : tensor<?x8x4xf32>
}

// -----

func.func @layer_norm_weight_rank_above_input(%x: tensor<3x4xf32>, %w: tensor<2x3x4xf32>) -> tensor<3x4xf32> {
  // expected-error@+2 {{'hnn.layer_norm' op normalized shape 2x3x4 (the weight's) must match the trailing dimensions of the input 3x4}}
  // expected-error@+1 {{'hnn.layer_norm' op failed to infer returned types}}
  %0 = hnn.layer_norm %x, %w, %w : (tensor<3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @layer_norm_negative_eps(%x: tensor<2x4xf32>, %w: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'hnn.layer_norm' op expects eps > 0, got -1.000000e-05}}
  %0 = hnn.layer_norm %x, %w, %w {eps = -1.0e-5 : f64} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

//===----------------------------------------------------------------------===//
// group_norm
//===----------------------------------------------------------------------===//

// -----

func.func @group_norm_weight_element_type(%x: tensor<2x6x4xf32>, %w: tensor<6xbf16>, %b: tensor<6xf32>) -> tensor<2x6x4xf32> {
  // expected-error@+2 {{'hnn.group_norm' op expects 'weight' to have the element type of 'input' (f32), got bf16}}
  // expected-error@+1 {{'hnn.group_norm' op failed to infer returned types}}
  %0 = hnn.group_norm %x, %w, %b {num_groups = 2 : i64} : (tensor<2x6x4xf32>, tensor<6xbf16>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return %0 : tensor<2x6x4xf32>
}

// -----

func.func @group_norm_input_rank1(%x: tensor<6xf32>, %w: tensor<6xf32>) -> tensor<6xf32> {
  // expected-error@+2 {{'hnn.group_norm' op expects an input of rank >= 2 (N x C x ...), got rank 1}}
  // expected-error@+1 {{'hnn.group_norm' op failed to infer returned types}}
  %0 = hnn.group_norm %x, %w, %w {num_groups = 2 : i64} : (tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @group_norm_zero_groups(%x: tensor<2x6x4xf32>, %w: tensor<6xf32>) -> tensor<2x6x4xf32> {
  // expected-error@+2 {{'hnn.group_norm' op expects num_groups >= 1, got 0}}
  // expected-error@+1 {{'hnn.group_norm' op failed to infer returned types}}
  %0 = hnn.group_norm %x, %w, %w {num_groups = 0 : i64} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return %0 : tensor<2x6x4xf32>
}

// -----

func.func @group_norm_channels_not_divisible(%x: tensor<?x6x4x4xf32>, %w: tensor<6xf32>) -> tensor<?x6x4x4xf32> {
  // expected-error@+2 {{'hnn.group_norm' op channels 6 are not divisible by num_groups 4}}
  // expected-error@+1 {{'hnn.group_norm' op failed to infer returned types}}
  %0 = hnn.group_norm %x, %w, %w {num_groups = 4 : i64} : (tensor<?x6x4x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x6x4x4xf32>
  return %0 : tensor<?x6x4x4xf32>
}

// -----

// weight and bias have one entry per channel, not per group.
func.func @group_norm_weight_per_group(%x: tensor<2x6x4xf32>, %w: tensor<3xf32>, %b: tensor<6xf32>) -> tensor<2x6x4xf32> {
  // expected-error@+2 {{'hnn.group_norm' op expects 'weight' of shape 6 (one entry per channel), got 3}}
  // expected-error@+1 {{'hnn.group_norm' op failed to infer returned types}}
  %0 = hnn.group_norm %x, %w, %b {num_groups = 3 : i64} : (tensor<2x6x4xf32>, tensor<3xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return %0 : tensor<2x6x4xf32>
}

// -----

func.func @group_norm_bias_rank2(%x: tensor<2x6x4xf32>, %w: tensor<6xf32>, %b: tensor<2x3xf32>) -> tensor<2x6x4xf32> {
  // expected-error@+2 {{'hnn.group_norm' op expects 'bias' of shape 6 (one entry per channel), got 2x3}}
  // expected-error@+1 {{'hnn.group_norm' op failed to infer returned types}}
  %0 = hnn.group_norm %x, %w, %b {num_groups = 2 : i64} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<2x3xf32>) -> tensor<2x6x4xf32>
  return %0 : tensor<2x6x4xf32>
}

// -----

// With a dynamic channel count only the rank of the vectors is checked.
func.func @group_norm_weight_rank2_dynamic_channels(%x: tensor<?x?x4xf32>, %w: tensor<2x3xf32>, %b: tensor<6xf32>) -> tensor<?x?x4xf32> {
  // expected-error@+2 {{'hnn.group_norm' op expects 'weight' of shape ? (one entry per channel), got 2x3}}
  // expected-error@+1 {{'hnn.group_norm' op failed to infer returned types}}
  %0 = hnn.group_norm %x, %w, %b {num_groups = 2 : i64} : (tensor<?x?x4xf32>, tensor<2x3xf32>, tensor<6xf32>) -> tensor<?x?x4xf32>
  return %0 : tensor<?x?x4xf32>
}

// -----

func.func @group_norm_negative_eps(%x: tensor<2x6x4xf32>, %w: tensor<6xf32>) -> tensor<2x6x4xf32> {
  // expected-error@+1 {{'hnn.group_norm' op expects eps > 0, got -1.000000e-05}}
  %0 = hnn.group_norm %x, %w, %w {num_groups = 2 : i64, eps = -1.0e-5 : f64} : (tensor<2x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x4xf32>
  return %0 : tensor<2x6x4xf32>
}
