// Errors of hnn-set-batch-size (messages from passes/SetBatchSize.cpp and
// from re-inferring types with the new batch).

// RUN: hnn-opt %s --hnn-set-batch-size=batch=8 -split-input-file -verify-diagnostics

// A batch below 1 is rejected before any function is looked at; the error is
// on the module (no source line, hence FileCheck rather than
// -verify-diagnostics), and nothing is printed.
// RUN: not hnn-opt %s --hnn-set-batch-size=batch=0 --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not hnn-opt %s --hnn-set-batch-size=batch=-3 --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s --check-prefix=BATCH
// The value after "got" is not checked here: it is printed as a raw
// character instead of a number (see set-batch-size-batch-value-xfail.mlir).
// BATCH: error: hnn-set-batch-size: batch must be >= 1, got
// BATCH-NOT: func.func

// A dynamic dimension other than the first one cannot be specialized.
// expected-error@+1 {{argument 1 of type 'tensor<4x?xf32>' has a dynamic dimension other than the batch (dim 0)}}
func.func @dynamic_feature_dim(%x: tensor<?x4xf32>, %y: tensor<4x?xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}

// -----

// Also when the batch itself is dynamic.
// expected-error@+1 {{argument 0 of type 'tensor<?x3x?x?xf32>' has a dynamic dimension other than the batch (dim 0)}}
func.func @dynamic_spatial_dims(%x: tensor<?x3x?x?xf32>) -> tensor<?x3x?x?xf32> {
  %0 = hnn.relu %x : tensor<?x3x?x?xf32>
  return %0 : tensor<?x3x?x?xf32>
}

// -----

// An op outside hnn whose result type depends on the batch.
func.func @tensor_empty(%x: tensor<?x4xf32>, %n: index) -> tensor<?x4xf32> {
  // expected-error@+1 {{hnn-set-batch-size cannot re-infer the result types of this op}}
  %e = tensor.empty(%n) : tensor<?x4xf32>
  %0 = hnn.add %x, %e : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// An op with a region and no type inference.
func.func @execute_region(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error@+1 {{hnn-set-batch-size cannot re-infer the result types of this op}}
  %0 = scf.execute_region -> tensor<?x4xf32> {
    %1 = hnn.relu %x : tensor<?x4xf32>
    scf.yield %1 : tensor<?x4xf32>
  }
  return %0 : tensor<?x4xf32>
}

// -----

// A dynamic batch broadcasts against a static 3 (it may be 1 or 3), but a
// batch of 8 does not: re-inference fails.
func.func @broadcast_against_batch(%x: tensor<?x4xf32>, %y: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'hnn.add' op operand shapes 8x4 and 3x4 do not broadcast}}
  %0 = hnn.add %x, %y : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
