// Round trip of linear, matmul and batch_matmul; the written result types
// (computed by hand) are checked against the inferred ones by the verifier.
//   linear:       ... x K  with weight N x K  ->  ... x N
//   matmul:       M x K  times  K x N  ->  M x N
//   batch_matmul: B... x M x K  times  B... x K x N  ->  B... x M x N

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

// CHECK-LABEL: func.func @linear_bias(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x784xf32>, %[[W:[a-z0-9]+]]: tensor<10x784xf32>, %[[B:[a-z0-9]+]]: tensor<10xf32>)
// CHECK:         %[[R:.*]] = hnn.linear %[[X]], %[[W]], %[[B]] : (tensor<?x784xf32>, tensor<10x784xf32>, tensor<10xf32>) -> tensor<?x10xf32>
// CHECK:         return %[[R]] : tensor<?x10xf32>
func.func @linear_bias(%x: tensor<?x784xf32>, %w: tensor<10x784xf32>, %b: tensor<10xf32>) -> tensor<?x10xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x784xf32>, tensor<10x784xf32>, tensor<10xf32>) -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// Several leading dimensions, one output feature, no bias.
// CHECK-LABEL: func.func @linear_3d_no_bias(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x17x33xf32>, %[[W:[a-z0-9]+]]: tensor<1x33xf32>)
// CHECK:         hnn.linear %[[X]], %[[W]] : (tensor<2x17x33xf32>, tensor<1x33xf32>) -> tensor<2x17x1xf32>
func.func @linear_3d_no_bias(%x: tensor<2x17x33xf32>, %w: tensor<1x33xf32>) -> tensor<2x17x1xf32> {
  %0 = hnn.linear %x, %w : (tensor<2x17x33xf32>, tensor<1x33xf32>) -> tensor<2x17x1xf32>
  return %0 : tensor<2x17x1xf32>
}

// A 1-D input gives a 1-D result (torch.nn.functional.linear on a vector).
// CHECK-LABEL: func.func @linear_1d_f16(
// CHECK:         hnn.linear %{{[a-z0-9]+}}, %{{[a-z0-9]+}}, %{{[a-z0-9]+}} : (tensor<3xf16>, tensor<5x3xf16>, tensor<5xf16>) -> tensor<5xf16>
func.func @linear_1d_f16(%x: tensor<3xf16>, %w: tensor<5x3xf16>, %b: tensor<5xf16>) -> tensor<5xf16> {
  %0 = hnn.linear %x, %w, %b : (tensor<3xf16>, tensor<5x3xf16>, tensor<5xf16>) -> tensor<5xf16>
  return %0 : tensor<5xf16>
}

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<17x33xf32>, %[[B:[a-z0-9]+]]: tensor<33x1xf32>)
// CHECK:         %[[R:.*]] = hnn.matmul %[[A]], %[[B]] : (tensor<17x33xf32>, tensor<33x1xf32>) -> tensor<17x1xf32>
// CHECK:         return %[[R]] : tensor<17x1xf32>
func.func @matmul(%a: tensor<17x33xf32>, %b: tensor<33x1xf32>) -> tensor<17x1xf32> {
  %0 = hnn.matmul %a, %b : (tensor<17x33xf32>, tensor<33x1xf32>) -> tensor<17x1xf32>
  return %0 : tensor<17x1xf32>
}

// CHECK-LABEL: func.func @matmul_dynamic_rows_bf16(
// CHECK:         hnn.matmul %{{[a-z0-9]+}}, %{{[a-z0-9]+}} : (tensor<?x1xbf16>, tensor<1x3xbf16>) -> tensor<?x3xbf16>
func.func @matmul_dynamic_rows_bf16(%a: tensor<?x1xbf16>, %b: tensor<1x3xbf16>) -> tensor<?x3xbf16> {
  %0 = hnn.matmul %a, %b : (tensor<?x1xbf16>, tensor<1x3xbf16>) -> tensor<?x3xbf16>
  return %0 : tensor<?x3xbf16>
}

// CHECK-LABEL: func.func @batch_matmul(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<3x17x5xf32>, %[[B:[a-z0-9]+]]: tensor<3x5x33xf32>)
// CHECK:         %[[R:.*]] = hnn.batch_matmul %[[A]], %[[B]] : (tensor<3x17x5xf32>, tensor<3x5x33xf32>) -> tensor<3x17x33xf32>
// CHECK:         return %[[R]] : tensor<3x17x33xf32>
func.func @batch_matmul(%a: tensor<3x17x5xf32>, %b: tensor<3x5x33xf32>) -> tensor<3x17x33xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<3x17x5xf32>, tensor<3x5x33xf32>) -> tensor<3x17x33xf32>
  return %0 : tensor<3x17x33xf32>
}

// Rank 4 with a dynamic leading batch dimension on both sides.
// CHECK-LABEL: func.func @batch_matmul_rank4_dynamic(
// CHECK:         hnn.batch_matmul %{{[a-z0-9]+}}, %{{[a-z0-9]+}} : (tensor<?x2x3x4xf32>, tensor<?x2x4x1xf32>) -> tensor<?x2x3x1xf32>
func.func @batch_matmul_rank4_dynamic(%a: tensor<?x2x3x4xf32>, %b: tensor<?x2x4x1xf32>) -> tensor<?x2x3x1xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<?x2x3x4xf32>, tensor<?x2x4x1xf32>) -> tensor<?x2x3x1xf32>
  return %0 : tensor<?x2x3x1xf32>
}
