// Every op the CPU pipeline cannot compile is reported, all at once.
// RUN: hnn-opt %s --hnn-check-lowerable --allow-unregistered-dialect -split-input-file -verify-diagnostics

// expected-error@+1 {{argument 0 has type 'tensor<4x?xf32>', dynamic in dimension 1; only the batch (dimension 0) may be dynamic}}
func.func @dynamic_feature_dim(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  // expected-error@+1 {{result 0 has type 'tensor<4x?xf32>', dynamic in dimension 1; only the batch (dimension 0) may be dynamic}}
  %0 = hnn.relu %x : tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

func.func @foreign_ops(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error@+1 {{'foo.bar' cannot be compiled: the pipeline lowers only the hnn, func, arith, math, tensor, linalg and scf dialects}}
  %0 = "foo.bar"(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %1 = hnn.relu %0 : tensor<?x4xf32>
  // expected-error@+1 {{'memref.alloc' cannot be compiled: the pipeline lowers only the hnn, func, arith, math, tensor, linalg and scf dialects}}
  %2 = memref.alloc() : memref<3xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Nothing to report: a dynamic batch is fine.
func.func @fine(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = hnn.relu %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A returned size that is not the batch would be mis-sized by the runtime.
func.func @merged_batch(%x: tensor<?x3x4xf32>, %y: tensor<?x5xf32>) -> (tensor<?xf32>, tensor<?x5xf32>, tensor<?x5xf32>) {
  %0 = hnn.flatten %x {start_dim = 0 : i64} : tensor<?x3x4xf32> -> tensor<?xf32>
  %1 = hnn.relu %0 : tensor<?xf32>
  %2 = hnn.concat %y, %y {dim = 0 : i64} : (tensor<?x5xf32>, tensor<?x5xf32>) -> tensor<?x5xf32>
  // A batch-sized value is fine, and so is a merged one that is reduced away.
  %3 = hnn.relu %y : tensor<?x5xf32>
  // expected-error@+2 {{result 0 has a dynamic size that is not the batch (the batch is concatenated or merged with other dimensions); fix the batch at compile time (hnnc --batch=N)}}
  // expected-error@+1 {{result 1 has a dynamic size that is not the batch (the batch is concatenated or merged with other dimensions); fix the batch at compile time (hnnc --batch=N)}}
  return %1, %2, %3 : tensor<?xf32>, tensor<?x5xf32>, tensor<?x5xf32>
}
