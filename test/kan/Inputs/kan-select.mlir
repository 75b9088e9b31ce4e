// Three candidate branches of two units; unit 1 may not use candidate 2.
func.func @mix(%a: tensor<?x2xf32>, %b: tensor<?x2xf32>, %c: tensor<?x2xf32>,
               %logits: tensor<2x3xf32> {hnn.param = #hnn.param<"mix_logits", trainable>}) -> tensor<?x2xf32> {
  %mask = hnn.constant dense<[[1.0, 1.0, 1.0], [1.0, 1.0, 0.0]]> : tensor<2x3xf32>
  %0 = hnn.kan_select(%a, %b, %c), %logits, %mask : (tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}
