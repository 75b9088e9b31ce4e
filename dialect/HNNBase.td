//===- HNNBase.td - shared constraints and op classes -------*- tablegen -*-===//
#ifndef HNN_BASE_TD
#define HNN_BASE_TD

include "dialect/HNNDialect.td"
include "dialect/HNNAttrs.td"
include "dialect/HNNInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// f32 is the working type. f16/bf16 are accepted so mixed precision needs no
// new ops; bit-packed tensors (BiPer) will be integer tensors with an encoding.
def HNN_Float : AnyTypeOf<[F32, F16, BF16]>;
def HNN_FloatTensor : RankedTensorOf<[F32, F16, BF16]>;
def HNN_LabelTensor : RankedTensorOf<[I32, I64]>;

// A 64-bit integer read as signed: dimensions may count from the end (-1).
def HNN_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t", "64-bit integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

// Optional integer arrays with an op-specific default (strides, paddings, ...).
def HNN_I64Array : OptionalAttr<DenseI64ArrayAttr>;

// A compute op: no side effects, has a gradient hook, and infers its result
// types (the verifier checks written result types against the inferred ones).
class HNN_ComputeOp<string mnemonic, list<Trait> traits = []>
    : HNN_Op<mnemonic, !listconcat([Pure, HNN_DifferentiableOpInterface,
                                     InferTypeOpAdaptor], traits)>;

// A compute op whose result has its operand's type; ODS generates the
// inference from SameOperandsAndResultType.
class HNN_SameTypeOp<string mnemonic, list<Trait> traits = []>
    : HNN_Op<mnemonic, !listconcat([Pure, HNN_DifferentiableOpInterface,
                                     SameOperandsAndResultType,
                                     InferTypeOpInterface], traits)>;

#endif // HNN_BASE_TD
