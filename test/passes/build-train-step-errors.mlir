// RUN: hnn-opt %s --hnn-build-train-step -split-input-file -verify-diagnostics

// expected-error@+1 {{the model has no training sections (a 'loss:' and an 'optimizer:' in the model file)}}
module {
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<3x4xf32> {hnn.param = #hnn.param<"w", trainable>}) -> tensor<?x3xf32> {
    %0 = hnn.linear %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    return %0 : tensor<?x3xf32>
  }
}

// -----

// expected-error@+1 {{training needs both a 'loss:' and an 'optimizer:' section}}
module attributes {hnn.training = {loss = {type = "mse", labels = "y"}}} {
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<3x4xf32> {hnn.param = #hnn.param<"w", trainable>}) -> tensor<?x3xf32> {
    %0 = hnn.linear %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    return %0 : tensor<?x3xf32>
  }
}

// -----

// expected-error@+1 {{training needs a single-block @forward function}}
module attributes {hnn.training = {loss = {type = "mse", labels = "y"}, optimizer = {type = "sgd"}}} {
  func.func @predict(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
    return %x : tensor<?x4xf32>
  }
}

// -----

module attributes {hnn.training = {loss = {type = "mse", labels = "y"}, optimizer = {type = "sgd"}}} {
  // expected-error@+1 {{@forward has no trainable parameter to train}}
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<3x4xf32> {hnn.param = #hnn.param<"w", frozen>}) -> tensor<?x3xf32> {
    %0 = hnn.linear %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    return %0 : tensor<?x3xf32>
  }
}

// -----

module attributes {hnn.training = {loss = {type = "mse", labels = "y"}, optimizer = {type = "sgd"}}} {
  // expected-error@+1 {{trainable parameter 'w' is 'tensor<3x4xf16>'; training supports f32 parameters}}
  func.func @forward(%x: tensor<?x4xf16>, %w: tensor<3x4xf16> {hnn.param = #hnn.param<"w", trainable>}) -> tensor<?x3xf16> {
    %0 = hnn.linear %x, %w : (tensor<?x4xf16>, tensor<3x4xf16>) -> tensor<?x3xf16>
    return %0 : tensor<?x3xf16>
  }
}

// -----

module attributes {hnn.training = {loss = {type = "mse", labels = "y", output = "probs"}, optimizer = {type = "sgd"}}} {
  // expected-error@+1 {{the loss reads output 'probs', which @forward does not return}}
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<3x4xf32> {hnn.param = #hnn.param<"w", trainable>}) -> (tensor<?x3xf32> {hnn.result = #hnn.result<"logits", output>}) {
    %0 = hnn.linear %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    return %0 : tensor<?x3xf32>
  }
}

// -----

// expected-error@+1 {{the loss reads input 'y', which @forward does not take; give its type as labels_type in the loss section}}
module attributes {hnn.training = {loss = {type = "mse", labels = "y"}, optimizer = {type = "sgd"}}} {
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<3x4xf32> {hnn.param = #hnn.param<"w", trainable>}) -> tensor<?x3xf32> {
    %0 = hnn.linear %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    return %0 : tensor<?x3xf32>
  }
}

// -----

// expected-error@+1 {{unknown optimizer type 'lamb'}}
module attributes {hnn.training = {loss = {type = "mse", labels = "y"}, optimizer = {type = "lamb"}}} {
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<3x4xf32> {hnn.param = #hnn.param<"w", trainable>}) -> tensor<?x3xf32> {
    %0 = hnn.linear %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    return %0 : tensor<?x3xf32>
  }
}

// -----

// expected-error@+1 {{the training loss must reduce to a scalar (reduction mean or sum), got 'none'}}
module attributes {hnn.training = {loss = {type = "mse", labels = "y", labels_type = tensor<?x3xf32>, reduction = "none"}, optimizer = {type = "sgd"}}} {
  func.func @forward(%x: tensor<?x4xf32>, %w: tensor<3x4xf32> {hnn.param = #hnn.param<"w", trainable>}) -> tensor<?x3xf32> {
    %0 = hnn.linear %x, %w : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    return %0 : tensor<?x3xf32>
  }
}
