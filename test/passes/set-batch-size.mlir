// hnn-set-batch-size gives every dynamic leading (batch) dimension of the
// function arguments a static size, re-infers every result type of the body
// in order and rewrites the signature. The expected types are computed by
// hand from PyTorch's shape formulas with N = 8 (and N = 1).

// RUN: hnn-opt %s --hnn-set-batch-size=batch=8 | FileCheck %s
// RUN: hnn-opt %s --hnn-set-batch-size=batch=1 | FileCheck %s --check-prefix=B1
// The result is valid, stable IR.
// RUN: hnn-opt %s --hnn-set-batch-size=batch=8 | hnn-opt --hnn-set-batch-size=batch=8 | FileCheck %s

// A small CNN: conv 3->6 (3x3, pad 1) -> batch_norm -> relu -> 2x2 max pool
// -> flatten(2) -> reshape to ?x768 -> linear 768->10 -> cross_entropy.
//   conv:    17x33 -> 17x33 (pad 1 keeps the size)
//   pool:    floor((17-2)/2)+1 = 8, floor((33-2)/2)+1 = 16
//   flatten: 6x8x16 -> 6 x 128 (start_dim 2)
//   reshape: 6*128 = 768 features
// CHECK-LABEL: func.func @cnn(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<8x3x17x33xf32>,
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<6x3x3x3xf32> {hnn.param = #hnn.param<"conv.weight", trainable>},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<6xf32> {hnn.param = #hnn.param<"conv.bias", trainable>},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<6xf32> {hnn.param = #hnn.param<"bn.weight", trainable>},
// CHECK-SAME:    %[[BB:[a-z0-9]+]]: tensor<6xf32> {hnn.param = #hnn.param<"bn.bias", trainable>},
// CHECK-SAME:    %[[M:[a-z0-9]+]]: tensor<6xf32> {hnn.param = #hnn.param<"bn.running_mean", state>},
// CHECK-SAME:    %[[V:[a-z0-9]+]]: tensor<6xf32> {hnn.param = #hnn.param<"bn.running_var", state>},
// CHECK-SAME:    %[[FW:[a-z0-9]+]]: tensor<10x768xf32> {hnn.param = #hnn.param<"fc.weight", trainable>},
// CHECK-SAME:    %[[FB:[a-z0-9]+]]: tensor<10xf32> {hnn.param = #hnn.param<"fc.bias", frozen>},
// CHECK-SAME:    %[[L:[a-z0-9]+]]: tensor<8xi64>)
// CHECK-SAME:    -> (tensor<f32>, tensor<8xf32>, tensor<8x10xf32>, tensor<6xf32>, tensor<6xf32>)
// CHECK-NEXT:    %[[C:.*]] = hnn.conv2d %[[X]], %[[W]], %[[B]] {padding = array<i64: 1, 1>} : (tensor<8x3x17x33xf32>, tensor<6x3x3x3xf32>, tensor<6xf32>) -> tensor<8x6x17x33xf32>
// CHECK-NEXT:    %[[Y:[a-z0-9_]+]], %[[NM:[a-z0-9_]+]], %[[NV:[a-z0-9_]+]] = hnn.batch_norm %[[C]], %[[G]], %[[BB]], %[[M]], %[[V]] {training} : (tensor<8x6x17x33xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<8x6x17x33xf32>, tensor<6xf32>, tensor<6xf32>)
// CHECK-NEXT:    %[[R:.*]] = hnn.relu %[[Y]] : tensor<8x6x17x33xf32>
// CHECK-NEXT:    %[[P:.*]] = hnn.max_pool2d %[[R]] {kernel_size = array<i64: 2, 2>} : tensor<8x6x17x33xf32> -> tensor<8x6x8x16xf32>
// CHECK-NEXT:    %[[F:.*]] = hnn.flatten %[[P]] {start_dim = 2 : i64} : tensor<8x6x8x16xf32> -> tensor<8x6x128xf32>
// CHECK-NEXT:    %[[S:.*]] = hnn.reshape %[[F]] : tensor<8x6x128xf32> -> tensor<8x768xf32>
// CHECK-NEXT:    %[[O:.*]] = hnn.linear %[[S]], %[[FW]], %[[FB]] : (tensor<8x768xf32>, tensor<10x768xf32>, tensor<10xf32>) -> tensor<8x10xf32>
// CHECK-NEXT:    %[[LOSS:.*]] = hnn.cross_entropy %[[O]], %[[L]] {label_smoothing = 1.000000e-01 : f64} : (tensor<8x10xf32>, tensor<8xi64>) -> tensor<f32>
// CHECK-NEXT:    %[[PER:.*]] = hnn.cross_entropy %[[O]], %[[L]] {reduction = #hnn<reduction none>} : (tensor<8x10xf32>, tensor<8xi64>) -> tensor<8xf32>
// CHECK-NEXT:    return %[[LOSS]], %[[PER]], %[[O]], %[[NM]], %[[NV]] : tensor<f32>, tensor<8xf32>, tensor<8x10xf32>, tensor<6xf32>, tensor<6xf32>
// CHECK-NEXT:  }

// B1-LABEL: func.func @cnn(
// B1-SAME:    %{{[a-z0-9]+}}: tensor<1x3x17x33xf32>,
// B1-SAME:    %{{[a-z0-9]+}}: tensor<1xi64>)
// B1-SAME:    -> (tensor<f32>, tensor<1xf32>, tensor<1x10xf32>, tensor<6xf32>, tensor<6xf32>)
// B1-NEXT:    hnn.conv2d {{.*}} -> tensor<1x6x17x33xf32>
// B1-NEXT:    hnn.batch_norm {{.*}} -> (tensor<1x6x17x33xf32>, tensor<6xf32>, tensor<6xf32>)
// B1-NEXT:    hnn.relu %{{[a-z0-9_]+}} : tensor<1x6x17x33xf32>
// B1-NEXT:    hnn.max_pool2d {{.*}} : tensor<1x6x17x33xf32> -> tensor<1x6x8x16xf32>
// B1-NEXT:    hnn.flatten {{.*}} : tensor<1x6x8x16xf32> -> tensor<1x6x128xf32>
// B1-NEXT:    hnn.reshape {{.*}} : tensor<1x6x128xf32> -> tensor<1x768xf32>
// B1-NEXT:    hnn.linear {{.*}} : (tensor<1x768xf32>, tensor<10x768xf32>, tensor<10xf32>) -> tensor<1x10xf32>
// B1-NEXT:    hnn.cross_entropy {{.*}} : (tensor<1x10xf32>, tensor<1xi64>) -> tensor<f32>
// B1-NEXT:    hnn.cross_entropy {{.*}} : (tensor<1x10xf32>, tensor<1xi64>) -> tensor<1xf32>
// B1-NEXT:    return {{.*}} : tensor<f32>, tensor<1xf32>, tensor<1x10xf32>, tensor<6xf32>, tensor<6xf32>
func.func @cnn(%x: tensor<?x3x17x33xf32>,
               %w: tensor<6x3x3x3xf32> {hnn.param = #hnn.param<"conv.weight", trainable>},
               %b: tensor<6xf32> {hnn.param = #hnn.param<"conv.bias", trainable>},
               %g: tensor<6xf32> {hnn.param = #hnn.param<"bn.weight", trainable>},
               %bb: tensor<6xf32> {hnn.param = #hnn.param<"bn.bias", trainable>},
               %m: tensor<6xf32> {hnn.param = #hnn.param<"bn.running_mean", state>},
               %v: tensor<6xf32> {hnn.param = #hnn.param<"bn.running_var", state>},
               %fw: tensor<10x768xf32> {hnn.param = #hnn.param<"fc.weight", trainable>},
               %fb: tensor<10xf32> {hnn.param = #hnn.param<"fc.bias", frozen>},
               %labels: tensor<?xi64>)
    -> (tensor<f32>, tensor<?xf32>, tensor<?x10xf32>, tensor<6xf32>, tensor<6xf32>) {
  %0 = hnn.conv2d %x, %w, %b {padding = array<i64: 1, 1>} : (tensor<?x3x17x33xf32>, tensor<6x3x3x3xf32>, tensor<6xf32>) -> tensor<?x6x17x33xf32>
  %1:3 = hnn.batch_norm %0, %g, %bb, %m, %v {training} : (tensor<?x6x17x33xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<?x6x17x33xf32>, tensor<6xf32>, tensor<6xf32>)
  %2 = hnn.relu %1#0 : tensor<?x6x17x33xf32>
  %3 = hnn.max_pool2d %2 {kernel_size = array<i64: 2, 2>} : tensor<?x6x17x33xf32> -> tensor<?x6x8x16xf32>
  %4 = hnn.flatten %3 {start_dim = 2} : tensor<?x6x8x16xf32> -> tensor<?x6x128xf32>
  %5 = hnn.reshape %4 : tensor<?x6x128xf32> -> tensor<?x768xf32>
  %6 = hnn.linear %5, %fw, %fb : (tensor<?x768xf32>, tensor<10x768xf32>, tensor<10xf32>) -> tensor<?x10xf32>
  %7 = hnn.cross_entropy %6, %labels {label_smoothing = 0.1} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  %8 = hnn.cross_entropy %6, %labels {reduction = #hnn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<?xf32>
  return %7, %8, %6, %1#1, %1#2 : tensor<f32>, tensor<?xf32>, tensor<?x10xf32>, tensor<6xf32>, tensor<6xf32>
}

// The dynamic dimension of a reshape need not be the first one: it stands
// for the batch, so ?x12 -> 4x?x3 becomes 8x12 -> 4x8x3 (96 elements).
// Concatenating along the batch adds a static 2. Broadcasting a 1 against the
// batch, and a rank-0 argument, an all-static argument and a static constant.
// CHECK-LABEL: func.func @reshape_concat_broadcast(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<8x12xf32>, %[[Y:[a-z0-9]+]]: tensor<2x12xf32>, %[[S:[a-z0-9]+]]: tensor<f32>, %[[O:[a-z0-9]+]]: tensor<1x12xf32>)
// CHECK-SAME:    -> (tensor<4x8x3xf32>, tensor<10x12xf32>, tensor<8x12xf32>, tensor<8x12xf32>)
// CHECK-NEXT:    %[[A:.*]] = hnn.reshape %[[X]] : tensor<8x12xf32> -> tensor<4x8x3xf32>
// CHECK-NEXT:    %[[B:.*]] = hnn.concat %[[X]], %[[Y]] {dim = 0 : i64} : (tensor<8x12xf32>, tensor<2x12xf32>) -> tensor<10x12xf32>
// CHECK-NEXT:    %[[C:.*]] = hnn.add %[[O]], %[[X]] : (tensor<1x12xf32>, tensor<8x12xf32>) -> tensor<8x12xf32>
// CHECK-NEXT:    %[[K:.*]] = hnn.constant dense<2.000000e+00> : tensor<12xf32>
// CHECK-NEXT:    %[[D:.*]] = hnn.mul %[[C]], %[[S]] : (tensor<8x12xf32>, tensor<f32>) -> tensor<8x12xf32>
// CHECK-NEXT:    %[[E:.*]] = hnn.sub %[[D]], %[[K]] : (tensor<8x12xf32>, tensor<12xf32>) -> tensor<8x12xf32>
// CHECK-NEXT:    return %[[A]], %[[B]], %[[C]], %[[E]] : tensor<4x8x3xf32>, tensor<10x12xf32>, tensor<8x12xf32>, tensor<8x12xf32>

// B1-LABEL: func.func @reshape_concat_broadcast(
// B1-SAME:    -> (tensor<4x1x3xf32>, tensor<3x12xf32>, tensor<1x12xf32>, tensor<1x12xf32>)
func.func @reshape_concat_broadcast(%x: tensor<?x12xf32>, %y: tensor<2x12xf32>, %s: tensor<f32>, %one: tensor<1x12xf32>)
    -> (tensor<4x?x3xf32>, tensor<?x12xf32>, tensor<?x12xf32>, tensor<?x12xf32>) {
  %0 = hnn.reshape %x : tensor<?x12xf32> -> tensor<4x?x3xf32>
  %1 = hnn.concat %x, %y {dim = 0} : (tensor<?x12xf32>, tensor<2x12xf32>) -> tensor<?x12xf32>
  %2 = hnn.add %one, %x : (tensor<1x12xf32>, tensor<?x12xf32>) -> tensor<?x12xf32>
  %k = hnn.constant dense<2.0> : tensor<12xf32>
  %3 = hnn.mul %2, %s : (tensor<?x12xf32>, tensor<f32>) -> tensor<?x12xf32>
  %4 = hnn.sub %3, %k : (tensor<?x12xf32>, tensor<12xf32>) -> tensor<?x12xf32>
  return %0, %1, %2, %4 : tensor<4x?x3xf32>, tensor<?x12xf32>, tensor<?x12xf32>, tensor<?x12xf32>
}

// Functions without a dynamic batch and external declarations are left alone.
// CHECK-LABEL: func.func @static_only(
// CHECK-SAME:    %{{[a-z0-9]+}}: tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    hnn.tanh %{{[a-z0-9]+}} : tensor<2x3xf32>
// B1-LABEL: func.func @static_only(
// B1-SAME:    %{{[a-z0-9]+}}: tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @static_only(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = hnn.tanh %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func private @declaration(tensor<?x3xf32>) -> tensor<?x3xf32>
// B1-LABEL: func.func private @declaration(tensor<?x3xf32>) -> tensor<?x3xf32>
func.func private @declaration(tensor<?x3xf32>) -> tensor<?x3xf32>
