// conv3x3 + batch norm (inference) + relu, the fused-chain benchmark.
func.func @conv_bn_relu(%x: tensor<16x64x56x56xf32>,
    %w: tensor<64x64x3x3xf32> {hnn.param = #hnn.param<"conv.weight", trainable>},
    %g: tensor<64xf32> {hnn.param = #hnn.param<"bn.weight", trainable>},
    %b: tensor<64xf32> {hnn.param = #hnn.param<"bn.bias", trainable>},
    %m: tensor<64xf32> {hnn.param = #hnn.param<"bn.running_mean", state>},
    %v: tensor<64xf32> {hnn.param = #hnn.param<"bn.running_var", state>})
    -> tensor<16x64x56x56xf32> {
  %c = hnn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<16x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<16x64x56x56xf32>
  %y, %rm, %rv = hnn.batch_norm %c, %g, %b, %m, %v : (tensor<16x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> (tensor<16x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>)
  %r = hnn.relu %y : tensor<16x64x56x56xf32>
  return %r : tensor<16x64x56x56xf32>
}
