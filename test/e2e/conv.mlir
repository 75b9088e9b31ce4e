// End-to-end numerics of conv2d, conv_transpose2d and unfold against PyTorch
// (goldens from make_goldens.py, family "conv").
// RUN: hnnc %s -o %t.so
// RUN: hnn-run run %t.so --entry conv_basic --golden %S/data/conv_basic
// RUN: hnn-run run %t.so --entry conv_zeros_stride2 --golden %S/data/conv_zeros_stride2
// RUN: hnn-run run %t.so --entry conv_reflect --golden %S/data/conv_reflect
// RUN: hnn-run run %t.so --entry conv_replicate --golden %S/data/conv_replicate
// RUN: hnn-run run %t.so --entry conv_circular --golden %S/data/conv_circular
// RUN: hnn-run run %t.so --entry conv_dilation --golden %S/data/conv_dilation
// RUN: hnn-run run %t.so --entry conv_dilation_stride_rect --golden %S/data/conv_dilation_stride_rect
// RUN: hnn-run run %t.so --entry conv_1x1 --golden %S/data/conv_1x1
// RUN: hnn-run run %t.so --entry conv_groups2 --golden %S/data/conv_groups2
// RUN: hnn-run run %t.so --entry conv_groups3_nobias --golden %S/data/conv_groups3_nobias
// RUN: hnn-run run %t.so --entry conv_depthwise --golden %S/data/conv_depthwise
// RUN: hnn-run run %t.so --entry conv_depthwise_reflect_stride --golden %S/data/conv_depthwise_reflect_stride
// RUN: hnn-run run %t.so --entry conv_depthwise_mult2 --golden %S/data/conv_depthwise_mult2
// RUN: hnn-run run %t.so --entry conv_dyn --golden %S/data/conv_dyn
// RUN: hnn-run run %t.so --entry conv_dyn_groups --golden %S/data/conv_dyn_groups
// RUN: hnn-run run %t.so --entry conv_dyn_depthwise --golden %S/data/conv_dyn_depthwise
// RUN: hnn-run run %t.so --entry conv_f16 --golden %S/data/conv_f16
// RUN: hnn-run run %t.so --entry convt_basic --golden %S/data/convt_basic
// RUN: hnn-run run %t.so --entry convt_stride2_outpad --golden %S/data/convt_stride2_outpad
// RUN: hnn-run run %t.so --entry convt_dilation --golden %S/data/convt_dilation
// RUN: hnn-run run %t.so --entry convt_crop --golden %S/data/convt_crop
// RUN: hnn-run run %t.so --entry convt_crop_stride1 --golden %S/data/convt_crop_stride1
// RUN: hnn-run run %t.so --entry convt_rect_stride3 --golden %S/data/convt_rect_stride3
// RUN: hnn-run run %t.so --entry convt_groups2 --golden %S/data/convt_groups2
// RUN: hnn-run run %t.so --entry convt_depthwise --golden %S/data/convt_depthwise
// RUN: hnn-run run %t.so --entry convt_dyn --golden %S/data/convt_dyn
// RUN: hnn-run run %t.so --entry convt_dyn_groups --golden %S/data/convt_dyn_groups
// RUN: hnn-run run %t.so --entry unfold_basic --golden %S/data/unfold_basic
// RUN: hnn-run run %t.so --entry unfold_all --golden %S/data/unfold_all
// RUN: hnn-run run %t.so --entry unfold_1x1_stride --golden %S/data/unfold_1x1_stride
// RUN: hnn-run run %t.so --entry unfold_dyn --golden %S/data/unfold_dyn

func.func @conv_basic(%a0: tensor<1x3x17x33xf32>, %a1: tensor<5x3x3x3xf32>, %a2: tensor<5xf32>) -> tensor<1x5x15x31xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 : (tensor<1x3x17x33xf32>, tensor<5x3x3x3xf32>, tensor<5xf32>) -> tensor<1x5x15x31xf32>
  return %0 : tensor<1x5x15x31xf32>
}

func.func @conv_zeros_stride2(%a0: tensor<2x3x9x11xf32>, %a1: tensor<4x3x3x3xf32>, %a2: tensor<4xf32>) -> tensor<2x4x5x6xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<2x3x9x11xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<2x4x5x6xf32>
  return %0 : tensor<2x4x5x6xf32>
}

func.func @conv_reflect(%a0: tensor<1x2x7x9xf32>, %a1: tensor<3x2x3x3xf32>, %a2: tensor<3xf32>) -> tensor<1x3x9x9xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {padding = array<i64: 2, 1>, padding_mode = #hnn<padding_mode reflect>} : (tensor<1x2x7x9xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x9x9xf32>
  return %0 : tensor<1x3x9x9xf32>
}

func.func @conv_replicate(%a0: tensor<2x3x6x5xf32>, %a1: tensor<2x3x3x2xf32>) -> tensor<2x2x6x8xf32> {
  %0 = hnn.conv2d %a0, %a1 {padding = array<i64: 1, 2>, padding_mode = #hnn<padding_mode replicate>} : (tensor<2x3x6x5xf32>, tensor<2x3x3x2xf32>) -> tensor<2x2x6x8xf32>
  return %0 : tensor<2x2x6x8xf32>
}

func.func @conv_circular(%a0: tensor<1x3x8x7xf32>, %a1: tensor<3x3x3x3xf32>, %a2: tensor<3xf32>) -> tensor<1x3x5x11xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {stride = array<i64: 2, 1>, padding = array<i64: 2, 3>, padding_mode = #hnn<padding_mode circular>} : (tensor<1x3x8x7xf32>, tensor<3x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x5x11xf32>
  return %0 : tensor<1x3x5x11xf32>
}

func.func @conv_dilation(%a0: tensor<1x3x13x11xf32>, %a1: tensor<2x3x3x2xf32>, %a2: tensor<2xf32>) -> tensor<1x2x13x11xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {padding = array<i64: 2, 1>, dilation = array<i64: 2, 2>} : (tensor<1x3x13x11xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>) -> tensor<1x2x13x11xf32>
  return %0 : tensor<1x2x13x11xf32>
}

func.func @conv_dilation_stride_rect(%a0: tensor<2x1x17x9xf32>, %a1: tensor<3x1x2x3xf32>) -> tensor<2x3x8x3xf32> {
  %0 = hnn.conv2d %a0, %a1 {stride = array<i64: 2, 3>, padding = array<i64: 1, 0>, dilation = array<i64: 3, 1>} : (tensor<2x1x17x9xf32>, tensor<3x1x2x3xf32>) -> tensor<2x3x8x3xf32>
  return %0 : tensor<2x3x8x3xf32>
}

func.func @conv_1x1(%a0: tensor<3x7x5x5xf32>, %a1: tensor<1x7x1x1xf32>, %a2: tensor<1xf32>) -> tensor<3x1x5x5xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 : (tensor<3x7x5x5xf32>, tensor<1x7x1x1xf32>, tensor<1xf32>) -> tensor<3x1x5x5xf32>
  return %0 : tensor<3x1x5x5xf32>
}

func.func @conv_groups2(%a0: tensor<2x4x9x9xf32>, %a1: tensor<6x2x3x3xf32>, %a2: tensor<6xf32>) -> tensor<2x6x5x5xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, groups = 2} : (tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<2x6x5x5xf32>
  return %0 : tensor<2x6x5x5xf32>
}

func.func @conv_groups3_nobias(%a0: tensor<1x6x7x8xf32>, %a1: tensor<9x2x2x3xf32>) -> tensor<1x9x8x6xf32> {
  %0 = hnn.conv2d %a0, %a1 {padding = array<i64: 1, 1>, dilation = array<i64: 1, 2>, groups = 3} : (tensor<1x6x7x8xf32>, tensor<9x2x2x3xf32>) -> tensor<1x9x8x6xf32>
  return %0 : tensor<1x9x8x6xf32>
}

func.func @conv_depthwise(%a0: tensor<1x5x11x7xf32>, %a1: tensor<5x1x3x3xf32>, %a2: tensor<5xf32>) -> tensor<1x5x11x7xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {padding = array<i64: 1, 1>, groups = 5} : (tensor<1x5x11x7xf32>, tensor<5x1x3x3xf32>, tensor<5xf32>) -> tensor<1x5x11x7xf32>
  return %0 : tensor<1x5x11x7xf32>
}

func.func @conv_depthwise_reflect_stride(%a0: tensor<2x3x10x9xf32>, %a1: tensor<3x1x3x3xf32>) -> tensor<2x3x5x6xf32> {
  %0 = hnn.conv2d %a0, %a1 {stride = array<i64: 2, 2>, padding = array<i64: 1, 2>, groups = 3, padding_mode = #hnn<padding_mode reflect>} : (tensor<2x3x10x9xf32>, tensor<3x1x3x3xf32>) -> tensor<2x3x5x6xf32>
  return %0 : tensor<2x3x5x6xf32>
}

// Depthwise with channel multiplier 2 (groups = C, F = 2C): the grouped form.
func.func @conv_depthwise_mult2(%a0: tensor<1x3x7x7xf32>, %a1: tensor<6x1x3x3xf32>, %a2: tensor<6xf32>) -> tensor<1x6x7x7xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {padding = array<i64: 1, 1>, groups = 3} : (tensor<1x3x7x7xf32>, tensor<6x1x3x3xf32>, tensor<6xf32>) -> tensor<1x6x7x7xf32>
  return %0 : tensor<1x6x7x7xf32>
}

// Dynamic batches: the runtime binds them from the argument.
func.func @conv_dyn(%a0: tensor<?x3x8x8xf32>, %a1: tensor<4x3x3x3xf32>, %a2: tensor<4xf32>) -> tensor<?x4x8x8xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode reflect>} : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<?x4x8x8xf32>
  return %0 : tensor<?x4x8x8xf32>
}

func.func @conv_dyn_groups(%a0: tensor<?x4x6x5xf32>, %a1: tensor<2x2x3x3xf32>, %a2: tensor<2xf32>) -> tensor<?x2x3x3xf32> {
  %0 = hnn.conv2d %a0, %a1, %a2 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, groups = 2, padding_mode = #hnn<padding_mode circular>} : (tensor<?x4x6x5xf32>, tensor<2x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x3x3xf32>
  return %0 : tensor<?x2x3x3xf32>
}

func.func @conv_dyn_depthwise(%a0: tensor<?x3x5x6xf32>, %a1: tensor<3x1x3x3xf32>) -> tensor<?x3x5x6xf32> {
  %0 = hnn.conv2d %a0, %a1 {padding = array<i64: 1, 1>, groups = 3, padding_mode = #hnn<padding_mode replicate>} : (tensor<?x3x5x6xf32>, tensor<3x1x3x3xf32>) -> tensor<?x3x5x6xf32>
  return %0 : tensor<?x3x5x6xf32>
}

// f16 in and out; the runtime passes f32, so linalg.map converts. The
// inputs are exact in f16 and the reference is the exact result rounded to
// f16, which an f32 accumulator reproduces.
func.func @conv_f16(%x: tensor<1x3x7x6xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x7x6xf32> {
  %e0 = tensor.empty() : tensor<1x3x7x6xf16>
  %xh = linalg.map { arith.truncf } ins(%x : tensor<1x3x7x6xf32>) outs(%e0 : tensor<1x3x7x6xf16>)
  %e1 = tensor.empty() : tensor<4x3x3x3xf16>
  %wh = linalg.map { arith.truncf } ins(%w : tensor<4x3x3x3xf32>) outs(%e1 : tensor<4x3x3x3xf16>)
  %e2 = tensor.empty() : tensor<4xf16>
  %bh = linalg.map { arith.truncf } ins(%b : tensor<4xf32>) outs(%e2 : tensor<4xf16>)
  %0 = hnn.conv2d %xh, %wh, %bh {padding = array<i64: 1, 1>} : (tensor<1x3x7x6xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>) -> tensor<1x4x7x6xf16>
  %e3 = tensor.empty() : tensor<1x4x7x6xf32>
  %r = linalg.map { arith.extf } ins(%0 : tensor<1x4x7x6xf16>) outs(%e3 : tensor<1x4x7x6xf32>)
  return %r : tensor<1x4x7x6xf32>
}

func.func @convt_basic(%a0: tensor<1x3x5x7xf32>, %a1: tensor<3x4x3x3xf32>, %a2: tensor<4xf32>) -> tensor<1x4x7x9xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1, %a2 : (tensor<1x3x5x7xf32>, tensor<3x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x7x9xf32>
  return %0 : tensor<1x4x7x9xf32>
}

func.func @convt_stride2_outpad(%a0: tensor<2x3x5x4xf32>, %a1: tensor<3x2x3x3xf32>, %a2: tensor<2xf32>) -> tensor<2x2x10x8xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1, %a2 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<2x3x5x4xf32>, tensor<3x2x3x3xf32>, tensor<2xf32>) -> tensor<2x2x10x8xf32>
  return %0 : tensor<2x2x10x8xf32>
}

func.func @convt_dilation(%a0: tensor<1x2x4x5xf32>, %a1: tensor<2x3x3x2xf32>) -> tensor<1x3x10x5xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1 {stride = array<i64: 2, 1>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 0>, dilation = array<i64: 2, 2>} : (tensor<1x2x4x5xf32>, tensor<2x3x3x2xf32>) -> tensor<1x3x10x5xf32>
  return %0 : tensor<1x3x10x5xf32>
}

// padding > dilation*(KH-1): the zero-inserted input is cropped, not padded.
func.func @convt_crop(%a0: tensor<1x2x6x6xf32>, %a1: tensor<2x3x3x3xf32>, %a2: tensor<3xf32>) -> tensor<1x3x8x9xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1, %a2 {stride = array<i64: 2, 2>, padding = array<i64: 3, 2>, output_padding = array<i64: 1, 0>} : (tensor<1x2x6x6xf32>, tensor<2x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x9xf32>
  return %0 : tensor<1x3x8x9xf32>
}

// Stride 1 with padding 3 > KH-1 = 2: the input is only cropped.
func.func @convt_crop_stride1(%a0: tensor<1x2x7x5xf32>, %a1: tensor<2x1x3x1xf32>) -> tensor<1x1x3x5xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1 {padding = array<i64: 3, 0>} : (tensor<1x2x7x5xf32>, tensor<2x1x3x1xf32>) -> tensor<1x1x3x5xf32>
  return %0 : tensor<1x1x3x5xf32>
}

func.func @convt_rect_stride3(%a0: tensor<1x3x3x4xf32>, %a1: tensor<3x2x2x3xf32>, %a2: tensor<2xf32>) -> tensor<1x2x10x8xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1, %a2 {stride = array<i64: 3, 2>, padding = array<i64: 0, 1>, output_padding = array<i64: 2, 1>} : (tensor<1x3x3x4xf32>, tensor<3x2x2x3xf32>, tensor<2xf32>) -> tensor<1x2x10x8xf32>
  return %0 : tensor<1x2x10x8xf32>
}

func.func @convt_groups2(%a0: tensor<2x4x5x5xf32>, %a1: tensor<4x3x3x3xf32>, %a2: tensor<6xf32>) -> tensor<2x6x9x9xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1, %a2 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, groups = 2} : (tensor<2x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<2x6x9x9xf32>
  return %0 : tensor<2x6x9x9xf32>
}

func.func @convt_depthwise(%a0: tensor<1x3x4x5xf32>, %a1: tensor<3x1x3x3xf32>, %a2: tensor<3xf32>) -> tensor<1x3x8x10xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1, %a2 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 1>, groups = 3} : (tensor<1x3x4x5xf32>, tensor<3x1x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x10xf32>
  return %0 : tensor<1x3x8x10xf32>
}

func.func @convt_dyn(%a0: tensor<?x2x4x4xf32>, %a1: tensor<2x3x3x3xf32>, %a2: tensor<3xf32>) -> tensor<?x3x8x8xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1, %a2 {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<?x2x4x4xf32>, tensor<2x3x3x3xf32>, tensor<3xf32>) -> tensor<?x3x8x8xf32>
  return %0 : tensor<?x3x8x8xf32>
}

func.func @convt_dyn_groups(%a0: tensor<?x6x3x3xf32>, %a1: tensor<6x1x2x2xf32>) -> tensor<?x3x6x6xf32> {
  %0 = hnn.conv_transpose2d %a0, %a1 {stride = array<i64: 2, 2>, groups = 3} : (tensor<?x6x3x3xf32>, tensor<6x1x2x2xf32>) -> tensor<?x3x6x6xf32>
  return %0 : tensor<?x3x6x6xf32>
}

func.func @unfold_basic(%a0: tensor<1x3x5x7xf32>) -> tensor<1x18x20xf32> {
  %0 = hnn.unfold %a0 {kernel_size = array<i64: 2, 3>} : tensor<1x3x5x7xf32> -> tensor<1x18x20xf32>
  return %0 : tensor<1x18x20xf32>
}

func.func @unfold_all(%a0: tensor<2x2x9x8xf32>) -> tensor<2x18x16xf32> {
  %0 = hnn.unfold %a0 {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 2, 1>} : tensor<2x2x9x8xf32> -> tensor<2x18x16xf32>
  return %0 : tensor<2x18x16xf32>
}

func.func @unfold_1x1_stride(%a0: tensor<1x3x5x6xf32>) -> tensor<1x3x9xf32> {
  %0 = hnn.unfold %a0 {kernel_size = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<1x3x5x6xf32> -> tensor<1x3x9xf32>
  return %0 : tensor<1x3x9xf32>
}

func.func @unfold_dyn(%a0: tensor<?x3x6x6xf32>) -> tensor<?x27x36xf32> {
  %0 = hnn.unfold %a0 {kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>} : tensor<?x3x6x6xf32> -> tensor<?x27x36xf32>
  return %0 : tensor<?x27x36xf32>
}
