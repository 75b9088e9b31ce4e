//===- Passes.td - every hnn pass ---------------------------*- tablegen -*-===//
#ifndef HNN_PASSES_TD
#define HNN_PASSES_TD

include "mlir/Pass/PassBase.td"

def HNNSetBatchSize : Pass<"hnn-set-batch-size", "::mlir::ModuleOp"> {
  let summary = "Fixes the dynamic batch dimension of every function to a size";
  let description = [{
    Models are written with a dynamic batch (`tensor<?x784xf32>`); kernels are
    fastest when it is known. This pass gives every function argument whose
    leading dimension is dynamic the size `batch`, then re-infers the result
    types of the function body in order and updates the function signature.

    A dynamic dimension anywhere but first, or an op outside the hnn dialect
    whose types depend on the batch, is reported and the pass fails.

    ```mlir
    // hnn-opt --hnn-set-batch-size=batch=8
    func.func @f(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
      %0 = hnn.relu %x : tensor<?x4xf32>
      return %0 : tensor<?x4xf32>
    }
    // becomes the same function over tensor<8x4xf32>
    ```
  }];
  let options = [
    Option<"batch", "batch", "int64_t", /*default=*/"1",
           "the batch size to substitute (>= 1)">,
  ];
  let dependentDialects = ["::mlir::hnn::HNNDialect"];
}

#endif // HNN_PASSES_TD
