// bspline_basis against the KAN reference (test/kan/reference.py, which
// checks itself against the table of MODELS.md appendix B): the 8 cubic bases
// of the uniform grid G = 5 on [-1, 1] at x = -1, 0.1, 0.99, 1 (the right
// end belongs to the grid's extension) and -1.3 (on the extension: the bases
// sum to less than 1). Then its gradient against finite differences, for
// orders 3 and 2 (the rule builds an order k-1 basis), leading dimensions and
// a non-uniform knot row, and the kan_linear pattern around it.
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run run %t.so --entry appendix_b --input %S/data/bspline_g5k3.x.npy --expect %S/data/bspline_g5k3.bases.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=VALUES
// VALUES: result 0: ok (40 elements
// RUN: hnn-run gradcheck %t.so --entry cubic --batch 16 --samples 32 | FileCheck %s --check-prefix=GRAD
// RUN: hnn-run gradcheck %t.so --entry quadratic_uneven --samples 40 | FileCheck %s --check-prefix=GRAD
// GRAD: arg 0 ({{.*}}): ok
// GRAD-NOT: arg 1

func.func @appendix_b(%x: tensor<?xf32>) -> tensor<?x8xf32> {
  %grid = hnn.constant dense<[[-2.2, -1.8, -1.4, -1.0, -0.6, -0.2, 0.2, 0.6, 1.0, 1.4, 1.8, 2.2]]> : tensor<1x12xf32>
  %x1 = hnn.reshape %x : tensor<?xf32> -> tensor<?x1xf32>
  %b = hnn.bspline_basis %x1, %grid {order = 3} : (tensor<?x1xf32>, tensor<1x12xf32>) -> tensor<?x1x8xf32>
  %r = hnn.reshape %b : tensor<?x1x8xf32> -> tensor<?x8xf32>
  return %r : tensor<?x8xf32>
}

// Two features with their own rows, weighted sum of the bases (the spline
// branch of a KAN layer, unfused).
func.func @cubic(%x: tensor<?x2xf32>) -> tensor<?x3xf32> {
  %grid = hnn.constant dense<[[-2.2, -1.8, -1.4, -1.0, -0.6, -0.2, 0.2, 0.6, 1.0, 1.4, 1.8, 2.2],
                              [-3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5]]> : tensor<2x12xf32>
  %w = hnn.constant dense<[[0.3, -0.2, 0.5, 0.1, -0.4, 0.7, 0.2, -0.1, 0.6, -0.3, 0.05, 0.4, -0.5, 0.25, 0.15, -0.35],
                           [-0.1, 0.4, 0.2, -0.6, 0.3, 0.1, -0.2, 0.5, 0.45, 0.2, -0.15, 0.3, 0.1, -0.25, 0.35, 0.6],
                           [0.2, 0.1, -0.3, 0.4, 0.5, -0.2, 0.3, 0.1, -0.4, 0.2, 0.6, -0.1, 0.3, 0.2, -0.5, 0.1]]> : tensor<3x16xf32>
  %b = hnn.bspline_basis %x, %grid {order = 3} : (tensor<?x2xf32>, tensor<2x12xf32>) -> tensor<?x2x8xf32>
  %f = hnn.reshape %b : tensor<?x2x8xf32> -> tensor<?x16xf32>
  %y = hnn.linear %f, %w : (tensor<?x16xf32>, tensor<3x16xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// Quadratic bases on an uneven row, three leading dimensions.
func.func @quadratic_uneven(%x: tensor<2x3x1xf32>) -> tensor<2x3x1x6xf32> {
  %grid = hnn.constant dense<[[-2.0, -1.6, -1.5, -0.7, -0.2, 0.0, 0.4, 1.1, 2.0]]> : tensor<1x9xf32>
  %b = hnn.bspline_basis %x, %grid {order = 2} : (tensor<2x3x1xf32>, tensor<1x9xf32>) -> tensor<2x3x1x6xf32>
  return %b : tensor<2x3x1x6xf32>
}
