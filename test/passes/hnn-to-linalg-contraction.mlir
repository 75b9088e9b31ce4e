// convert-hnn-to-linalg on linear, matmul and batch_matmul: linalg's named
// contractions on a zero-filled accumulator (linear transposes the weight
// to K x N, then a plain matmul; leading / batch dimensions collapsed to one
// and expanded back), the
// bias added by a broadcasting generic. A dynamic batch merged with other
// dimensions makes the merged size tensor.dim times the static sizes. f16 /
// bf16 accumulate in f32 and round once at the end.
// RUN: hnn-opt %s --convert-hnn-to-linalg | FileCheck %s
// RUN: hnn-opt %s --convert-hnn-to-linalg --mlir-print-local-scope | FileCheck %s --check-prefix=LOCAL

// CHECK-LABEL: func.func @matmul_dyn(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x33xf32>, %[[B:[a-z0-9]+]]: tensor<33x5xf32>)
// CHECK:         %[[M:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x33xf32>
// CHECK:         %[[E:.*]] = tensor.empty(%[[M]]) : tensor<?x5xf32>
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<?x5xf32>)
// CHECK:         %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<?x33xf32>, tensor<33x5xf32>) outs(%[[INIT]] : tensor<?x5xf32>)
// CHECK:         return %[[R]]
func.func @matmul_dyn(%a: tensor<?x33xf32>, %b: tensor<33x5xf32>) -> tensor<?x5xf32> {
  %0 = hnn.matmul %a, %b : (tensor<?x33xf32>, tensor<33x5xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// CHECK-LABEL: func.func @matmul_f16(
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x5xf32>)
// CHECK:         %[[ACC:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<3x4xf16>, tensor<4x5xf16>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[ACC]] : tensor<3x5xf32>) outs(%{{.*}} : tensor<3x5xf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         return %[[R]]
func.func @matmul_f16(%a: tensor<3x4xf16>, %b: tensor<4x5xf16>) -> tensor<3x5xf16> {
  %0 = hnn.matmul %a, %b : (tensor<3x4xf16>, tensor<4x5xf16>) -> tensor<3x5xf16>
  return %0 : tensor<3x5xf16>
}

// A rank-1 input: W·x.
// CHECK-LABEL: func.func @linear_1d(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<11xf32>, %[[W:[a-z0-9]+]]: tensor<3x11xf32>, %[[BIAS:[a-z0-9]+]]: tensor<3xf32>)
// CHECK:         %[[MV:.*]] = linalg.matvec ins(%[[W]], %[[X]] : tensor<3x11xf32>, tensor<11xf32>) outs(%{{.*}} : tensor<3xf32>)
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[MV]], %[[BIAS]] : tensor<3xf32>, tensor<3xf32>)
// CHECK:           arith.addf
// CHECK:         return %[[R]]
func.func @linear_1d(%x: tensor<11xf32>, %w: tensor<3x11xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<11xf32>, tensor<3x11xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// Rank 2 with a dynamic batch: the matmul on the input itself, its
// accumulator seeded with the broadcast bias.
// CHECK-LABEL: func.func @linear_2d_dyn(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x13xf32>, %[[W:[a-z0-9]+]]: tensor<6x13xf32>, %[[BIAS:[a-z0-9]+]]: tensor<6xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x13xf32>
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x6xf32>
// CHECK-NOT:     linalg.fill
// CHECK:         %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[BIAS]] : tensor<6xf32>) outs(%[[E]] : tensor<?x6xf32>)
// CHECK:         %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<6x13xf32>) outs(%{{.*}} : tensor<13x6xf32>) permutation = [1, 0]
// CHECK:         %[[MM:.*]] = linalg.matmul ins(%[[X]], %[[WT]] : tensor<?x13xf32>, tensor<13x6xf32>) outs(%[[INIT]] : tensor<?x6xf32>)
// CHECK:         return %[[MM]]
func.func @linear_2d_dyn(%x: tensor<?x13xf32>, %w: tensor<6x13xf32>, %b: tensor<6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x13xf32>, tensor<6x13xf32>, tensor<6xf32>) -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// Static leading dimensions collapse into M = 2*3*4 = 24.
// CHECK-LABEL: func.func @linear_4d(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4x9xf32>, %[[W:[a-z0-9]+]]: tensor<7x9xf32>)
// CHECK:         %[[X2:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2], [3]] : tensor<2x3x4x9xf32> into tensor<24x9xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<24x7xf32>)
// CHECK:         %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<7x9xf32>) outs(%{{.*}} : tensor<9x7xf32>) permutation = [1, 0]
// CHECK:         %[[MM:.*]] = linalg.matmul ins(%[[X2]], %[[WT]] : tensor<24x9xf32>, tensor<9x7xf32>) outs(%[[INIT]] : tensor<24x7xf32>)
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[MM]] {{\[}}[0, 1, 2], [3]] output_shape [2, 3, 4, 7] : tensor<24x7xf32> into tensor<2x3x4x7xf32>
// CHECK:         return %[[R]]
func.func @linear_4d(%x: tensor<2x3x4x9xf32>, %w: tensor<7x9xf32>) -> tensor<2x3x4x7xf32> {
  %0 = hnn.linear %x, %w : (tensor<2x3x4x9xf32>, tensor<7x9xf32>) -> tensor<2x3x4x7xf32>
  return %0 : tensor<2x3x4x7xf32>
}

// A dynamic batch merged with a static 3: M = N*3, the matmul widens bf16 to
// f32, bias and rounding to bf16 in one generic, the batch expanded back
// from tensor.dim.
// CHECK-LABEL: func.func @linear_3d_dyn_bf16(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x5xbf16>, %[[W:[a-z0-9]+]]: tensor<7x5xbf16>, %[[BIAS:[a-z0-9]+]]: tensor<7xbf16>)
// CHECK:         %[[X2:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<?x3x5xbf16> into tensor<?x5xbf16>
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x5xbf16>
// CHECK:         %[[C3:.*]] = arith.constant 3 : index
// CHECK:         %[[M:.*]] = arith.muli %[[N]], %[[C3]] : index
// CHECK:         %[[E:.*]] = tensor.empty(%[[M]]) : tensor<?x7xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x7xf32>)
// CHECK:         %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<7x5xbf16>) outs(%{{.*}} : tensor<5x7xbf16>) permutation = [1, 0]
// CHECK:         %[[MM:.*]] = linalg.matmul ins(%[[X2]], %[[WT]] : tensor<?x5xbf16>, tensor<5x7xbf16>) outs(%[[INIT]] : tensor<?x7xf32>)
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} ins(%[[MM]], %[[BIAS]] : tensor<?x7xf32>, tensor<7xbf16>) outs(%{{.*}} : tensor<?x7xbf16>)
// CHECK:           arith.extf %{{.*}} : bf16 to f32
// CHECK:           arith.addf
// CHECK:           arith.truncf %{{.*}} : f32 to bf16
// CHECK:         %[[N2:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x5xbf16>
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[Y]] {{\[}}[0, 1], [2]] output_shape [%[[N2]], 3, 7] : tensor<?x7xbf16> into tensor<?x3x7xbf16>
// CHECK:         return %[[R]]
func.func @linear_3d_dyn_bf16(%x: tensor<?x3x5xbf16>, %w: tensor<7x5xbf16>, %b: tensor<7xbf16>) -> tensor<?x3x7xbf16> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x3x5xbf16>, tensor<7x5xbf16>, tensor<7xbf16>) -> tensor<?x3x7xbf16>
  return %0 : tensor<?x3x7xbf16>
}

// CHECK-LABEL: func.func @batch_matmul_3d_dyn(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x5x3xf32>, %[[B:[a-z0-9]+]]: tensor<?x3x6xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x5x3xf32>
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x5x6xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x5x6xf32>)
// CHECK:         %[[R:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<?x5x3xf32>, tensor<?x3x6xf32>) outs(%[[INIT]] : tensor<?x5x6xf32>)
// CHECK:         return %[[R]]
func.func @batch_matmul_3d_dyn(%a: tensor<?x5x3xf32>, %b: tensor<?x3x6xf32>) -> tensor<?x5x6xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<?x5x3xf32>, tensor<?x3x6xf32>) -> tensor<?x5x6xf32>
  return %0 : tensor<?x5x6xf32>
}

// CHECK-LABEL: func.func @batch_matmul_4d(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3x5x7xf32>, %[[B:[a-z0-9]+]]: tensor<2x3x7x4xf32>)
// CHECK:         %[[A3:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2], [3]] : tensor<2x3x5x7xf32> into tensor<6x5x7xf32>
// CHECK:         %[[B3:.*]] = tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2], [3]] : tensor<2x3x7x4xf32> into tensor<6x7x4xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<6x5x4xf32>)
// CHECK:         %[[BMM:.*]] = linalg.batch_matmul ins(%[[A3]], %[[B3]] : tensor<6x5x7xf32>, tensor<6x7x4xf32>) outs(%[[INIT]] : tensor<6x5x4xf32>)
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[BMM]] {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 5, 4] : tensor<6x5x4xf32> into tensor<2x3x5x4xf32>
// CHECK:         return %[[R]]
func.func @batch_matmul_4d(%a: tensor<2x3x5x7xf32>, %b: tensor<2x3x7x4xf32>) -> tensor<2x3x5x4xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<2x3x5x7xf32>, tensor<2x3x7x4xf32>) -> tensor<2x3x5x4xf32>
  return %0 : tensor<2x3x5x4xf32>
}

// CHECK-LABEL: func.func @batch_matmul_4d_dyn(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x2x3x4xf32>, %[[B:[a-z0-9]+]]: tensor<?x2x4x5xf32>)
// CHECK:         %[[A3:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2], [3]] : tensor<?x2x3x4xf32> into tensor<?x3x4xf32>
// CHECK:         %[[B3:.*]] = tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2], [3]] : tensor<?x2x4x5xf32> into tensor<?x4x5xf32>
// CHECK:         %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x2x3x4xf32>
// CHECK:         %[[C2:.*]] = arith.constant 2 : index
// CHECK:         %[[M:.*]] = arith.muli %[[N]], %[[C2]] : index
// CHECK:         %[[E:.*]] = tensor.empty(%[[M]]) : tensor<?x3x5xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x3x5xf32>)
// CHECK:         %[[BMM:.*]] = linalg.batch_matmul ins(%[[A3]], %[[B3]] : tensor<?x3x4xf32>, tensor<?x4x5xf32>) outs(%[[INIT]] : tensor<?x3x5xf32>)
// CHECK:         %[[N2:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x2x3x4xf32>
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[BMM]] {{\[}}[0, 1], [2], [3]] output_shape [%[[N2]], 2, 3, 5] : tensor<?x3x5xf32> into tensor<?x2x3x5xf32>
// CHECK:         return %[[R]]
func.func @batch_matmul_4d_dyn(%a: tensor<?x2x3x4xf32>, %b: tensor<?x2x4x5xf32>) -> tensor<?x2x3x5xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<?x2x3x4xf32>, tensor<?x2x4x5xf32>) -> tensor<?x2x3x5xf32>
  return %0 : tensor<?x2x3x5xf32>
}


// The weight gradient of a linear layer over a dynamic batch, Σ_b dyᵀ[b]·x[b]
// (a batch_matmul of reshaped rows summed over dimension 0), becomes one
// matmul contracting over the batch with the first operand read transposed;
// the ?×4×5 products are never formed.
// LOCAL-LABEL: func.func @batch_outer_sum(
// LOCAL-SAME:    %[[DY:.*]]: tensor<?x4xf32>, %[[X:.*]]: tensor<?x5xf32>)
// LOCAL:         %[[Z:.*]] = linalg.fill {{.*}} -> tensor<4x5xf32>
// LOCAL:         %[[DW:.*]] = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%[[DY]], %[[X]] : tensor<?x4xf32>, tensor<?x5xf32>) outs(%[[Z]] : tensor<4x5xf32>)
// LOCAL-NOT:     linalg.batch_matmul
// LOCAL:         return %[[DW]]
func.func @batch_outer_sum(%dy: tensor<?x4xf32>, %x: tensor<?x5xf32>) -> tensor<4x5xf32> {
  %0 = hnn.reshape %dy : tensor<?x4xf32> -> tensor<?x4x1xf32>
  %1 = hnn.reshape %x : tensor<?x5xf32> -> tensor<?x1x5xf32>
  %2 = hnn.batch_matmul %0, %1 : (tensor<?x4x1xf32>, tensor<?x1x5xf32>) -> tensor<?x4x5xf32>
  %3 = hnn.reduce_sum %2 {dims = array<i64: 0>} : tensor<?x4x5xf32> -> tensor<4x5xf32>
  return %3 : tensor<4x5xf32>
}

// The general case (the weight gradient of a convolution: per-sample
// products of the output gradient and the unfolded input, summed over the
// batch) loops over the samples, accumulating static matmuls that the
// schedule tiles, instead of forming the ?×1×4×6 products.
// CHECK-LABEL: func.func @batch_sum_of_products(
// CHECK-SAME:    %[[A:.*]]: tensor<?x1x4x5xf32>, %[[B:.*]]: tensor<?x1x5x6xf32>)
// CHECK:         %[[Z:.*]] = linalg.fill {{.*}} -> tensor<4x6xf32>
// CHECK:         %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x1x4x5xf32>
// CHECK:         %[[SUM:.*]] = scf.for %[[I:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[ACC:.*]] = %[[Z]]) -> (tensor<4x6xf32>) {
// CHECK:           %[[AI:.*]] = tensor.extract_slice %[[A]][%[[I]], 0, 0, 0] [1, 1, 4, 5] [1, 1, 1, 1] : tensor<?x1x4x5xf32> to tensor<4x5xf32>
// CHECK:           %[[BI:.*]] = tensor.extract_slice %[[B]][%[[I]], 0, 0, 0] [1, 1, 5, 6] [1, 1, 1, 1] : tensor<?x1x5x6xf32> to tensor<5x6xf32>
// CHECK:           %[[MM:.*]] = linalg.matmul ins(%[[AI]], %[[BI]] : tensor<4x5xf32>, tensor<5x6xf32>) outs(%[[ACC]] : tensor<4x6xf32>)
// CHECK:           scf.yield %[[MM]]
// CHECK-NOT:     linalg.batch_matmul
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[SUM]] {{\[\[}}0, 1], [2]] output_shape [1, 4, 6]
// CHECK:         return %[[R]]
func.func @batch_sum_of_products(%a: tensor<?x1x4x5xf32>, %b: tensor<?x1x5x6xf32>) -> tensor<1x4x6xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<?x1x4x5xf32>, tensor<?x1x5x6xf32>) -> tensor<?x1x4x6xf32>
  %1 = hnn.reduce_sum %0 {dims = array<i64: 0>} : tensor<?x1x4x6xf32> -> tensor<1x4x6xf32>
  return %1 : tensor<1x4x6xf32>
}

// A narrow product (N = 3 columns) accumulates the transposed product with
// both slices read transposed, then transposes the sum once.
// LOCAL-LABEL: func.func @batch_sum_narrow(
// LOCAL:         %[[SUM:.*]] = scf.for
// LOCAL:           linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%{{.*}}, %{{.*}} : tensor<5x3xf32>, tensor<8x5xf32>) outs(%{{.*}} : tensor<3x8xf32>)
// LOCAL:         linalg.transpose ins(%[[SUM]] : tensor<3x8xf32>) outs(%{{.*}} : tensor<8x3xf32>) permutation = [1, 0]
func.func @batch_sum_narrow(%a: tensor<?x1x8x5xf32>, %b: tensor<?x1x5x3xf32>) -> tensor<1x8x3xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<?x1x8x5xf32>, tensor<?x1x5x3xf32>) -> tensor<?x1x8x3xf32>
  %1 = hnn.reduce_sum %0 {dims = array<i64: 0>} : tensor<?x1x8x3xf32> -> tensor<1x8x3xf32>
  return %1 : tensor<1x8x3xf32>
}
