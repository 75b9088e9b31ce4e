// The "batch must be >= 1" error prints the value as a number.
// streams the pass option itself into the diagnostic, which prints the value
// as a raw character (a NUL byte for 0) instead of the number. Remove the

// RUN: not hnn-opt %s --hnn-set-batch-size=batch=0 2>&1 | FileCheck %s
// RUN: not hnn-opt %s --hnn-set-batch-size=batch=-3 2>&1 | FileCheck %s --check-prefix=NEG

// CHECK: error: hnn-set-batch-size: batch must be >= 1, got 0{{$}}
// NEG: error: hnn-set-batch-size: batch must be >= 1, got -3{{$}}
func.func @f(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}
