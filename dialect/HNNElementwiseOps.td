//===- HNNElementwiseOps.td - elementwise math and activations -*- tablegen -*-===//
#ifndef HNN_ELEMENTWISE_OPS_TD
#define HNN_ELEMENTWISE_OPS_TD

include "dialect/HNNBase.td"

// Binary ops broadcast as NumPy does: shapes are aligned on the right, and a
// dimension of size 1 stretches to the other operand's size.
class HNN_BinaryOp<string mnemonic, string what> : HNN_ComputeOp<mnemonic> {
  let summary = what # " with NumPy broadcasting";
  let description = [{
    Elementwise on two tensors of the same element type whose shapes
    broadcast (right-aligned; equal sizes, or one of them 1). The result has
    the broadcast shape.
  }];
  let arguments = (ins HNN_FloatTensor:$lhs, HNN_FloatTensor:$rhs);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlir::hnn::inferBroadcastType(loc, getOperationName(), adaptor.getLhs().getType(),
                                             adaptor.getRhs().getType(), types);
    }
  }];
}

def HNN_AddOp : HNN_BinaryOp<"add", "lhs + rhs">;
def HNN_SubOp : HNN_BinaryOp<"sub", "lhs − rhs">;
def HNN_MulOp : HNN_BinaryOp<"mul", "lhs · rhs">;
def HNN_DivOp : HNN_BinaryOp<"div", "lhs / rhs">;
def HNN_PowOp : HNN_BinaryOp<"pow", "lhs raised to rhs">;

// Unary ops keep the operand's type.
class HNN_UnaryOp<string mnemonic, string what, dag attrs = (ins)>
    : HNN_SameTypeOp<mnemonic> {
  let summary = what;
  let description = "Elementwise; the result has the operand's type.";
  let arguments = !con((ins HNN_FloatTensor:$input), attrs);
  let results = (outs HNN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def HNN_NegOp : HNN_UnaryOp<"neg", "−x">;
def HNN_ExpOp : HNN_UnaryOp<"exp", "eˣ">;
def HNN_LogOp : HNN_UnaryOp<"log", "natural logarithm">;
def HNN_SqrtOp : HNN_UnaryOp<"sqrt", "square root">;
def HNN_RsqrtOp : HNN_UnaryOp<"rsqrt", "1/√x">;
def HNN_SinOp : HNN_UnaryOp<"sin", "sine">;
def HNN_CosOp : HNN_UnaryOp<"cos", "cosine">;
def HNN_SignOp : HNN_UnaryOp<"sign", "−1, 0 or 1 by the sign of x (0 at 0)">;
def HNN_AbsOp : HNN_UnaryOp<"abs", "|x|">;
def HNN_ReluOp : HNN_UnaryOp<"relu", "max(x, 0)">;
def HNN_SiluOp : HNN_UnaryOp<"silu", "x·σ(x)">;
def HNN_TanhOp : HNN_UnaryOp<"tanh", "hyperbolic tangent">;
def HNN_SigmoidOp : HNN_UnaryOp<"sigmoid", "σ(x) = 1/(1+e⁻ˣ)">;

def HNN_EluOp : HNN_UnaryOp<"elu", "x if x > 0 else alpha·(eˣ − 1)",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$alpha)>;
let hasVerifier = 1 in {
def HNN_ClampOp : HNN_UnaryOp<"clamp", "min(max(x, min), max); either bound may be absent",
    (ins OptionalAttr<F64Attr>:$min, OptionalAttr<F64Attr>:$max)>;
def HNN_HardtanhOp : HNN_UnaryOp<"hardtanh", "clamp to [min_val, max_val], default [−1, 1]",
    (ins DefaultValuedAttr<F64Attr, "-1.0">:$min_val,
         DefaultValuedAttr<F64Attr, "1.0">:$max_val)>;
def HNN_SoftplusOp : HNN_UnaryOp<"softplus",
    "log(1 + e^(beta·x))/beta; linear where beta·x > threshold",
    (ins DefaultValuedAttr<F64Attr, "1.0">:$beta,
         DefaultValuedAttr<F64Attr, "20.0">:$threshold)>;
}
def HNN_GeluOp : HNN_UnaryOp<"gelu", "x·Φ(x), exact (erf) or with the tanh approximation",
    (ins DefaultValuedAttr<HNN_GeluApproximationAttr,
                           "::mlir::hnn::GeluApproximation::none">:$approximate)>;

#endif // HNN_ELEMENTWISE_OPS_TD
