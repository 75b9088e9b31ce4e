// Gradient rules of batch_norm (training: through the batch statistics;
// inference: the affine map of the running statistics), layer_norm and
// group_norm against finite differences. The running statistics get no
// gradient and their updated values carry none back; the functions return
// only the normalized output.
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run gradcheck %t.so --entry bn_train --samples 48 | FileCheck %s --check-prefix=BN
// RUN: hnn-run gradcheck %t.so --entry bn_train_2d --samples 48 | FileCheck %s --check-prefix=BN
// RUN: hnn-run gradcheck %t.so --entry bn_eval --samples 48 | FileCheck %s --check-prefix=AFFINE
// RUN: hnn-run gradcheck %t.so --entry ln --samples 48 | FileCheck %s --check-prefix=AFFINE
// RUN: hnn-run gradcheck %t.so --entry ln_2d --samples 48 | FileCheck %s --check-prefix=AFFINE
// RUN: hnn-run gradcheck %t.so --entry gn --samples 48 | FileCheck %s --check-prefix=AFFINE
// RUN: hnn-run gradcheck %t.so --entry gn_3d --samples 48 | FileCheck %s --check-prefix=AFFINE

// BN: arg 0 ({{.*}}): ok
// BN: arg 1 ({{.*}}): ok
// BN: arg 2 ({{.*}}): ok
// AFFINE: arg 0 ({{.*}}): ok
// AFFINE: arg 1 ({{.*}}): ok
// AFFINE: arg 2 ({{.*}}): ok
// AFFINE-NOT: arg 3

// The running statistics are arguments 3 and 4; being f32 they are checked
// too: their gradient is zero in training mode (and the rule gives none).
func.func @bn_train(%x: tensor<?x3x4x5xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %rm: tensor<3xf32>, %rv: tensor<3xf32>) -> tensor<?x3x4x5xf32> {
  %y, %m, %v = hnn.batch_norm %x, %w, %b, %rm, %rv {training, momentum = 0.1 : f64} : (tensor<?x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>)
  return %y : tensor<?x3x4x5xf32>
}

func.func @bn_train_2d(%x: tensor<?x5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %rm: tensor<5xf32>, %rv: tensor<5xf32>) -> tensor<?x5xf32> {
  %y, %m, %v = hnn.batch_norm %x, %w, %b, %rm, %rv {training, eps = 1.0e-3 : f64} : (tensor<?x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> (tensor<?x5xf32>, tensor<5xf32>, tensor<5xf32>)
  return %y : tensor<?x5xf32>
}

// Inference: the running statistics are constants here (as arguments they
// would get no gradient, while the output depends on them).
func.func @bn_eval(%x: tensor<?x3x4x5xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<?x3x4x5xf32> {
  %rm = hnn.constant dense<[0.25, -0.5, 0.125]> : tensor<3xf32>
  %rv = hnn.constant dense<[0.5, 2.0, 1.25]> : tensor<3xf32>
  %y, %m, %s = hnn.batch_norm %x, %w, %b, %rm, %rv : (tensor<?x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>)
  return %y : tensor<?x3x4x5xf32>
}

func.func @ln(%x: tensor<?x4x6xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<?x4x6xf32> {
  %y = hnn.layer_norm %x, %w, %b : (tensor<?x4x6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x4x6xf32>
  return %y : tensor<?x4x6xf32>
}

// Normalized over the two trailing dimensions.
func.func @ln_2d(%x: tensor<?x3x4x5xf32>, %w: tensor<4x5xf32>, %b: tensor<4x5xf32>) -> tensor<?x3x4x5xf32> {
  %y = hnn.layer_norm %x, %w, %b {eps = 1.0e-4 : f64} : (tensor<?x3x4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<?x3x4x5xf32>
  return %y : tensor<?x3x4x5xf32>
}

func.func @gn(%x: tensor<?x4x3x5xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<?x4x3x5xf32> {
  %y = hnn.group_norm %x, %w, %b {num_groups = 2 : i64} : (tensor<?x4x3x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x4x3x5xf32>
  return %y : tensor<?x4x3x5xf32>
}

func.func @gn_3d(%x: tensor<2x6x7xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<2x6x7xf32> {
  %y = hnn.group_norm %x, %w, %b {num_groups = 3 : i64} : (tensor<2x6x7xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x6x7xf32>
  return %y : tensor<2x6x7xf32>
}
