// A Fashion-MNIST classifier: logits and the per-sample cross-entropy for
// images [batch, 784] and labels [batch]. Its weights come from a PyTorch
// nn.Sequential, whose state_dict names ("0.weight", ...) a name map renames.
func.func @classify(%x: tensor<?x784xf32>, %labels: tensor<?xi64>,
    %w1: tensor<8x784xf32> {hnn.param = #hnn.param<"fc1.weight", trainable>},
    %b1: tensor<8xf32> {hnn.param = #hnn.param<"fc1.bias", trainable>},
    %w2: tensor<10x8xf32> {hnn.param = #hnn.param<"fc2.weight", trainable>},
    %b2: tensor<10xf32> {hnn.param = #hnn.param<"fc2.bias", trainable>})
    -> (tensor<?x10xf32>, tensor<?xf32>) {
  %h = hnn.linear %x, %w1, %b1 : (tensor<?x784xf32>, tensor<8x784xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %a = hnn.relu %h : tensor<?x8xf32>
  %y = hnn.linear %a, %w2, %b2 : (tensor<?x8xf32>, tensor<10x8xf32>, tensor<10xf32>) -> tensor<?x10xf32>
  %l = hnn.cross_entropy %y, %labels {reduction = #hnn<reduction none>} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<?xf32>
  return %y, %l : tensor<?x10xf32>, tensor<?xf32>
}
