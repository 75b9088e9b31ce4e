//===- HNNKANOps.td - Kolmogorov-Arnold layer primitives ----*- tablegen -*-===//
#ifndef HNN_KAN_OPS_TD
#define HNN_KAN_OPS_TD

include "dialect/HNNBase.td"

def HNN_BsplineBasisOp : HNN_ComputeOp<"bspline_basis"> {
  let summary = "B-spline basis functions of every input feature on its knot row";
  let description = [{
    Input `…×n` (any leading dimensions), knots `grid` `n×m` (one non-decreasing
    row per feature, `m ≥ order + 2`): result `…×n×(m−1−order)`, the B-spline
    bases `B_{c,order}(x[…, i])` on row `i` by the Cox–de Boor recursion with
    half-open intervals `t_c ≤ x < t_{c+1}` at order 0. A term whose knot
    difference is zero (coincident knots) is zero. For the uniform grid of a
    KAN layer (`G` intervals, order `k`, `G + 2k + 1` knots) that is `G + k`
    bases, summing to 1 inside the grid range and to 0 outside the extended
    range.

    The gradient with respect to `input` uses the derivative
    `B'_{c,k} = k/(t_{c+k}−t_c)·B_{c,k−1} − k/(t_{c+k+1}−t_{c+1})·B_{c+1,k−1}`,
    itself a `bspline_basis` of order `k − 1`; the knots receive none.

    ```mlir
    %b = hnn.bspline_basis %x, %grid {order = 3 : i64}
        : (tensor<?x6xf32>, tensor<6x12xf32>) -> tensor<?x6x8xf32>
    ```
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$grid,
                       DefaultValuedAttr<HNN_I64Attr, "3">:$order);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $grid attr-dict `:` functional-type(operands, results)";
}

#endif // HNN_KAN_OPS_TD
