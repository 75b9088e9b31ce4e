// RUN: hnn-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the `hnn.param` function-argument attribute
// (HNNDialect::verifyRegionArgAttribute) and of #hnn.param itself
// (ParamAttr::verify, the generated parser).

// expected-error@+1 {{'hnn.param' expects a #hnn.param attribute, got 1 : i64}}
func.func @param_not_a_param_attr(%w: tensor<4xf32> {hnn.param = 1 : i64}) {
  return
}

// -----

// A bare string is not enough: the kind is part of the attribute.
// expected-error@+1 {{'hnn.param' expects a #hnn.param attribute, got "fc.weight"}}
func.func @param_string_instead_of_param_attr(%w: tensor<4xf32> {hnn.param = "fc.weight"}) {
  return
}

// -----

// expected-error@+1 {{parameter 'fc.weight' must be a ranked tensor, got 'tensor<*xf32>'}}
func.func @param_unranked_tensor(%w: tensor<*xf32> {hnn.param = #hnn.param<"fc.weight", trainable>}) {
  return
}

// -----

// expected-error@+1 {{parameter 'scale' must be a ranked tensor, got 'f32'}}
func.func @param_scalar(%s: f32 {hnn.param = #hnn.param<"scale", frozen>}) {
  return
}

// -----

// The duplicate is reported with both argument indices, even when an
// unannotated argument lies between them and the kinds differ.
// expected-error@+1 {{parameter name 'fc.weight' is used by arguments 0 and 2}}
func.func @param_duplicate_name(
    %w0: tensor<4x3xf32> {hnn.param = #hnn.param<"fc.weight", trainable>},
    %x: tensor<2x3xf32>,
    %w1: tensor<4x3xf32> {hnn.param = #hnn.param<"fc.weight", frozen>}) {
  return
}

// -----

// expected-error@+1 {{parameter name must not be empty}}
func.func @param_empty_name(%w: tensor<4xf32> {hnn.param = #hnn.param<"", trainable>}) {
  return
}

// -----

// expected-error@+1 {{parameter name 'fc1 weight' contains ' '; use letters, digits, '_' and '.'}}
func.func @param_name_with_space(%w: tensor<4xf32> {hnn.param = #hnn.param<"fc1 weight", trainable>}) {
  return
}

// -----

// expected-error@+1 {{parameter name 'stage1/conv.weight' contains '/'; use letters, digits, '_' and '.'}}
func.func @param_name_with_slash(%w: tensor<4xf32> {hnn.param = #hnn.param<"stage1/conv.weight", trainable>}) {
  return
}

// -----

// expected-error@+1 {{parameter name 'block-0.weight' contains '-'; use letters, digits, '_' and '.'}}
func.func @param_name_with_dash(%w: tensor<4xf32> {hnn.param = #hnn.param<"block-0.weight", trainable>}) {
  return
}

// -----

// expected-error@+1 {{parameter name '.weight' has an empty path component}}
func.func @param_name_leading_dot(%w: tensor<4xf32> {hnn.param = #hnn.param<".weight", trainable>}) {
  return
}

// -----

// expected-error@+1 {{parameter name 'fc.' has an empty path component}}
func.func @param_name_trailing_dot(%w: tensor<4xf32> {hnn.param = #hnn.param<"fc.", trainable>}) {
  return
}

// -----

// expected-error@+1 {{parameter name 'fc..weight' has an empty path component}}
func.func @param_name_double_dot(%w: tensor<4xf32> {hnn.param = #hnn.param<"fc..weight", trainable>}) {
  return
}

// -----

// Generated enum parser: the kind must be trainable, frozen or state.
// expected-error@+2 {{expected one of [trainable, frozen, state, optimizer, hyper] for role of a parameter argument, got: learnable}}
// expected-error@+1 {{failed to parse HNN_ParamAttr parameter 'kind' which is to be a `ParamKind`}}
func.func @param_unknown_kind(%w: tensor<4xf32> {hnn.param = #hnn.param<"fc.weight", learnable>}) {
  return
}

// -----

// expected-error@+1 {{'hnn.input' expects a name of letters, digits, '_' and '.', got "x y"}}
func.func @bad_input_name(%x: tensor<4xf32> {hnn.input = "x y"}) {
  return
}

// -----

// expected-error@+1 {{'hnn.training' must be a dictionary on the module}}
module attributes {hnn.training = 3 : i64} {
}

// -----

// Diagnostics of the `hnn.result` function-result attribute
// (HNNDialect::verifyRegionResultAttribute, ResultAttr::verify).

// expected-error@+1 {{'hnn.param' is not valid on a function result}}
func.func @result_param_attr(%w: tensor<4xf32>) -> (tensor<4xf32> {hnn.param = #hnn.param<"w", trainable>}) {
  return %w : tensor<4xf32>
}

// -----

// expected-error@+1 {{'hnn.result' expects a #hnn.result attribute, got "loss"}}
func.func @result_string(%w: tensor<4xf32>) -> (tensor<4xf32> {hnn.result = "loss"}) {
  return %w : tensor<4xf32>
}

// -----

// expected-error@+1 {{result name 'a..b' has an empty path component}}
func.func @result_bad_name(%w: tensor<4xf32>) -> (tensor<4xf32> {hnn.result = #hnn.result<"a..b", output>}) {
  return %w : tensor<4xf32>
}

// -----

// expected-error@+1 {{result 0 updates 'v', which is not a parameter of the function}}
func.func @result_updates_unknown(%w: tensor<4xf32> {hnn.param = #hnn.param<"w", trainable>}) -> (tensor<4xf32> {hnn.result = #hnn.result<"v", update>}) {
  return %w : tensor<4xf32>
}

// -----

// expected-error@+1 {{result 0 updates 'w' of type 'tensor<4xf32>' but has type 'tensor<2x2xf32>'}}
func.func @result_update_type(%w: tensor<4xf32> {hnn.param = #hnn.param<"w", trainable>}) -> (tensor<2x2xf32> {hnn.result = #hnn.result<"w", update>}) {
  %0 = hnn.reshape %w : tensor<4xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// The roles of a compiled train step's arguments and results.
func.func @roles(%w: tensor<4xf32> {hnn.param = #hnn.param<"w", trainable>},
                 %m: tensor<4xf32> {hnn.param = #hnn.param<"w.momentum_buffer", optimizer>},
                 %lr: tensor<f32> {hnn.param = #hnn.param<"lr", hyper>})
    -> (tensor<4xf32> {hnn.result = #hnn.result<"w", update>},
        tensor<4xf32> {hnn.result = #hnn.result<"w.momentum_buffer", update>},
        tensor<f32> {hnn.result = #hnn.result<"loss", loss>},
        tensor<f32> {hnn.result = #hnn.result<"w", gradsq>}) {
  return %w, %m, %lr, %lr : tensor<4xf32>, tensor<4xf32>, tensor<f32>, tensor<f32>
}
