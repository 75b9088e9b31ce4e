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

// The attributes that say how kan_spline and its gradients evaluate the
// basis functions.
class HNN_KanSplineArgs<dag operands> {
  dag args = !con(operands, (ins HNN_KanBasisAttr:$basis,
                                 DefaultValuedAttr<HNN_I64Attr, "3">:$order,
                                 DefaultValuedAttr<F64Attr, "-2.0">:$low,
                                 DefaultValuedAttr<F64Attr, "2.0">:$high));
}

def HNN_KanSplineOp : HNN_ComputeOp<"kan_spline"> {
  let summary = "the spline branch of a KAN layer: basis functions contracted with weights";
  let description = [{
    `y[…, o] = Σ_i Σ_c φ_c(x[…, i]) · weight[o, i, c]`: input `…×n`, weight
    `out×n×C`, result `…×out`, with the C basis functions `φ_c` of `basis`:
    - `bspline`: the B-splines of `order` on knot row `i` of `grid` (`n × m`,
      required; `C = m − 1 − order`), as `bspline_basis`; inputs beyond the
      extended grid get no spline term;
    - `rbf`: `exp(−((x − g_c)/h)²)` for C centers `g_c` evenly on
      [`low`, `high`] (spacing `h`);
    - `chebyshev`: the Chebyshev polynomials `T_c(x)` (a layer applies them
      to `tanh(x)`).

    It is one op so that its lowering never materializes the `…×n×C` basis
    tensor: the CPU kernel evaluates the bases of a tile of rows and features
    into a cache-sized block and multiplies it at once (a GEMM whose left
    panel is computed instead of packed). Uniform B-spline knot rows of
    orders 1 to 3 use the closed form of the cardinal B-spline instead of
    the recursion; the check runs on the grid at each call, so refitted
    (non-uniform) grids take the recursion. f32 only (other precisions go
    through `bspline_basis` or elementwise ops and a `linear`).

    Gradients: `kan_spline_grad_input` and `kan_spline_grad_weight`, which
    recompute the bases rather than keep them; the knots get none.

    ```mlir
    %y = hnn.kan_spline %x, %w grid %g {basis = #hnn<kan_basis bspline>}
        : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<6x12xf32>) -> tensor<?x5xf32>
    ```
  }];
  let arguments = HNN_KanSplineArgs<(ins HNN_FloatTensor:$input, HNN_FloatTensor:$weight,
                                         Optional<HNN_FloatTensor>:$grid)>.args;
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`grid` $grid^)? attr-dict `:` functional-type(operands, results)
  }];
}

def HNN_KanSplineGradInputOp : HNN_ComputeOp<"kan_spline_grad_input"> {
  let summary = "the input gradient of kan_spline";
  let description = [{
    `dx[…, i] = Σ_c φ'_c(x[…, i]) · Σ_o dy[…, o] · weight[o, i, c]`, with
    `φ'_c` the derivative of `kan_spline`'s basis function. The lowering
    forms `dy · weight` a block of features at a time and reduces it against
    the derivatives of the same block, so neither the `…×n×C` derivative
    tensor nor the product is materialized.

    ```mlir
    %dx = hnn.kan_spline_grad_input %x, %w, %dy grid %g {basis = #hnn<kan_basis bspline>}
        : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<?x5xf32>, tensor<6x12xf32>) -> tensor<?x6xf32>
    ```
  }];
  let arguments = HNN_KanSplineArgs<(ins HNN_FloatTensor:$input, HNN_FloatTensor:$weight,
                                         HNN_FloatTensor:$output_grad,
                                         Optional<HNN_FloatTensor>:$grid)>.args;
  let results = (outs HNN_FloatTensor:$input_grad);
  let assemblyFormat = [{
    $input `,` $weight `,` $output_grad (`grid` $grid^)? attr-dict `:` functional-type(operands, results)
  }];
}

def HNN_KanSplineGradWeightOp : HNN_ComputeOp<"kan_spline_grad_weight"> {
  let summary = "the weight gradient of kan_spline";
  let description = [{
    `dw[o, i, c] = Σ_… dy[…, o] · φ_c(x[…, i])`, summed over every leading
    position (the batch): result `out×n×bases`. Lowered as a GEMM over the
    batch whose basis operand is evaluated a block at a time.

    ```mlir
    %dw = hnn.kan_spline_grad_weight %x, %dy grid %g {basis = #hnn<kan_basis bspline>, bases = 8 : i64}
        : (tensor<?x6xf32>, tensor<?x5xf32>, tensor<6x12xf32>) -> tensor<5x6x8xf32>
    ```
  }];
  let arguments = !con(HNN_KanSplineArgs<(ins HNN_FloatTensor:$input,
                                              HNN_FloatTensor:$output_grad,
                                              Optional<HNN_FloatTensor>:$grid)>.args,
                       (ins HNN_I64Attr:$bases));
  let results = (outs HNN_FloatTensor:$weight_grad);
  let assemblyFormat = [{
    $input `,` $output_grad (`grid` $grid^)? attr-dict `:` functional-type(operands, results)
  }];
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
    `kan_spline`, so the `N·OH·OW × C·KH·KW × bases` tensor of basis
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
