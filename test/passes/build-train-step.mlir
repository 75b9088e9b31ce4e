// hnn-build-train-step: @train_step and @eval_step from @forward and the
// module's hnn.training sections.
// RUN: hnn-opt %s --hnn-build-train-step --canonicalize --cse -split-input-file | FileCheck %s

// SGD with Nesterov momentum and weight decay; BatchNorm switches to batch
// statistics and its running statistics become updates; a frozen parameter
// gets neither a gradient nor a slot.
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x3xf32> {hnn.input = "x"}, %[[Y:[a-z0-9]+]]: tensor<?x2xf32> {hnn.input = "y"},
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<2x3xf32> {hnn.param = #hnn.param<"fc.weight", trainable>}, %{{.*}}: tensor<2xf32> {hnn.param = #hnn.param<"bn.weight", frozen>},
// CHECK-SAME: %[[B:[a-z0-9]+]]: tensor<2xf32> {hnn.param = #hnn.param<"bn.bias", trainable>}, %{{.*}}: tensor<2xf32> {hnn.param = #hnn.param<"bn.running_mean", state>}, %{{.*}}: tensor<2xf32> {hnn.param = #hnn.param<"bn.running_var", state>},
// CHECK-SAME: %[[WM:[a-z0-9]+]]: tensor<2x3xf32> {hnn.param = #hnn.param<"fc.weight.momentum_buffer", optimizer>}, %{{.*}}: tensor<2xf32> {hnn.param = #hnn.param<"bn.bias.momentum_buffer", optimizer>},
// CHECK-SAME: %[[LR:[a-z0-9]+]]: tensor<f32> {hnn.param = #hnn.param<"lr", hyper>}, %{{.*}}: tensor<f32> {hnn.param = #hnn.param<"step", hyper>})
// CHECK-SAME: -> (tensor<f32> {hnn.result = #hnn.result<"loss", loss>}, tensor<?x2xf32> {hnn.result = #hnn.result<"bn", output>},
// CHECK-SAME: tensor<2x3xf32> {hnn.result = #hnn.result<"fc.weight", update>}, tensor<2xf32> {hnn.result = #hnn.result<"bn.bias", update>},
// CHECK-SAME: tensor<2xf32> {hnn.result = #hnn.result<"bn.running_mean", update>}, tensor<2xf32> {hnn.result = #hnn.result<"bn.running_var", update>},
// CHECK-SAME: tensor<2x3xf32> {hnn.result = #hnn.result<"fc.weight.momentum_buffer", update>}, tensor<2xf32> {hnn.result = #hnn.result<"bn.bias.momentum_buffer", update>},
// CHECK-SAME: tensor<f32> {hnn.result = #hnn.result<"fc.weight", gradsq>}, tensor<f32> {hnn.result = #hnn.result<"bn.bias", gradsq>})
// CHECK-DAG:  %[[MOM:.*]] = hnn.constant dense<0.899999976> : tensor<f32>
// CHECK-DAG:  %[[WD:.*]] = hnn.constant dense<0.00999999977> : tensor<f32>
// CHECK:      %[[BN:.*]], %[[RM:.*]], %[[RV:.*]] = hnn.batch_norm {{.*}} {training}
// CHECK:      %[[LOSS:.*]] = hnn.mse %[[BN]], %[[Y]]
// CHECK:      %[[GW:.*]] = hnn.reduce_sum %{{.*}} {dims = array<i64: 0>} : tensor<?x2x3xf32> -> tensor<2x3xf32>
// CHECK:      %[[SQ:.*]] = hnn.mul %[[GW]], %[[GW]]
// CHECK:      %[[GSQ:.*]] = hnn.reduce_sum %[[SQ]] {dims = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<f32>
// g + wd·p; buf = momentum·buf + g; step = g + momentum·buf; p − lr·step
// CHECK:      %[[DECAY:.*]] = hnn.mul %[[W]], %[[WD]]
// CHECK:      %[[G:.*]] = hnn.add %[[GW]], %[[DECAY]]
// CHECK:      %[[OLD:.*]] = hnn.mul %[[WM]], %[[MOM]]
// CHECK:      %[[BUF:.*]] = hnn.add %[[OLD]], %[[G]]
// CHECK:      %[[LOOK:.*]] = hnn.mul %[[BUF]], %[[MOM]]
// CHECK:      %[[STEP:.*]] = hnn.add %[[G]], %[[LOOK]]
// CHECK:      %[[SCALED:.*]] = hnn.mul %[[STEP]], %[[LR]]
// CHECK:      %[[NEW:.*]] = hnn.sub %[[W]], %[[SCALED]]
// CHECK:      return %[[LOSS]], %[[BN]], %[[NEW]], %{{.*}}, %[[RM]], %[[RV]], %[[BUF]], %{{.*}}, %[[GSQ]], %{{.*}} :
// Evaluation: BatchNorm in inference mode, the loss and the outputs.
// CHECK-LABEL: func.func @eval_step(
// CHECK-SAME: -> (tensor<f32> {hnn.result = #hnn.result<"loss", loss>}, tensor<?x2xf32> {hnn.result = #hnn.result<"bn", output>})
// CHECK:      %[[E:.*]], %{{.*}}, %{{.*}} = hnn.batch_norm
// CHECK-NOT:  training
// CHECK:      %[[EL:.*]] = hnn.mse %[[E]]
// CHECK:      return %[[EL]], %[[E]]
module attributes {hnn.training = {loss = {type = "mse", labels = "y", labels_type = tensor<?x2xf32>},
                                   optimizer = {type = "sgd", momentum = 0.9 : f64, nesterov = true, weight_decay = 0.01 : f64}}} {
  func.func @forward(%x: tensor<?x3xf32> {hnn.input = "x"},
                     %w: tensor<2x3xf32> {hnn.param = #hnn.param<"fc.weight", trainable>},
                     %g: tensor<2xf32> {hnn.param = #hnn.param<"bn.weight", frozen>},
                     %b: tensor<2xf32> {hnn.param = #hnn.param<"bn.bias", trainable>},
                     %rm: tensor<2xf32> {hnn.param = #hnn.param<"bn.running_mean", state>},
                     %rv: tensor<2xf32> {hnn.param = #hnn.param<"bn.running_var", state>})
      -> (tensor<?x2xf32> {hnn.result = #hnn.result<"bn", output>}) {
    %0 = hnn.linear %x, %w : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
    %1:3 = hnn.batch_norm %0, %g, %b, %rm, %rv : (tensor<?x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?x2xf32>, tensor<2xf32>, tensor<2xf32>)
    return %1#0 : tensor<?x2xf32>
  }
}

// -----

// AdamW (decoupled decay), clipping by the global norm, cross-entropy on the
// second output; the labels are an input forward reads itself.
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME: %{{.*}}: tensor<?x4xf32> {hnn.input = "x"}, %[[L:[a-z0-9]+]]: tensor<?xi64> {hnn.input = "label"}, %[[W:[a-z0-9]+]]: tensor<3x4xf32> {hnn.param = #hnn.param<"w", trainable>},
// CHECK-SAME: %[[M:[a-z0-9]+]]: tensor<3x4xf32> {hnn.param = #hnn.param<"w.exp_avg", optimizer>}, %[[V:[a-z0-9]+]]: tensor<3x4xf32> {hnn.param = #hnn.param<"w.exp_avg_sq", optimizer>},
// CHECK-SAME: %[[LR:[a-z0-9]+]]: tensor<f32> {hnn.param = #hnn.param<"lr", hyper>}, %[[STEP:[a-z0-9]+]]: tensor<f32> {hnn.param = #hnn.param<"step", hyper>})
// CHECK-SAME: -> (tensor<f32> {hnn.result = #hnn.result<"loss", loss>}, tensor<?x3xf32> {hnn.result = #hnn.result<"logits", output>}, tensor<?xi64> {hnn.result = #hnn.result<"echo", output>},
// CHECK:      %[[LOSS:.*]] = hnn.cross_entropy %{{.*}}, %[[L]] {label_smoothing = 1.000000e-01 : f64}
// The clip coefficient min(1, max_norm / (norm + 1e-6)) scales the gradient.
// CHECK:      %[[NORM:.*]] = hnn.sqrt %[[GSQ:.*]] : tensor<f32>
// CHECK:      %[[EPS:.*]] = hnn.add %[[NORM]], %{{.*}}
// CHECK:      %[[RATIO:.*]] = hnn.div %{{.*}}, %[[EPS]]
// CHECK:      %[[COEF:.*]] = hnn.clamp %[[RATIO]] {max = 1.000000e+00 : f64}
// CHECK:      %[[G:.*]] = hnn.mul %{{.*}}, %[[COEF]] : (tensor<3x4xf32>, tensor<f32>)
// Bias corrections from the step: 1 − exp(step·ln β).
// CHECK:      hnn.mul %[[STEP]], %{{.*}}
// CHECK:      hnn.exp
// CHECK:      hnn.sqrt
// Decay p·(1 − lr·wd), then the moments and the Adam step.
// CHECK:      %[[LRWD:.*]] = hnn.mul %[[LR]], %{{.*}}
// CHECK:      %[[KEEP:.*]] = hnn.sub %{{.*}}, %[[LRWD]]
// CHECK:      %[[DECAYED:.*]] = hnn.mul %[[W]], %[[KEEP]]
// CHECK:      %[[M1:.*]] = hnn.mul %[[M]], %{{.*}}
// CHECK:      %[[M2:.*]] = hnn.mul %[[G]], %{{.*}}
// CHECK:      %[[MN:.*]] = hnn.add %[[M1]], %[[M2]]
// CHECK:      %[[G2:.*]] = hnn.mul %[[G]], %[[G]]
// CHECK:      %[[VN:.*]] = hnn.add
// CHECK:      %[[R:.*]] = hnn.sqrt %[[VN]]
// CHECK:      %[[P:.*]] = hnn.sub %[[DECAYED]], %{{.*}}
// CHECK:      return %[[LOSS]], %{{.*}}, %{{.*}}, %[[P]], %[[MN]], %[[VN]], %[[GSQ]]
module attributes {hnn.training = {loss = {type = "cross_entropy", labels = "label", output = "logits", label_smoothing = 0.1 : f64},
                                   optimizer = {type = "adamw", weight_decay = 0.01 : f64, clip_grad_norm = 1.0 : f64, betas = [0.9 : f64, 0.99 : f64], eps = 1.0e-8 : f64}}} {
  func.func @forward(%x: tensor<?x4xf32> {hnn.input = "x"}, %label: tensor<?xi64> {hnn.input = "label"},
                     %w: tensor<3x4xf32> {hnn.param = #hnn.param<"w", trainable>})
      -> (tensor<?x3xf32> {hnn.result = #hnn.result<"logits", output>}, tensor<?xi64> {hnn.result = #hnn.result<"echo", output>}) {
    %0 = hnn.linear %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    return %0, %label : tensor<?x3xf32>, tensor<?xi64>
  }
}
