// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of conv2d, conv_transpose2d and unfold (ConvOps.cpp): the
// window attributes, ranks, channels and groups, bias, padding modes, and
// windows that do not fit.

func.func @conv2d_unknown_padding_mode(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{expected ::mlir::hnn::PaddingMode to be one of: zeros, reflect, replicate, circular}}
  // expected-error@+1 {{failed to parse HNN_PaddingModeAttr parameter 'value' which is to be a `::mlir::hnn::PaddingMode`}}
  %0 = hnn.conv2d %x, %w {padding_mode = #hnn<padding_mode mirror>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

// -----

func.func @conv2d_weight_element_type(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects 'weight' to have the element type of 'input' (f32), got f16}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_bias_element_type(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf16> {
  // expected-error@+2 {{'hnn.conv2d' op expects 'bias' to have the element type of 'input' (f16), got f32}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w, %b : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<4xf32>) -> tensor<1x4x6x6xf16>
  return %0 : tensor<1x4x6x6xf16>
}

// -----

func.func @conv2d_input_rank5(%x: tensor<1x1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects a 4-D input (N x C x H x W), got rank 5}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w : (tensor<1x1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_weight_rank3(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects a 4-D weight (F x C/groups x KH x KW), got rank 3}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_stride_three_entries(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects 'stride' to have 2 entries, got 3}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {stride = array<i64: 2, 2, 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

func.func @conv2d_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects 'stride' entries >= 1, got [1, 0]}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {stride = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_padding_no_entries(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects 'padding' to have 2 entries, got 0}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {padding = array<i64>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_negative_padding(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects 'padding' entries >= 0, got [-1, 0]}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {padding = array<i64: -1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x6xf32>
  return %0 : tensor<1x4x4x6xf32>
}

// -----

func.func @conv2d_zero_dilation(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects 'dilation' entries >= 1, got [0, 1]}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {dilation = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_zero_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects groups >= 1, got 0}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {groups = 0 : i64} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_negative_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects groups >= 1, got -2}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {groups = -2 : i64} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// 8 input channels match 2 x 4 groups, but 6 filters do not split in 4.
func.func @conv2d_out_channels_not_divisible(%x: tensor<1x8x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op output channels 6 are not divisible by groups 4}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {groups = 4 : i64} : (tensor<1x8x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

func.func @conv2d_channel_mismatch(%x: tensor<1x4x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op input has 4 channels but the weight expects 3 (3 x 1 groups)}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w : (tensor<1x4x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv2d_channel_mismatch_groups(%x: tensor<?x4x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<?x8x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op input has 4 channels but the weight expects 6 (3 x 2 groups)}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {groups = 2 : i64} : (tensor<?x4x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<?x8x6x6xf32>
  return %0 : tensor<?x8x6x6xf32>
}

// -----

func.func @conv2d_bias_size_mismatch(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects a bias of shape 4, got 3}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_bias_rank2(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<1x4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op expects a bias of shape 4, got 1x4}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// Reflect padding mirrors inside the input: pad < H.
func.func @conv2d_reflect_padding_too_large_h(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x22x8xf32> {
  // expected-error@+2 {{'hnn.conv2d' op reflect padding 8 must be smaller than H = 8}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {padding = array<i64: 8, 1>, padding_mode = #hnn<padding_mode reflect>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x22x8xf32>
  return %0 : tensor<1x4x22x8xf32>
}

// -----

func.func @conv2d_reflect_padding_too_large_w(%x: tensor<1x3x8x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x10xf32> {
  // expected-error@+2 {{'hnn.conv2d' op reflect padding 4 must be smaller than W = 4}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {padding = array<i64: 1, 4>, padding_mode = #hnn<padding_mode reflect>} : (tensor<1x3x8x4xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x10xf32>
  return %0 : tensor<1x4x8x10xf32>
}

// -----

// Circular padding wraps around at most once: pad <= H.
func.func @conv2d_circular_padding_too_large_h(%x: tensor<1x3x4x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x12x8xf32> {
  // expected-error@+2 {{'hnn.conv2d' op circular padding 5 must not exceed H = 4}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {padding = array<i64: 5, 1>, padding_mode = #hnn<padding_mode circular>} : (tensor<1x3x4x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x12x8xf32>
  return %0 : tensor<1x4x12x8xf32>
}

// -----

func.func @conv2d_circular_padding_too_large_w(%x: tensor<1x3x8x2xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x6xf32> {
  // expected-error@+2 {{'hnn.conv2d' op circular padding 3 must not exceed W = 2}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {padding = array<i64: 1, 3>, padding_mode = #hnn<padding_mode circular>} : (tensor<1x3x8x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x6xf32>
  return %0 : tensor<1x4x8x6xf32>
}

// -----

// Whether a reflect or circular pad fits needs the size.
func.func @conv2d_reflect_dynamic_h(%x: tensor<1x3x?x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x?x8xf32> {
  // expected-error@+2 {{'hnn.conv2d' op cannot pad dynamic dimension H in reflect mode}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode reflect>} : (tensor<1x3x?x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x?x8xf32>
  return %0 : tensor<1x4x?x8xf32>
}

// -----

func.func @conv2d_circular_dynamic_w(%x: tensor<?x3x8x?xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x8x?xf32> {
  // expected-error@+2 {{'hnn.conv2d' op cannot pad dynamic dimension W in circular mode}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode circular>} : (tensor<?x3x8x?xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x8x?xf32>
  return %0 : tensor<?x4x8x?xf32>
}

// -----

func.func @conv2d_kernel_larger_than_input(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x0x0xf32> {
  // expected-error@+2 {{'hnn.conv2d' op window does not fit: input 1x3x2x2 gives an output of 0x0}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x0x0xf32>
  return %0 : tensor<1x4x0x0xf32>
}

// -----

// The dilated kernel spans 5 columns of a 4-wide input; H is dynamic.
func.func @conv2d_dilated_kernel_does_not_fit(%x: tensor<?x3x?x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x?x0xf32> {
  // expected-error@+2 {{'hnn.conv2d' op window does not fit: input ?x3x?x4 gives an output of ?x0}}
  // expected-error@+1 {{'hnn.conv2d' op failed to infer returned types}}
  %0 = hnn.conv2d %x, %w {dilation = array<i64: 1, 2>} : (tensor<?x3x?x4xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x?x0xf32>
  return %0 : tensor<?x4x?x0xf32>
}

//===----------------------------------------------------------------------===//
// conv_transpose2d
//===----------------------------------------------------------------------===//

// -----

func.func @conv_transpose2d_weight_element_type(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xbf16>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects 'weight' to have the element type of 'input' (f32), got bf16}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xbf16>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_transpose2d_input_rank5(%x: tensor<1x1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects a 4-D input (N x C x H x W), got rank 5}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w : (tensor<1x1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_transpose2d_weight_rank2(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects a 4-D weight (C x F/groups x KH x KW), got rank 2}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w : (tensor<1x3x4x4xf32>, tensor<3x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

func.func @conv_transpose2d_zero_stride(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects 'stride' entries >= 1, got [0, 0]}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 0, 0>} : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_transpose2d_negative_padding(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x6x8xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects 'padding' entries >= 0, got [0, -1]}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {padding = array<i64: 0, -1>} : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x6x8xf32>
  return %0 : tensor<1x4x6x8xf32>
}

// -----

func.func @conv_transpose2d_output_padding_three_entries(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x10x10xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects 'output_padding' to have 2 entries, got 3}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 1, 1, 1>} : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x10x10xf32>
  return %0 : tensor<1x4x10x10xf32>
}

// -----

func.func @conv_transpose2d_negative_output_padding(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x9x8xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects 'output_padding' entries >= 0, got [0, -1]}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 0, -1>} : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x9x8xf32>
  return %0 : tensor<1x4x9x8xf32>
}

// -----

func.func @conv_transpose2d_dilation_three_entries(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects 'dilation' to have 2 entries, got 3}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {dilation = array<i64: 2, 2, 2>} : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_transpose2d_output_padding_not_below_stride(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x11x9xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op output_padding 2 must be smaller than the stride or the dilation}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 2, 0>} : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x11x9xf32>
  return %0 : tensor<1x4x11x9xf32>
}

// -----

// Second entry: with stride 1 and dilation 1 no output padding is possible.
func.func @conv_transpose2d_output_padding_w_without_stride(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x10x7xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op output_padding 1 must be smaller than the stride or the dilation}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 1>, output_padding = array<i64: 1, 1>} : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x10x7xf32>
  return %0 : tensor<1x4x10x7xf32>
}

// -----

func.func @conv_transpose2d_zero_groups(%x: tensor<1x3x4x4xf32>, %w: tensor<3x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects groups >= 1, got 0}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {groups = 0 : i64} : (tensor<1x3x4x4xf32>, tensor<3x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_transpose2d_channel_mismatch(%x: tensor<?x4x4x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<?x2x6x6xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op input has 4 channels but the weight expects 3}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w : (tensor<?x4x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

func.func @conv_transpose2d_in_channels_not_divisible(%x: tensor<1x3x4x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op input channels 3 are not divisible by groups 2}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {groups = 2 : i64} : (tensor<1x3x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// With 2 groups of 2 filters the result has 4 channels.
func.func @conv_transpose2d_bias_size_mismatch(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op expects a bias of shape 4, got 2}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w, %b {groups = 2 : i64} : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// (1 - 1) * 1 - 2 * 1 + 0 + 0 + 1 = -1 rows.
func.func @conv_transpose2d_padding_eats_output(%x: tensor<?x1x1x?xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<?x1x1x?xf32> {
  // expected-error@+2 {{'hnn.conv_transpose2d' op window does not fit: input ?x1x1x? gives an output of -1x?}}
  // expected-error@+1 {{'hnn.conv_transpose2d' op failed to infer returned types}}
  %0 = hnn.conv_transpose2d %x, %w {padding = array<i64: 1, 0>} : (tensor<?x1x1x?xf32>, tensor<1x1x1x1xf32>) -> tensor<?x1x1x?xf32>
  return %0 : tensor<?x1x1x?xf32>
}

//===----------------------------------------------------------------------===//
// unfold
//===----------------------------------------------------------------------===//

// -----

func.func @unfold_missing_kernel_size(%x: tensor<1x3x4x4xf32>) -> tensor<1x12x9xf32> {
  // expected-error@+1 {{'hnn.unfold' op requires attribute 'kernel_size'}}
  %0 = hnn.unfold %x : tensor<1x3x4x4xf32> -> tensor<1x12x9xf32>
  return %0 : tensor<1x12x9xf32>
}

// -----

func.func @unfold_input_rank2(%x: tensor<4x4xf32>) -> tensor<1x4x9xf32> {
  // expected-error@+2 {{'hnn.unfold' op expects a 4-D input (N x C x H x W), got rank 2}}
  // expected-error@+1 {{'hnn.unfold' op failed to infer returned types}}
  %0 = hnn.unfold %x {kernel_size = array<i64: 2, 2>} : tensor<4x4xf32> -> tensor<1x4x9xf32>
  return %0 : tensor<1x4x9xf32>
}

// -----

func.func @unfold_kernel_size_three_entries(%x: tensor<1x3x4x4xf32>) -> tensor<1x12x9xf32> {
  // expected-error@+2 {{'hnn.unfold' op expects 'kernel_size' to have 2 entries, got 3}}
  // expected-error@+1 {{'hnn.unfold' op failed to infer returned types}}
  %0 = hnn.unfold %x {kernel_size = array<i64: 2, 2, 2>} : tensor<1x3x4x4xf32> -> tensor<1x12x9xf32>
  return %0 : tensor<1x12x9xf32>
}

// -----

func.func @unfold_zero_kernel(%x: tensor<1x3x4x4xf32>) -> tensor<1x0x15xf32> {
  // expected-error@+2 {{'hnn.unfold' op expects 'kernel_size' entries >= 1, got [0, 2]}}
  // expected-error@+1 {{'hnn.unfold' op failed to infer returned types}}
  %0 = hnn.unfold %x {kernel_size = array<i64: 0, 2>} : tensor<1x3x4x4xf32> -> tensor<1x0x15xf32>
  return %0 : tensor<1x0x15xf32>
}

// -----

func.func @unfold_zero_stride(%x: tensor<1x3x4x4xf32>) -> tensor<1x12x9xf32> {
  // expected-error@+2 {{'hnn.unfold' op expects 'stride' entries >= 1, got [0, 1]}}
  // expected-error@+1 {{'hnn.unfold' op failed to infer returned types}}
  %0 = hnn.unfold %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 0, 1>} : tensor<1x3x4x4xf32> -> tensor<1x12x9xf32>
  return %0 : tensor<1x12x9xf32>
}

// -----

func.func @unfold_negative_padding(%x: tensor<1x3x4x4xf32>) -> tensor<1x12x9xf32> {
  // expected-error@+2 {{'hnn.unfold' op expects 'padding' entries >= 0, got [-1, -1]}}
  // expected-error@+1 {{'hnn.unfold' op failed to infer returned types}}
  %0 = hnn.unfold %x {kernel_size = array<i64: 2, 2>, padding = array<i64: -1, -1>} : tensor<1x3x4x4xf32> -> tensor<1x12x9xf32>
  return %0 : tensor<1x12x9xf32>
}

// -----

func.func @unfold_zero_dilation(%x: tensor<1x3x4x4xf32>) -> tensor<1x12x9xf32> {
  // expected-error@+2 {{'hnn.unfold' op expects 'dilation' entries >= 1, got [1, 0]}}
  // expected-error@+1 {{'hnn.unfold' op failed to infer returned types}}
  %0 = hnn.unfold %x {kernel_size = array<i64: 2, 2>, dilation = array<i64: 1, 0>} : tensor<1x3x4x4xf32> -> tensor<1x12x9xf32>
  return %0 : tensor<1x12x9xf32>
}

// -----

func.func @unfold_kernel_wider_than_input(%x: tensor<?x3x4x4xf32>) -> tensor<?x30x0xf32> {
  // expected-error@+2 {{'hnn.unfold' op window does not fit: input ?x3x4x4 gives an output of 3x0}}
  // expected-error@+1 {{'hnn.unfold' op failed to infer returned types}}
  %0 = hnn.unfold %x {kernel_size = array<i64: 2, 5>} : tensor<?x3x4x4xf32> -> tensor<?x30x0xf32>
  return %0 : tensor<?x30x0xf32>
}
