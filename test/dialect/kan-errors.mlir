// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of bspline_basis (KANOps.cpp): element types, the grid's rank
// and rows, the knots an order needs.

func.func @bspline_element_types(%x: tensor<?x6xf32>, %grid: tensor<6x12xf16>) {
  // expected-error@+2 {{'hnn.bspline_basis' op expects 'grid' to have the element type of 'input' (f32), got f16}}
  // expected-error@+1 {{'hnn.bspline_basis' op failed to infer returned types}}
  %0 = hnn.bspline_basis %x, %grid : (tensor<?x6xf32>, tensor<6x12xf16>) -> tensor<?x6x8xf32>
  return
}

// -----

func.func @bspline_grid_rank(%x: tensor<?x6xf32>, %grid: tensor<72xf32>) {
  // expected-error@+2 {{'hnn.bspline_basis' op expects a static grid of rank 2 (features x knots)}}
  // expected-error@+1 {{'hnn.bspline_basis' op failed to infer returned types}}
  %0 = hnn.bspline_basis %x, %grid : (tensor<?x6xf32>, tensor<72xf32>) -> tensor<?x6x8xf32>
  return
}

// -----

func.func @bspline_rows(%x: tensor<?x6xf32>, %grid: tensor<5x12xf32>) {
  // expected-error@+2 {{'hnn.bspline_basis' op input has 6 features but the grid has 5 knot rows}}
  // expected-error@+1 {{'hnn.bspline_basis' op failed to infer returned types}}
  %0 = hnn.bspline_basis %x, %grid : (tensor<?x6xf32>, tensor<5x12xf32>) -> tensor<?x6x8xf32>
  return
}

// -----

func.func @bspline_too_few_knots(%x: tensor<?x6xf32>, %grid: tensor<6x4xf32>) {
  // expected-error@+2 {{'hnn.bspline_basis' op a basis of order 3 needs at least 5 knots per row, the grid has 4}}
  // expected-error@+1 {{'hnn.bspline_basis' op failed to infer returned types}}
  %0 = hnn.bspline_basis %x, %grid {order = 3} : (tensor<?x6xf32>, tensor<6x4xf32>) -> tensor<?x6x0xf32>
  return
}

// -----

func.func @bspline_negative_order(%x: tensor<?x6xf32>, %grid: tensor<6x12xf32>) {
  // expected-error@+2 {{'hnn.bspline_basis' op expects order >= 0, got -1}}
  // expected-error@+1 {{'hnn.bspline_basis' op failed to infer returned types}}
  %0 = hnn.bspline_basis %x, %grid {order = -1} : (tensor<?x6xf32>, tensor<6x12xf32>) -> tensor<?x6x8xf32>
  return
}

// -----

func.func @bspline_result_type(%x: tensor<?x6xf32>, %grid: tensor<6x12xf32>) {
  // expected-error@+2 {{'hnn.bspline_basis' op inferred type(s) 'tensor<?x6x8xf32>' are incompatible with return type(s) of operation 'tensor<?x6x9xf32>'}}
  // expected-error@+1 {{'hnn.bspline_basis' op failed to infer returned types}}
  %0 = hnn.bspline_basis %x, %grid : (tensor<?x6xf32>, tensor<6x12xf32>) -> tensor<?x6x9xf32>
  return
}

// -----

func.func @kan_select_branch_types(%a: tensor<?x5xf32>, %b: tensor<?x4xf32>, %l: tensor<5x2xf32>, %m: tensor<5x2xf32>) {
  // expected-error@+2 {{'hnn.kan_select' op expects branches of one type, got tensor<?x5xf32> and tensor<?x4xf32>}}
  // expected-error@+1 {{'hnn.kan_select' op failed to infer returned types}}
  %0 = hnn.kan_select(%a, %b), %l, %m : (tensor<?x5xf32>, tensor<?x4xf32>, tensor<5x2xf32>, tensor<5x2xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_select_logits(%a: tensor<?x5xf32>, %b: tensor<?x5xf32>, %l: tensor<5x3xf32>, %m: tensor<5x2xf32>) {
  // expected-error@+2 {{'hnn.kan_select' op logits must be tensor<5x2xf32> (units x branches), got tensor<5x3xf32>}}
  // expected-error@+1 {{'hnn.kan_select' op failed to infer returned types}}
  %0 = hnn.kan_select(%a, %b), %l, %m : (tensor<?x5xf32>, tensor<?x5xf32>, tensor<5x3xf32>, tensor<5x2xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_select_mask(%a: tensor<?x5xf32>, %l: tensor<5x1xf32>, %m: tensor<1x5xf32>) {
  // expected-error@+2 {{'hnn.kan_select' op mask must be tensor<5x1xf32> (units x branches), got tensor<1x5xf32>}}
  // expected-error@+1 {{'hnn.kan_select' op failed to infer returned types}}
  %0 = hnn.kan_select(%a), %l, %m : (tensor<?x5xf32>, tensor<5x1xf32>, tensor<1x5xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_linear_no_grid(%x: tensor<?x6xf32>, %sw: tensor<5x6x8xf32>, %bw: tensor<5x6xf32>) {
  // expected-error@+2 {{'hnn.kan_linear' op needs grid (the knots of the bspline basis)}}
  // expected-error@+1 {{'hnn.kan_linear' op failed to infer returned types}}
  %0 = hnn.kan_linear %x, %sw base %bw {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<5x6xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_linear_base_without_activation(%x: tensor<?x6xf32>, %sw: tensor<5x6x5xf32>, %bw: tensor<5x6xf32>) {
  // expected-error@+2 {{'hnn.kan_linear' op takes no base_weight (the base activation is none)}}
  // expected-error@+1 {{'hnn.kan_linear' op failed to infer returned types}}
  %0 = hnn.kan_linear %x, %sw base %bw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>} : (tensor<?x6xf32>, tensor<5x6x5xf32>, tensor<5x6xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_linear_features(%x: tensor<?x7xf32>, %sw: tensor<5x6x5xf32>) {
  // expected-error@+2 {{'hnn.kan_linear' op spline_weight has 6 input features but the input has 7}}
  // expected-error@+1 {{'hnn.kan_linear' op failed to infer returned types}}
  %0 = hnn.kan_linear %x, %sw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>} : (tensor<?x7xf32>, tensor<5x6x5xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_linear_grid_width(%x: tensor<?x6xf32>, %sw: tensor<5x6x8xf32>, %bw: tensor<5x6xf32>, %g: tensor<6x11xf32>) {
  // expected-error@+2 {{'hnn.kan_linear' op grid must be tensor<6x12xf32>, got tensor<6x11xf32>}}
  // expected-error@+1 {{'hnn.kan_linear' op failed to infer returned types}}
  %0 = hnn.kan_linear %x, %sw base %bw grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<5x6xf32>, tensor<6x11xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_linear_norm_not_rbf(%x: tensor<?x6xf32>, %sw: tensor<5x6x5xf32>, %nw: tensor<6xf32>, %nb: tensor<6xf32>) {
  // expected-error@+2 {{'hnn.kan_linear' op takes no norm_weight (the rbf basis's layer normalization)}}
  // expected-error@+1 {{'hnn.kan_linear' op failed to infer returned types}}
  %0 = hnn.kan_linear %x, %sw norm %nw bias %nb {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>} : (tensor<?x6xf32>, tensor<5x6x5xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x5xf32>
  return
}

// -----

// kan_spline and its gradients (KANOps.cpp): f32 only, a grid exactly for
// the bspline basis, the weight's shape against the features and bases, dy
// against the input and units, the bases attribute.

func.func @kan_spline_f16(%x: tensor<?x6xf16>, %g: tensor<6x12xf16>, %w: tensor<5x6x8xf16>) {
  // expected-error@+2 {{'hnn.kan_spline' op expects f32 operands, got f16 (other precisions go through bspline_basis or elementwise ops)}}
  // expected-error@+1 {{'hnn.kan_spline' op failed to infer returned types}}
  %0 = hnn.kan_spline %x, %w grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf16>, tensor<5x6x8xf16>, tensor<6x12xf16>) -> tensor<?x5xf16>
  return
}

// -----

func.func @kan_spline_bases(%x: tensor<?x6xf32>, %g: tensor<6x12xf32>, %w: tensor<5x6x9xf32>) {
  // expected-error@+2 {{'hnn.kan_spline' op weight has 9 bases but the grid gives 8}}
  // expected-error@+1 {{'hnn.kan_spline' op failed to infer returned types}}
  %0 = hnn.kan_spline %x, %w grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x9xf32>, tensor<6x12xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_spline_rows(%x: tensor<?x6xf32>, %g: tensor<7x12xf32>, %w: tensor<5x6x8xf32>) {
  // expected-error@+2 {{'hnn.kan_spline' op input has 6 features but the grid has 7 knot rows}}
  // expected-error@+1 {{'hnn.kan_spline' op failed to infer returned types}}
  %0 = hnn.kan_spline %x, %w grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<7x12xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_spline_no_grid(%x: tensor<?x6xf32>, %w: tensor<5x6x8xf32>) {
  // expected-error@+2 {{'hnn.kan_spline' op needs a grid (the knots of the bspline basis)}}
  // expected-error@+1 {{'hnn.kan_spline' op failed to infer returned types}}
  %0 = hnn.kan_spline %x, %w {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_spline_rbf_grid(%x: tensor<?x6xf32>, %w: tensor<5x6x8xf32>, %g: tensor<6x12xf32>) {
  // expected-error@+2 {{'hnn.kan_spline' op takes no grid (the rbf basis has no knots)}}
  // expected-error@+1 {{'hnn.kan_spline' op failed to infer returned types}}
  %0 = hnn.kan_spline %x, %w grid %g {basis = #hnn<kan_basis rbf>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<6x12xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_spline_rbf_one(%x: tensor<?x6xf32>, %w: tensor<5x6x1xf32>) {
  // expected-error@+2 {{'hnn.kan_spline' op the rbf basis needs at least 2 functions, weight has 1}}
  // expected-error@+1 {{'hnn.kan_spline' op failed to infer returned types}}
  %0 = hnn.kan_spline %x, %w {basis = #hnn<kan_basis rbf>} : (tensor<?x6xf32>, tensor<5x6x1xf32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @kan_spline_grad_input_dy(%x: tensor<?x6xf32>, %g: tensor<6x12xf32>, %w: tensor<5x6x8xf32>, %dy: tensor<?x4xf32>) {
  // expected-error@+2 {{'hnn.kan_spline_grad_input' op output_grad must be tensor<?x5xf32> (the input's leading dimensions x out), got tensor<?x4xf32>}}
  // expected-error@+1 {{'hnn.kan_spline_grad_input' op failed to infer returned types}}
  %0 = hnn.kan_spline_grad_input %x, %w, %dy grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x8xf32>, tensor<?x4xf32>, tensor<6x12xf32>) -> tensor<?x6xf32>
  return
}

// -----

func.func @kan_spline_grad_weight_batch(%x: tensor<3x6xf32>, %dy: tensor<4x5xf32>) {
  // expected-error@+2 {{'hnn.kan_spline_grad_weight' op output_grad must be tensor<3x5xf32> (the input's leading dimensions x out), got tensor<4x5xf32>}}
  // expected-error@+1 {{'hnn.kan_spline_grad_weight' op failed to infer returned types}}
  %0 = hnn.kan_spline_grad_weight %x, %dy {basis = #hnn<kan_basis chebyshev>, bases = 4} : (tensor<3x6xf32>, tensor<4x5xf32>) -> tensor<5x6x4xf32>
  return
}

// -----

func.func @kan_spline_grad_weight_bases(%x: tensor<?x6xf32>, %g: tensor<6x12xf32>, %dy: tensor<?x5xf32>) {
  // expected-error@+2 {{'hnn.kan_spline_grad_weight' op 'bases' has 7 bases but the grid gives 8}}
  // expected-error@+1 {{'hnn.kan_spline_grad_weight' op failed to infer returned types}}
  %0 = hnn.kan_spline_grad_weight %x, %dy grid %g {basis = #hnn<kan_basis bspline>, bases = 7} : (tensor<?x6xf32>, tensor<?x5xf32>, tensor<6x12xf32>) -> tensor<5x6x7xf32>
  return
}

// -----

func.func @kan_spline_order(%x: tensor<?x6xf32>, %g: tensor<6x4xf32>, %w: tensor<5x6x1xf32>) {
  // expected-error@+2 {{'hnn.kan_spline' op a basis of order 3 needs at least 5 knots per row, the grid has 4}}
  // expected-error@+1 {{'hnn.kan_spline' op failed to infer returned types}}
  %0 = hnn.kan_spline %x, %w grid %g {basis = #hnn<kan_basis bspline>} : (tensor<?x6xf32>, tensor<5x6x1xf32>, tensor<6x4xf32>) -> tensor<?x5xf32>
  return
}

// -----

// kan_conv2d (KANOps.cpp): the window's checks, then kan_linear's on the
// patch size C·KH·KW.

func.func @kan_conv2d_patch(%x: tensor<?x3x7x7xf32>, %sw: tensor<4x9x8xf32>, %g: tensor<9x12xf32>) {
  // expected-error@+2 {{'hnn.kan_conv2d' op spline_weight has 9 input features but the input has 27}}
  // expected-error@+1 {{'hnn.kan_conv2d' op failed to infer returned types}}
  %0 = hnn.kan_conv2d %x, %sw grid %g {basis = #hnn<kan_basis bspline>, base_activation = #hnn<kan_base none>, kernel_size = array<i64: 3, 3>} : (tensor<?x3x7x7xf32>, tensor<4x9x8xf32>, tensor<9x12xf32>) -> tensor<?x4x5x5xf32>
  return
}

// -----

func.func @kan_conv2d_reflect(%x: tensor<?x1x3x3xf32>, %sw: tensor<2x9x4xf32>) {
  // expected-error@+2 {{'hnn.kan_conv2d' op reflect padding 3 must be smaller than H = 3}}
  // expected-error@+1 {{'hnn.kan_conv2d' op failed to infer returned types}}
  %0 = hnn.kan_conv2d %x, %sw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>, kernel_size = array<i64: 3, 3>, padding = array<i64: 3, 0>, padding_mode = #hnn<padding_mode reflect>} : (tensor<?x1x3x3xf32>, tensor<2x9x4xf32>) -> tensor<?x2x7x1xf32>
  return
}

// -----

func.func @kan_conv2d_rank(%x: tensor<?x3x7xf32>, %sw: tensor<2x9x4xf32>) {
  // expected-error@+2 {{'hnn.kan_conv2d' op expects a 4-D input (N x C x H x W), got rank 3}}
  // expected-error@+1 {{'hnn.kan_conv2d' op failed to infer returned types}}
  %0 = hnn.kan_conv2d %x, %sw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>, kernel_size = array<i64: 3, 3>} : (tensor<?x3x7xf32>, tensor<2x9x4xf32>) -> tensor<?x2x5x5xf32>
  return
}

// -----

func.func @kan_conv2d_window(%x: tensor<?x1x2x2xf32>, %sw: tensor<2x9x4xf32>) {
  // expected-error@+2 {{'hnn.kan_conv2d' op window does not fit: input ?x1x2x2 gives an output of 0x0}}
  // expected-error@+1 {{'hnn.kan_conv2d' op failed to infer returned types}}
  %0 = hnn.kan_conv2d %x, %sw {basis = #hnn<kan_basis chebyshev>, base_activation = #hnn<kan_base none>, kernel_size = array<i64: 3, 3>} : (tensor<?x1x2x2xf32>, tensor<2x9x4xf32>) -> tensor<?x2x1x1xf32>
  return
}
