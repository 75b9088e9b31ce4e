// End-to-end numerics of batch_norm, layer_norm, group_norm, softmax and
// log_softmax against PyTorch (goldens from make_goldens.py, family "norm").
// RUN: hnnc %s -o %t.so
// RUN: hnn-run run %t.so --entry batch_norm_train --golden %S/data/batch_norm_train
// RUN: hnn-run run %t.so --entry batch_norm_train_2d --golden %S/data/batch_norm_train_2d
// RUN: hnn-run run %t.so --entry batch_norm_train_1d --golden %S/data/batch_norm_train_1d
// RUN: hnn-run run %t.so --entry batch_norm_eval --golden %S/data/batch_norm_eval
// RUN: hnn-run run %t.so --entry layer_norm_last --golden %S/data/layer_norm_last
// RUN: hnn-run run %t.so --entry layer_norm_two --golden %S/data/layer_norm_two
// RUN: hnn-run run %t.so --entry layer_norm_whole --golden %S/data/layer_norm_whole
// RUN: hnn-run run %t.so --entry group_norm --golden %S/data/group_norm
// RUN: hnn-run run %t.so --entry group_norm_per_channel --golden %S/data/group_norm_per_channel
// RUN: hnn-run run %t.so --entry group_norm_one --golden %S/data/group_norm_one
// RUN: hnn-run run %t.so --entry softmax_dyn --golden %S/data/softmax_dyn
// RUN: hnn-run run %t.so --entry softmax_rank1 --golden %S/data/softmax_rank1
// RUN: hnn-run run %t.so --entry softmax_dims --golden %S/data/softmax_dims

// Training on a dynamic batch (2 in the data): the output and both updated
// running statistics. The input is 3 x N(0,1) + 5, so the mean matters.
func.func @batch_norm_train(%x: tensor<?x3x17x33xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-3, momentum = 0.2, training} : (tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x3x17x33xf32>, tensor<3xf32>, tensor<3xf32>
}

// N x C, default eps and momentum.
func.func @batch_norm_train_2d(%x: tensor<4x5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) -> (tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>) {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v {training} : (tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> (tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>)
  return %0#0, %0#1, %0#2 : tensor<4x5xf32>, tensor<5xf32>, tensor<5xf32>
}

// N x C x L, one channel, dynamic batch (3 in the data), momentum 1: the
// running statistics become the batch's.
func.func @batch_norm_train_1d(%x: tensor<?x1x33xf32>, %w: tensor<1xf32>, %b: tensor<1xf32>, %m: tensor<1xf32>, %v: tensor<1xf32>) -> (tensor<?x1x33xf32>, tensor<1xf32>, tensor<1xf32>) {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v {momentum = 1.0, training} : (tensor<?x1x33xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<?x1x33xf32>, tensor<1xf32>, tensor<1xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x1x33xf32>, tensor<1xf32>, tensor<1xf32>
}

// Inference on a dynamic batch (2 in the data): the running statistics
// normalize and come back unchanged.
func.func @batch_norm_eval(%x: tensor<?x3x5x7xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = hnn.batch_norm %x, %w, %b, %m, %v : (tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>
}

// Dynamic batch (2 in the data), normalized over the last dimension.
func.func @layer_norm_last(%x: tensor<?x17x33xf32>, %w: tensor<33xf32>, %b: tensor<33xf32>) -> tensor<?x17x33xf32> {
  %0 = hnn.layer_norm %x, %w, %b : (tensor<?x17x33xf32>, tensor<33xf32>, tensor<33xf32>) -> tensor<?x17x33xf32>
  return %0 : tensor<?x17x33xf32>
}

// Normalized over the two last dimensions.
func.func @layer_norm_two(%x: tensor<2x17x33xf32>, %w: tensor<17x33xf32>, %b: tensor<17x33xf32>) -> tensor<2x17x33xf32> {
  %0 = hnn.layer_norm %x, %w, %b {eps = 1.0e-6} : (tensor<2x17x33xf32>, tensor<17x33xf32>, tensor<17x33xf32>) -> tensor<2x17x33xf32>
  return %0 : tensor<2x17x33xf32>
}

// The whole rank-1 input: the statistics are rank 0.
func.func @layer_norm_whole(%x: tensor<33xf32>, %w: tensor<33xf32>, %b: tensor<33xf32>) -> tensor<33xf32> {
  %0 = hnn.layer_norm %x, %w, %b : (tensor<33xf32>, tensor<33xf32>, tensor<33xf32>) -> tensor<33xf32>
  return %0 : tensor<33xf32>
}

// Dynamic batch (2 in the data), 3 groups of 2 channels.
func.func @group_norm(%x: tensor<?x6x9x11xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<?x6x9x11xf32> {
  %0 = hnn.group_norm %x, %w, %b {num_groups = 3, eps = 1.0e-3} : (tensor<?x6x9x11xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x6x9x11xf32>
  return %0 : tensor<?x6x9x11xf32>
}

// One group per channel, N x C x L.
func.func @group_norm_per_channel(%x: tensor<2x9x7xf32>, %w: tensor<9xf32>, %b: tensor<9xf32>) -> tensor<2x9x7xf32> {
  %0 = hnn.group_norm %x, %w, %b {num_groups = 9} : (tensor<2x9x7xf32>, tensor<9xf32>, tensor<9xf32>) -> tensor<2x9x7xf32>
  return %0 : tensor<2x9x7xf32>
}

// One group holding every channel.
func.func @group_norm_one(%x: tensor<1x5x3x3xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>) -> tensor<1x5x3x3xf32> {
  %0 = hnn.group_norm %x, %w, %b {num_groups = 1} : (tensor<1x5x3x3xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<1x5x3x3xf32>
  return %0 : tensor<1x5x3x3xf32>
}

// Dynamic batch (3 in the data), along the last and the batch dimension.
// Logits of magnitude ~30: exp overflows without the max subtraction.
func.func @softmax_dyn(%x: tensor<?x10xf32>) -> (tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>) {
  %0 = hnn.softmax %x {dim = 1} : tensor<?x10xf32>
  %1 = hnn.log_softmax %x {dim = 1} : tensor<?x10xf32>
  %2 = hnn.softmax %x {dim = 0} : tensor<?x10xf32>
  %3 = hnn.log_softmax %x {dim = -2} : tensor<?x10xf32>
  return %0, %1, %2, %3 : tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>
}

func.func @softmax_rank1(%x: tensor<17xf32>) -> (tensor<17xf32>, tensor<17xf32>) {
  %0 = hnn.softmax %x {dim = 0} : tensor<17xf32>
  %1 = hnn.log_softmax %x {dim = 0} : tensor<17xf32>
  return %0, %1 : tensor<17xf32>, tensor<17xf32>
}

// First, middle, last (positive and negative) dimensions.
func.func @softmax_dims(%x: tensor<2x17x33xf32>) -> (tensor<2x17x33xf32>, tensor<2x17x33xf32>, tensor<2x17x33xf32>, tensor<2x17x33xf32>, tensor<2x17x33xf32>, tensor<2x17x33xf32>) {
  %0 = hnn.softmax %x {dim = 0} : tensor<2x17x33xf32>
  %1 = hnn.softmax %x {dim = 1} : tensor<2x17x33xf32>
  %2 = hnn.softmax %x {dim = -1} : tensor<2x17x33xf32>
  %3 = hnn.log_softmax %x {dim = -3} : tensor<2x17x33xf32>
  %4 = hnn.log_softmax %x {dim = 1} : tensor<2x17x33xf32>
  %5 = hnn.log_softmax %x {dim = -1} : tensor<2x17x33xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x17x33xf32>, tensor<2x17x33xf32>, tensor<2x17x33xf32>, tensor<2x17x33xf32>, tensor<2x17x33xf32>, tensor<2x17x33xf32>
}
