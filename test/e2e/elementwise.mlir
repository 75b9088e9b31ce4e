// End-to-end numerics of the elementwise ops against PyTorch (goldens from
// make_goldens.py, family "elementwise").
// RUN: hnnc %s -o %t.so
// RUN: hnn-run run %t.so --entry add_broadcast --golden %S/data/add_broadcast
// RUN: hnn-run run %t.so --entry sub_scalar_rank0 --golden %S/data/sub_scalar_rank0
// RUN: hnn-run run %t.so --entry mul_batch --golden %S/data/mul_batch
// RUN: hnn-run run %t.so --entry div --golden %S/data/div
// RUN: hnn-run run %t.so --entry pow --golden %S/data/pow
// RUN: hnn-run run %t.so --entry unary_math --golden %S/data/unary_math
// RUN: hnn-run run %t.so --entry sign_abs --golden %S/data/sign_abs
// RUN: hnn-run run %t.so --entry activations --golden %S/data/activations
// RUN: hnn-run run %t.so --entry activations_param --golden %S/data/activations_param

func.func @add_broadcast(%a: tensor<3x1x17xf32>, %b: tensor<5x1xf32>) -> tensor<3x5x17xf32> {
  %0 = hnn.add %a, %b : (tensor<3x1x17xf32>, tensor<5x1xf32>) -> tensor<3x5x17xf32>
  return %0 : tensor<3x5x17xf32>
}

func.func @sub_scalar_rank0(%a: tensor<2x33xf32>, %b: tensor<f32>) -> tensor<2x33xf32> {
  %0 = hnn.sub %a, %b : (tensor<2x33xf32>, tensor<f32>) -> tensor<2x33xf32>
  return %0 : tensor<2x33xf32>
}

// A dynamic batch: the runtime binds it from the argument.
func.func @mul_batch(%a: tensor<?x3x5xf32>, %b: tensor<3x1xf32>) -> tensor<?x3x5xf32> {
  %0 = hnn.mul %a, %b : (tensor<?x3x5xf32>, tensor<3x1xf32>) -> tensor<?x3x5xf32>
  return %0 : tensor<?x3x5xf32>
}

func.func @div(%a: tensor<7x9xf32>, %b: tensor<9xf32>) -> tensor<7x9xf32> {
  %0 = hnn.div %a, %b : (tensor<7x9xf32>, tensor<9xf32>) -> tensor<7x9xf32>
  return %0 : tensor<7x9xf32>
}

func.func @pow(%a: tensor<5x7xf32>, %b: tensor<7xf32>) -> tensor<5x7xf32> {
  %0 = hnn.pow %a, %b : (tensor<5x7xf32>, tensor<7xf32>) -> tensor<5x7xf32>
  return %0 : tensor<5x7xf32>
}

func.func @unary_math(%x: tensor<3x17xf32>) -> (tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>) {
  %0 = hnn.neg %x : tensor<3x17xf32>
  %1 = hnn.exp %x : tensor<3x17xf32>
  %2 = hnn.log %x : tensor<3x17xf32>
  %3 = hnn.sqrt %x : tensor<3x17xf32>
  %4 = hnn.rsqrt %x : tensor<3x17xf32>
  %5 = hnn.sin %x : tensor<3x17xf32>
  %6 = hnn.cos %x : tensor<3x17xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>, tensor<3x17xf32>
}

func.func @sign_abs(%x: tensor<1x6xf32>) -> (tensor<1x6xf32>, tensor<1x6xf32>) {
  %0 = hnn.sign %x : tensor<1x6xf32>
  %1 = hnn.abs %x : tensor<1x6xf32>
  return %0, %1 : tensor<1x6xf32>, tensor<1x6xf32>
}

func.func @activations(%x: tensor<2x3x11xf32>) -> (tensor<2x3x11xf32>, tensor<2x3x11xf32>, tensor<2x3x11xf32>, tensor<2x3x11xf32>, tensor<2x3x11xf32>, tensor<2x3x11xf32>) {
  %0 = hnn.relu %x : tensor<2x3x11xf32>
  %1 = hnn.silu %x : tensor<2x3x11xf32>
  %2 = hnn.tanh %x : tensor<2x3x11xf32>
  %3 = hnn.sigmoid %x : tensor<2x3x11xf32>
  %4 = hnn.gelu %x : tensor<2x3x11xf32>
  %5 = hnn.gelu %x {approximate = #hnn<gelu_approximation tanh>} : tensor<2x3x11xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3x11xf32>, tensor<2x3x11xf32>, tensor<2x3x11xf32>, tensor<2x3x11xf32>, tensor<2x3x11xf32>, tensor<2x3x11xf32>
}

func.func @activations_param(%x: tensor<33x5xf32>) -> (tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>) {
  %0 = hnn.clamp %x {min = -1.5, max = 0.25} : tensor<33x5xf32>
  %1 = hnn.clamp %x {min = 0.0} : tensor<33x5xf32>
  %2 = hnn.hardtanh %x : tensor<33x5xf32>
  %3 = hnn.hardtanh %x {min_val = -2.0, max_val = 3.0} : tensor<33x5xf32>
  %4 = hnn.elu %x : tensor<33x5xf32>
  %5 = hnn.elu %x {alpha = 0.5} : tensor<33x5xf32>
  %6 = hnn.softplus %x : tensor<33x5xf32>
  %7 = hnn.softplus %x {beta = 2.0, threshold = 5.0} : tensor<33x5xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>, tensor<33x5xf32>
}
