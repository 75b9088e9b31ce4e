// convert-hnn-to-linalg on conv2d, conv_transpose2d and unfold. The border
// is padded first (tensor.pad for zeros, index arithmetic for the other
// modes); groups == 1 convolves in NHWC / HWCF between two linalg.transpose
// ops, depthwise in NHWC / HWC, other groups in NGCHW / GFCHW through
// expand_shape; a last generic adds the bias (and rounds f32 accumulators
// back to f16 / bf16). conv_transpose2d inserts the input into a zero tensor
// with strides (tensor.pad at stride 1), crops with extract_slice where the
// padding exceeds the kernel, and convolves with stride 1 and the flipped
// kernel, whose channels a generic swaps. unfold gathers patches with a
// generic whose map reads oh*stride + kh*dilation.
// RUN: hnn-opt %s --convert-hnn-to-linalg | FileCheck %s

// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[$FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3, -d0 + 2, -d1 + 2)>
// CHECK-DAG: #[[$FLIPG:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0 * 2 + d2, d1, -d3 + 2, -d4 + 2)>
// CHECK-DAG: #[[$FLIPDW:.*]] = affine_map<(d0, d1, d2) -> (d2, 0, -d0 + 2, -d1 + 2)>
// CHECK-DAG: #[[$PATCH:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4 * 2 + d2 * 2, d5 * 2 + d3)>

// Dynamic batch, reflect padding, bias.
// CHECK-LABEL: func.func @conv_dyn_reflect(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x8x8xf32>, %[[W:[a-z0-9]+]]: tensor<4x3x3x3xf32>, %[[BIAS:[a-z0-9]+]]: tensor<4xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x8x8xf32>
// CHECK:         %[[PE:.*]] = tensor.empty(%[[N]]) : tensor<?x3x10x10xf32>
// CHECK:         %[[PAD:.*]] = linalg.generic {{.*}} outs(%[[PE]] : tensor<?x3x10x10xf32>)
// CHECK:           arith.cmpi slt
// CHECK:           arith.cmpi sgt
// CHECK:           tensor.extract %[[X]]
// CHECK:         %[[FILTER:.*]] = linalg.transpose ins(%[[W]] : tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<3x3x3x4xf32>) permutation = [2, 3, 1, 0]
// CHECK:         %[[NHWC:.*]] = linalg.transpose ins(%[[PAD]] : tensor<?x3x10x10xf32>) outs(%{{.*}} : tensor<?x10x10x3xf32>) permutation = [0, 2, 3, 1]
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x8x8x4xf32>)
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[NHWC]], %[[FILTER]] : tensor<?x10x10x3xf32>, tensor<3x3x3x4xf32>) outs(%[[INIT]] : tensor<?x8x8x4xf32>)
// CHECK:         %[[NCHW:.*]] = linalg.transpose ins(%[[CONV]] : tensor<?x8x8x4xf32>) outs(%{{.*}} : tensor<?x4x8x8xf32>) permutation = [0, 3, 1, 2]
// CHECK:         %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$CH]], #[[$ID4]]], {{.*}}} ins(%[[NCHW]], %[[BIAS]] : tensor<?x4x8x8xf32>, tensor<4xf32>)
// CHECK:           arith.addf
// CHECK:         return %[[R]]
func.func @conv_dyn_reflect(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<?x4x8x8xf32> {
  %0 = hnn.conv2d %x, %w, %b {padding = array<i64: 1, 1>, padding_mode = #hnn<padding_mode reflect>} : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<?x4x8x8xf32>
  return %0 : tensor<?x4x8x8xf32>
}

// Zero padding is tensor.pad; stride and dilation go to the linalg
// convolution; no bias, so the transpose back is the result.
// CHECK-LABEL: func.func @conv_zeros_stride_dilation(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x9x11xf32>
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           tensor.yield %[[Z]] : f32
// CHECK:         } : tensor<2x3x9x11xf32> to tensor<2x3x11x13xf32>
// CHECK:         linalg.transpose ins(%[[PAD]] : tensor<2x3x11x13xf32>)
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<2x11x13x3xf32>, tensor<3x2x3x4xf32>) outs(%{{.*}} : tensor<2x5x6x4xf32>)
// CHECK:         %[[R:.*]] = linalg.transpose ins(%[[CONV]] : tensor<2x5x6x4xf32>) outs(%{{.*}} : tensor<2x4x5x6xf32>) permutation = [0, 3, 1, 2]
// CHECK-NEXT:    return %[[R]]
func.func @conv_zeros_stride_dilation(%x: tensor<2x3x9x11xf32>, %w: tensor<4x3x3x2xf32>) -> tensor<2x4x5x6xf32> {
  %0 = hnn.conv2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 2>} : (tensor<2x3x9x11xf32>, tensor<4x3x3x2xf32>) -> tensor<2x4x5x6xf32>
  return %0 : tensor<2x4x5x6xf32>
}

// Two groups: F = 6 splits into 2 x 3 filters, C = 4 into 2 x 2 channels.
// CHECK-LABEL: func.func @conv_groups(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x4x9x9xf32>, %[[W:[a-z0-9]+]]: tensor<6x2x3x3xf32>, %[[BIAS:[a-z0-9]+]]: tensor<6xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[WG:.*]] = tensor.expand_shape %[[W]] {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK:         %[[XG:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 2, 2, 9, 9] : tensor<2x4x9x9xf32> into tensor<2x2x2x9x9xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x2x3x7x7xf32>)
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[XG]], %[[WG]] : tensor<2x2x2x9x9xf32>, tensor<2x3x2x3x3xf32>) outs(%[[INIT]] : tensor<2x2x3x7x7xf32>)
// CHECK:         %[[Y:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3], [4]] : tensor<2x2x3x7x7xf32> into tensor<2x6x7x7xf32>
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[Y]], %[[BIAS]] : tensor<2x6x7x7xf32>, tensor<6xf32>)
// CHECK:         return %[[R]]
func.func @conv_groups(%x: tensor<2x4x9x9xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<2x6x7x7xf32> {
  %0 = hnn.conv2d %x, %w, %b {groups = 2} : (tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<2x6x7x7xf32>
  return %0 : tensor<2x6x7x7xf32>
}

// Dynamic batch through the grouped form: the batch keeps its own group.
// CHECK-LABEL: func.func @conv_groups_dyn(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x4x6x5xf32>
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4x6x5xf32>
// CHECK:         %[[XG:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3], [4]] output_shape [%[[N]], 2, 2, 6, 5] : tensor<?x4x6x5xf32> into tensor<?x2x2x6x5xf32>
// CHECK:         linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[XG]], %{{.*}} : tensor<?x2x2x6x5xf32>, tensor<2x1x2x3x3xf32>) outs(%{{.*}} : tensor<?x2x1x4x3xf32>)
// CHECK:         tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] : tensor<?x2x1x4x3xf32> into tensor<?x2x4x3xf32>
func.func @conv_groups_dyn(%x: tensor<?x4x6x5xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<?x2x4x3xf32> {
  %0 = hnn.conv2d %x, %w {groups = 2} : (tensor<?x4x6x5xf32>, tensor<2x2x3x3xf32>) -> tensor<?x2x4x3xf32>
  return %0 : tensor<?x2x4x3xf32>
}

// Depthwise in f16: the filter C x 1 x KH x KW becomes KH x KW x C, the
// accumulator is f32, and the bias generic rounds to f16.
// CHECK-LABEL: func.func @conv_depthwise_f16(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x5x11x7xf16>, %[[W:[a-z0-9]+]]: tensor<5x1x3x3xf16>, %[[BIAS:[a-z0-9]+]]: tensor<5xf16>)
// CHECK:         %[[W3:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0, 1], [2], [3]] : tensor<5x1x3x3xf16> into tensor<5x3x3xf16>
// CHECK:         %[[FILTER:.*]] = linalg.transpose ins(%[[W3]] : tensor<5x3x3xf16>) outs(%{{.*}} : tensor<3x3x5xf16>) permutation = [1, 2, 0]
// CHECK:         %[[NHWC:.*]] = linalg.transpose ins(%[[X]] : tensor<1x5x11x7xf16>) outs(%{{.*}} : tensor<1x11x7x5xf16>) permutation = [0, 2, 3, 1]
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x9x5x5xf32>)
// CHECK:         %[[CONV:.*]] = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[NHWC]], %[[FILTER]] : tensor<1x11x7x5xf16>, tensor<3x3x5xf16>) outs(%[[INIT]] : tensor<1x9x5x5xf32>)
// CHECK:         %[[NCHW:.*]] = linalg.transpose ins(%[[CONV]] : tensor<1x9x5x5xf32>) outs(%{{.*}} : tensor<1x5x9x5xf32>) permutation = [0, 3, 1, 2]
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[NCHW]], %[[BIAS]] : tensor<1x5x9x5xf32>, tensor<5xf16>) outs(%{{.*}} : tensor<1x5x9x5xf16>)
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:           arith.addf
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         return %[[R]]
func.func @conv_depthwise_f16(%x: tensor<1x5x11x7xf16>, %w: tensor<5x1x3x3xf16>, %b: tensor<5xf16>) -> tensor<1x5x9x5xf16> {
  %0 = hnn.conv2d %x, %w, %b {groups = 5} : (tensor<1x5x11x7xf16>, tensor<5x1x3x3xf16>, tensor<5xf16>) -> tensor<1x5x9x5xf16>
  return %0 : tensor<1x5x9x5xf16>
}

// Stride 2, padding 1, output_padding 1, kernel 3: the input (5 x 4) lands
// on every other position of a zero tensor of (5-1)*2 + 1 + 1 + (1+1) = 12
// rows and 10 columns, from offset 2-1 = 1; a stride-1 convolution with the
// flipped kernel (HWCF, in / out channels swapped) gives 10 x 8.
// CHECK-LABEL: func.func @convt_stride_outpad(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x5x4xf32>, %[[W:[a-z0-9]+]]: tensor<3x2x3x3xf32>, %[[BIAS:[a-z0-9]+]]: tensor<2xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x5x4xf32>
// CHECK:         %[[ZE:.*]] = tensor.empty(%[[N]]) : tensor<?x3x12x10xf32>
// CHECK:         %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[ZE]] : tensor<?x3x12x10xf32>)
// CHECK:         %[[N2:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x5x4xf32>
// CHECK:         %[[SPREAD:.*]] = tensor.insert_slice %[[X]] into %[[ZEROS]][0, 0, 1, 1] [%[[N2]], 3, 5, 4] [1, 1, 2, 2] : tensor<?x3x5x4xf32> into tensor<?x3x12x10xf32>
// CHECK:         %[[FILTER:.*]] = linalg.generic {indexing_maps = [#[[$FLIP]], #[[$ID4]]], {{.*}}} ins(%[[W]] : tensor<3x2x3x3xf32>) outs(%{{.*}} : tensor<3x3x3x2xf32>)
// CHECK:         %[[NHWC:.*]] = linalg.transpose ins(%[[SPREAD]] : tensor<?x3x12x10xf32>) outs(%{{.*}} : tensor<?x12x10x3xf32>)
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[NHWC]], %[[FILTER]] : tensor<?x12x10x3xf32>, tensor<3x3x3x2xf32>) outs(%{{.*}} : tensor<?x10x8x2xf32>)
// CHECK:         %[[NCHW:.*]] = linalg.transpose ins(%[[CONV]] : tensor<?x10x8x2xf32>) outs(%{{.*}} : tensor<?x2x10x8xf32>)
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[NCHW]], %[[BIAS]] : tensor<?x2x10x8xf32>, tensor<2xf32>)
// CHECK:         return %[[R]]
func.func @convt_stride_outpad(%x: tensor<?x3x5x4xf32>, %w: tensor<3x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<?x2x10x8xf32> {
  %0 = hnn.conv_transpose2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<?x3x5x4xf32>, tensor<3x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x10x8xf32>
  return %0 : tensor<?x2x10x8xf32>
}

// padding 3 > kernel - 1 = 2 along H: no low padding and one row cropped
// ((6-1)*2 + 1 = 11 rows, output_padding 1 cancels the high crop); W pads
// by 2 - 2 = 0.
// CHECK-LABEL: func.func @convt_crop(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x2x6x6xf32>
// CHECK:         %[[SPREAD:.*]] = tensor.insert_slice %[[X]] into %{{.*}}[0, 0, 0, 0] [1, 2, 6, 6] [1, 1, 2, 2] : tensor<1x2x6x6xf32> into tensor<1x2x11x11xf32>
// CHECK:         %[[CROP:.*]] = tensor.extract_slice %[[SPREAD]][0, 0, 1, 0] [1, 2, 10, 11] [1, 1, 1, 1] : tensor<1x2x11x11xf32> to tensor<1x2x10x11xf32>
// CHECK:         linalg.transpose ins(%[[CROP]] : tensor<1x2x10x11xf32>)
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x10x11x2xf32>, tensor<3x3x2x3xf32>) outs(%{{.*}} : tensor<1x8x9x3xf32>)
func.func @convt_crop(%x: tensor<1x2x6x6xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x8x9xf32> {
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 3, 2>, output_padding = array<i64: 1, 0>} : (tensor<1x2x6x6xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x8x9xf32>
  return %0 : tensor<1x3x8x9xf32>
}

// Stride 1, padding 3 > 2 along H: only a crop, one row on each side.
// CHECK-LABEL: func.func @convt_crop_stride1(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x2x7x5xf32>
// CHECK-NOT:     tensor.pad
// CHECK:         %[[CROP:.*]] = tensor.extract_slice %[[X]][0, 0, 1, 0] [1, 2, 5, 5] [1, 1, 1, 1] : tensor<1x2x7x5xf32> to tensor<1x2x5x5xf32>
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x3x5x1xf32>)
func.func @convt_crop_stride1(%x: tensor<1x2x7x5xf32>, %w: tensor<2x1x3x1xf32>) -> tensor<1x1x3x5xf32> {
  %0 = hnn.conv_transpose2d %x, %w {padding = array<i64: 3, 0>} : (tensor<1x2x7x5xf32>, tensor<2x1x3x1xf32>) -> tensor<1x1x3x5xf32>
  return %0 : tensor<1x1x3x5xf32>
}

// Two groups of C/G = 2 input and F/G = 3 output channels: the flipped
// filter is G x F/G x C/G x KH x KW, read at [g*2 + c, f, 2-kh, 2-kw].
// CHECK-LABEL: func.func @convt_groups(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x4x5x5xf32>, %[[W:[a-z0-9]+]]: tensor<4x3x3x3xf32>)
// CHECK:         %[[SPREAD:.*]] = tensor.insert_slice %[[X]] into %{{.*}}[0, 0, 1, 1] [2, 4, 5, 5] [1, 1, 2, 2] : tensor<2x4x5x5xf32> into tensor<2x4x11x11xf32>
// CHECK:         %[[FILTER:.*]] = linalg.generic {indexing_maps = [#[[$FLIPG]], #{{.*}}], {{.*}}} ins(%[[W]] : tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<2x3x2x3x3xf32>)
// CHECK:         %[[XG:.*]] = tensor.expand_shape %[[SPREAD]] {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 2, 2, 11, 11]
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[XG]], %[[FILTER]] : tensor<2x2x2x11x11xf32>, tensor<2x3x2x3x3xf32>) outs(%{{.*}} : tensor<2x2x3x9x9xf32>)
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3], [4]] : tensor<2x2x3x9x9xf32> into tensor<2x6x9x9xf32>
// CHECK:         return %[[R]]
func.func @convt_groups(%x: tensor<2x4x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x6x9x9xf32> {
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, groups = 2} : (tensor<2x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<2x6x9x9xf32>
  return %0 : tensor<2x6x9x9xf32>
}

// CHECK-LABEL: func.func @convt_depthwise(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x3x4x5xf32>, %[[W:[a-z0-9]+]]: tensor<3x1x3x3xf32>)
// CHECK:         %[[FILTER:.*]] = linalg.generic {indexing_maps = [#[[$FLIPDW]], #{{.*}}], {{.*}}} ins(%[[W]] : tensor<3x1x3x3xf32>) outs(%{{.*}} : tensor<3x3x3xf32>)
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}} ins(%{{.*}}, %[[FILTER]] : tensor<1x10x12x3xf32>, tensor<3x3x3xf32>) outs(%{{.*}} : tensor<1x8x10x3xf32>)
func.func @convt_depthwise(%x: tensor<1x3x4x5xf32>, %w: tensor<3x1x3x3xf32>) -> tensor<1x3x8x10xf32> {
  %0 = hnn.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, output_padding = array<i64: 1, 1>, groups = 3} : (tensor<1x3x4x5xf32>, tensor<3x1x3x3xf32>) -> tensor<1x3x8x10xf32>
  return %0 : tensor<1x3x8x10xf32>
}

// im2col: patches[n, c, kh, kw, oh, ow] = xp[n, c, 2*oh + 2*kh, 2*ow + kw],
// then rows c*9 + kh*3 + kw and columns oh*4 + ow.
// CHECK-LABEL: func.func @unfold(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x2x9x8xf32>)
// CHECK:         %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:         } : tensor<?x2x9x8xf32> to tensor<?x2x11x10xf32>
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x2x9x8xf32>
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x2x3x3x4x4xf32>
// CHECK:         %[[P:.*]] = linalg.generic {indexing_maps = [#[[$PATCH]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[PAD]] : tensor<?x2x11x10xf32>) outs(%[[E]] : tensor<?x2x3x3x4x4xf32>)
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[P]] {{\[}}[0], [1, 2, 3], [4, 5]] : tensor<?x2x3x3x4x4xf32> into tensor<?x18x16xf32>
// CHECK:         return %[[R]]
func.func @unfold(%x: tensor<?x2x9x8xf32>) -> tensor<?x18x16xf32> {
  %0 = hnn.unfold %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 2, 1>} : tensor<?x2x9x8xf32> -> tensor<?x18x16xf32>
  return %0 : tensor<?x18x16xf32>
}
