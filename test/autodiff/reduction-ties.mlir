// reduce_max at ties: the adjoint is split evenly between the maxima (as
// torch.amax; F.max_pool2d and torch.max with an index give it all to one).
// The gradient entry runs on a fixed input against expected outputs
// (data/make_reduction_inputs.py).
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run run %t.so --entry max_ties_grad --golden %S/data/max_ties

func.func @max_ties(%x: tensor<3x4xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %0 = hnn.reduce_max %x {dims = array<i64: -1>} : tensor<3x4xf32> -> tensor<3xf32>
  %1 = hnn.reduce_max %x {dims = array<i64: 0, 1>} : tensor<3x4xf32> -> tensor<f32>
  return %0, %1 : tensor<3xf32>, tensor<f32>
}
