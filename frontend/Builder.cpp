//===- Builder.cpp - from the expanded graph to hnn IR ---------------------===//
#include "frontend/Builder.h"

#include "llvm/ADT/BitVector.h"

#include "dialect/ShapeInference.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir::hnn::frontend;
using namespace mlir;

// Results larger than this (2^40 elements) are rejected: they are mistakes,
// and capping them keeps the shape arithmetic of later layers in range.
static constexpr int64_t kMaxTensorElements = int64_t(1) << 40;

//===----------------------------------------------------------------------===//
// Layer registry
//===----------------------------------------------------------------------===//

static const std::vector<LayerDef> &registry() {
  static const std::vector<LayerDef> defs = [] {
    std::vector<LayerDef> all;
    addCoreLayers(all);
    addKANLayers(all);
    addShapeLayers(all);
    return all;
  }();
  return defs;
}

const LayerDef *mlir::hnn::frontend::findLayer(llvm::StringRef type) {
  for (const LayerDef &def : registry())
    if (def.type == type)
      return &def;
  return nullptr;
}

std::vector<llvm::StringRef> mlir::hnn::frontend::layerTypeNames() {
  std::vector<llvm::StringRef> names;
  for (const LayerDef &def : registry())
    names.push_back(def.type);
  names.push_back("block");
  return names;
}

//===----------------------------------------------------------------------===//
// LayerContext
//===----------------------------------------------------------------------===//

OpBuilder &LayerContext::builder() { return mb.b; }
MLIRContext *LayerContext::ctx() { return mb.b.getContext(); }

Value LayerContext::error(const llvm::Twine &message) {
  mb.d.error(node.loc, message);
  attrs.fail();
  return Value();
}

Operation *LayerContext::markFailed() {
  mb.d.markFailed();
  attrs.fail();
  return nullptr;
}

static int64_t saturatingElements(RankedTensorType type) {
  int64_t count = 1;
  for (int64_t dim : type.getShape()) {
    if (ShapedType::isDynamic(dim) || dim <= 0)
      continue;
    if (count > kMaxTensorElements / dim)
      return kMaxTensorElements + 1;
    count *= dim;
  }
  return count;
}

Operation *LayerContext::finish(OperationState &state) {
  Operation *op = builder().create(state);
  if (failed(mlir::verify(op, /*verifyRecursively=*/false))) {
    op->erase();
    return markFailed();
  }
  for (Type type : op->getResultTypes()) {
    auto ranked = dyn_cast<RankedTensorType>(type);
    if (ranked && saturatingElements(ranked) > kMaxTensorElements) {
      std::string text = hnn::typeStr(type);
      op->erase();
      error("the result " + text + " has more than 2^40 elements");
      return nullptr;
    }
  }
  return op;
}

Value LayerContext::param(llvm::StringRef suffix, llvm::ArrayRef<int64_t> shape,
                          hnn::ParamKind kind, InitSpec init) {
  std::string name = node.name + "." + suffix.str();
  if (const YNode *inits = node.spec.get("init"))
    if (const YNode *override = inits->get(suffix)) {
      std::optional<InitSpec> parsed = parseInit(mb.d, *override);
      if (!parsed) {
        attrs.fail();
        return Value();
      }
      init = *parsed;
    }
  if (init.needsFans() && shape.size() < 2) {
    mb.d.error(init.loc.isValid() ? init.loc : node.loc, "initializer '" + init.name() +
                                                             "' needs a parameter with at least 2 "
                                                             "dimensions; '" +
                                                             name + "' has shape " +
                                                             hnn::shapeStr(shape));
    attrs.fail();
    return Value();
  }
  uint64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 1) {
      error("parameter '" + name + "' would have shape " + hnn::shapeStr(shape));
      return Value();
    }
    count =
        std::min<uint64_t>(count * static_cast<uint64_t>(dim), mb.options.maxParameterElements + 1);
  }
  bool reported = mb.paramElements > mb.options.maxParameterElements;
  mb.paramElements = std::min(mb.paramElements + count, mb.options.maxParameterElements + 1);
  if (mb.paramElements > mb.options.maxParameterElements) {
    if (reported) {
      attrs.fail();
      return Value();
    }
    error("the parameters exceed " + llvm::Twine(mb.options.maxParameterElements) +
          " elements at '" + name + "' (shape " + hnn::shapeStr(shape) + ")");
    return Value();
  }
  if (node.spec.get("frozen") && kind == hnn::ParamKind::trainable) {
    Attrs flags(mb.d, node.spec, attrs.ownerName());
    if (flags.getBool("frozen", false))
      kind = hnn::ParamKind::frozen;
  }
  auto type = RankedTensorType::get(shape, builder().getF32Type());
  mb.params.push_back({name, type, kind, init});
  return mb.body->addArgument(type, loc);
}

//===----------------------------------------------------------------------===//
// ModelBuilder
//===----------------------------------------------------------------------===//

ModelBuilder::ModelBuilder(Diag &d, const ModelSpec &model, const FlatGraph &graph,
                           const FrontendOptions &options)
    : d(d), model(model), graph(graph), options(options), b(d.getContext()) {}

Value ModelBuilder::buildNode(const FlatNode &node, llvm::ArrayRef<Value> inputs) {
  const YNode *typeNode = node.spec.get("type");
  const LayerDef *def = findLayer(node.type);
  if (!def) {
    d.error(typeNode->loc,
            "unknown layer type '" + node.type + "'" + didYouMean(node.type, layerTypeNames()));
    return Value();
  }
  std::string owner = "layer type '" + node.type + "'";
  std::vector<llvm::StringRef> keys = {"name", "type", "inputs"};
  keys.insert(keys.end(), def->keys.begin(), def->keys.end());
  if (!def->params.empty())
    keys.insert(keys.end(), {"init", "frozen"});
  bool ok = checkKeys(d, node.spec, keys, "a '" + node.type + "' layer");
  const YNode *init = node.spec.get("init");
  if (init && !def->params.empty()) {
    if (!init->isMapping()) {
      d.error(init->loc,
              "'init' must map parameter names to initializers, got " + init->describe());
      ok = false;
    } else if (!checkKeys(d, *init, def->params, "the 'init' of a '" + node.type + "' layer")) {
      ok = false;
    } else {
      // Checked here, whatever the inputs; param() reads them again.
      for (const auto &entry : init->entries)
        ok &= parseInit(d, entry.second).has_value();
    }
  }
  size_t n = inputs.size();
  if (n < def->minInputs || (def->maxInputs && n > def->maxInputs)) {
    std::string expected =
        def->minInputs == def->maxInputs ? std::to_string(def->minInputs)
        : def->maxInputs ? std::to_string(def->minInputs) + " to " + std::to_string(def->maxInputs)
                         : "at least " + std::to_string(def->minInputs);
    d.error(node.loc, owner + " takes " + expected + " input" + (expected == "1" ? "" : "s") +
                          ", got " + llvm::Twine(n) +
                          (node.spec.get("inputs") ? "" : "; name them with 'inputs: [a, b]'"));
    return Value();
  }
  if (!ok)
    return Value();
  Attrs attrs(d, node.spec, owner);
  LayerContext ctx(*this, node, attrs, inputs, d.loc(node.loc));
  Value result = def->build(ctx);
  return attrs.ok() ? result : Value();
}

static Type elementType(Builder &b, llvm::StringRef dtype) {
  if (dtype == "i64")
    return b.getI64Type();
  if (dtype == "i32")
    return b.getI32Type();
  if (dtype == "f16")
    return b.getF16Type();
  if (dtype == "bf16")
    return b.getBF16Type();
  return b.getF32Type();
}

RankedTensorType mlir::hnn::frontend::inputType(Builder &b, const InputSpec &input) {
  return RankedTensorType::get(input.shape, elementType(b, input.dtype));
}

void ModelBuilder::buildInit(ModuleOp module, Location loc) {
  if (!options.buildInit || params.empty())
    return;
  b.setInsertionPointToEnd(module.getBody());
  llvm::SmallVector<Type> types;
  for (const ParamInfo &p : params)
    types.push_back(p.type);
  auto init = func::FuncOp::create(b, loc, "init", b.getFunctionType({}, types));
  Block *block = init.addEntryBlock();
  b.setInsertionPointToEnd(block);
  llvm::SmallVector<Value> values;
  for (const ParamInfo &p : params)
    values.push_back(
        hnn::ConstantOp::create(b, loc, initialValue(p.init, p.type, p.name, model.seed)));
  func::ReturnOp::create(b, loc, values);
  // Each result is named after the parameter it initializes.
  for (size_t i = 0; i < params.size(); ++i)
    init.setResultAttr(i, hnn::HNNDialect::getResultAttrName(),
                       hnn::ResultAttr::get(b.getContext(), params[i].name,
                                            hnn::ResultKind::output));
}

OwningOpRef<ModuleOp> ModelBuilder::build() {
  Location loc = d.loc(model.root.loc);
  OwningOpRef<ModuleOp> module = ModuleOp::create(
      loc, model.name.empty() ? std::nullopt : std::optional<llvm::StringRef>(model.name));
  b.setInsertionPointToEnd(module->getBody());
  llvm::SmallVector<Type> inputTypes;
  for (const InputSpec &input : model.inputs)
    inputTypes.push_back(inputType(b, input));
  auto forward = func::FuncOp::create(b, loc, "forward", b.getFunctionType(inputTypes, {}));
  body = forward.addEntryBlock();
  b.setInsertionPointToEnd(body);

  std::vector<Value> values(graph.nodes.size());
  for (int id : graph.order) {
    const FlatNode &node = graph.nodes[id];
    switch (node.kind) {
    case FlatNode::Kind::Input:
      values[id] = body->getArgument(node.argIndex);
      break;
    case FlatNode::Kind::Alias:
      if (!node.inputs.empty())
        values[id] = values[node.inputs[0]];
      break;
    case FlatNode::Kind::Poison:
      break;
    case FlatNode::Kind::Layer: {
      llvm::SmallVector<Value> inputs;
      for (int input : node.inputs)
        inputs.push_back(values[input]);
      values[id] = buildNode(node, inputs);
      break;
    }
    }
  }

  llvm::SmallVector<Value> results;
  for (const auto &[id, where] : graph.outputs) {
    if (!values[id])
      d.markFailed();
    results.push_back(values[id]);
  }
  if (d.failed())
    return nullptr;
  func::ReturnOp::create(b, loc, results);
  forward.setType(b.getFunctionType(body->getArgumentTypes(), ValueRange(results).getTypes()));
  for (size_t i = 0; i < model.inputs.size(); ++i)
    forward.setArgAttr(i, hnn::HNNDialect::getInputAttrName(),
                       b.getStringAttr(model.inputs[i].name));
  for (size_t i = 0; i < params.size(); ++i) {
    auto attr = hnn::ParamAttr::get(b.getContext(), params[i].name, params[i].kind);
    forward.setArgAttr(model.inputs.size() + i, hnn::HNNDialect::getParamAttrName(), attr);
  }
  // Results are named after the layers (or inputs) the `outputs:` list names.
  for (auto [i, output] : llvm::enumerate(graph.outputs))
    forward.setResultAttr(i, hnn::HNNDialect::getResultAttrName(),
                          hnn::ResultAttr::get(b.getContext(), graph.nodes[output.first].name,
                                               hnn::ResultKind::output));
  // An input the forward computation never reads (the labels, which only
  // the loss does) is not an argument of forward.
  llvm::BitVector unused(forward.getNumArguments());
  for (size_t i = 0; i < model.inputs.size(); ++i)
    if (body->getArgument(i).use_empty())
      unused.set(i);
  (void)forward.eraseArguments(unused);
  buildInit(*module, loc);
  return module;
}

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

bool mlir::hnn::frontend::isModelFile(llvm::StringRef path) {
  return path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with(".json");
}

static OwningOpRef<ModuleOp> buildModule(MLIRContext *ctx, llvm::SourceMgr &sourceMgr,
                                         unsigned bufferId, const FrontendOptions &options) {
  Diag d(ctx, sourceMgr, bufferId);
  std::optional<YNode> root = parseYAMLTree(d, sourceMgr, bufferId);
  if (!root)
    return nullptr;
  std::unique_ptr<ModelSpec> model = parseModel(d, std::move(*root));
  if (!model)
    return nullptr;
  DictionaryAttr training = buildTrainingAttr(d, *model);
  std::optional<FlatGraph> graph = expandModel(d, *model);
  if (!graph)
    return nullptr;
  OwningOpRef<ModuleOp> module = ModelBuilder(d, *model, *graph, options).build();
  if (!module || d.failed())
    return nullptr;
  if (training)
    (*module)->setAttr(kTrainingAttrName, training);
  if (failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> mlir::hnn::frontend::buildModel(MLIRContext *ctx, llvm::SourceMgr &sourceMgr,
                                                      unsigned bufferId,
                                                      const FrontendOptions &options) {
  ctx->loadDialect<hnn::HNNDialect, func::FuncDialect>();
  // The stages report as they go (references before layers); the file is
  // easier to fix top to bottom, so the diagnostics are held back and
  // emitted in file order.
  std::vector<Diagnostic> held;
  OwningOpRef<ModuleOp> module;
  {
    ScopedDiagnosticHandler hold(ctx, [&](Diagnostic &diag) {
      held.push_back(std::move(diag));
      return success();
    });
    module = buildModule(ctx, sourceMgr, bufferId, options);
  }
  auto position = [](const Diagnostic &diag) {
    if (auto loc = dyn_cast<FileLineColLoc>(diag.getLocation()))
      return std::make_pair(loc.getLine(), loc.getColumn());
    return std::make_pair(~0u, ~0u);
  };
  std::vector<size_t> order(held.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::make_pair(position(held[a]), a) < std::make_pair(position(held[b]), b);
  });
  for (size_t i : order)
    ctx->getDiagEngine().emit(std::move(held[i]));
  return module;
}
