// Round trip of batch_norm, layer_norm and group_norm. The written result
// types are checked against the inferred ones by the verifier: the output has
// the input's type, batch_norm's running statistics have the statistics' type.

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// batch_norm
//===----------------------------------------------------------------------===//

// Every attribute: eps, momentum, training. Dynamic batch, odd sizes. The
// three results print with their ODS names (%output, %new_running_mean, ...).
// CHECK-LABEL: func.func @batch_norm_training(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x17x33xf32>, %[[W:[a-z0-9]+]]: tensor<3xf32>, %[[B:[a-z0-9]+]]: tensor<3xf32>, %[[M:[a-z0-9]+]]: tensor<3xf32>, %[[V:[a-z0-9]+]]: tensor<3xf32>)
// CHECK:         %[[Y:[a-z0-9_]+]], %[[NM:[a-z0-9_]+]], %[[NV:[a-z0-9_]+]] = hnn.batch_norm %[[X]], %[[W]], %[[B]], %[[M]], %[[V]] {eps = 1.000000e-03 : f64, momentum = 2.000000e-01 : f64, training} : (tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK:         return %[[Y]], %[[NM]], %[[NV]] : tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>
func.func @batch_norm_training(%x: tensor<?x3x17x33xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-3, momentum = 0.2, training} : (tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>
}

// Inference mode with defaults written out (elided) on a 2-D N x C input.
// CHECK-LABEL: func.func @batch_norm_2d_defaults(
// CHECK:         hnn.batch_norm %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} : (tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> (tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>)
func.func @batch_norm_2d_defaults(%x: tensor<4x5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) -> tensor<4x5xf32> {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-5, momentum = 0.1} : (tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> (tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>)
  return %0#0 : tensor<4x5xf32>
}

// 3-D N x C x L input (BatchNorm1d), one channel, momentum at its bounds.
// CHECK-LABEL: func.func @batch_norm_1d(
// CHECK:         hnn.batch_norm %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {momentum = 1.000000e+00 : f64, training} : (tensor<?x1x33xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>) -> (tensor<?x1x33xf16>, tensor<1xf16>, tensor<1xf16>)
// CHECK:         hnn.batch_norm %{{[a-z0-9_]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} {momentum = 0.000000e+00 : f64} : (tensor<?x1x33xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>) -> (tensor<?x1x33xf16>, tensor<1xf16>, tensor<1xf16>)
func.func @batch_norm_1d(%x: tensor<?x1x33xf16>, %w: tensor<1xf16>, %b: tensor<1xf16>, %m: tensor<1xf16>, %v: tensor<1xf16>) -> tensor<?x1x33xf16> {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v {momentum = 1.0, training} : (tensor<?x1x33xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>) -> (tensor<?x1x33xf16>, tensor<1xf16>, tensor<1xf16>)
  %1:3 = hnn.batch_norm %0#0, %w, %b, %0#1, %0#2 {momentum = 0.0} : (tensor<?x1x33xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>) -> (tensor<?x1x33xf16>, tensor<1xf16>, tensor<1xf16>)
  return %1#0 : tensor<?x1x33xf16>
}

//===----------------------------------------------------------------------===//
// layer_norm
//===----------------------------------------------------------------------===//

// Normalized shape = the last dimension.
// CHECK-LABEL: func.func @layer_norm_last_dim(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x17x33xf32>, %[[W:[a-z0-9]+]]: tensor<33xf32>, %[[B:[a-z0-9]+]]: tensor<33xf32>)
// CHECK:         %[[R:.*]] = hnn.layer_norm %[[X]], %[[W]], %[[B]] : (tensor<?x17x33xf32>, tensor<33xf32>, tensor<33xf32>) -> tensor<?x17x33xf32>
// CHECK:         return %[[R]] : tensor<?x17x33xf32>
func.func @layer_norm_last_dim(%x: tensor<?x17x33xf32>, %w: tensor<33xf32>, %b: tensor<33xf32>) -> tensor<?x17x33xf32> {
  %0 = hnn.layer_norm %x, %w, %b {eps = 1.0e-5} : (tensor<?x17x33xf32>, tensor<33xf32>, tensor<33xf32>) -> tensor<?x17x33xf32>
  return %0 : tensor<?x17x33xf32>
}

// Normalized shape = the two last dimensions, non-default eps.
// CHECK-LABEL: func.func @layer_norm_two_dims(
// CHECK:         hnn.layer_norm %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {eps = 9.9999999999999995E-7 : f64} : (tensor<2x17x33xf32>, tensor<17x33xf32>, tensor<17x33xf32>) -> tensor<2x17x33xf32>
func.func @layer_norm_two_dims(%x: tensor<2x17x33xf32>, %w: tensor<17x33xf32>, %b: tensor<17x33xf32>) -> tensor<2x17x33xf32> {
  %0 = hnn.layer_norm %x, %w, %b {eps = 1.0e-6} : (tensor<2x17x33xf32>, tensor<17x33xf32>, tensor<17x33xf32>) -> tensor<2x17x33xf32>
  return %0 : tensor<2x17x33xf32>
}

// Normalized shape = the whole (1-D, single element) input.
// CHECK-LABEL: func.func @layer_norm_whole_input(
// CHECK:         hnn.layer_norm %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {eps = 1.000000e-01 : f64} : (tensor<1xbf16>, tensor<1xbf16>, tensor<1xbf16>) -> tensor<1xbf16>
func.func @layer_norm_whole_input(%x: tensor<1xbf16>, %w: tensor<1xbf16>, %b: tensor<1xbf16>) -> tensor<1xbf16> {
  %0 = hnn.layer_norm %x, %w, %b {eps = 0.1} : (tensor<1xbf16>, tensor<1xbf16>, tensor<1xbf16>) -> tensor<1xbf16>
  return %0 : tensor<1xbf16>
}

//===----------------------------------------------------------------------===//
// group_norm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @group_norm(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x6x17x33xf32>, %[[W:[a-z0-9]+]]: tensor<6xf32>, %[[B:[a-z0-9]+]]: tensor<6xf32>)
// CHECK:         %[[R:.*]] = hnn.group_norm %[[X]], %[[W]], %[[B]] {eps = 1.000000e-03 : f64, num_groups = 3 : i64} : (tensor<?x6x17x33xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x6x17x33xf32>
// CHECK:         return %[[R]] : tensor<?x6x17x33xf32>
func.func @group_norm(%x: tensor<?x6x17x33xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<?x6x17x33xf32> {
  %0 = hnn.group_norm %x, %w, %b {num_groups = 3, eps = 1.0e-3} : (tensor<?x6x17x33xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x6x17x33xf32>
  return %0 : tensor<?x6x17x33xf32>
}

// One group (LayerNorm-like) and one group per channel (InstanceNorm-like),
// odd channel count, 3-D input.
// CHECK-LABEL: func.func @group_norm_extremes(
// CHECK:         %[[D:.*]] = hnn.group_norm %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {num_groups = 1 : i64} : (tensor<3x5x7xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<3x5x7xf32>
// CHECK:         hnn.group_norm %[[D]], %{{[a-z0-9]+}}, %{{[a-z0-9]+}} {num_groups = 5 : i64} : (tensor<3x5x7xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<3x5x7xf32>
func.func @group_norm_extremes(%x: tensor<3x5x7xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>) -> tensor<3x5x7xf32> {
  %0 = hnn.group_norm %x, %w, %b {num_groups = 1, eps = 1.0e-5} : (tensor<3x5x7xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<3x5x7xf32>
  %1 = hnn.group_norm %0, %w, %b {num_groups = 5} : (tensor<3x5x7xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<3x5x7xf32>
  return %1 : tensor<3x5x7xf32>
}
