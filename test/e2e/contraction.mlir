// End-to-end numerics of linear, matmul and batch_matmul against PyTorch
// (goldens from make_goldens.py, family "contraction").
// RUN: hnnc %s -o %t.so
// RUN: hnn-run run %t.so --entry matmul_basic --golden %S/data/matmul_basic
// RUN: hnn-run run %t.so --entry matmul_ones --golden %S/data/matmul_ones
// RUN: hnn-run run %t.so --entry matmul_vec --golden %S/data/matmul_vec
// RUN: hnn-run run %t.so --entry matmul_dyn --golden %S/data/matmul_dyn
// RUN: hnn-run run %t.so --entry linear_1d --golden %S/data/linear_1d
// RUN: hnn-run run %t.so --entry linear_2d --golden %S/data/linear_2d
// RUN: hnn-run run %t.so --entry linear_2d_nobias --golden %S/data/linear_2d_nobias
// RUN: hnn-run run %t.so --entry linear_3d_nobias --golden %S/data/linear_3d_nobias
// RUN: hnn-run run %t.so --entry linear_4d --golden %S/data/linear_4d
// RUN: hnn-run run %t.so --entry linear_dyn --golden %S/data/linear_dyn
// RUN: hnn-run run %t.so --entry linear_dyn_2d --golden %S/data/linear_dyn_2d
// RUN: hnn-run run %t.so --entry linear_f16 --golden %S/data/linear_f16
// RUN: hnn-run run %t.so --entry batch_matmul_3d --golden %S/data/batch_matmul_3d
// RUN: hnn-run run %t.so --entry batch_matmul_4d --golden %S/data/batch_matmul_4d
// RUN: hnn-run run %t.so --entry batch_matmul_ones --golden %S/data/batch_matmul_ones
// RUN: hnn-run run %t.so --entry batch_matmul_dyn --golden %S/data/batch_matmul_dyn
// RUN: hnn-run run %t.so --entry batch_matmul_dyn_4d --golden %S/data/batch_matmul_dyn_4d

func.func @matmul_basic(%a0: tensor<17x33xf32>, %a1: tensor<33x5xf32>) -> tensor<17x5xf32> {
  %0 = hnn.matmul %a0, %a1 : (tensor<17x33xf32>, tensor<33x5xf32>) -> tensor<17x5xf32>
  return %0 : tensor<17x5xf32>
}

func.func @matmul_ones(%a0: tensor<1x1xf32>, %a1: tensor<1x3xf32>) -> tensor<1x3xf32> {
  %0 = hnn.matmul %a0, %a1 : (tensor<1x1xf32>, tensor<1x3xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

func.func @matmul_vec(%a0: tensor<3x17xf32>, %a1: tensor<17x1xf32>) -> tensor<3x1xf32> {
  %0 = hnn.matmul %a0, %a1 : (tensor<3x17xf32>, tensor<17x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// A dynamic M: the runtime binds it from the argument.
func.func @matmul_dyn(%a0: tensor<?x7xf32>, %a1: tensor<7x3xf32>) -> tensor<?x3xf32> {
  %0 = hnn.matmul %a0, %a1 : (tensor<?x7xf32>, tensor<7x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// A rank-1 input is a matrix-vector product.
func.func @linear_1d(%a0: tensor<11xf32>, %a1: tensor<3x11xf32>, %a2: tensor<3xf32>) -> tensor<3xf32> {
  %0 = hnn.linear %a0, %a1, %a2 : (tensor<11xf32>, tensor<3x11xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @linear_2d(%a0: tensor<5x33xf32>, %a1: tensor<17x33xf32>, %a2: tensor<17xf32>) -> tensor<5x17xf32> {
  %0 = hnn.linear %a0, %a1, %a2 : (tensor<5x33xf32>, tensor<17x33xf32>, tensor<17xf32>) -> tensor<5x17xf32>
  return %0 : tensor<5x17xf32>
}

func.func @linear_2d_nobias(%a0: tensor<1x9xf32>, %a1: tensor<1x9xf32>) -> tensor<1x1xf32> {
  %0 = hnn.linear %a0, %a1 : (tensor<1x9xf32>, tensor<1x9xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

func.func @linear_3d_nobias(%a0: tensor<2x3x17xf32>, %a1: tensor<5x17xf32>) -> tensor<2x3x5xf32> {
  %0 = hnn.linear %a0, %a1 : (tensor<2x3x17xf32>, tensor<5x17xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

func.func @linear_4d(%a0: tensor<2x3x4x9xf32>, %a1: tensor<7x9xf32>, %a2: tensor<7xf32>) -> tensor<2x3x4x7xf32> {
  %0 = hnn.linear %a0, %a1, %a2 : (tensor<2x3x4x9xf32>, tensor<7x9xf32>, tensor<7xf32>) -> tensor<2x3x4x7xf32>
  return %0 : tensor<2x3x4x7xf32>
}

func.func @linear_dyn(%a0: tensor<?x3x5xf32>, %a1: tensor<7x5xf32>, %a2: tensor<7xf32>) -> tensor<?x3x7xf32> {
  %0 = hnn.linear %a0, %a1, %a2 : (tensor<?x3x5xf32>, tensor<7x5xf32>, tensor<7xf32>) -> tensor<?x3x7xf32>
  return %0 : tensor<?x3x7xf32>
}

func.func @linear_dyn_2d(%a0: tensor<?x13xf32>, %a1: tensor<6x13xf32>, %a2: tensor<6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.linear %a0, %a1, %a2 : (tensor<?x13xf32>, tensor<6x13xf32>, tensor<6xf32>) -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// f16 in and out; the runtime passes f32, so linalg.map converts. The
// inputs are exact in f16 and the reference is the exact result rounded to
// f16, which an f32 accumulator reproduces.
func.func @linear_f16(%x: tensor<4x19xf32>, %w: tensor<5x19xf32>, %b: tensor<5xf32>) -> tensor<4x5xf32> {
  %e0 = tensor.empty() : tensor<4x19xf16>
  %xh = linalg.map { arith.truncf } ins(%x : tensor<4x19xf32>) outs(%e0 : tensor<4x19xf16>)
  %e1 = tensor.empty() : tensor<5x19xf16>
  %wh = linalg.map { arith.truncf } ins(%w : tensor<5x19xf32>) outs(%e1 : tensor<5x19xf16>)
  %e2 = tensor.empty() : tensor<5xf16>
  %bh = linalg.map { arith.truncf } ins(%b : tensor<5xf32>) outs(%e2 : tensor<5xf16>)
  %0 = hnn.linear %xh, %wh, %bh : (tensor<4x19xf16>, tensor<5x19xf16>, tensor<5xf16>) -> tensor<4x5xf16>
  %e3 = tensor.empty() : tensor<4x5xf32>
  %r = linalg.map { arith.extf } ins(%0 : tensor<4x5xf16>) outs(%e3 : tensor<4x5xf32>)
  return %r : tensor<4x5xf32>
}

func.func @batch_matmul_3d(%a0: tensor<3x17x5xf32>, %a1: tensor<3x5x9xf32>) -> tensor<3x17x9xf32> {
  %0 = hnn.batch_matmul %a0, %a1 : (tensor<3x17x5xf32>, tensor<3x5x9xf32>) -> tensor<3x17x9xf32>
  return %0 : tensor<3x17x9xf32>
}

func.func @batch_matmul_4d(%a0: tensor<2x3x5x7xf32>, %a1: tensor<2x3x7x4xf32>) -> tensor<2x3x5x4xf32> {
  %0 = hnn.batch_matmul %a0, %a1 : (tensor<2x3x5x7xf32>, tensor<2x3x7x4xf32>) -> tensor<2x3x5x4xf32>
  return %0 : tensor<2x3x5x4xf32>
}

func.func @batch_matmul_ones(%a0: tensor<1x1x3xf32>, %a1: tensor<1x3x1xf32>) -> tensor<1x1x1xf32> {
  %0 = hnn.batch_matmul %a0, %a1 : (tensor<1x1x3xf32>, tensor<1x3x1xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

func.func @batch_matmul_dyn(%a0: tensor<?x5x3xf32>, %a1: tensor<?x3x6xf32>) -> tensor<?x5x6xf32> {
  %0 = hnn.batch_matmul %a0, %a1 : (tensor<?x5x3xf32>, tensor<?x3x6xf32>) -> tensor<?x5x6xf32>
  return %0 : tensor<?x5x6xf32>
}

func.func @batch_matmul_dyn_4d(%a0: tensor<?x2x3x4xf32>, %a1: tensor<?x2x4x5xf32>) -> tensor<?x2x3x5xf32> {
  %0 = hnn.batch_matmul %a0, %a1 : (tensor<?x2x3x4xf32>, tensor<?x2x4x5xf32>) -> tensor<?x2x3x5xf32>
  return %0 : tensor<?x2x3x5xf32>
}
