// hnn-autodiff adds f_grad(args..., seeds...) -> (results..., float-arg grads).
// RUN: hnn-opt %s --hnn-autodiff -split-input-file -verify-diagnostics | FileCheck %s

// A returned argument's gradient is its seed; an unused float argument gets
// zeros; integer arguments get none.
// CHECK-LABEL: func.func @pass_through(
// CHECK-LABEL: func.func @pass_through_grad(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3xf32>, %[[Y:[a-z0-9]+]]: tensor<3xf32> {hnn.param = #hnn.param<"y", trainable>}, %[[L:[a-z0-9]+]]: tensor<?xi64>,
// CHECK-SAME:    %[[S:[a-z0-9]+]]: tensor<?x3xf32> {hnn.input = "seed0"})
// CHECK-SAME:    -> (tensor<?x3xf32>, tensor<?x3xf32>, tensor<3xf32>)
// CHECK:         %[[Z:.*]] = hnn.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK:         return %[[X]], %[[S]], %[[Z]]
func.func @pass_through(%x: tensor<?x3xf32>, %y: tensor<3xf32> {hnn.param = #hnn.param<"y", trainable>}, %l: tensor<?xi64>) -> tensor<?x3xf32> {
  return %x : tensor<?x3xf32>
}

// -----

// A value returned twice accumulates both seeds.
// CHECK-LABEL: func.func @twice_grad(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<4xf32>, %[[S0:[a-z0-9]+]]: tensor<4xf32> {hnn.input = "seed0"}, %[[S1:[a-z0-9]+]]: tensor<4xf32> {hnn.input = "seed1"})
// CHECK:         %[[G:.*]] = hnn.add %[[S0]], %[[S1]]
// CHECK:         return %[[X]], %[[X]], %[[G]]
func.func @twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  return %x, %x : tensor<4xf32>, tensor<4xf32>
}

// -----

func.func @foreign(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{hnn-autodiff cannot differentiate through 'arith.addf'}}
  %0 = arith.addf %x, %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
