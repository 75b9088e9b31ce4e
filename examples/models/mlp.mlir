// A two-layer perceptron for 28x28 images (Fashion-MNIST shaped): the
// parameters are function arguments named as in a PyTorch state_dict.
func.func @forward(
    %x: tensor<?x784xf32>,
    %w1: tensor<64x784xf32> {hnn.param = #hnn.param<"fc1.weight", trainable>},
    %b1: tensor<64xf32> {hnn.param = #hnn.param<"fc1.bias", trainable>},
    %w2: tensor<10x64xf32> {hnn.param = #hnn.param<"fc2.weight", trainable>},
    %b2: tensor<10xf32> {hnn.param = #hnn.param<"fc2.bias", trainable>})
    -> tensor<?x10xf32> {
  %h = hnn.linear %x, %w1, %b1 : (tensor<?x784xf32>, tensor<64x784xf32>, tensor<64xf32>) -> tensor<?x64xf32>
  %a = hnn.relu %h : tensor<?x64xf32>
  %y = hnn.linear %a, %w2, %b2 : (tensor<?x64xf32>, tensor<10x64xf32>, tensor<10xf32>) -> tensor<?x10xf32>
  %p = hnn.softmax %y {dim = 1} : tensor<?x10xf32>
  return %p : tensor<?x10xf32>
}
