// Round trip of hnn.constant and of #hnn.param function-argument attributes.

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// hnn.constant: the result type is the type of the value.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @constants(
// CHECK:         %[[A:.*]] = hnn.constant dense<1.000000e+00> : tensor<4xf32>
// CHECK:         %[[B:.*]] = hnn.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf16>
// CHECK:         %[[C:.*]] = hnn.constant dense<-2.500000e-01> : tensor<bf16>
// CHECK:         %[[D:.*]] = hnn.constant dense<0.000000e+00> : tensor<1x3x17x33xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]], %[[D]] : tensor<4xf32>, tensor<2x3xf16>, tensor<bf16>, tensor<1x3x17x33xf32>
func.func @constants() -> (tensor<4xf32>, tensor<2x3xf16>, tensor<bf16>, tensor<1x3x17x33xf32>) {
  %0 = hnn.constant dense<1.0> : tensor<4xf32>
  %1 = hnn.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf16>
  %2 = hnn.constant dense<-0.25> : tensor<bf16>
  %3 = hnn.constant dense<0.0> : tensor<1x3x17x33xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<2x3xf16>, tensor<bf16>, tensor<1x3x17x33xf32>
}

// A constant feeding an op.
// CHECK-LABEL: func.func @constant_use(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3xf32>)
// CHECK:         %[[C:.*]] = hnn.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK:         %[[R:.*]] = hnn.add %[[X]], %[[C]] : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
// CHECK:         return %[[R]] : tensor<?x3xf32>
func.func @constant_use(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %c = hnn.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = hnn.add %x, %c : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

//===----------------------------------------------------------------------===//
// #hnn.param on function arguments: every kind, PyTorch state_dict names.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @params(
// CHECK-SAME:    %{{[a-z0-9]+}}: tensor<?x784xf32>,
// CHECK-SAME:    %{{[a-z0-9]+}}: tensor<10x784xf32> {hnn.param = #hnn.param<"fc1.weight", trainable>},
// CHECK-SAME:    %{{[a-z0-9]+}}: tensor<10xf32> {hnn.param = #hnn.param<"fc1.bias", frozen>},
// CHECK-SAME:    %{{[a-z0-9]+}}: tensor<3xf32> {hnn.param = #hnn.param<"stage1.block0.bn_1.running_mean", state>},
// CHECK-SAME:    %{{[a-z0-9]+}}: tensor<f32> {hnn.param = #hnn.param<"Scale_2", trainable>})
// CHECK-SAME:    -> tensor<?x10xf32>
func.func @params(%x: tensor<?x784xf32>,
                  %w: tensor<10x784xf32> {hnn.param = #hnn.param<"fc1.weight", trainable>},
                  %b: tensor<10xf32> {hnn.param = #hnn.param<"fc1.bias", frozen>},
                  %m: tensor<3xf32> {hnn.param = #hnn.param<"stage1.block0.bn_1.running_mean", state>},
                  %s: tensor<f32> {hnn.param = #hnn.param<"Scale_2", trainable>}) -> tensor<?x10xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x784xf32>, tensor<10x784xf32>, tensor<10xf32>) -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// The parameter attribute next to other argument attributes.
// CHECK-LABEL: func.func @param_with_other_attrs(
// CHECK-SAME:    %{{[a-z0-9]+}}: tensor<4xf32> {hnn.param = #hnn.param<"w", frozen>, test.other})
func.func @param_with_other_attrs(%w: tensor<4xf32> {hnn.param = #hnn.param<"w", frozen>, test.other}) -> tensor<4xf32> {
  return %w : tensor<4xf32>
}
