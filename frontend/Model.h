//===- Model.h - the parsed model and its expanded graph ----------*- C++ -*-===//
//
// Two stages before IR: `parseModel` checks the top level of the file (name,
// inputs, blocks, outputs, sections) into a ModelSpec; `expandModel`
// instantiates blocks, names every layer (`stage1.0.conv1`), resolves the
// references between layers and orders them, giving a FlatGraph whose nodes
// the IR builder visits once each.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_FRONTEND_MODEL_H
#define HNN_FRONTEND_MODEL_H

#include "frontend/YAMLTree.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <memory>

namespace mlir::hnn::frontend {

struct InputSpec {
  std::string name;
  llvm::SmallVector<int64_t> shape; // ShapedType::kDynamic for `batch`
  std::string dtype;                // f32 | f16 | bf16 | i32 | i64
  llvm::SMLoc loc;
  /// Reported already: references to it build nothing.
  bool broken = false;
};

/// The layer lists of a model or block body: `layers` (each entry consumes
/// the previous one unless it names `inputs`) then `nodes` (entries name
/// their inputs).
struct Body {
  const YNode *layers = nullptr;
  const YNode *nodes = nullptr;
  const YNode *outputs = nullptr;
};

struct BlockSpec {
  std::string name;
  llvm::SMLoc loc;
  /// Parameters and their defaults (a null node: the argument is required).
  std::vector<std::pair<std::string, const YNode *>> params;
  /// The names by which the body refers to the instance's inputs ("in").
  std::vector<std::string> inputs;
  Body body;
  /// Reported already: instances build nothing.
  bool broken = false;
};

struct ModelSpec {
  YNode root;
  std::string name;
  std::vector<InputSpec> inputs;
  Body body;
  std::vector<BlockSpec> blocks;
  llvm::StringMap<unsigned> blockIndex;
  uint64_t seed = 0;
  const YNode *loss = nullptr;
  const YNode *optimizer = nullptr;
};

/// Checks the top level of the model; reports every problem it finds (the
/// Diag remembers the failure). Returns null only when nothing can be
/// expanded; broken inputs and blocks are kept, marked, so that the layers
/// are still checked.
std::unique_ptr<ModelSpec> parseModel(Diag &d, YNode root);

struct FlatNode {
  enum class Kind {
    Input,  // model input `argIndex`
    Layer,  // one layer: `type` with the attributes in `spec`
    Alias,  // the value of inputs[0] (block inputs, identity)
    Poison, // an entry that already failed: silently yields nothing
  };
  Kind kind = Kind::Poison;
  /// Full dotted name: the prefix of the layer's parameters.
  std::string name;
  std::string type;
  /// The layer's mapping, with block parameters substituted.
  YNode spec;
  llvm::SMLoc loc;
  std::vector<int> inputs;
  unsigned argIndex = 0;
};

struct FlatGraph {
  std::vector<FlatNode> nodes;
  /// Model outputs and where they are named.
  std::vector<std::pair<int, llvm::SMLoc>> outputs;
  /// Every node whose inputs come before it, in declaration order where the
  /// references allow (nodes on cycles are left out).
  std::vector<int> order;
};

/// Instantiates blocks, resolves references and orders the nodes. Reports
/// unknown or duplicate names, unknown blocks, bad `$param` references,
/// recursion between blocks and cycles. Returns nullopt when nothing can be
/// built.
std::optional<FlatGraph> expandModel(Diag &d, const ModelSpec &model);

/// Upper bound on the expanded size of a model.
constexpr size_t kMaxNodes = 100000;

} // namespace mlir::hnn::frontend

#endif // HNN_FRONTEND_MODEL_H
