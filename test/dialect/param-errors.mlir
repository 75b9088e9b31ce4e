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
// expected-error@+2 {{expected one of [trainable, frozen, state] for role of a parameter argument, got: learnable}}
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
