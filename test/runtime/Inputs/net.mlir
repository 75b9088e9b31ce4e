// A small network with every parameter kind, named as in a PyTorch
// state_dict: y = fc2(relu((fc1(x) - norm.running_mean) * norm.scale)).
func.func @net(%x: tensor<?x12xf32>,
    %w1: tensor<6x12xf32> {hnn.param = #hnn.param<"fc1.weight", trainable>},
    %b1: tensor<6xf32> {hnn.param = #hnn.param<"fc1.bias", trainable>},
    %mean: tensor<6xf32> {hnn.param = #hnn.param<"norm.running_mean", state>},
    %scale: tensor<6xf32> {hnn.param = #hnn.param<"norm.scale", frozen>},
    %w2: tensor<3x6xf32> {hnn.param = #hnn.param<"fc2.weight", trainable>}) -> tensor<?x3xf32> {
  %h = hnn.linear %x, %w1, %b1 : (tensor<?x12xf32>, tensor<6x12xf32>, tensor<6xf32>) -> tensor<?x6xf32>
  %c = hnn.sub %h, %mean : (tensor<?x6xf32>, tensor<6xf32>) -> tensor<?x6xf32>
  %s = hnn.mul %c, %scale : (tensor<?x6xf32>, tensor<6xf32>) -> tensor<?x6xf32>
  %a = hnn.relu %s : tensor<?x6xf32>
  %y = hnn.linear %a, %w2 : (tensor<?x6xf32>, tensor<3x6xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}
