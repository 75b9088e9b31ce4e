//===- HNNDialect.td - the hnn dialect definition ----------*- tablegen -*-===//
//
// The hnn dialect: tensor-level neural-network ops with value semantics and
// static shapes (the batch dimension may be dynamic).
//
//===----------------------------------------------------------------------===//
#ifndef HNN_DIALECT_TD
#define HNN_DIALECT_TD

include "mlir/IR/OpBase.td"

def HNN_Dialect : Dialect {
  let name = "hnn";
  let cppNamespace = "::mlir::hnn";
  let summary = "Tensor-level ops for hybrid conv-attention, KAN, BiPer and MgNO networks";
  let description = [{
    The hnn dialect describes a neural network as a function over ranked tensors.
    Ops have value semantics and PyTorch's conventions (NCHW activations, OIHW
    weights, `x·Wᵀ + b` for `linear`), so a PyTorch `state_dict` maps onto the
    parameters without transposes. Internal layouts are chosen by the lowering.

    Parameters are explicit function arguments carrying a `#hnn.param`
    attribute that names them and says whether they are trained. Every op
    implements `HNN_DifferentiableOpInterface`, the hook through which reverse
    mode differentiation asks an op for its gradient.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Name of the function-argument attribute that marks a parameter.
    static constexpr ::llvm::StringLiteral getParamAttrName() { return "hnn.param"; }
    /// Name of the function-argument attribute that names a data input.
    static constexpr ::llvm::StringLiteral getInputAttrName() { return "hnn.input"; }
    /// Name of the function-result attribute that names a result and its role.
    static constexpr ::llvm::StringLiteral getResultAttrName() { return "hnn.result"; }
    /// Name of the module attribute holding a model's loss and optimizer.
    static constexpr ::llvm::StringLiteral getTrainingAttrName() { return "hnn.training"; }

  private:
    /// Registers the attributes (defined with their storage in HNNAttrs.cpp).
    void registerAttributes();

  public:
  }];
}

class HNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<HNN_Dialect, mnemonic, traits>;

#endif // HNN_DIALECT_TD
