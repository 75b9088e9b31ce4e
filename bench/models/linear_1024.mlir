// linear 1024x1024x1024 (x·Wᵀ + b), the matmul benchmark.
func.func @linear(%x: tensor<1024x1024xf32>,
                  %w: tensor<1024x1024xf32> {hnn.param = #hnn.param<"weight", trainable>},
                  %b: tensor<1024xf32> {hnn.param = #hnn.param<"bias", trainable>})
    -> tensor<1024x1024xf32> {
  %y = hnn.linear %x, %w, %b : (tensor<1024x1024xf32>, tensor<1024x1024xf32>, tensor<1024xf32>) -> tensor<1024x1024xf32>
  return %y : tensor<1024x1024xf32>
}
