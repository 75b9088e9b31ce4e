// conv2d, batch 16, 64 -> 64 channels, 56x56, 3x3, padding 1 (a ResNet stage).
func.func @conv(%x: tensor<16x64x56x56xf32>,
                %w: tensor<64x64x3x3xf32> {hnn.param = #hnn.param<"weight", trainable>})
    -> tensor<16x64x56x56xf32> {
  %y = hnn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<16x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<16x64x56x56xf32>
  return %y : tensor<16x64x56x56xf32>
}
