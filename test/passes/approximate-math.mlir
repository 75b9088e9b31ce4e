// hnn-approximate-math: exp, expm1, tanh, log, log1p, log2 and erf on f32
// (scalars or vectors) become inline polynomials; other types and other
// functions stay libm calls.
// RUN: hnn-opt %s --pass-pipeline='builtin.module(func.func(hnn-approximate-math))' | FileCheck %s

// CHECK-LABEL: func.func @f32(
// CHECK-NOT:     math.exp
// CHECK-NOT:     math.tanh
// CHECK-NOT:     math.log
// CHECK-NOT:     math.erf
// CHECK:         return
func.func @f32(%x: f32, %v: vector<16xf32>) -> (f32, f32, f32, vector<16xf32>, vector<16xf32>) {
  %0 = math.exp %x : f32
  %1 = math.tanh %x : f32
  %2 = math.log1p %x : f32
  %3 = math.erf %v : vector<16xf32>
  %4 = math.log %v : vector<16xf32>
  return %0, %1, %2, %3, %4 : f32, f32, f32, vector<16xf32>, vector<16xf32>
}

// CHECK-LABEL: func.func @kept(
// CHECK:         math.exp %{{.*}} : f64
// CHECK:         math.sin %{{.*}} : f32
func.func @kept(%x: f64, %y: f32) -> (f64, f32) {
  %0 = math.exp %x : f64
  %1 = math.sin %y : f32
  return %0, %1 : f64, f32
}
