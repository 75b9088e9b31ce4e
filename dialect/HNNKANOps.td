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

def HNN_BsplineLinearOp : HNN_ComputeOp<"bspline_linear"> {
  let summary = "the spline branch of a KAN layer: B-spline bases contracted with weights";
  let description = [{
    `y[…, o] = Σ_i Σ_c B_c(x[…, i]) · weight[o, i, c]` with `B_c` the
    `bspline_basis` of `order` on knot row `i` of `grid` (`n × m`): input
    `…×n`, weight `out×n×(m−1−order)`, result `…×out`. It is
    `linear(reshape(bspline_basis(x, grid)), reshape(weight))`, as one op so
    that the lowering never materializes the `…×n×bases` basis tensor: the
    CPU kernel evaluates the bases of a tile of rows and features into a
    cache-sized block and multiplies it at once (a GEMM whose left panel is
    computed instead of packed). When every knot row is uniform it uses the
    closed form of the cardinal B-spline (orders 1 to 3) instead of the
    recursion; the check runs on the grid at each call, so refitted
    (non-uniform) grids take the recursion.

    Inputs beyond the extended grid get no spline term. Gradients:
    `bspline_linear_grad_input` and `bspline_linear_grad_weight` (which
    recompute the bases rather than keep them); the knots get none.

    ```mlir
    %y = hnn.bspline_linear %x, %grid, %w {order = 3 : i64}
        : (tensor<?x6xf32>, tensor<6x12xf32>, tensor<5x6x8xf32>) -> tensor<?x5xf32>
    ```
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$grid, HNN_FloatTensor:$weight,
                       DefaultValuedAttr<HNN_I64Attr, "3">:$order);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $grid `,` $weight attr-dict `:` functional-type(operands, results)";
}

def HNN_BsplineLinearGradInputOp : HNN_ComputeOp<"bspline_linear_grad_input"> {
  let summary = "the input gradient of bspline_linear";
  let description = [{
    `dx[…, i] = Σ_c B'_c(x[…, i]) · Σ_o dy[…, o] · weight[o, i, c]`, with
    `B'_c` the derivative of the order-`order` basis on knot row `i`. The
    lowering forms `dy · weight` a block of features at a time and reduces it
    against the derivatives of the same block, so neither the `…×n×bases`
    derivative tensor nor the product is materialized.

    ```mlir
    %dx = hnn.bspline_linear_grad_input %x, %grid, %w, %dy {order = 3 : i64}
        : (tensor<?x6xf32>, tensor<6x12xf32>, tensor<5x6x8xf32>, tensor<?x5xf32>) -> tensor<?x6xf32>
    ```
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$grid, HNN_FloatTensor:$weight,
                       HNN_FloatTensor:$output_grad,
                       DefaultValuedAttr<HNN_I64Attr, "3">:$order);
  let results = (outs HNN_FloatTensor:$input_grad);
  let assemblyFormat = [{
    $input `,` $grid `,` $weight `,` $output_grad attr-dict `:` functional-type(operands, results)
  }];
}

def HNN_BsplineLinearGradWeightOp : HNN_ComputeOp<"bspline_linear_grad_weight"> {
  let summary = "the weight gradient of bspline_linear";
  let description = [{
    `dw[o, i, c] = Σ_… dy[…, o] · B_c(x[…, i])`, summed over every leading
    position (the batch): result `out×n×(m−1−order)`. Lowered as a GEMM over
    the batch whose basis operand is evaluated a block at a time.

    ```mlir
    %dw = hnn.bspline_linear_grad_weight %x, %grid, %dy {order = 3 : i64}
        : (tensor<?x6xf32>, tensor<6x12xf32>, tensor<?x5xf32>) -> tensor<5x6x8xf32>
    ```
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$grid,
                       HNN_FloatTensor:$output_grad,
                       DefaultValuedAttr<HNN_I64Attr, "3">:$order);
  let results = (outs HNN_FloatTensor:$weight_grad);
  let assemblyFormat = "$input `,` $grid `,` $output_grad attr-dict `:` functional-type(operands, results)";
}

def HNN_KanLinearOp : HNN_ComputeOp<"kan_linear", [AttrSizedOperandSegments]> {
  let summary = "a Kolmogorov-Arnold layer on the last dimension";
  let description = [{
    `y[…, o] = Σ_i base(x[…, i])·base_weight[o, i]
             + Σ_i Σ_c B_c(x[…, i])·spline_weight[o, i, c]·spline_scaler[o, i]`
    (efficient-kan's layout) with `B_c` the `basis`:
    - `bspline`: `bspline_basis` of `order` on the knot rows `grid` (`in ×
      (K + order + 1)`, required);
    - `rbf`: `exp(−((z − g_c)/h)²)` for K centers `g_c` evenly on
      [`low`, `high`] (spacing `h`), where `z` is `x`, or its layer
      normalization over the features with `norm_weight`/`norm_bias` (`in`)
      when given (FastKAN);
    - `chebyshev`: `T_0 … T_{K−1}` of `tanh(x)` by the three-term recurrence.
    `base_activation` is `silu`, `identity` or `none` (then no
    `base_weight`); `spline_scaler` is optional. Input `…×in`,
    `spline_weight` `out×in×K`, result `…×out`.

    The layer is one op in the IR that model files produce and that passes
    can see whole; `hnn-expand-kan` (run by the training, autodiff and
    lowering passes before they need to) rewrites it into `bspline_basis`
    and core ops, whose gradient rules and lowerings then apply.

    ```mlir
    %y = hnn.kan_linear %x, %sw base %bw scaler %sc grid %g
        {basis = #hnn<kan_basis bspline>, base_activation = #hnn<kan_base silu>}
        : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<5x6xf32>, tensor<5x6xf32>, tensor<6x12xf32>)
        -> tensor<?x5xf32>
    ```
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$spline_weight,
                       Optional<HNN_FloatTensor>:$base_weight,
                       Optional<HNN_FloatTensor>:$spline_scaler,
                       Optional<HNN_FloatTensor>:$grid,
                       Optional<HNN_FloatTensor>:$norm_weight,
                       Optional<HNN_FloatTensor>:$norm_bias,
                       HNN_KanBasisAttr:$basis,
                       DefaultValuedAttr<HNN_KanBaseAttr, "::mlir::hnn::KanBase::silu">:$base_activation,
                       DefaultValuedAttr<HNN_I64Attr, "3">:$order,
                       DefaultValuedAttr<F64Attr, "-2.0">:$low,
                       DefaultValuedAttr<F64Attr, "2.0">:$high);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $spline_weight (`base` $base_weight^)? (`scaler` $spline_scaler^)?
    (`grid` $grid^)? (`norm` $norm_weight^)? (`bias` $norm_bias^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def HNN_KanConv2dOp : HNN_ComputeOp<"kan_conv2d", [AttrSizedOperandSegments]> {
  let summary = "ConvKAN: a Kolmogorov-Arnold layer applied to every patch of an image";
  let description = [{
    Input `N×C×H×W`; the result `N×out×OH×OW` (sizes as `conv2d`'s) holds,
    at each output position, the `kan_linear` map of that position's patch:
    the `C·KH·KW` values `unfold` gives (channel-major, then kernel row and
    column, as `torch.nn.functional.unfold`). The operands and the KAN
    attributes are `kan_linear`'s with `in = C·KH·KW`; `stride`, `padding`,
    `dilation` (default 1, 0, 1) and `padding_mode` (zeros, reflect,
    replicate, circular) are the window's. Grouped ConvKAN is one
    `kan_conv2d` per channel group.

    `hnn-expand-kan` rewrites it into a pad (modes other than zeros), an
    unfold, the transpose to `N × positions × features` (the patches become
    rows: a transpose, not a reinterpretation of the unfolded layout), the
    `kan_linear` map and the transpose back; its spline branch is then one
    `bspline_linear`, so the `N·OH·OW × C·KH·KW × bases` tensor of basis
    values is never formed.

    ```mlir
    %y = hnn.kan_conv2d %x, %sw base %bw scaler %sc grid %g
        {basis = #hnn<kan_basis bspline>, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>}
        : (tensor<?x3x6x6xf32>, tensor<4x27x8xf32>, tensor<4x27xf32>, tensor<4x27xf32>, tensor<27x12xf32>)
        -> tensor<?x4x6x6xf32>
    ```
  }];
  let arguments = (ins HNN_FloatTensor:$input, HNN_FloatTensor:$spline_weight,
                       Optional<HNN_FloatTensor>:$base_weight,
                       Optional<HNN_FloatTensor>:$spline_scaler,
                       Optional<HNN_FloatTensor>:$grid,
                       Optional<HNN_FloatTensor>:$norm_weight,
                       Optional<HNN_FloatTensor>:$norm_bias,
                       HNN_KanBasisAttr:$basis,
                       DefaultValuedAttr<HNN_KanBaseAttr, "::mlir::hnn::KanBase::silu">:$base_activation,
                       DefaultValuedAttr<HNN_I64Attr, "3">:$order,
                       DefaultValuedAttr<F64Attr, "-2.0">:$low,
                       DefaultValuedAttr<F64Attr, "2.0">:$high,
                       DenseI64ArrayAttr:$kernel_size, HNN_I64Array:$stride,
                       HNN_I64Array:$padding, HNN_I64Array:$dilation,
                       DefaultValuedAttr<HNN_PaddingModeAttr,
                                         "::mlir::hnn::PaddingMode::zeros">:$padding_mode);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $spline_weight (`base` $base_weight^)? (`scaler` $spline_scaler^)?
    (`grid` $grid^)? (`norm` $norm_weight^)? (`bias` $norm_bias^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def HNN_KanSelectOp : HNN_ComputeOp<"kan_select"> {
  let summary = "S-KAN: a per-unit softmax mixture of candidate KAN branches";
  let description = [{
    `branches` are M tensors of one type `…×out` (the outputs of M candidate
    KAN layers on the same input); `logits` and `mask` are `out×M`. The result
    is `Σ_m w[o, m]·branch_m[…, o]` with `w = softmax_m(logits)` over the
    candidates whose mask entry is non-zero (the others get weight 0). A mask
    selects the top-K candidates of each unit in the selective phase and one
    in the pruned phase; `hnn-kan-prune` replaces a layer whose logits and
    mask are constants by its selected branches.

    Gradients flow to every branch (scaled by its weight) and to the logits
    (through the softmax); the mask receives none.
  }];
  let arguments = (ins Variadic<HNN_FloatTensor>:$branches, HNN_FloatTensor:$logits,
                       HNN_FloatTensor:$mask);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = [{
    `(` $branches `)` `,` $logits `,` $mask attr-dict `:` functional-type(operands, results)
  }];
}

#endif // HNN_KAN_OPS_TD
