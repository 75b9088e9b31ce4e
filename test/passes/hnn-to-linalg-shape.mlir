// convert-hnn-to-linalg on the shape ops: constant, reshape, transpose,
// flatten, concat, slice, pad, upsample_nearest.
// RUN: hnn-opt %s --convert-hnn-to-linalg | FileCheck %s

// The affine maps of the upsample_nearest generic.
// CHECK-DAG:   #[[UPIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d4)>
// CHECK-DAG:   #[[UPOUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>

// CHECK-LABEL: func.func @constant(
// CHECK:         %[[C:.*]] = arith.constant dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK:         return %[[C]]
func.func @constant() -> tensor<2xf32> {
  %c = hnn.constant dense<[1.0, -2.0]> : tensor<2xf32>
  return %c : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

// Merging or splitting neighbours is one collapse or expand; otherwise the
// batch stays in front and the rest goes through N x K; static shapes go
// through 1-D.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x4xf32>, %[[Y:[a-z0-9]+]]: tensor<2x3x4xf32>, %[[S:[a-z0-9]+]]: tensor<f32>)
// CHECK:         %[[A:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1, 2]] : tensor<?x3x4xf32> into tensor<?x12xf32>
// CHECK:         %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x12xf32>
// CHECK:         %[[B:.*]] = tensor.expand_shape %[[A]] {{\[}}[0], [1, 2]] output_shape [%[[N]], 2, 6] : tensor<?x12xf32> into tensor<?x2x6xf32>
// CHECK:         %[[C0:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1, 2]] : tensor<?x3x4xf32> into tensor<?x12xf32>
// CHECK:         %[[C:.*]] = tensor.expand_shape %[[C0]] {{\[}}[0], [1, 2]] output_shape [%{{.*}}, 6, 2] : tensor<?x12xf32> into tensor<?x6x2xf32>
// CHECK:         %[[D0:.*]] = tensor.collapse_shape %[[Y]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK:         %[[D:.*]] = tensor.expand_shape %[[D0]] {{\[}}[0, 1, 2]] output_shape [4, 3, 2] : tensor<24xf32> into tensor<4x3x2xf32>
// CHECK:         %[[E:.*]] = tensor.expand_shape %[[S]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]]
func.func @reshape(%x: tensor<?x3x4xf32>, %y: tensor<2x3x4xf32>, %s: tensor<f32>) -> (tensor<?x12xf32>, tensor<?x2x6xf32>, tensor<?x6x2xf32>, tensor<4x3x2xf32>, tensor<1x1xf32>) {
  %0 = hnn.reshape %x : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %1 = hnn.reshape %0 : tensor<?x12xf32> -> tensor<?x2x6xf32>
  %2 = hnn.reshape %x : tensor<?x3x4xf32> -> tensor<?x6x2xf32>
  %3 = hnn.reshape %y : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  %4 = hnn.reshape %s : tensor<f32> -> tensor<1x1xf32>
  return %0, %1, %2, %3, %4 : tensor<?x12xf32>, tensor<?x2x6xf32>, tensor<?x6x2xf32>, tensor<4x3x2xf32>, tensor<1x1xf32>
}

// A batch that moves: through 1-D, its size the element count / 12.
// CHECK-LABEL: func.func @reshape_batch_moves(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x12xf32>)
// CHECK:         %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<?x12xf32> into tensor<?xf32>
// CHECK:         %[[T:.*]] = tensor.dim %[[F]], %{{.*}} : tensor<?xf32>
// CHECK:         %[[N:.*]] = arith.divui %[[T]], %{{.*}} : index
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[F]] {{\[}}[0, 1, 2]] output_shape [4, %[[N]], 3] : tensor<?xf32> into tensor<4x?x3xf32>
// CHECK:         return %[[R]]
func.func @reshape_batch_moves(%x: tensor<?x12xf32>) -> tensor<4x?x3xf32> {
  %0 = hnn.reshape %x : tensor<?x12xf32> -> tensor<4x?x3xf32>
  return %0 : tensor<4x?x3xf32>
}

//===----------------------------------------------------------------------===//
// transpose, flatten
//===----------------------------------------------------------------------===//

// The dynamic result size comes from input dim permutation[i]; an identity
// permutation is no op.
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x5xf32>, %[[V:[a-z0-9]+]]: tensor<5xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x5xf32>
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<5x?x3xf32>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<?x3x5xf32>) outs(%[[E]] : tensor<5x?x3xf32>) permutation = [2, 0, 1]
// CHECK:         return %[[T]], %[[V]]
func.func @transpose(%x: tensor<?x3x5xf32>, %v: tensor<5xf32>) -> (tensor<5x?x3xf32>, tensor<5xf32>) {
  %0 = hnn.transpose %x {permutation = array<i64: 2, 0, 1>} : tensor<?x3x5xf32> -> tensor<5x?x3xf32>
  %1 = hnn.transpose %v {permutation = array<i64: 0>} : tensor<5xf32> -> tensor<5xf32>
  return %0, %1 : tensor<5x?x3xf32>, tensor<5xf32>
}

// CHECK-LABEL: func.func @flatten(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x4x5xf32>, %[[S:[a-z0-9]+]]: tensor<f32>, %[[C:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK:         %[[A:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1, 2, 3]] : tensor<?x3x4x5xf32> into tensor<?x60xf32>
// CHECK:         %[[B:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1], [2, 3]] : tensor<?x3x4x5xf32> into tensor<?x3x20xf32>
// CHECK:         %[[D:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2], [3]] : tensor<?x3x4x5xf32> into tensor<?x4x5xf32>
// CHECK:         %[[E:.*]] = tensor.expand_shape %[[S]] [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK:         return %[[A]], %[[B]], %[[D]], %[[E]], %[[C]]
func.func @flatten(%x: tensor<?x3x4x5xf32>, %s: tensor<f32>, %c: tensor<2x3xf32>) -> (tensor<?x60xf32>, tensor<?x3x20xf32>, tensor<?x4x5xf32>, tensor<1xf32>, tensor<2x3xf32>) {
  %0 = hnn.flatten %x : tensor<?x3x4x5xf32> -> tensor<?x60xf32>
  %1 = hnn.flatten %x {start_dim = -2} : tensor<?x3x4x5xf32> -> tensor<?x3x20xf32>
  %2 = hnn.flatten %x {start_dim = 0, end_dim = 1} : tensor<?x3x4x5xf32> -> tensor<?x4x5xf32>
  %3 = hnn.flatten %s {start_dim = 0} : tensor<f32> -> tensor<1xf32>
  %4 = hnn.flatten %c {end_dim = 1} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4 : tensor<?x60xf32>, tensor<?x3x20xf32>, tensor<?x4x5xf32>, tensor<1xf32>, tensor<2x3xf32>
}

//===----------------------------------------------------------------------===//
// concat, slice
//===----------------------------------------------------------------------===//

// One generic over the result: each input read at a clamped index along the
// dim, the one whose range holds the index selected (last input first).
// CHECK-LABEL: func.func @concat(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x3x5xf32>, %[[B:[a-z0-9]+]]: tensor<?x1x5xf32>, %[[C:[a-z0-9]+]]: tensor<?x17x5xf32>)
// CHECK-DAG:     %[[E0:.*]] = arith.constant 3 : index
// CHECK-DAG:     %[[E1:.*]] = arith.constant 4 : index
// CHECK:         %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x3x5xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x21x5xf32>
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel"]} outs(%[[INIT]] : tensor<?x21x5xf32>)
// CHECK:           %[[I:.*]] = linalg.index 0 : index
// CHECK:           %[[P:.*]] = linalg.index 1 : index
// CHECK:           %[[K:.*]] = linalg.index 2 : index
// CHECK:           %[[PC:.*]] = arith.subi %[[P]], %[[E1]] : index
// CHECK:           %[[VC:.*]] = tensor.extract %[[C]][%[[I]], %{{.*}}, %[[K]]] : tensor<?x17x5xf32>
// CHECK:           %[[VB:.*]] = tensor.extract %[[B]][%[[I]], %{{.*}}, %[[K]]] : tensor<?x1x5xf32>
// CHECK:           %[[INB:.*]] = arith.cmpi slt, %[[P]], %[[E1]] : index
// CHECK:           %[[S1:.*]] = arith.select %[[INB]], %[[VB]], %[[VC]] : f32
// CHECK:           %[[VA:.*]] = tensor.extract %[[A]][%[[I]], %{{.*}}, %[[K]]] : tensor<?x3x5xf32>
// CHECK:           %[[INA:.*]] = arith.cmpi slt, %[[P]], %[[E0]] : index
// CHECK:           %[[S0:.*]] = arith.select %[[INA]], %[[VA]], %[[S1]] : f32
// CHECK:           linalg.yield %[[S0]] : f32
// CHECK:         return %[[R]]
func.func @concat(%a: tensor<?x3x5xf32>, %b: tensor<?x1x5xf32>, %c: tensor<?x17x5xf32>) -> tensor<?x21x5xf32> {
  %0 = hnn.concat %a, %b, %c {dim = -2} : (tensor<?x3x5xf32>, tensor<?x1x5xf32>, tensor<?x17x5xf32>) -> tensor<?x21x5xf32>
  return %0 : tensor<?x21x5xf32>
}

// Along the dynamic batch the result size is N + 2; one input is no op.
// CHECK-LABEL: func.func @concat_batch(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<?x3xf32>, %[[B:[a-z0-9]+]]: tensor<2x3xf32>, %[[E:[a-z0-9]+]]: tensor<1xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x3xf32>
// CHECK:         %[[END:.*]] = arith.addi %[[N]], %{{.*}} : index
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[END]]) : tensor<?x3xf32>
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} outs(%[[INIT]] : tensor<?x3xf32>)
// CHECK:           arith.subi %{{.*}}, %[[N]] : index
// CHECK:           tensor.extract %[[B]]
// CHECK:           tensor.extract %[[A]]
// CHECK:           arith.cmpi slt, %{{.*}}, %[[N]] : index
// CHECK:         return %[[R]], %[[E]]
func.func @concat_batch(%a: tensor<?x3xf32>, %b: tensor<2x3xf32>, %e: tensor<1xf32>) -> (tensor<?x3xf32>, tensor<1xf32>) {
  %0 = hnn.concat %a, %b {dim = 0} : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
  %1 = hnn.concat %e {dim = 0} : (tensor<1xf32>) -> tensor<1xf32>
  return %0, %1 : tensor<?x3xf32>, tensor<1xf32>
}

// A strided view (tensor.extract_slice); the batch is kept whole; a slice of
// everything is no op. A slice starting at 0 with step 1 keeps its own size
// (a generic would have taken the loop bound from the input).
// CHECK-LABEL: func.func @slice(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x17x33xf32>, %[[Y:[a-z0-9]+]]: tensor<4x4xf32>, %[[Z:[a-z0-9]+]]: tensor<?x3x11x9xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x17x33xf32>
// CHECK:         %[[R:.*]] = tensor.extract_slice %[[X]][0, 0, 1] [%[[N]], 9, 7] [1, 2, 5] : tensor<?x17x33xf32> to tensor<?x9x7xf32>
// CHECK:         %[[M:.*]] = tensor.dim %[[Z]], %{{.*}} : tensor<?x3x11x9xf32>
// CHECK:         %[[S:.*]] = tensor.extract_slice %[[Z]][0, 0, 0, 0] [%[[M]], 3, 1, 9] [1, 1, 1, 1] : tensor<?x3x11x9xf32> to tensor<?x3x1x9xf32>
// CHECK:         return %[[R]], %[[Y]], %[[S]]
func.func @slice(%x: tensor<?x17x33xf32>, %y: tensor<4x4xf32>, %z: tensor<?x3x11x9xf32>) -> (tensor<?x9x7xf32>, tensor<4x4xf32>, tensor<?x3x1x9xf32>) {
  %0 = hnn.slice %x {dims = array<i64: -1, 1>, starts = array<i64: 1, 0>, ends = array<i64: 33, 17>, steps = array<i64: 5, 2>} : tensor<?x17x33xf32> -> tensor<?x9x7xf32>
  %1 = hnn.slice %y {dims = array<i64: 0>, starts = array<i64: 0>, ends = array<i64: 4>} : tensor<4x4xf32> -> tensor<4x4xf32>
  %2 = hnn.slice %z {dims = array<i64: 2>, starts = array<i64: 0>, ends = array<i64: 1>} : tensor<?x3x11x9xf32> -> tensor<?x3x1x9xf32>
  return %0, %1, %2 : tensor<?x9x7xf32>, tensor<4x4xf32>, tensor<?x3x1x9xf32>
}

//===----------------------------------------------------------------------===//
// pad, upsample_nearest
//===----------------------------------------------------------------------===//

// zeros: read at a clamped index, `value` outside the input; the unpadded
// batch is read as is.
// CHECK-LABEL: func.func @pad_zeros(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x6xf32>
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} outs(%[[INIT]] : tensor<?x6xf32>)
// CHECK:           %[[I:.*]] = linalg.index 0 : index
// CHECK:           %[[J:.*]] = linalg.index 1 : index
// CHECK:           %[[JX:.*]] = arith.subi %[[J]], %{{.*}} : index
// CHECK:           %[[GE:.*]] = arith.cmpi sge, %[[JX]], %{{.*}} : index
// CHECK:           %[[LT:.*]] = arith.cmpi slt, %[[JX]], %{{.*}} : index
// CHECK:           %[[IN:.*]] = arith.andi %[[GE]], %[[LT]] : i1
// CHECK:           %[[V:.*]] = tensor.extract %[[X]][%[[I]], %{{.*}}] : tensor<?x3xf32>
// CHECK:           %[[FILL:.*]] = arith.constant 1.500000e+00 : f32
// CHECK:           %[[S:.*]] = arith.select %[[IN]], %[[V]], %[[FILL]] : f32
// CHECK:           linalg.yield %[[S]] : f32
// CHECK:         return %[[R]]
func.func @pad_zeros(%x: tensor<?x3xf32>) -> tensor<?x6xf32> {
  %0 = hnn.pad %x {low = array<i64: 0, 1>, high = array<i64: 0, 2>, value = 1.5} : tensor<?x3xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// reflect (replicate and circular alike): a generic reading the input at a
// mirrored index.
// CHECK-LABEL: func.func @pad_reflect(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x5xf32>)
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x8xf32>)
// CHECK:           %[[V:.*]] = tensor.extract %[[X]]
// CHECK:           linalg.yield %[[V]] : f32
// CHECK:         return %[[R]]
func.func @pad_reflect(%x: tensor<2x5xf32>) -> tensor<2x8xf32> {
  %0 = hnn.pad %x {low = array<i64: 0, 2>, high = array<i64: 0, 1>, padding_mode = #hnn<padding_mode reflect>} : tensor<2x5xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// N x C x H x sh x W x sw written from (n, c, h, w), then collapsed; scale 1
// is no op.
// CHECK-LABEL: func.func @upsample_nearest(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x5x7xf32>, %[[Y:[a-z0-9]+]]: tensor<1x1x1x1xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x5x7xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x3x5x2x7x3xf32>
// CHECK:         %[[G:.*]] = linalg.generic {indexing_maps = [#[[UPIN]], #[[UPOUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<?x3x5x7xf32>) outs(%[[INIT]] : tensor<?x3x5x2x7x3xf32>)
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0], [1], [2, 3], [4, 5]] : tensor<?x3x5x2x7x3xf32> into tensor<?x3x10x21xf32>
// CHECK:         return %[[R]], %[[Y]]
func.func @upsample_nearest(%x: tensor<?x3x5x7xf32>, %y: tensor<1x1x1x1xf32>) -> (tensor<?x3x10x21xf32>, tensor<1x1x1x1xf32>) {
  %0 = hnn.upsample_nearest %x {scale_factor = array<i64: 2, 3>} : tensor<?x3x5x7xf32> -> tensor<?x3x10x21xf32>
  %1 = hnn.upsample_nearest %y {scale_factor = array<i64: 1, 1>} : tensor<1x1x1x1xf32> -> tensor<1x1x1x1xf32>
  return %0, %1 : tensor<?x3x10x21xf32>, tensor<1x1x1x1xf32>
}
