// The gradients at the kinks themselves, where finite differences cannot
// judge them, against torch.autograd (data/make_elementwise_inputs.py):
// x = [-2, -1, -0.5, 0, 0.5, 1, 2, 6], seed 1; each golden holds the forward
// result and the adjoint.
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run run %t.so --entry relu_grad --golden %S/data/kink_relu
// RUN: hnn-run run %t.so --entry abs_grad --golden %S/data/kink_abs
// RUN: hnn-run run %t.so --entry sign_grad --golden %S/data/kink_sign
// RUN: hnn-run run %t.so --entry clamp_grad --golden %S/data/kink_clamp
// RUN: hnn-run run %t.so --entry clamp_min_grad --golden %S/data/kink_clamp_min
// RUN: hnn-run run %t.so --entry hardtanh_grad --golden %S/data/kink_hardtanh
// RUN: hnn-run run %t.so --entry relu6_grad --golden %S/data/kink_relu6
// RUN: hnn-run run %t.so --entry elu_alpha_grad --golden %S/data/kink_elu_alpha
// RUN: hnn-run run %t.so --entry softplus_threshold_grad --golden %S/data/kink_softplus_threshold
// RUN: hnn-run run %t.so --entry pow_grad --golden %S/data/kink_pow

func.func @relu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.relu %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @abs(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.abs %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @sign(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.sign %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @clamp(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.clamp %x {min = -5.0e-01 : f64, max = 5.0e-01 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @clamp_min(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.clamp %x {min = -5.0e-01 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @hardtanh(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.hardtanh %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @relu6(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.hardtanh %x {min_val = 0.0 : f64, max_val = 6.0 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @elu_alpha(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.elu %x {alpha = 5.0e-01 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}

// beta·x = threshold at x = 0.5 is still the smooth branch.
func.func @softplus_threshold(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hnn.softplus %x {beta = 2.0 : f64, threshold = 1.0 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}

// a = [0, 0, 2, 0.5], b = [0, 2, 0, 3]: 0⁰, 0², 2⁰ and a smooth point.
func.func @pow(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hnn.pow %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
