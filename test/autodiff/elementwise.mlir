// Gradients of the elementwise ops against finite differences. Inputs are
// uniform in [-1, 1] unless an op has a kink there: those read
// data/kinks_*.npy (values at least 0.05 from every kink, written by
// data/make_elementwise_inputs.py). kinks.mlir checks the kinks themselves.
// Domains are kept smooth by construction: log/sqrt/rsqrt read x + 2, the
// divisor is b + 2, pow's base is exp(a).
// RUN: hnnc %s --autodiff -o %t.so
// RUN: hnn-run gradcheck %t.so --entry add_broadcast | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry sub_broadcast_batch | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry mul_broadcast | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry div_broadcast | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry pow_broadcast | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry mul_rank0 | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry mul_same_operand | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry neg | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry exp | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry log | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry sqrt | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry rsqrt | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry sin | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry cos | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry tanh | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry sigmoid | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry silu | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry gelu_exact | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry gelu_tanh | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry softplus | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry sign --batch 4 --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=TWO
// RUN: hnn-run gradcheck %t.so --entry abs --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry relu --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry clamp --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry clamp_min --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry clamp_max --input %S/data/kinks_3x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry hardtanh --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry hardtanh_bounds --input %S/data/kinks_3x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry elu --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry elu_alpha --input %S/data/kinks_3x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry softplus_beta_threshold --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=ONE
// RUN: hnn-run gradcheck %t.so --entry activations_chain --batch 4 --input %S/data/kinks_4x6.npy | FileCheck %s --check-prefix=TWO

// ONE: arg 0 ({{.*}}): ok
// TWO: arg 0 ({{.*}}): ok
// TWO-NEXT: arg 1 ({{.*}}): ok

// Both operands broadcast: (3,1,5) with (4,1) gives (3,4,5).
func.func @add_broadcast(%a: tensor<3x1x5xf32>, %b: tensor<4x1xf32>) -> tensor<3x4x5xf32> {
  %0 = hnn.add %a, %b : (tensor<3x1x5xf32>, tensor<4x1xf32>) -> tensor<3x4x5xf32>
  return %0 : tensor<3x4x5xf32>
}

// A dynamic batch on the left, a broadcast right operand.
func.func @sub_broadcast_batch(%a: tensor<?x1x5xf32>, %b: tensor<4x1xf32>) -> tensor<?x4x5xf32> {
  %0 = hnn.sub %a, %b : (tensor<?x1x5xf32>, tensor<4x1xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

func.func @mul_broadcast(%a: tensor<3x1x5xf32>, %b: tensor<4x1xf32>) -> tensor<3x4x5xf32> {
  %0 = hnn.mul %a, %b : (tensor<3x1x5xf32>, tensor<4x1xf32>) -> tensor<3x4x5xf32>
  return %0 : tensor<3x4x5xf32>
}

func.func @div_broadcast(%a: tensor<3x1x5xf32>, %b: tensor<4x1xf32>) -> tensor<3x4x5xf32> {
  %c = hnn.constant dense<2.0> : tensor<f32>
  %d = hnn.add %b, %c : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %0 = hnn.div %a, %d : (tensor<3x1x5xf32>, tensor<4x1xf32>) -> tensor<3x4x5xf32>
  return %0 : tensor<3x4x5xf32>
}

// exp(a)^b: d/da through b·x^(b−1), d/db through x^b·log(x).
func.func @pow_broadcast(%a: tensor<3x1x5xf32>, %b: tensor<4x1xf32>) -> tensor<3x4x5xf32> {
  %x = hnn.exp %a : tensor<3x1x5xf32>
  %0 = hnn.pow %x, %b : (tensor<3x1x5xf32>, tensor<4x1xf32>) -> tensor<3x4x5xf32>
  return %0 : tensor<3x4x5xf32>
}

// A rank-0 operand: its adjoint is the sum over everything.
func.func @mul_rank0(%a: tensor<?x3xf32>, %s: tensor<f32>) -> tensor<?x3xf32> {
  %0 = hnn.mul %a, %s : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// x·x: both adjoints accumulate into one value.
func.func @mul_same_operand(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = hnn.mul %a, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

func.func @neg(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %0 = hnn.neg %x : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

func.func @exp(%x: tensor<?x5xf32>) -> tensor<?x5xf32> {
  %0 = hnn.exp %x : tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

func.func @log(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %c = hnn.constant dense<2.0> : tensor<f32>
  %p = hnn.add %x, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %0 = hnn.log %p : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

func.func @sqrt(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %c = hnn.constant dense<2.0> : tensor<f32>
  %p = hnn.add %x, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %0 = hnn.sqrt %p : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

func.func @rsqrt(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %c = hnn.constant dense<2.0> : tensor<f32>
  %p = hnn.add %x, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %0 = hnn.rsqrt %p : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// Scaled by 3 so that the whole period matters.
func.func @sin(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %c = hnn.constant dense<3.0> : tensor<f32>
  %s = hnn.mul %x, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %0 = hnn.sin %s : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

func.func @cos(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %c = hnn.constant dense<3.0> : tensor<f32>
  %s = hnn.mul %x, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %0 = hnn.cos %s : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

func.func @tanh(%x: tensor<?x5xf32>) -> tensor<?x5xf32> {
  %c = hnn.constant dense<2.5> : tensor<f32>
  %s = hnn.mul %x, %c : (tensor<?x5xf32>, tensor<f32>) -> tensor<?x5xf32>
  %0 = hnn.tanh %s : tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

func.func @sigmoid(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %c = hnn.constant dense<4.0> : tensor<f32>
  %s = hnn.mul %x, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %0 = hnn.sigmoid %s : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

func.func @silu(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %c = hnn.constant dense<4.0> : tensor<f32>
  %s = hnn.mul %x, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %0 = hnn.silu %s : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// Inputs in [-4, 4] reach the tails of Φ.
func.func @gelu_exact(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %c = hnn.constant dense<4.0> : tensor<f32>
  %s = hnn.mul %x, %c : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %0 = hnn.gelu %s : tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

func.func @gelu_tanh(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %c = hnn.constant dense<4.0> : tensor<f32>
  %s = hnn.mul %x, %c : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %0 = hnn.gelu %s {approximate = #hnn<gelu_approximation tanh>} : tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// Default beta 1, threshold 20: the smooth region only.
func.func @softplus(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %c = hnn.constant dense<3.0> : tensor<f32>
  %s = hnn.mul %x, %c : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %0 = hnn.softplus %s : tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// sign has gradient zero; y's adjoint is sign(x).
func.func @sign(%x: tensor<?x6xf32>, %y: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %s = hnn.sign %x : tensor<?x6xf32>
  %0 = hnn.mul %s, %y : (tensor<?x6xf32>, tensor<?x6xf32>) -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

func.func @abs(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.abs %x : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

func.func @relu(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.relu %x : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

func.func @clamp(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.clamp %x {min = -5.0e-01 : f64, max = 5.0e-01 : f64} : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

func.func @clamp_min(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.clamp %x {min = -3.0e-01 : f64} : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

func.func @clamp_max(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.clamp %x {max = 6.0e-01 : f64} : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// Default bounds [-1, 1].
func.func @hardtanh(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.hardtanh %x : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

func.func @hardtanh_bounds(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.hardtanh %x {min_val = -3.0e-01 : f64, max_val = 6.0e-01 : f64} : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// Default alpha 1 (C¹ at 0) and alpha 0.5 (a kink at 0).
func.func @elu(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.elu %x : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

func.func @elu_alpha(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.elu %x {alpha = 5.0e-01 : f64} : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// beta·x > threshold, i.e. x > 0.5, is linear: both regions are hit.
func.func @softplus_beta_threshold(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = hnn.softplus %x {beta = 2.0 : f64, threshold = 1.0 : f64} : tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// Several ops on one value, a fan-out and a broadcast weight.
func.func @activations_chain(%x: tensor<?x6xf32>, %w: tensor<6xf32>) -> (tensor<?x6xf32>, tensor<?x6xf32>) {
  %r = hnn.relu %x : tensor<?x6xf32>
  %m = hnn.mul %r, %w : (tensor<?x6xf32>, tensor<6xf32>) -> tensor<?x6xf32>
  %t = hnn.tanh %m : tensor<?x6xf32>
  %g = hnn.gelu %x : tensor<?x6xf32>
  %s = hnn.add %t, %g : (tensor<?x6xf32>, tensor<?x6xf32>) -> tensor<?x6xf32>
  return %s, %t : tensor<?x6xf32>, tensor<?x6xf32>
}
