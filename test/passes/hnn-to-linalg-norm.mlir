// convert-hnn-to-linalg on batch_norm, layer_norm, group_norm, softmax and
// log_softmax. Statistics are f32 reduction generics (parallel over the kept
// dimensions), two-pass: sum -> mean, then the sum of squared deviations from
// the mean; the output is one parallel generic reading the statistics
// through projected maps. f16/bf16 are widened in the bodies, results
// truncated.
// RUN: hnn-opt %s --convert-hnn-to-linalg | FileCheck %s

// group_norm's weight and bias map (channel g * C/G + c), printed up front.
// CHECK-DAG:   #[[GCH:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1 * 2 + d2)>

// Training, f16, dynamic batch: the element count N*5 is read at runtime.
// CHECK-LABEL: func.func @batch_norm_training(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x5xf16>, %[[W:[a-z0-9]+]]: tensor<3xf16>, %[[B:[a-z0-9]+]]: tensor<3xf16>, %[[M:[a-z0-9]+]]: tensor<3xf16>, %[[V:[a-z0-9]+]]: tensor<3xf16>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x5xf16>
// CHECK:         %[[C5:.*]] = arith.constant 5 : index
// CHECK:         %[[NI:.*]] = arith.muli %[[N]], %[[C5]] : index
// CHECK:         %[[NI64:.*]] = arith.index_cast %[[NI]] : index to i64
// CHECK:         %[[CNT:.*]] = arith.sitofp %[[NI64]] : i64 to f32
// CHECK:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["reduction", "parallel", "reduction"]} ins(%[[X]] : tensor<?x3x5xf16>) outs(%{{.*}} : tensor<3xf32>)
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:           arith.addf
// CHECK:         %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<3xf32>)
// CHECK:           arith.divf %{{.*}}, %[[CNT]] : f32
// CHECK:         %[[M2:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction"]} ins(%[[X]], %[[MEAN]] : tensor<?x3x5xf16>, tensor<3xf32>) outs(%{{.*}} : tensor<3xf32>)
// CHECK:           %[[DEV:.*]] = arith.subf
// CHECK:           %[[SQ:.*]] = arith.mulf %[[DEV]], %[[DEV]] : f32
// CHECK:           arith.addf %{{.*}}, %[[SQ]] : f32
// CHECK:         %[[INV:.*]] = linalg.generic {{.*}} ins(%[[M2]] : tensor<3xf32>)
// CHECK:           %[[VAR:.*]] = arith.divf %{{.*}}, %[[CNT]] : f32
// CHECK:           %[[EPS:.*]] = arith.constant 1.000000e-03 : f32
// CHECK:           %[[VE:.*]] = arith.addf %[[VAR]], %[[EPS]] : f32
// CHECK:           %[[SD:.*]] = math.sqrt %[[VE]] : f32
// CHECK:           arith.divf %{{.*}}, %[[SD]] : f32
// CHECK:         %[[NM:.*]] = linalg.generic {{.*}} ins(%[[M]], %[[MEAN]] : tensor<3xf16>, tensor<3xf32>) outs(%{{.*}} : tensor<3xf16>)
// CHECK:           arith.constant 8.000000e-01 : f32
// CHECK:           arith.constant 2.000000e-01 : f32
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         %[[NV:.*]] = linalg.generic {{.*}} ins(%[[V]], %[[M2]] : tensor<3xf16>, tensor<3xf32>) outs(%{{.*}} : tensor<3xf16>)
// CHECK:           %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:           %[[DOF:.*]] = arith.subf %[[CNT]], %[[ONE]] : f32
// CHECK:           arith.divf %{{.*}}, %[[DOF]] : f32
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID:.*]], #[[CH:.*]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]], %[[INV]], %[[W]], %[[B]] : tensor<?x3x5xf16>, tensor<3xf32>, tensor<3xf32>, tensor<3xf16>, tensor<3xf16>) outs(%{{.*}} : tensor<?x3x5xf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         return %[[Y]], %[[NM]], %[[NV]]
func.func @batch_norm_training(%x: tensor<?x3x5xf16>, %w: tensor<3xf16>, %b: tensor<3xf16>, %m: tensor<3xf16>, %v: tensor<3xf16>) -> (tensor<?x3x5xf16>, tensor<3xf16>, tensor<3xf16>) {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-3, momentum = 0.2, training} : (tensor<?x3x5xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>) -> (tensor<?x3x5xf16>, tensor<3xf16>, tensor<3xf16>)
  return %0#0, %0#1, %0#2 : tensor<?x3x5xf16>, tensor<3xf16>, tensor<3xf16>
}

// Inference: no reduction; the running statistics are returned as they are.
// CHECK-LABEL: func.func @batch_norm_inference(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x5x7xf32>, %[[W:[a-z0-9]+]]: tensor<3xf32>, %[[B:[a-z0-9]+]]: tensor<3xf32>, %[[M:[a-z0-9]+]]: tensor<3xf32>, %[[V:[a-z0-9]+]]: tensor<3xf32>)
// CHECK-NOT:     reduction
// CHECK:         %[[INV:.*]] = linalg.generic {{.*}} ins(%[[V]] : tensor<3xf32>)
// CHECK:           arith.constant 9.99999974E-6 : f32
// CHECK:           math.sqrt
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[M]], %[[INV]], %[[W]], %[[B]] : tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK:         return %[[Y]], %[[M]], %[[V]]
func.func @batch_norm_inference(%x: tensor<?x3x5x7xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v : (tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>
}

// Two trailing dimensions: statistics per batch entry over 17*33 = 561.
// CHECK-LABEL: func.func @layer_norm_two(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x17x33xf32>, %[[W:[a-z0-9]+]]: tensor<17x33xf32>, %[[B:[a-z0-9]+]]: tensor<17x33xf32>)
// CHECK:         %[[CNT:.*]] = arith.constant 5.610000e+02 : f32
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]} ins(%[[X]] : tensor<?x17x33xf32>) outs(%{{.*}} : tensor<?xf32>)
// CHECK:         %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<?xf32>)
// CHECK:           arith.divf %{{.*}}, %[[CNT]] : f32
// CHECK:         %[[M2:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]} ins(%[[X]], %[[MEAN]] : tensor<?x17x33xf32>, tensor<?xf32>)
// CHECK:         %[[INV:.*]] = linalg.generic {{.*}} ins(%[[M2]] : tensor<?xf32>)
// CHECK:           arith.constant 9.99999997E-7 : f32
// CHECK:         %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID:.*]], #[[ROW:.*]], #[[ROW]], #[[TR:.*]], #[[TR]], #[[ID]]], {{.*}} ins(%[[X]], %[[MEAN]], %[[INV]], %[[W]], %[[B]] : tensor<?x17x33xf32>, tensor<?xf32>, tensor<?xf32>, tensor<17x33xf32>, tensor<17x33xf32>)
// CHECK:         return %[[Y]]
func.func @layer_norm_two(%x: tensor<?x17x33xf32>, %w: tensor<17x33xf32>, %b: tensor<17x33xf32>) -> tensor<?x17x33xf32> {
  %0 = hnn.layer_norm %x, %w, %b {eps = 1.0e-6} : (tensor<?x17x33xf32>, tensor<17x33xf32>, tensor<17x33xf32>) -> tensor<?x17x33xf32>
  return %0 : tensor<?x17x33xf32>
}

// The whole input: rank-0 statistics.
// CHECK-LABEL: func.func @layer_norm_whole(
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%{{.*}} : tensor<33xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK:         linalg.generic {{.*}} iterator_types = []} ins(%{{.*}} : tensor<f32>) outs(%{{.*}} : tensor<f32>)
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel"]} ins({{.*}} : tensor<33xf32>, tensor<f32>, tensor<f32>, tensor<33xf32>, tensor<33xf32>)
func.func @layer_norm_whole(%x: tensor<33xf32>, %w: tensor<33xf32>, %b: tensor<33xf32>) -> tensor<33xf32> {
  %0 = hnn.layer_norm %x, %w, %b : (tensor<33xf32>, tensor<33xf32>, tensor<33xf32>) -> tensor<33xf32>
  return %0 : tensor<33xf32>
}

// 3 groups of 2 channels: N x 6 x 9 x 11 viewed as N x 3 x 2 x 9 x 11,
// statistics per (n, g) over 2*9*11 = 198, weight read at g*2 + c.
// CHECK-LABEL: func.func @group_norm(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x6x9x11xf32>, %[[W:[a-z0-9]+]]: tensor<6xf32>, %[[B:[a-z0-9]+]]: tensor<6xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x6x9x11xf32>
// CHECK:         %[[G:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3], [4]] output_shape [%[[N]], 3, 2, 9, 11] : tensor<?x6x9x11xf32> into tensor<?x3x2x9x11xf32>
// CHECK:         arith.constant 1.980000e+02 : f32
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[G]] : tensor<?x3x2x9x11xf32>) outs(%{{.*}} : tensor<?x3xf32>)
// CHECK:         %[[M2:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[G]], %{{.*}} : tensor<?x3x2x9x11xf32>, tensor<?x3xf32>)
// CHECK:         %[[Y:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}, #[[GCH]], #[[GCH]], #{{.*}}], {{.*}} ins(%[[G]], %{{.*}}, %{{.*}}, %[[W]], %[[B]] : tensor<?x3x2x9x11xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<6xf32>, tensor<6xf32>)
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2], [3], [4]] : tensor<?x3x2x9x11xf32> into tensor<?x6x9x11xf32>
// CHECK:         return %[[R]]
func.func @group_norm(%x: tensor<?x6x9x11xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<?x6x9x11xf32> {
  %0 = hnn.group_norm %x, %w, %b {num_groups = 3, eps = 1.0e-3} : (tensor<?x6x9x11xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x6x9x11xf32>
  return %0 : tensor<?x6x9x11xf32>
}

// Along the dynamic batch dimension: max, then sum of exp(x - max), then
// exp(x - max) / sum.
// CHECK-LABEL: func.func @softmax_dim0(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x10xf32>)
// CHECK:         %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[MI:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<10xf32>)
// CHECK:         %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]} ins(%[[X]] : tensor<?x10xf32>) outs(%[[MI]] : tensor<10xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]} ins(%[[X]], %[[MAX]] : tensor<?x10xf32>, tensor<10xf32>)
// CHECK:           %[[S:.*]] = arith.subf
// CHECK:           %[[E:.*]] = math.exp %[[S]] : f32
// CHECK:           arith.addf %{{.*}}, %[[E]] : f32
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[MAX]], %[[SUM]] : tensor<?x10xf32>, tensor<10xf32>, tensor<10xf32>) outs(%{{.*}} : tensor<?x10xf32>)
// CHECK:           %[[S2:.*]] = arith.subf
// CHECK:           %[[E2:.*]] = math.exp %[[S2]] : f32
// CHECK:           arith.divf %[[E2]], %{{.*}} : f32
// CHECK:         return %[[R]]
func.func @softmax_dim0(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = hnn.softmax %x {dim = 0} : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// dim = -2 is the middle dimension; bf16 is widened and the result narrowed;
// log(sum) is taken once per row: x - max - log(sum).
// CHECK-LABEL: func.func @log_softmax_negative_dim(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x17x33xbf16>)
// CHECK:         %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[X]] : tensor<2x17x33xbf16>) outs(%{{.*}} : tensor<2x33xf32>)
// CHECK:           arith.extf %{{.*}} : bf16 to f32
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[X]], %[[MAX]] : tensor<2x17x33xbf16>, tensor<2x33xf32>)
// CHECK:         %[[LSE:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x33xf32>)
// CHECK:           math.log
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[MAX]], %[[LSE]] : tensor<2x17x33xbf16>, tensor<2x33xf32>, tensor<2x33xf32>) outs(%{{.*}} : tensor<2x17x33xbf16>)
// CHECK:           %[[W:.*]] = arith.extf %{{.*}} : bf16 to f32
// CHECK:           %[[S:.*]] = arith.subf %[[W]], %{{.*}} : f32
// CHECK:           %[[L:.*]] = arith.subf %[[S]], %{{.*}} : f32
// CHECK:           arith.truncf %[[L]] : f32 to bf16
// CHECK:         return %[[R]]
func.func @log_softmax_negative_dim(%x: tensor<2x17x33xbf16>) -> tensor<2x17x33xbf16> {
  %0 = hnn.log_softmax %x {dim = -2} : tensor<2x17x33xbf16>
  return %0 : tensor<2x17x33xbf16>
}
