// A reshape whose static dimensions hold zero elements: the dynamic size
// stands for the batch, so with batch = 8 the result is 8x0x5 (once a
// division by zero in the pass).
// reshapeResult, passes/SetBatchSize.cpp) on a reshape whose static
// dimensions hold zero elements: the dynamic size is computed as
// numElements / (product of the static result dims) = 0 / 0. The verifier
// accepts the reshape (0 static elements on both sides, one dynamic dim each);
// the dynamic dimension stands for the batch, so with batch = 8 the result is

// RUN: hnn-opt %s --hnn-set-batch-size=batch=8 | FileCheck %s

// CHECK-LABEL: func.func @zero_size(
// CHECK-SAME:    %{{[a-z0-9]+}}: tensor<8x0xf32>) -> tensor<8x0x5xf32>
// CHECK:         hnn.reshape %{{[a-z0-9]+}} : tensor<8x0xf32> -> tensor<8x0x5xf32>
func.func @zero_size(%x: tensor<?x0xf32>) -> tensor<?x0x5xf32> {
  %0 = hnn.reshape %x : tensor<?x0xf32> -> tensor<?x0x5xf32>
  return %0 : tensor<?x0x5xf32>
}
