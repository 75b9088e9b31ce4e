// One value returned twice: each result slot gets its own buffer.
func.func @twice(%x: tensor<?x6xf32>) -> (tensor<?x6xf32>, tensor<?x6xf32>) {
  %0 = hnn.abs %x : tensor<?x6xf32>
  return %0, %0 : tensor<?x6xf32>, tensor<?x6xf32>
}
