// hnn-kan-prune: each unit keeps the allowed candidate of largest logit; the
// kan_select becomes the selected branches times their units' 0/1 vectors,
// and unselected branches disappear with their computation.
// RUN: hnn-opt %s --hnn-kan-prune -split-input-file -verify-diagnostics | FileCheck %s

// Unit 0 takes candidate 1 (largest logit), unit 1 candidate 0 (candidate 1
// is masked out for it); candidate 2 is chosen by nobody and its tanh goes.
// CHECK-LABEL: func.func @prune(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x2xf32>, %[[A:[a-z0-9]+]]: tensor<?x2xf32>)
// CHECK-DAG:     %[[ONE0:.*]] = hnn.constant dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[ONE1:.*]] = hnn.constant dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[B:.*]] = hnn.exp %[[X]]
// CHECK-DAG:     %[[T0:.*]] = hnn.mul %[[A]], %[[ONE0]]
// CHECK-DAG:     %[[T1:.*]] = hnn.mul %[[B]], %[[ONE1]]
// CHECK:         %[[Y:.*]] = hnn.add
// CHECK-NOT:     hnn.tanh
// CHECK-NOT:     kan_select
// CHECK:         return %[[Y]]
func.func @prune(%x: tensor<?x2xf32>, %a: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %b = hnn.exp %x : tensor<?x2xf32>
  %c = hnn.tanh %x : tensor<?x2xf32>
  %logits = hnn.constant dense<[[0.5, 2.0, 1.0], [0.1, 3.0, -1.0]]> : tensor<2x3xf32>
  %mask = hnn.constant dense<[[1.0, 1.0, 1.0], [1.0, 0.0, 1.0]]> : tensor<2x3xf32>
  %0 = hnn.kan_select(%a, %b, %c), %logits, %mask : (tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// One candidate for every unit: the branch itself, no multiplication.
// CHECK-LABEL: func.func @single(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<4x3xf32>, %[[B:[a-z0-9]+]]: tensor<4x3xf32>)
// CHECK-NEXT:    return %[[B]]
func.func @single(%a: tensor<4x3xf32>, %b: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %logits = hnn.constant dense<0.0> : tensor<3x2xf32>
  %mask = hnn.constant dense<[[0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]> : tensor<3x2xf32>
  %0 = hnn.kan_select(%a, %b), %logits, %mask : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @not_constant(%a: tensor<4x3xf32>, %logits: tensor<3x1xf32>) -> tensor<4x3xf32> {
  %mask = hnn.constant dense<1.0> : tensor<3x1xf32>
  // expected-error@+1 {{hnn-kan-prune needs the layer's mix_logits and mix_mask as constants (compile with --weights)}}
  %0 = hnn.kan_select(%a), %logits, %mask : (tensor<4x3xf32>, tensor<3x1xf32>, tensor<3x1xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @all_masked(%a: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %logits = hnn.constant dense<1.0> : tensor<3x1xf32>
  %mask = hnn.constant dense<[[1.0], [0.0], [1.0]]> : tensor<3x1xf32>
  // expected-error@+1 {{hnn-kan-prune: unit 1 has every candidate masked out}}
  %0 = hnn.kan_select(%a), %logits, %mask : (tensor<4x3xf32>, tensor<3x1xf32>, tensor<3x1xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}
