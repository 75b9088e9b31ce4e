//===- Builder.h - from the expanded graph to hnn IR --------------*- C++ -*-===//
//
// The ModelBuilder visits the FlatGraph in order and asks each layer's
// definition (Layers.cpp) to build its ops. Parameters are created as the
// layers need them, with shapes read off the incoming tensors (as PyTorch's
// lazy modules do), and appended as arguments of `@forward` in creation
// order. Ops are built only after their result types infer, and verified at
// once, so a bad layer is reported at its own line and the layers after it
// stay quiet.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_FRONTEND_BUILDER_H
#define HNN_FRONTEND_BUILDER_H

#include "frontend/Frontend.h"
#include "frontend/Init.h"
#include "frontend/Model.h"
#include "frontend/Values.h"

#include "dialect/HNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"

namespace mlir::hnn::frontend {

struct ParamInfo {
  std::string name;
  mlir::RankedTensorType type;
  mlir::hnn::ParamKind kind;
  InitSpec init;
};

class ModelBuilder;

/// What a layer's build function sees.
class LayerContext {
public:
  LayerContext(ModelBuilder &mb, const FlatNode &node, Attrs &attrs,
               llvm::ArrayRef<mlir::Value> inputs, mlir::Location loc)
      : mb(mb), node(node), attrs(attrs), inputs(inputs), loc(loc) {}

  ModelBuilder &mb;
  const FlatNode &node;
  Attrs &attrs;
  llvm::ArrayRef<mlir::Value> inputs;
  mlir::Location loc;

  /// Whether the attributes read so far are valid and every input was
  /// built. Build functions read all their attributes first (so their
  /// errors are reported even behind a broken layer), then ask this before
  /// looking at the inputs.
  bool ready() const {
    return attrs.ok() && llvm::all_of(inputs, [](mlir::Value v) { return bool(v); });
  }

  mlir::OpBuilder &builder();
  mlir::MLIRContext *ctx();

  /// Reports an error at the layer and returns a null value.
  mlir::Value error(const llvm::Twine &message);

  /// Input `i` as a ranked tensor type (inputs always are).
  mlir::RankedTensorType type(unsigned i = 0) const {
    return llvm::cast<mlir::RankedTensorType>(inputs[i].getType());
  }

  /// Creates parameter `<layer>.<suffix>` of the given shape (f32), with the
  /// default initializer unless the layer's `init:` overrides it.
  mlir::Value param(llvm::StringRef suffix, llvm::ArrayRef<int64_t> shape,
                    mlir::hnn::ParamKind kind, InitSpec dflt);

  /// Builds op `OpTy` from operands and attributes after checking that its
  /// result types infer, then verifies it. Null (after a diagnostic at the
  /// layer) on failure.
  template <typename OpTy>
  mlir::Operation *create(mlir::ValueRange operands,
                          llvm::ArrayRef<mlir::NamedAttribute> attributes = {}) {
    mlir::OperationState state(loc, OpTy::getOperationName());
    state.addOperands(operands);
    state.addAttributes(attributes);
    if (!attributes.empty()) {
      mlir::OpaqueProperties properties = &state.getOrAddProperties<typename OpTy::Properties>();
      std::optional<mlir::RegisteredOperationName> info = state.name.getRegisteredInfo();
      if (mlir::failed(info->setOpPropertiesFromAttribute(state.name, properties,
                                                          state.attributes.getDictionary(ctx()),
                                                          [&] { return mlir::emitError(loc); })))
        return markFailed();
    }
    llvm::SmallVector<mlir::Type, 3> types;
    if (mlir::failed(OpTy::inferReturnTypes(ctx(), loc, state.operands,
                                            state.attributes.getDictionary(ctx()),
                                            state.getRawProperties(), state.regions, types)))
      return markFailed();
    state.addTypes(types);
    return finish(state);
  }

  /// Builds an op whose result type is given (reshape), then verifies it.
  mlir::Operation *createTyped(mlir::OperationState &state) { return finish(state); }

  /// The first result of `op`, or null.
  static mlir::Value result(mlir::Operation *op) { return op ? op->getResult(0) : mlir::Value(); }

private:
  mlir::Operation *markFailed();
  mlir::Operation *finish(mlir::OperationState &state);
};

/// The attributes every 2-D convolution layer reads (conv2d,
/// conv_transpose2d, kan_conv2d): out_channels and kernel_size (required),
/// stride (1), padding (0), dilation (1), groups (1).
struct ConvWindow {
  int64_t out, groups;
  llvm::SmallVector<int64_t> kernel, stride, padding, dilation;
};
ConvWindow readConvWindow(Attrs &a);

struct LayerDef {
  llvm::StringLiteral type;
  unsigned minInputs, maxInputs; // maxInputs 0: any number
  std::vector<llvm::StringRef> keys;
  std::vector<llvm::StringRef> params;
  mlir::Value (*build)(LayerContext &);
};

/// The layer definitions, by type name.
const LayerDef *findLayer(llvm::StringRef type);
std::vector<llvm::StringRef> layerTypeNames();

/// Layer families, each in its own file.
void addCoreLayers(std::vector<LayerDef> &defs);
void addKANLayers(std::vector<LayerDef> &defs);
void addShapeLayers(std::vector<LayerDef> &defs);

class ModelBuilder {
public:
  ModelBuilder(Diag &d, const ModelSpec &model, const FlatGraph &graph,
               const FrontendOptions &options);

  mlir::OwningOpRef<mlir::ModuleOp> build();

  Diag &d;
  const ModelSpec &model;
  const FlatGraph &graph;
  const FrontendOptions &options;
  mlir::OpBuilder b;
  mlir::Block *body = nullptr;
  std::vector<ParamInfo> params;
  uint64_t paramElements = 0;

private:
  mlir::Value buildNode(const FlatNode &node, llvm::ArrayRef<mlir::Value> inputs);
  void buildInit(mlir::ModuleOp module, mlir::Location loc);
};

/// The `loss:` and `optimizer:` sections as the module's training attribute
/// (null when there are neither, or after errors).
mlir::DictionaryAttr buildTrainingAttr(Diag &d, const ModelSpec &model);

/// The tensor type of a model input (`batch` is the dynamic dimension).
mlir::RankedTensorType inputType(mlir::Builder &b, const InputSpec &input);

} // namespace mlir::hnn::frontend

#endif // HNN_FRONTEND_BUILDER_H
