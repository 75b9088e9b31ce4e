// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the elementwise ops: broadcasting binary ops
// (inferBroadcastType), the unary ops with hyper-parameters, softmax and
// log_softmax, constant, and the generated operand and enum checks.

func.func @relu_integer_operand(%x: tensor<4x3xi32>) -> tensor<4x3xi32> {
  // expected-error@+1 {{'hnn.relu' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x3xi32>'}}
  %0 = hnn.relu %x : tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// -----

func.func @constant_integer_result() -> tensor<4xi32> {
  // expected-error@+1 {{'hnn.constant' op result #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4xi32>'}}
  %0 = hnn.constant dense<1> : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @gelu_unknown_approximation(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+2 {{expected ::mlir::hnn::GeluApproximation to be one of: none, tanh}}
  // expected-error@+1 {{failed to parse HNN_GeluApproximationAttr parameter 'value' which is to be a `::mlir::hnn::GeluApproximation`}}
  %0 = hnn.gelu %x {approximate = #hnn<gelu_approximation fast>} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Broadcasting binary ops: one shape case per op, one element-type case.
//===----------------------------------------------------------------------===//

// -----

func.func @add_shapes_do_not_broadcast(%a: tensor<4x3xf32>, %b: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error@+2 {{'hnn.add' op operand shapes 4x3 and 4x5 do not broadcast}}
  // expected-error@+1 {{'hnn.add' op failed to infer returned types}}
  %0 = hnn.add %a, %b : (tensor<4x3xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Right-aligned: the trailing 3 meets 2, whatever the ranks.
func.func @sub_shapes_do_not_broadcast_across_ranks(%a: tensor<2x3xf32>, %b: tensor<5x2x2xf32>) -> tensor<5x2x3xf32> {
  // expected-error@+2 {{'hnn.sub' op operand shapes 2x3 and 5x2x2 do not broadcast}}
  // expected-error@+1 {{'hnn.sub' op failed to infer returned types}}
  %0 = hnn.sub %a, %b : (tensor<2x3xf32>, tensor<5x2x2xf32>) -> tensor<5x2x3xf32>
  return %0 : tensor<5x2x3xf32>
}

// -----

// A dynamic batch does not hide a mismatch in the static dimensions.
func.func @mul_shapes_do_not_broadcast_dynamic_batch(%a: tensor<?x3xf32>, %b: tensor<?x5xf32>) -> tensor<?x5xf32> {
  // expected-error@+2 {{'hnn.mul' op operand shapes ?x3 and ?x5 do not broadcast}}
  // expected-error@+1 {{'hnn.mul' op failed to infer returned types}}
  %0 = hnn.mul %a, %b : (tensor<?x3xf32>, tensor<?x5xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

func.func @div_shapes_do_not_broadcast(%a: tensor<8xf32>, %b: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error@+2 {{'hnn.div' op operand shapes 8 and 4 do not broadcast}}
  // expected-error@+1 {{'hnn.div' op failed to infer returned types}}
  %0 = hnn.div %a, %b : (tensor<8xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @pow_shapes_do_not_broadcast(%a: tensor<2x3x4xf32>, %b: tensor<2x1xf32>) -> tensor<2x3x4xf32> {
  // expected-error@+2 {{'hnn.pow' op operand shapes 2x3x4 and 2x1 do not broadcast}}
  // expected-error@+1 {{'hnn.pow' op failed to infer returned types}}
  %0 = hnn.pow %a, %b : (tensor<2x3x4xf32>, tensor<2x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// No implicit type promotion: mixed precision needs an explicit cast.
func.func @add_mixed_element_types(%a: tensor<4xf32>, %b: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error@+2 {{'hnn.add' op expects operands of one element type, got f32 and f16}}
  // expected-error@+1 {{'hnn.add' op failed to infer returned types}}
  %0 = hnn.add %a, %b : (tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Unary ops with hyper-parameters.
//===----------------------------------------------------------------------===//

// -----

func.func @clamp_without_bounds(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'hnn.clamp' op expects at least one of 'min' and 'max'}}
  %0 = hnn.clamp %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @hardtanh_min_above_max(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'hnn.hardtanh' op expects min_val < max_val, got 1.000000e+00 and -1.000000e+00}}
  %0 = hnn.hardtanh %x {min_val = 1.0 : f64, max_val = -1.0 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// nn.Hardtanh requires max_val > min_val: equal bounds are rejected too.
func.func @hardtanh_equal_bounds(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'hnn.hardtanh' op expects min_val < max_val, got 5.000000e-01 and 5.000000e-01}}
  %0 = hnn.hardtanh %x {min_val = 0.5 : f64, max_val = 0.5 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Only max_val is written: it must lie above the default min_val of -1.
func.func @hardtanh_max_below_default_min(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'hnn.hardtanh' op expects min_val < max_val, got -1.000000e+00 and -2.000000e+00}}
  %0 = hnn.hardtanh %x {max_val = -2.0 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// log(1 + e^(beta x)) / beta divides by zero.
func.func @softplus_zero_beta(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'hnn.softplus' op expects beta > 0, got 0.000000e+00}}
  %0 = hnn.softplus %x {beta = 0.0 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// softmax, log_softmax
//===----------------------------------------------------------------------===//

// -----

func.func @softmax_dim_out_of_range(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  // expected-error@+1 {{'hnn.softmax' op dim 2 is out of range for rank 2}}
  %0 = hnn.softmax %x {dim = 2 : i64} : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

func.func @log_softmax_dim_out_of_range(%x: tensor<?x4x10xf32>) -> tensor<?x4x10xf32> {
  // expected-error@+1 {{'hnn.log_softmax' op dim 3 is out of range for rank 3}}
  %0 = hnn.log_softmax %x {dim = 3 : i64} : tensor<?x4x10xf32>
  return %0 : tensor<?x4x10xf32>
}

// -----

func.func @log_softmax_missing_dim(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  // expected-error@+1 {{'hnn.log_softmax' op requires attribute 'dim'}}
  %0 = hnn.log_softmax %x : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}
