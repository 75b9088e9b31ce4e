// Ops whose adjoint hnn ops cannot express fail with a diagnostic.
// RUN: hnn-opt %s --hnn-autodiff --split-input-file --verify-diagnostics

// flatten merging the dynamic batch: hnn.reshape cannot split it again.
func.func @flatten_batch(%x: tensor<?x3x4xf32>) -> tensor<?xf32> {
  // expected-error @below {{has no gradient rule from 'tensor<?xf32>' back to 'tensor<?x3x4xf32>'}}
  %0 = hnn.flatten %x {start_dim = 0 : i64} : tensor<?x3x4xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// concat along the dynamic batch: hnn.slice cannot cut it.
func.func @concat_batch(%a: tensor<?x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @below {{has no gradient rule for joining along dynamic dimension 0}}
  %0 = hnn.concat %a, %b {dim = 0 : i64} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
