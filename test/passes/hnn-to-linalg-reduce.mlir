// convert-hnn-to-linalg on the reductions and losses: reduce_sum,
// reduce_mean, reduce_max, reduce_var, cross_entropy, mse, relative_l2.
// Every reduction is a linalg.generic with reduction iterators over f32
// accumulators; f16/bf16 inputs are extended in the body and the result
// truncated.
// RUN: hnn-opt %s --convert-hnn-to-linalg | FileCheck %s

// The maps of the generics below.
// CHECK-DAG:   #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:   #[[KEEP02:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:   #[[TO0_3:.*]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-DAG:   #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[KEEP1:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG:   #[[KEEP0:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG:   #[[TO0_2:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG:   #[[KEEP0_3:.*]] = affine_map<(d0, d1, d2) -> (d0)>

//===----------------------------------------------------------------------===//
// reduce_sum, reduce_mean, reduce_max, reduce_var
//===----------------------------------------------------------------------===//

// keepdim puts the size-1 dims back with expand_shape (the batch size read
// from the input); a full reduction is rank 0.
// CHECK-LABEL: func.func @reduce_sum(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3x17xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x17xf32>
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x17xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<?x17xf32>)
// CHECK:         %[[A:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[KEEP02]]], iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[X]] : tensor<?x3x17xf32>) outs(%[[INIT]] : tensor<?x17xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[IN]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         %[[B0:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "parallel"]
// CHECK:         %[[N2:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x17xf32>
// CHECK:         %[[B:.*]] = tensor.expand_shape %[[B0]] {{\[}}[0, 1], [2]] output_shape [%[[N2]], 1, 17] : tensor<?x17xf32> into tensor<?x1x17xf32>
// CHECK:         %[[C0:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[TO0_3]]], iterator_types = ["reduction", "reduction", "reduction"]} ins(%[[X]] : tensor<?x3x17xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK:         %[[C:.*]] = tensor.expand_shape %[[C0]] [] output_shape [1, 1, 1] : tensor<f32> into tensor<1x1x1xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]]
func.func @reduce_sum(%x: tensor<?x3x17xf32>) -> (tensor<?x17xf32>, tensor<?x1x17xf32>, tensor<1x1x1xf32>) {
  %0 = hnn.reduce_sum %x {dims = array<i64: 1>} : tensor<?x3x17xf32> -> tensor<?x17xf32>
  %1 = hnn.reduce_sum %x {dims = array<i64: -2>, keepdim} : tensor<?x3x17xf32> -> tensor<?x1x17xf32>
  %2 = hnn.reduce_sum %x {dims = array<i64: 2, 0, 1>, keepdim} : tensor<?x3x17xf32> -> tensor<1x1x1xf32>
  return %0, %1, %2 : tensor<?x17xf32>, tensor<?x1x17xf32>, tensor<1x1x1xf32>
}

// The sum divided by the count: read at run time for the batch, a constant
// otherwise (12 = 3 * 4); f16 accumulates in f32.
// CHECK-LABEL: func.func @reduce_mean(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3xf32>, %[[Y:[a-z0-9]+]]: tensor<2x3x4xf16>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK:         %[[NI:.*]] = arith.index_castui %[[N]] : index to i64
// CHECK:         %[[NF:.*]] = arith.uitofp %[[NI]] : i64 to f32
// CHECK:         %[[S:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[KEEP1]]], iterator_types = ["reduction", "parallel"]} ins(%[[X]] : tensor<?x3xf32>)
// CHECK:         %[[A:.*]] = linalg.generic {{.*}} ins(%[[S]] : tensor<3xf32>)
// CHECK:           arith.divf %{{.*}}, %[[NF]] : f32
// CHECK:         %[[TWELVE:.*]] = arith.constant 1.200000e+01 : f32
// CHECK:         %[[T:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[KEEP0_3]]], iterator_types = ["parallel", "reduction", "reduction"]} ins(%[[Y]] : tensor<2x3x4xf16>) outs(%{{.*}} : tensor<2xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f16, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[EXT:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK-NEXT:      arith.addf %[[ACC]], %[[EXT]] : f32
// CHECK:         %[[M:.*]] = linalg.generic {{.*}} ins(%[[T]] : tensor<2xf32>) outs(%{{.*}} : tensor<2xf16>)
// CHECK:           %[[Q:.*]] = arith.divf %{{.*}}, %[[TWELVE]] : f32
// CHECK:           arith.truncf %[[Q]] : f32 to f16
// CHECK:         %[[B:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf16> into tensor<2x1x1xf16>
// CHECK:         return %[[A]], %[[B]]
func.func @reduce_mean(%x: tensor<?x3xf32>, %y: tensor<2x3x4xf16>) -> (tensor<3xf32>, tensor<2x1x1xf16>) {
  %0 = hnn.reduce_mean %x {dims = array<i64: 0>} : tensor<?x3xf32> -> tensor<3xf32>
  %1 = hnn.reduce_mean %y {dims = array<i64: -1, 1>, keepdim} : tensor<2x3x4xf16> -> tensor<2x1x1xf16>
  return %0, %1 : tensor<3xf32>, tensor<2x1x1xf16>
}

// From -inf with maximumf (NaN propagates, as torch.amax).
// CHECK-LABEL: func.func @reduce_max(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<3x5xbf16>)
// CHECK:         %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<f32>)
// CHECK:         %[[M:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[TO0_2]]], iterator_types = ["reduction", "reduction"]} ins(%[[X]] : tensor<3x5xbf16>) outs(%[[INIT]] : tensor<f32>)
// CHECK:           %[[EXT:.*]] = arith.extf %{{.*}} : bf16 to f32
// CHECK:           arith.maximumf %{{.*}}, %[[EXT]] : f32
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[M]] : tensor<f32>) outs(%{{.*}} : tensor<bf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to bf16
// CHECK:         return %[[R]]
func.func @reduce_max(%x: tensor<3x5xbf16>) -> tensor<bf16> {
  %0 = hnn.reduce_max %x {dims = array<i64: 0, 1>} : tensor<3x5xbf16> -> tensor<bf16>
  return %0 : tensor<bf16>
}

// Two passes: the mean, then Σ (x - mean)², divided by n - correction
// (33 - 2 = 31).
// CHECK-LABEL: func.func @reduce_var(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x33xf32>)
// CHECK:         %[[S:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[KEEP0]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<2x33xf32>)
// CHECK:         %[[N:.*]] = arith.constant 3.300000e+01 : f32
// CHECK:         %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[S]] : tensor<2xf32>)
// CHECK:           arith.divf %{{.*}}, %[[N]] : f32
// CHECK:         %[[SQ:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[KEEP0]], #[[KEEP0]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[MEAN]] : tensor<2x33xf32>, tensor<2xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[MU:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[IN]], %[[MU]] : f32
// CHECK-NEXT:      %[[D2:.*]] = arith.mulf %[[D]], %[[D]] : f32
// CHECK-NEXT:      arith.addf %[[ACC]], %[[D2]] : f32
// CHECK:         %[[DIV:.*]] = arith.constant 3.100000e+01 : f32
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<2xf32>)
// CHECK:           arith.divf %{{.*}}, %[[DIV]] : f32
// CHECK:         return %[[R]]
func.func @reduce_var(%x: tensor<2x33xf32>) -> tensor<2xf32> {
  %0 = hnn.reduce_var %x {dims = array<i64: 1>, correction = 2} : tensor<2x33xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// Over a dynamic batch: max(n - 1, 0) at run time.
// CHECK-LABEL: func.func @reduce_var_batch(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[X]], %{{.*}} : tensor<?x3xf32>, tensor<3xf32>)
// CHECK:         %[[NF:.*]] = arith.uitofp %{{.*}} : i64 to f32
// CHECK:         %[[NM1:.*]] = arith.subf %[[NF]], %{{.*}} : f32
// CHECK:         %[[DIV:.*]] = arith.maximumf %[[NM1]], %{{.*}} : f32
// CHECK:         linalg.generic
// CHECK:           arith.divf %{{.*}}, %[[DIV]] : f32
func.func @reduce_var_batch(%x: tensor<?x3xf32>) -> tensor<3xf32> {
  %0 = hnn.reduce_var %x {dims = array<i64: 0>} : tensor<?x3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

//===----------------------------------------------------------------------===//
// cross_entropy, mse, relative_l2
//===----------------------------------------------------------------------===//

// m = max over classes; then one pass with two accumulators, Σ exp(x - m)
// and Σ w (x - m) with w = 0.9 + 0.1/10 on the label's class (compared with
// linalg.index) and 0.1/10 elsewhere; loss = log Σ exp - Σ w (x - m); mean
// over the run-time batch.
// CHECK-LABEL: func.func @cross_entropy(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x10xf32>, %[[L:[a-z0-9]+]]: tensor<?xi64>)
// CHECK:         %[[M:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[KEEP0]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<?x10xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[SUMS:.*]]:2 = linalg.generic {indexing_maps = [#[[ID2]], #[[KEEP0]], #[[KEEP0]], #[[KEEP0]], #[[KEEP0]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[M]], %[[L]] : tensor<?x10xf32>, tensor<?xf32>, tensor<?xi64>) outs(%{{.*}}, %{{.*}} : tensor<?xf32>, tensor<?xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[MAX:.*]]: f32, %[[LBL:.*]]: i64, %[[ACC0:.*]]: f32, %[[ACC1:.*]]: f32):
// CHECK-NEXT:      %[[Z:.*]] = arith.subf %[[IN]], %[[MAX]] : f32
// CHECK-NEXT:      %[[EXP:.*]] = math.exp %[[Z]] : f32
// CHECK-NEXT:      %[[NEXT0:.*]] = arith.addf %[[ACC0]], %[[EXP]] : f32
// CHECK-NEXT:      %[[LI:.*]] = arith.index_cast %[[LBL]] : i64 to index
// CHECK-NEXT:      %[[C:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[HIT:.*]] = arith.cmpi eq, %[[C]], %[[LI]] : index
// CHECK-NEXT:      %[[WHIT:.*]] = arith.constant 9.100000e-01 : f32
// CHECK-NEXT:      %[[WOTHER:.*]] = arith.constant 0.00999999977 : f32
// CHECK-NEXT:      %[[W:.*]] = arith.select %[[HIT]], %[[WHIT]], %[[WOTHER]] : f32
// CHECK-NEXT:      %[[WZ:.*]] = arith.mulf %[[W]], %[[Z]] : f32
// CHECK-NEXT:      %[[NEXT1:.*]] = arith.addf %[[ACC1]], %[[WZ]] : f32
// CHECK-NEXT:      linalg.yield %[[NEXT0]], %[[NEXT1]] : f32, f32
// CHECK:         %[[PER:.*]] = linalg.generic {{.*}} ins(%[[SUMS]]#0, %[[SUMS]]#1 : tensor<?xf32>, tensor<?xf32>)
// CHECK:           %[[LOG:.*]] = math.log
// CHECK:           arith.subf %[[LOG]]
// CHECK:         %[[TOT:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%[[PER]] : tensor<?xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK:         %[[NF:.*]] = arith.uitofp %{{.*}} : i64 to f32
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[TOT]] : tensor<f32>)
// CHECK:           arith.divf %{{.*}}, %[[NF]] : f32
// CHECK:         return %[[R]]
func.func @cross_entropy(%x: tensor<?x10xf32>, %l: tensor<?xi64>) -> tensor<f32> {
  %0 = hnn.cross_entropy %x, %l {label_smoothing = 0.1} : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// Without smoothing only the label's term counts; i32 labels; f16 logits
// extended; none truncates the per-sample losses, sum their total.
// CHECK-LABEL: func.func @cross_entropy_f16(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<3x17xf16>, %[[L:[a-z0-9]+]]: tensor<3xi32>)
// CHECK:         linalg.generic {{.*}} ins(%[[X]], %{{.*}}, %[[L]] : tensor<3x17xf16>, tensor<3xf32>, tensor<3xi32>)
// CHECK:           %[[EXT:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK:           %[[Z:.*]] = arith.subf %[[EXT]], %{{.*}} : f32
// CHECK:           %[[LI:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK:           %[[HIT:.*]] = arith.cmpi eq, %{{.*}}, %[[LI]] : index
// CHECK:           %[[T:.*]] = arith.select %[[HIT]], %[[Z]], %{{.*}} : f32
// CHECK:         %[[PER:.*]] = linalg.generic
// CHECK:         %[[NONE:.*]] = linalg.generic {{.*}} ins(%[[PER]] : tensor<3xf32>) outs(%{{.*}} : tensor<3xf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         %[[TOT:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%{{.*}} : tensor<3xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[TOT]] : tensor<f32>) outs(%{{.*}} : tensor<f16>)
// CHECK:         return %[[NONE]], %[[SUM]]
func.func @cross_entropy_f16(%x: tensor<3x17xf16>, %l: tensor<3xi32>) -> (tensor<3xf16>, tensor<f16>) {
  %0 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction none>} : (tensor<3x17xf16>, tensor<3xi32>) -> tensor<3xf16>
  %1 = hnn.cross_entropy %x, %l {reduction = #hnn<reduction sum>} : (tensor<3x17xf16>, tensor<3xi32>) -> tensor<f16>
  return %0, %1 : tensor<3xf16>, tensor<f16>
}

// mean: Σ (x - y)² over everything / (N * 3); none: elementwise.
// CHECK-LABEL: func.func @mse(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x3xf32>, %[[Y:[a-z0-9]+]]: tensor<?x3xf32>)
// CHECK:         %[[S:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ID2]], #[[TO0_2]]], iterator_types = ["reduction", "reduction"]} ins(%[[X]], %[[Y]] : tensor<?x3xf32>, tensor<?x3xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK:           %[[D:.*]] = arith.subf
// CHECK:           %[[D2:.*]] = arith.mulf %[[D]], %[[D]] : f32
// CHECK:           arith.addf %{{.*}}, %[[D2]] : f32
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
// CHECK:         %[[N3:.*]] = arith.muli %[[N]], %{{.*}} : index
// CHECK:         %[[N3I:.*]] = arith.index_castui %[[N3]] : index to i64
// CHECK:         %[[CNT:.*]] = arith.uitofp %[[N3I]] : i64 to f32
// CHECK:         %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[S]] : tensor<f32>)
// CHECK:           arith.divf %{{.*}}, %[[CNT]] : f32
// CHECK:         %[[NONE:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[Y]] : tensor<?x3xf32>, tensor<?x3xf32>) outs(%{{.*}} : tensor<?x3xf32>)
// CHECK:         return %[[MEAN]], %[[NONE]]
func.func @mse(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>) -> (tensor<f32>, tensor<?x3xf32>) {
  %0 = hnn.mse %x, %y : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<f32>
  %1 = hnn.mse %x, %y {reduction = #hnn<reduction none>} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0, %1 : tensor<f32>, tensor<?x3xf32>
}

// Per sample, one pass with Σ (x - y)² and Σ y², then sqrt / sqrt.
// CHECK-LABEL: func.func @relative_l2(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x2x17xf32>, %[[Y:[a-z0-9]+]]: tensor<?x2x17xf32>)
// CHECK:         %[[SUMS:.*]]:2 = linalg.generic {indexing_maps = [#[[ID3]], #[[ID3]], #[[KEEP0_3]], #[[KEEP0_3]]], iterator_types = ["parallel", "reduction", "reduction"]} ins(%[[X]], %[[Y]] : tensor<?x2x17xf32>, tensor<?x2x17xf32>) outs(%{{.*}}, %{{.*}} : tensor<?xf32>, tensor<?xf32>)
// CHECK-NEXT:    ^bb0(%[[U:.*]]: f32, %[[V:.*]]: f32, %[[E:.*]]: f32, %[[T:.*]]: f32):
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[U]], %[[V]] : f32
// CHECK-NEXT:      %[[D2:.*]] = arith.mulf %[[D]], %[[D]] : f32
// CHECK-NEXT:      %[[E2:.*]] = arith.addf %[[E]], %[[D2]] : f32
// CHECK-NEXT:      %[[V2:.*]] = arith.mulf %[[V]], %[[V]] : f32
// CHECK-NEXT:      %[[T2:.*]] = arith.addf %[[T]], %[[V2]] : f32
// CHECK-NEXT:      linalg.yield %[[E2]], %[[T2]] : f32, f32
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[SUMS]]#0, %[[SUMS]]#1 : tensor<?xf32>, tensor<?xf32>)
// CHECK:           %[[NE:.*]] = math.sqrt
// CHECK:           %[[NT:.*]] = math.sqrt
// CHECK:           arith.divf %[[NE]], %[[NT]] : f32
// CHECK:         return %[[R]]
func.func @relative_l2(%x: tensor<?x2x17xf32>, %y: tensor<?x2x17xf32>) -> tensor<?xf32> {
  %0 = hnn.relative_l2 %x, %y {reduction = #hnn<reduction none>} : (tensor<?x2x17xf32>, tensor<?x2x17xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
