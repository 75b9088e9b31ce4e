// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of linear, matmul and batch_matmul (HNNOps.cpp), and the
// element-type check they share (checkSameElementType).

func.func @matmul_integer_operand(%a: tensor<2x3xi32>, %b: tensor<3x4xi32>) -> tensor<2x4xi32> {
  // expected-error@+1 {{'hnn.matmul' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<2x3xi32>'}}
  %0 = hnn.matmul %a, %b : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

//===----------------------------------------------------------------------===//
// linear
//===----------------------------------------------------------------------===//

// -----

func.func @linear_weight_element_type(%x: tensor<2x3xf32>, %w: tensor<4x3xf16>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.linear' op expects 'weight' to have the element type of 'input' (f32), got f16}}
  // expected-error@+1 {{'hnn.linear' op failed to infer returned types}}
  %0 = hnn.linear %x, %w : (tensor<2x3xf32>, tensor<4x3xf16>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_bias_element_type(%x: tensor<2x3xbf16>, %w: tensor<4x3xbf16>, %b: tensor<4xf32>) -> tensor<2x4xbf16> {
  // expected-error@+2 {{'hnn.linear' op expects 'bias' to have the element type of 'input' (bf16), got f32}}
  // expected-error@+1 {{'hnn.linear' op failed to infer returned types}}
  %0 = hnn.linear %x, %w, %b : (tensor<2x3xbf16>, tensor<4x3xbf16>, tensor<4xf32>) -> tensor<2x4xbf16>
  return %0 : tensor<2x4xbf16>
}

// -----

func.func @linear_rank0_input(%x: tensor<f32>, %w: tensor<4x1xf32>) -> tensor<4xf32> {
  // expected-error@+2 {{'hnn.linear' op expects an input of rank >= 1}}
  // expected-error@+1 {{'hnn.linear' op failed to infer returned types}}
  %0 = hnn.linear %x, %w : (tensor<f32>, tensor<4x1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @linear_weight_rank3(%x: tensor<2x3xf32>, %w: tensor<1x4x3xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.linear' op expects a weight of rank 2 (out_features x in_features), got rank 3}}
  // expected-error@+1 {{'hnn.linear' op failed to infer returned types}}
  %0 = hnn.linear %x, %w : (tensor<2x3xf32>, tensor<1x4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_in_features_mismatch(%x: tensor<?x8x5xf32>, %w: tensor<4x3xf32>) -> tensor<?x8x4xf32> {
  // expected-error@+2 {{'hnn.linear' op input has 5 features but the weight expects 3}}
  // expected-error@+1 {{'hnn.linear' op failed to infer returned types}}
  %0 = hnn.linear %x, %w : (tensor<?x8x5xf32>, tensor<4x3xf32>) -> tensor<?x8x4xf32>
  return %0 : tensor<?x8x4xf32>
}

// -----

func.func @linear_bias_size_mismatch(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %b: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.linear' op expects a bias of shape 4, got 3}}
  // expected-error@+1 {{'hnn.linear' op failed to infer returned types}}
  %0 = hnn.linear %x, %w, %b : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// A bias must be 1-D (torch's addmm would not broadcast this one either).
func.func @linear_bias_rank2(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.linear' op expects a bias of shape 4, got 3x4}}
  // expected-error@+1 {{'hnn.linear' op failed to infer returned types}}
  %0 = hnn.linear %x, %w, %b : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_rhs_element_type(%a: tensor<2x3xf32>, %b: tensor<3x4xf16>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.matmul' op expects 'rhs' to have the element type of 'lhs' (f32), got f16}}
  // expected-error@+1 {{'hnn.matmul' op failed to infer returned types}}
  %0 = hnn.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf16>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// matmul is torch.mm: no batch dimensions (batch_matmul has them).
func.func @matmul_rank3_lhs(%a: tensor<5x2x3xf32>, %b: tensor<3x4xf32>) -> tensor<5x2x4xf32> {
  // expected-error@+2 {{'hnn.matmul' op expects operands of rank 2, got ranks 3 and 2}}
  // expected-error@+1 {{'hnn.matmul' op failed to infer returned types}}
  %0 = hnn.matmul %a, %b : (tensor<5x2x3xf32>, tensor<3x4xf32>) -> tensor<5x2x4xf32>
  return %0 : tensor<5x2x4xf32>
}

// -----

func.func @matmul_rank1_rhs(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {
  // expected-error@+2 {{'hnn.matmul' op expects operands of rank 2, got ranks 2 and 1}}
  // expected-error@+1 {{'hnn.matmul' op failed to infer returned types}}
  %0 = hnn.matmul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @matmul_contraction_mismatch(%a: tensor<?x3xf32>, %b: tensor<4x5xf32>) -> tensor<?x5xf32> {
  // expected-error@+2 {{'hnn.matmul' op contraction sizes differ: lhs ?x3 has 3 columns, rhs 4x5 has 4 rows}}
  // expected-error@+1 {{'hnn.matmul' op failed to infer returned types}}
  %0 = hnn.matmul %a, %b : (tensor<?x3xf32>, tensor<4x5xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

//===----------------------------------------------------------------------===//
// batch_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @batch_matmul_rhs_element_type(%a: tensor<2x2x3xbf16>, %b: tensor<2x3x4xf32>) -> tensor<2x2x4xbf16> {
  // expected-error@+2 {{'hnn.batch_matmul' op expects 'rhs' to have the element type of 'lhs' (bf16), got f32}}
  // expected-error@+1 {{'hnn.batch_matmul' op failed to infer returned types}}
  %0 = hnn.batch_matmul %a, %b : (tensor<2x2x3xbf16>, tensor<2x3x4xf32>) -> tensor<2x2x4xbf16>
  return %0 : tensor<2x2x4xbf16>
}

// -----

func.func @batch_matmul_rank2(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+2 {{'hnn.batch_matmul' op expects operands of one rank >= 3, got ranks 2 and 2}}
  // expected-error@+1 {{'hnn.batch_matmul' op failed to infer returned types}}
  %0 = hnn.batch_matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// No broadcasting of batch dimensions: the ranks must agree.
func.func @batch_matmul_rank_mismatch(%a: tensor<2x2x3xf32>, %b: tensor<5x2x3x4xf32>) -> tensor<5x2x2x4xf32> {
  // expected-error@+2 {{'hnn.batch_matmul' op expects operands of one rank >= 3, got ranks 3 and 4}}
  // expected-error@+1 {{'hnn.batch_matmul' op failed to infer returned types}}
  %0 = hnn.batch_matmul %a, %b : (tensor<2x2x3xf32>, tensor<5x2x3x4xf32>) -> tensor<5x2x2x4xf32>
  return %0 : tensor<5x2x2x4xf32>
}

// -----

func.func @batch_matmul_batch_mismatch(%a: tensor<2x2x3xf32>, %b: tensor<4x3x5xf32>) -> tensor<2x2x5xf32> {
  // expected-error@+2 {{'hnn.batch_matmul' op batch dimensions differ: 2x2x3 and 4x3x5}}
  // expected-error@+1 {{'hnn.batch_matmul' op failed to infer returned types}}
  %0 = hnn.batch_matmul %a, %b : (tensor<2x2x3xf32>, tensor<4x3x5xf32>) -> tensor<2x2x5xf32>
  return %0 : tensor<2x2x5xf32>
}

// -----

// The second of two batch dimensions differs.
func.func @batch_matmul_inner_batch_mismatch(%a: tensor<?x8x2x3xf32>, %b: tensor<?x4x3x5xf32>) -> tensor<?x8x2x5xf32> {
  // expected-error@+2 {{'hnn.batch_matmul' op batch dimensions differ: ?x8x2x3 and ?x4x3x5}}
  // expected-error@+1 {{'hnn.batch_matmul' op failed to infer returned types}}
  %0 = hnn.batch_matmul %a, %b : (tensor<?x8x2x3xf32>, tensor<?x4x3x5xf32>) -> tensor<?x8x2x5xf32>
  return %0 : tensor<?x8x2x5xf32>
}

// -----

func.func @batch_matmul_contraction_mismatch(%a: tensor<?x2x3xf32>, %b: tensor<?x4x5xf32>) -> tensor<?x2x5xf32> {
  // expected-error@+2 {{'hnn.batch_matmul' op contraction sizes differ: lhs ?x2x3 has 3 columns, rhs ?x4x5 has 4 rows}}
  // expected-error@+1 {{'hnn.batch_matmul' op failed to infer returned types}}
  %0 = hnn.batch_matmul %a, %b : (tensor<?x2x3xf32>, tensor<?x4x5xf32>) -> tensor<?x2x5xf32>
  return %0 : tensor<?x2x5xf32>
}
