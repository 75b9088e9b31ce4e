// Gradients of linear, matmul and batch_matmul against finite differences:
// linear of rank 1 to 4, with and without bias, static and dynamic batch.
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run gradcheck %t.so --entry linear1 --samples 20 | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry linear2 --samples 20 | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry linear2_nobias --samples 20 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry linear3 --samples 20 | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry linear3_nobias --samples 20 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry linear4 --samples 20 | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry linear_batch2 --batch 3 --samples 20 | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry linear_batch3 --batch 3 --samples 20 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry linear_batch3_bias --batch 2 --samples 20 | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry linear_batch4 --batch 2 --samples 20 | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry linear_twice --samples 20 | FileCheck %s --check-prefix=THREE
// RUN: hnn-run gradcheck %t.so --entry matmul --samples 20 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry matmul_batch --batch 4 --samples 20 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry batch_matmul3 --samples 20 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry batch_matmul4 --samples 20 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry batch_matmul_batch --batch 3 --samples 20 | FileCheck %s --check-prefix=TWO

// TWO: arg 0 {{.*}}: ok
// TWO-NEXT: arg 1 {{.*}}: ok
// TWO-NOT: arg

// THREE: arg 0 {{.*}}: ok
// THREE-NEXT: arg 1 {{.*}}: ok
// THREE-NEXT: arg 2 {{.*}}: ok
// THREE-NOT: arg

// One sample without leading dimensions: dW is the outer product dy ⊗ x.
func.func @linear1(%x: tensor<5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

func.func @linear2(%x: tensor<3x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<3x4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<3x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

func.func @linear2_nobias(%x: tensor<3x5xf32>, %w: tensor<4x5xf32>) -> tensor<3x4xf32> {
  %0 = hnn.linear %x, %w : (tensor<3x5xf32>, tensor<4x5xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

func.func @linear3(%x: tensor<2x3x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<2x3x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

func.func @linear3_nobias(%x: tensor<2x3x5xf32>, %w: tensor<4x5xf32>) -> tensor<2x3x4xf32> {
  %0 = hnn.linear %x, %w : (tensor<2x3x5xf32>, tensor<4x5xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

func.func @linear4(%x: tensor<2x2x3x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<2x2x3x4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<2x2x3x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<2x2x3x4xf32>
  return %0 : tensor<2x2x3x4xf32>
}

// A dynamic batch: dW contracts over it with one matmul (rank 2), or with a
// batch_matmul over the static leading dimensions summed afterwards.
func.func @linear_batch2(%x: tensor<?x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

func.func @linear_batch3(%x: tensor<?x3x5xf32>, %w: tensor<4x5xf32>) -> tensor<?x3x4xf32> {
  %0 = hnn.linear %x, %w : (tensor<?x3x5xf32>, tensor<4x5xf32>) -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

func.func @linear_batch3_bias(%x: tensor<?x3x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<?x3x4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x3x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

func.func @linear_batch4(%x: tensor<?x2x3x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4xf32>) -> tensor<?x2x3x4xf32> {
  %0 = hnn.linear %x, %w, %b : (tensor<?x2x3x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<?x2x3x4xf32>
  return %0 : tensor<?x2x3x4xf32>
}

// Two layers sharing nothing but the chain: x → linear → linear.
func.func @linear_twice(%x: tensor<3x5xf32>, %w1: tensor<6x5xf32>, %w2: tensor<4x6xf32>) -> tensor<3x4xf32> {
  %0 = hnn.linear %x, %w1 : (tensor<3x5xf32>, tensor<6x5xf32>) -> tensor<3x6xf32>
  %1 = hnn.linear %0, %w2 : (tensor<3x6xf32>, tensor<4x6xf32>) -> tensor<3x4xf32>
  return %1 : tensor<3x4xf32>
}

func.func @matmul(%a: tensor<3x5xf32>, %b: tensor<5x4xf32>) -> tensor<3x4xf32> {
  %0 = hnn.matmul %a, %b : (tensor<3x5xf32>, tensor<5x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

func.func @matmul_batch(%a: tensor<?x5xf32>, %b: tensor<5x4xf32>) -> tensor<?x4xf32> {
  %0 = hnn.matmul %a, %b : (tensor<?x5xf32>, tensor<5x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

func.func @batch_matmul3(%a: tensor<2x3x5xf32>, %b: tensor<2x5x4xf32>) -> tensor<2x3x4xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<2x3x5xf32>, tensor<2x5x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

func.func @batch_matmul4(%a: tensor<2x3x3x5xf32>, %b: tensor<2x3x5x4xf32>) -> tensor<2x3x3x4xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<2x3x3x5xf32>, tensor<2x3x5x4xf32>) -> tensor<2x3x3x4xf32>
  return %0 : tensor<2x3x3x4xf32>
}

func.func @batch_matmul_batch(%a: tensor<?x3x5xf32>, %b: tensor<?x5x4xf32>) -> tensor<?x3x4xf32> {
  %0 = hnn.batch_matmul %a, %b : (tensor<?x3x5xf32>, tensor<?x5x4xf32>) -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}
