func.func @act(%x: tensor<?x8xf32>, %s: tensor<8xf32> {hnn.param = #hnn.param<"scale", trainable>}) -> tensor<?x8xf32> {
  %0 = hnn.mul %x, %s : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %1 = hnn.gelu %0 : tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}
