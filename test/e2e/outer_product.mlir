// Regression: reshapes to unit dimensions feeding a tiny matmul (an outer
// product) once made the CPU schedule's alias folding loop forever.
// RUN: timeout 120 hnnc %s -o %t.so
// RUN: hnn-run run %t.so --entry h --golden %S/data/outer_product
func.func @h(%x: tensor<5xf32>, %g: tensor<4xf32>) -> tensor<4x5xf32> {
    %3 = hnn.reshape %g : tensor<4xf32> -> tensor<4x1xf32>
    %4 = hnn.reshape %x : tensor<5xf32> -> tensor<1x5xf32>
    %5 = hnn.matmul %3, %4 : (tensor<4x1xf32>, tensor<1x5xf32>) -> tensor<4x5xf32>
    return %5 : tensor<4x5xf32>
}
