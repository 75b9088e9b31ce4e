// hnn-hoist-accumulators: a read/write pair of one location in a loop body
// becomes a loop-carried vector, when nothing else in the loop touches
// those elements.
// RUN: hnn-opt %s --pass-pipeline='builtin.module(func.func(hnn-hoist-accumulators))' -split-input-file | FileCheck %s

// The register tile of a matmul: the accumulator buffer also has a view
// elsewhere (a remainder tile), which stops upstream's hoisting but not this.
// CHECK-LABEL: func.func @accumulator(
// CHECK:         %[[INIT:.*]] = vector.transfer_read %[[C:.*]][%{{.*}}, %{{.*}}]
// CHECK:         %[[SUM:.*]] = scf.for {{.*}} iter_args(%[[ACC:.*]] = %[[INIT]]) -> (vector<8x32xf32>)
// CHECK-NOT:       vector.transfer_write
// CHECK:           vector.fma {{.*}}, %{{.*}}, %[[ACC]]
// CHECK:         vector.transfer_write %[[SUM]], %[[C]]
// CHECK:         memref.subview %[[C]]
func.func @accumulator(%a: memref<?x64xf32>, %b: memref<64x32xf32>, %c: memref<?x32xf32>, %i: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %f0 = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%i, %k], %f0 {in_bounds = [true]} : memref<?x64xf32>, vector<8xf32>
    %y = vector.transfer_read %b[%k, %c0], %f0 {in_bounds = [true]} : memref<64x32xf32>, vector<32xf32>
    %acc = vector.transfer_read %c[%i, %c0], %f0 {in_bounds = [true, true]} : memref<?x32xf32>, vector<8x32xf32>
    %xb = vector.broadcast %y : vector<32xf32> to vector<8x32xf32>
    %xt = vector.broadcast %x : vector<8xf32> to vector<32x8xf32>
    %xs = vector.transpose %xt, [1, 0] : vector<32x8xf32> to vector<8x32xf32>
    %r = vector.fma %xs, %xb, %acc : vector<8x32xf32>
    vector.transfer_write %r, %c[%i, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<?x32xf32>
  }
  %rest = memref.subview %c[0, 0] [1, 32] [1, 1] : memref<?x32xf32> to memref<1x32xf32, strided<[32, 1]>>
  linalg.fill ins(%f0 : f32) outs(%rest : memref<1x32xf32, strided<[32, 1]>>)
  return
}

// -----

// Another write to the same buffer that may overlap: the pair stays.
// CHECK-LABEL: func.func @overlapping_write(
// CHECK:         scf.for
// CHECK:           vector.transfer_read %{{.*}}[%{{.*}}, %[[Z:.*]]]
// CHECK:           vector.transfer_write
// CHECK:           vector.transfer_write
// CHECK:         }
func.func @overlapping_write(%c: memref<?x32xf32>, %i: index, %j: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %f0 = arith.constant 0.0 : f32
  %one = arith.constant dense<1.0> : vector<32xf32>
  scf.for %k = %c0 to %c64 step %c1 {
    %acc = vector.transfer_read %c[%i, %c0], %f0 {in_bounds = [true]} : memref<?x32xf32>, vector<32xf32>
    %r = arith.addf %acc, %one : vector<32xf32>
    vector.transfer_write %r, %c[%i, %c0] {in_bounds = [true]} : vector<32xf32>, memref<?x32xf32>
    vector.transfer_write %one, %c[%j, %c0] {in_bounds = [true]} : vector<32xf32>, memref<?x32xf32>
  }
  return
}

// -----

// A read through a view of the same buffer, inside the loop: it could see
// the accumulator, so the pair stays.
// CHECK-LABEL: func.func @aliasing_read(
// CHECK:         scf.for
// CHECK:           vector.transfer_read
// CHECK:           vector.transfer_read
// CHECK:           vector.transfer_write
// CHECK:         }
func.func @aliasing_read(%c: memref<?x32xf32>, %out: memref<64x32xf32>, %i: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %f0 = arith.constant 0.0 : f32
  %view = memref.subview %c[0, 0] [4, 32] [1, 1] : memref<?x32xf32> to memref<4x32xf32, strided<[32, 1]>>
  scf.for %k = %c0 to %c64 step %c1 {
    %acc = vector.transfer_read %c[%i, %c0], %f0 {in_bounds = [true]} : memref<?x32xf32>, vector<32xf32>
    %peek = vector.transfer_read %view[%c0, %c0], %f0 {in_bounds = [true]} : memref<4x32xf32, strided<[32, 1]>>, vector<32xf32>
    %r = arith.addf %acc, %peek : vector<32xf32>
    vector.transfer_write %r, %c[%i, %c0] {in_bounds = [true]} : vector<32xf32>, memref<?x32xf32>
  }
  return
}

// -----

// Indices that change with the loop: nothing to hoist.
// CHECK-LABEL: func.func @moving(
// CHECK:         scf.for
// CHECK:           vector.transfer_read
// CHECK:           vector.transfer_write
// CHECK:         }
func.func @moving(%c: memref<64x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %f0 = arith.constant 0.0 : f32
  %one = arith.constant dense<1.0> : vector<32xf32>
  scf.for %k = %c0 to %c64 step %c1 {
    %acc = vector.transfer_read %c[%k, %c0], %f0 {in_bounds = [true]} : memref<64x32xf32>, vector<32xf32>
    %r = arith.addf %acc, %one : vector<32xf32>
    vector.transfer_write %r, %c[%k, %c0] {in_bounds = [true]} : vector<32xf32>, memref<64x32xf32>
  }
  return
}
