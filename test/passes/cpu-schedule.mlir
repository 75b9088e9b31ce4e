// The CPU schedule turns a static matmul into 8x32 register tiles of vector
// FMAs with the accumulators held across the reduction loop. With a dynamic
// batch the row loop is peeled: full 8-row tiles still vectorize, the
// remainder rows are scalar.
// RUN: hnn-opt %s --hnn-cpu-pipeline -split-input-file | FileCheck %s

// CHECK-LABEL: llvm.func @static_matmul
// The outer tiles run on OpenMP threads.
// CHECK: omp.parallel
// CHECK: omp.wsloop
// The reduction loop carries the 8 accumulator rows of 32 lanes.
// CHECK: ^bb{{[0-9]+}}(%{{.*}}: i64, %{{.*}}: !llvm.array<8 x vector<32xf32>>)
// CHECK-COUNT-8: llvm.intr.fmuladd(%{{.*}}, %{{.*}}, %{{.*}}) : (vector<32xf32>, vector<32xf32>, vector<32xf32>) -> vector<32xf32>
func.func @static_matmul(%a: tensor<128x256xf32>, %b: tensor<256x512xf32>) -> tensor<128x512xf32> {
  %0 = hnn.matmul %a, %b : (tensor<128x256xf32>, tensor<256x512xf32>) -> tensor<128x512xf32>
  return %0 : tensor<128x512xf32>
}

// -----

// CHECK-LABEL: llvm.func @dynamic_batch_matmul
// CHECK: omp.parallel
// CHECK-COUNT-8: llvm.intr.fmuladd(%{{.*}}, %{{.*}}, %{{.*}}) : (vector<32xf32>, vector<32xf32>, vector<32xf32>) -> vector<32xf32>
// The remainder rows:
// CHECK: llvm.fmul %{{.*}}, %{{.*}} : f32
// CHECK: llvm.fadd %{{.*}}, %{{.*}} : f32
// CHECK: llvm.return
func.func @dynamic_batch_matmul(%a: tensor<?x256xf32>, %b: tensor<256x64xf32>) -> tensor<?x64xf32> {
  %0 = hnn.matmul %a, %b : (tensor<?x256xf32>, tensor<256x64xf32>) -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// -----

// KAN basis evaluation: the rows run on OpenMP threads and every feature's
// bases are computed as one vector (here 8 lanes: G = 5, k = 3), the
// Cox-de Boor blends as vector selects and divisions.
// CHECK-LABEL: llvm.func @kan_basis
// CHECK: omp.parallel
// CHECK: llvm.fcmp "oge" %{{.*}}, %{{.*}} : vector<8xf32>
// CHECK: llvm.fdiv %{{.*}}, %{{.*}} : vector<8xf32>
func.func @kan_basis(%x: tensor<?x4xf32>, %grid: tensor<4x12xf32>) -> tensor<?x4x8xf32> {
  %0 = hnn.bspline_basis %x, %grid {order = 3} : (tensor<?x4xf32>, tensor<4x12xf32>) -> tensor<?x4x8xf32>
  return %0 : tensor<?x4x8xf32>
}
