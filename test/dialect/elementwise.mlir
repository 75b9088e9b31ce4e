// Round trip of the elementwise ops. Binary ops broadcast as NumPy/PyTorch
// do (right-aligned, a size-1 dimension stretches); the written result shapes
// are computed by hand and checked against the inferred ones by the verifier.
// Unary ops keep the operand's type.

// RUN: hnn-opt %s | hnn-opt | FileCheck %s
// RUN: hnn-opt %s --mlir-print-op-generic | hnn-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

// Same shapes.
// CHECK-LABEL: func.func @add_same_shape(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[B:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK:         %[[R:.*]] = hnn.add %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK:         return %[[R]] : tensor<2x3xf32>
func.func @add_same_shape(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = hnn.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// ?x1x33 and 17x1: rank extended on the left, both size-1 dims stretch.
// CHECK-LABEL: func.func @sub_broadcast_dynamic(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x1x33xf32>, %[[B:[a-z0-9]+]]: tensor<17x1xf32>)
// CHECK:         %[[R:.*]] = hnn.sub %[[A]], %[[B]] : (tensor<?x1x33xf32>, tensor<17x1xf32>) -> tensor<?x17x33xf32>
// CHECK:         return %[[R]] : tensor<?x17x33xf32>
func.func @sub_broadcast_dynamic(%a: tensor<?x1x33xf32>, %b: tensor<17x1xf32>) -> tensor<?x17x33xf32> {
  %0 = hnn.sub %a, %b : (tensor<?x1x33xf32>, tensor<17x1xf32>) -> tensor<?x17x33xf32>
  return %0 : tensor<?x17x33xf32>
}

// A rank-0 operand broadcasts to anything.
// CHECK-LABEL: func.func @mul_rank0(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<f32>, %[[B:[a-z0-9]+]]: tensor<4x5xf32>)
// CHECK:         %[[R:.*]] = hnn.mul %[[A]], %[[B]] : (tensor<f32>, tensor<4x5xf32>) -> tensor<4x5xf32>
// CHECK:         return %[[R]] : tensor<4x5xf32>
func.func @mul_rank0(%a: tensor<f32>, %b: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %0 = hnn.mul %a, %b : (tensor<f32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// 1 against 3 gives 3; the dynamic batch is kept.
// CHECK-LABEL: func.func @div_dynamic_against_1(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<1xf32>, %[[B:[a-z0-9]+]]: tensor<?x3xf32>)
// CHECK:         %[[R:.*]] = hnn.div %[[A]], %[[B]] : (tensor<1xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
// CHECK:         return %[[R]] : tensor<?x3xf32>
func.func @div_dynamic_against_1(%a: tensor<1xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = hnn.div %a, %b : (tensor<1xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// 3x1x5 and 4x1 give 3x4x5.
// CHECK-LABEL: func.func @pow_f16(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<3x1x5xf16>, %[[B:[a-z0-9]+]]: tensor<4x1xf16>)
// CHECK:         %[[R:.*]] = hnn.pow %[[A]], %[[B]] : (tensor<3x1x5xf16>, tensor<4x1xf16>) -> tensor<3x4x5xf16>
// CHECK:         return %[[R]] : tensor<3x4x5xf16>
func.func @pow_f16(%a: tensor<3x1x5xf16>, %b: tensor<4x1xf16>) -> tensor<3x4x5xf16> {
  %0 = hnn.pow %a, %b : (tensor<3x1x5xf16>, tensor<4x1xf16>) -> tensor<3x4x5xf16>
  return %0 : tensor<3x4x5xf16>
}

// A dynamic size against 1 stays dynamic.
// CHECK-LABEL: func.func @add_dynamic_and_1(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x1xf32>, %[[B:[a-z0-9]+]]: tensor<1x7xf32>)
// CHECK:         %[[R:.*]] = hnn.add %[[A]], %[[B]] : (tensor<?x1xf32>, tensor<1x7xf32>) -> tensor<?x7xf32>
// CHECK:         return %[[R]] : tensor<?x7xf32>
func.func @add_dynamic_and_1(%a: tensor<?x1xf32>, %b: tensor<1x7xf32>) -> tensor<?x7xf32> {
  %0 = hnn.add %a, %b : (tensor<?x1xf32>, tensor<1x7xf32>) -> tensor<?x7xf32>
  return %0 : tensor<?x7xf32>
}

// Dynamic against dynamic.
// CHECK-LABEL: func.func @mul_dynamic_both_bf16(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x17xbf16>, %[[B:[a-z0-9]+]]: tensor<?x17xbf16>)
// CHECK:         %[[R:.*]] = hnn.mul %[[A]], %[[B]] : (tensor<?x17xbf16>, tensor<?x17xbf16>) -> tensor<?x17xbf16>
// CHECK:         return %[[R]] : tensor<?x17xbf16>
func.func @mul_dynamic_both_bf16(%a: tensor<?x17xbf16>, %b: tensor<?x17xbf16>) -> tensor<?x17xbf16> {
  %0 = hnn.mul %a, %b : (tensor<?x17xbf16>, tensor<?x17xbf16>) -> tensor<?x17xbf16>
  return %0 : tensor<?x17xbf16>
}

//===----------------------------------------------------------------------===//
// Unary ops without attributes, chained so each consumes the previous result
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @unary_chain(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x17x33xf32>)
// CHECK-NEXT:    %[[V0:.*]] = hnn.neg %[[X]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V1:.*]] = hnn.exp %[[V0]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V2:.*]] = hnn.log %[[V1]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V3:.*]] = hnn.sqrt %[[V2]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V4:.*]] = hnn.rsqrt %[[V3]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V5:.*]] = hnn.sin %[[V4]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V6:.*]] = hnn.cos %[[V5]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V7:.*]] = hnn.sign %[[V6]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V8:.*]] = hnn.abs %[[V7]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V9:.*]] = hnn.relu %[[V8]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V10:.*]] = hnn.silu %[[V9]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V11:.*]] = hnn.tanh %[[V10]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    %[[V12:.*]] = hnn.sigmoid %[[V11]] : tensor<?x3x17x33xf32>
// CHECK-NEXT:    return %[[V12]] : tensor<?x3x17x33xf32>
func.func @unary_chain(%x: tensor<?x3x17x33xf32>) -> tensor<?x3x17x33xf32> {
  %0 = hnn.neg %x : tensor<?x3x17x33xf32>
  %1 = hnn.exp %0 : tensor<?x3x17x33xf32>
  %2 = hnn.log %1 : tensor<?x3x17x33xf32>
  %3 = hnn.sqrt %2 : tensor<?x3x17x33xf32>
  %4 = hnn.rsqrt %3 : tensor<?x3x17x33xf32>
  %5 = hnn.sin %4 : tensor<?x3x17x33xf32>
  %6 = hnn.cos %5 : tensor<?x3x17x33xf32>
  %7 = hnn.sign %6 : tensor<?x3x17x33xf32>
  %8 = hnn.abs %7 : tensor<?x3x17x33xf32>
  %9 = hnn.relu %8 : tensor<?x3x17x33xf32>
  %10 = hnn.silu %9 : tensor<?x3x17x33xf32>
  %11 = hnn.tanh %10 : tensor<?x3x17x33xf32>
  %12 = hnn.sigmoid %11 : tensor<?x3x17x33xf32>
  return %12 : tensor<?x3x17x33xf32>
}

// Unary ops on rank-0, 1-element, f16 and bf16 tensors.
// CHECK-LABEL: func.func @unary_shapes(
// CHECK:         hnn.relu %{{[a-z0-9]+}} : tensor<f32>
// CHECK:         hnn.exp %{{[a-z0-9]+}} : tensor<1xf16>
// CHECK:         hnn.sigmoid %{{[a-z0-9]+}} : tensor<1x1x1x1xbf16>
func.func @unary_shapes(%a: tensor<f32>, %b: tensor<1xf16>, %c: tensor<1x1x1x1xbf16>) -> (tensor<f32>, tensor<1xf16>, tensor<1x1x1x1xbf16>) {
  %0 = hnn.relu %a : tensor<f32>
  %1 = hnn.exp %b : tensor<1xf16>
  %2 = hnn.sigmoid %c : tensor<1x1x1x1xbf16>
  return %0, %1, %2 : tensor<f32>, tensor<1xf16>, tensor<1x1x1x1xbf16>
}

//===----------------------------------------------------------------------===//
// Unary ops with attributes
//===----------------------------------------------------------------------===//

// clamp: either bound alone, or both.
// CHECK-LABEL: func.func @clamp(
// CHECK:         hnn.clamp %{{[a-z0-9]+}} {min = -2.500000e-01 : f64} : tensor<?x17xf32>
// CHECK:         hnn.clamp %{{[a-z0-9]+}} {max = 6.000000e+00 : f64} : tensor<?x17xf32>
// CHECK:         hnn.clamp %{{[a-z0-9]+}} {max = 3.000000e+00 : f64, min = -3.000000e+00 : f64} : tensor<?x17xf32>
func.func @clamp(%x: tensor<?x17xf32>) -> tensor<?x17xf32> {
  %0 = hnn.clamp %x {min = -0.25} : tensor<?x17xf32>
  %1 = hnn.clamp %0 {max = 6.0} : tensor<?x17xf32>
  %2 = hnn.clamp %1 {min = -3.0, max = 3.0} : tensor<?x17xf32>
  return %2 : tensor<?x17xf32>
}

// Defaults written explicitly are elided; non-defaults are printed.
// CHECK-LABEL: func.func @hardtanh(
// CHECK:         %[[D:.*]] = hnn.hardtanh %{{[a-z0-9]+}} : tensor<3x33xf32>
// CHECK:         %[[E:.*]] = hnn.hardtanh %[[D]] : tensor<3x33xf32>
// CHECK:         hnn.hardtanh %[[E]] {max_val = 6.000000e+00 : f64, min_val = 0.000000e+00 : f64} : tensor<3x33xf32>
func.func @hardtanh(%x: tensor<3x33xf32>) -> tensor<3x33xf32> {
  %0 = hnn.hardtanh %x : tensor<3x33xf32>
  %1 = hnn.hardtanh %0 {min_val = -1.0, max_val = 1.0} : tensor<3x33xf32>
  %2 = hnn.hardtanh %1 {min_val = 0.0, max_val = 6.0} : tensor<3x33xf32>
  return %2 : tensor<3x33xf32>
}

// CHECK-LABEL: func.func @elu(
// CHECK:         %[[D:.*]] = hnn.elu %{{[a-z0-9]+}} : tensor<?x5xf32>
// CHECK:         hnn.elu %[[D]] {alpha = 5.000000e-01 : f64} : tensor<?x5xf32>
func.func @elu(%x: tensor<?x5xf32>) -> tensor<?x5xf32> {
  %0 = hnn.elu %x : tensor<?x5xf32>
  %1 = hnn.elu %0 {alpha = 0.5} : tensor<?x5xf32>
  return %1 : tensor<?x5xf32>
}

// CHECK-LABEL: func.func @softplus(
// CHECK:         %[[D:.*]] = hnn.softplus %{{[a-z0-9]+}} : tensor<7xf16>
// CHECK:         %[[E:.*]] = hnn.softplus %[[D]] {beta = 2.000000e+00 : f64} : tensor<7xf16>
// CHECK:         hnn.softplus %[[E]] {beta = 5.000000e-01 : f64, threshold = 1.000000e+01 : f64} : tensor<7xf16>
func.func @softplus(%x: tensor<7xf16>) -> tensor<7xf16> {
  %0 = hnn.softplus %x {beta = 1.0, threshold = 20.0} : tensor<7xf16>
  %1 = hnn.softplus %0 {beta = 2.0} : tensor<7xf16>
  %2 = hnn.softplus %1 {beta = 0.5, threshold = 10.0} : tensor<7xf16>
  return %2 : tensor<7xf16>
}

// CHECK-LABEL: func.func @gelu(
// CHECK:         %[[D:.*]] = hnn.gelu %{{[a-z0-9]+}} : tensor<?x17x33xf32>
// CHECK:         %[[E:.*]] = hnn.gelu %[[D]] : tensor<?x17x33xf32>
// CHECK:         hnn.gelu %[[E]] {approximate = #hnn<gelu_approximation tanh>} : tensor<?x17x33xf32>
func.func @gelu(%x: tensor<?x17x33xf32>) -> tensor<?x17x33xf32> {
  %0 = hnn.gelu %x : tensor<?x17x33xf32>
  %1 = hnn.gelu %0 {approximate = #hnn<gelu_approximation none>} : tensor<?x17x33xf32>
  %2 = hnn.gelu %1 {approximate = #hnn<gelu_approximation tanh>} : tensor<?x17x33xf32>
  return %2 : tensor<?x17x33xf32>
}
