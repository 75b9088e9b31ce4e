//===- HNNAttrs.td - hnn enums and attributes ---------------*- tablegen -*-===//
#ifndef HNN_ATTRS_TD
#define HNN_ATTRS_TD

include "dialect/HNNDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

// How a convolution or pad fills the border. Same names as PyTorch's
// `padding_mode`; `zeros` takes `value` in `hnn.pad`.
def HNN_PaddingMode : I32EnumAttr<"PaddingMode", "border fill mode", [
    I32EnumAttrCase<"zeros", 0>, I32EnumAttrCase<"reflect", 1>,
    I32EnumAttrCase<"replicate", 2>, I32EnumAttrCase<"circular", 3>]> {
  let cppNamespace = "::mlir::hnn";
  let genSpecializedAttr = 0;
}
def HNN_PaddingModeAttr : EnumAttr<HNN_Dialect, HNN_PaddingMode, "padding_mode">;

def HNN_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "GELU formula", [I32EnumAttrCase<"none", 0>, I32EnumAttrCase<"tanh", 1>]> {
  let cppNamespace = "::mlir::hnn";
  let genSpecializedAttr = 0;
}
def HNN_GeluApproximationAttr
    : EnumAttr<HNN_Dialect, HNN_GeluApproximation, "gelu_approximation">;

def HNN_Reduction : I32EnumAttr<"Reduction", "how a loss reduces over the batch", [
    I32EnumAttrCase<"mean", 0>, I32EnumAttrCase<"sum", 1>, I32EnumAttrCase<"none", 2>]> {
  let cppNamespace = "::mlir::hnn";
  let genSpecializedAttr = 0;
}
def HNN_ReductionAttr : EnumAttr<HNN_Dialect, HNN_Reduction, "reduction">;

def HNN_KanBasis : I32EnumAttr<"KanBasis", "function space of a KAN layer's edges", [
    I32EnumAttrCase<"bspline", 0>, I32EnumAttrCase<"rbf", 1>,
    I32EnumAttrCase<"chebyshev", 2>]> {
  let cppNamespace = "::mlir::hnn";
  let genSpecializedAttr = 0;
}
def HNN_KanBasisAttr : EnumAttr<HNN_Dialect, HNN_KanBasis, "kan_basis">;

def HNN_KanBase : I32EnumAttr<"KanBase", "base branch of a KAN layer", [
    I32EnumAttrCase<"silu", 0>, I32EnumAttrCase<"identity", 1>, I32EnumAttrCase<"none", 2>]> {
  let cppNamespace = "::mlir::hnn";
  let genSpecializedAttr = 0;
}
def HNN_KanBaseAttr : EnumAttr<HNN_Dialect, HNN_KanBase, "kan_base">;

def HNN_ParamKind : I32EnumAttr<"ParamKind", "role of a parameter argument", [
    // Updated by the optimizer; receives a gradient.
    I32EnumAttrCase<"trainable", 0>,
    // A weight that is read but never trained (fine-tuning, baked grids).
    I32EnumAttrCase<"frozen", 1>,
    // State written by the forward pass itself (BatchNorm running statistics).
    I32EnumAttrCase<"state", 2>,
    // Optimizer state of a trainable parameter (`fc1.weight.exp_avg`), an
    // argument of the compiled train step.
    I32EnumAttrCase<"optimizer", 3>,
    // A rank-0 scalar the runtime feeds each step (`lr`, `step`).
    I32EnumAttrCase<"hyper", 4>]> {
  let cppNamespace = "::mlir::hnn";
  let genSpecializedAttr = 0;
}
def HNN_ParamKindAttr : EnumAttr<HNN_Dialect, HNN_ParamKind, "param_kind">;

def HNN_ParamAttr : AttrDef<HNN_Dialect, "Param"> {
  let mnemonic = "param";
  let summary = "marks a function argument as a named model parameter";
  let description = [{
    Attached to a function argument as `{hnn.param = #hnn.param<"fc1.weight",
    trainable>}`. The name is the key under which weights are loaded and saved
    (PyTorch `state_dict` style); the kind says whether autodiff produces a
    gradient for it (`trainable`), leaves it alone (`frozen`), or whether the
    forward pass produces an updated value (`state`). Names are unique within a
    function.
  }];
  let parameters = (ins StringRefParameter<"parameter name">:$name,
                        "ParamKind":$kind);
  let assemblyFormat = "`<` $name `,` $kind `>`";
  let genVerifyDecl = 1;
}

def HNN_ResultKind : I32EnumAttr<"ResultKind", "role of an entry point's result", [
    // A model output (or, on `@init`, the initial value of a parameter).
    I32EnumAttrCase<"output", 0>,
    // The rank-0 loss of the batch.
    I32EnumAttrCase<"loss", 1>,
    // The new value of the argument of the same name; the runtime passes that
    // argument's buffer, so the update happens in place.
    I32EnumAttrCase<"update", 2>,
    // The squared L2 norm of the named parameter's gradient (rank 0).
    I32EnumAttrCase<"gradsq", 3>]> {
  let cppNamespace = "::mlir::hnn";
  let genSpecializedAttr = 0;
}
def HNN_ResultKindAttr : EnumAttr<HNN_Dialect, HNN_ResultKind, "result_kind">;

def HNN_ResultAttr : AttrDef<HNN_Dialect, "Result"> {
  let mnemonic = "result";
  let summary = "names the result of an entry point and gives its role";
  let description = [{
    Attached to a function result as `{hnn.result = #hnn.result<"fc1.weight",
    update>}`. The compiled artifact's manifest lists the name and role, which
    is how the runtime knows where the loss is and which argument buffer an
    updated parameter or optimizer slot replaces. An `update` result has the
    type of the argument it names. Names follow the parameter-name syntax.
  }];
  let parameters = (ins StringRefParameter<"result name">:$name, "ResultKind":$kind);
  let assemblyFormat = "`<` $name `,` $kind `>`";
  let genVerifyDecl = 1;
}

#endif // HNN_ATTRS_TD
