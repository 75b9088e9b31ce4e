//===- ModelParser.cpp - the top level of a model file ---------------------===//
#include "frontend/Model.h"
#include "frontend/Values.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir::hnn::frontend;

namespace {

bool isCIdentifier(llvm::StringRef s) {
  return !s.empty() && (llvm::isAlpha(s[0]) || s[0] == '_') &&
         llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// `layers`, `nodes` and `outputs` of a model or block mapping.
bool parseBody(Diag &d, const YNode &map, Body &body, const llvm::Twine &where) {
  bool ok = true;
  body.layers = map.get("layers");
  body.nodes = map.get("nodes");
  body.outputs = map.get("outputs");
  for (const char *key : {"layers", "nodes"}) {
    const YNode *list = map.get(key);
    if (list && !list->isSequence()) {
      d.error(list->loc,
              "'" + llvm::Twine(key) + "' must be a list of layers, got " + list->describe());
      ok = false;
    }
  }
  if (!ok)
    return false;
  size_t count =
      (body.layers ? body.layers->items.size() : 0) + (body.nodes ? body.nodes->items.size() : 0);
  if (count == 0) {
    d.error(map.loc,
            (body.layers || body.nodes ? "no layers in " : "missing 'layers' (or 'nodes') in ") +
                where);
    return false;
  }
  if (body.outputs && !body.outputs->isScalar() && !body.outputs->isSequence()) {
    d.error(body.outputs->loc,
            "'outputs' must be a name or a list of names, got " + body.outputs->describe());
    return false;
  }
  return true;
}

bool parseInput(Diag &d, const YNode &node, InputSpec &input) {
  input.loc = node.loc;
  if (!node.isMapping()) {
    d.error(node.loc,
            "an input is a mapping like {name: x, shape: [batch, 784]}, got " + node.describe());
    return false;
  }
  bool ok = checkKeys(d, node, {"name", "shape", "dtype"}, "an input");
  Attrs attrs(d, node, "an input");
  if (attrs.require("name")) {
    const YNode *name = node.get("name");
    if (!name->isScalar() || !isName(name->value)) {
      d.error(name->loc, "an input name is letters, digits and '_', got " + name->describe());
      ok = false;
    } else {
      input.name = name->value;
    }
  }
  input.dtype = attrs.getChoice("dtype", {"f32", "f16", "bf16", "i32", "i64"}, "f32");
  if (attrs.require("shape")) {
    const YNode *shape = node.get("shape");
    if (!shape->isSequence()) {
      d.error(shape->loc, "'shape' must be a list of dimensions, got " + shape->describe());
      ok = false;
    } else {
      for (size_t i = 0; i < shape->items.size(); ++i) {
        const YNode &dim = shape->items[i];
        if (dim.isScalar() && dim.value == "batch") {
          if (i != 0) {
            d.error(dim.loc, "'batch' is only allowed as the first dimension");
            ok = false;
          }
          input.shape.push_back(mlir::ShapedType::kDynamic);
          continue;
        }
        std::optional<int64_t> v = asInt(dim);
        if (!v || *v < 1 || *v > kMaxInt) {
          d.error(dim.loc, "expected a dimension (a positive integer or 'batch') in 'shape', got " +
                               dim.describe());
          ok = false;
          continue;
        }
        input.shape.push_back(*v);
      }
      // Keep shape arithmetic in range: at most 2^40 elements per sample.
      double elements = 1;
      for (int64_t dim : input.shape)
        if (dim > 0)
          elements *= static_cast<double>(dim);
      if (ok && elements > 1099511627776.0) {
        d.error(shape->loc, "input '" + input.name + "' has more than 2^40 elements");
        ok = false;
      }
    }
  }
  return ok && attrs.ok();
}

bool parseBlock(Diag &d, const YNode &key, const YNode &node, BlockSpec &block) {
  block.name = key.value;
  block.loc = key.loc;
  if (!isName(block.name)) {
    d.error(key.loc, "a block name is letters, digits and '_', got '" + block.name + "'");
    return false;
  }
  if (!node.isMapping()) {
    d.error(node.loc,
            "block '" + block.name + "' must be a mapping with 'layers', got " + node.describe());
    return false;
  }
  bool ok = checkKeys(d, node, {"params", "inputs", "layers", "nodes", "outputs", "description"},
                      "block '" + block.name + "'");
  if (const YNode *params = node.get("params")) {
    if (!params->isMapping()) {
      d.error(params->loc,
              "'params' must map parameter names to default values, got " + params->describe());
      ok = false;
    } else {
      for (const auto &[k, v] : params->entries) {
        if (!isName(k.value)) {
          d.error(k.loc,
                  "a block parameter name is letters, digits and '_', got '" + k.value + "'");
          ok = false;
        }
        block.params.emplace_back(k.value, &v);
      }
    }
  }
  if (const YNode *inputs = node.get("inputs")) {
    std::vector<const YNode *> names;
    if (inputs->isScalar())
      names.push_back(inputs);
    else if (inputs->isSequence() && !inputs->items.empty())
      for (const YNode &item : inputs->items)
        names.push_back(&item);
    else {
      d.error(inputs->loc,
              "'inputs' of a block must be a list of names, got " + inputs->describe());
      ok = false;
    }
    llvm::StringSet<> seen;
    for (const YNode *name : names) {
      if (!name->isScalar() || !isName(name->value)) {
        d.error(name->loc,
                "a block input name is letters, digits and '_', got " + name->describe());
        ok = false;
      } else if (!seen.insert(name->value).second) {
        d.error(name->loc, "duplicate block input '" + name->value + "'");
        ok = false;
      } else {
        block.inputs.push_back(name->value);
      }
    }
  } else {
    block.inputs.push_back("in");
  }
  return parseBody(d, node, block.body, "block '" + block.name + "'") && ok;
}

} // namespace

std::unique_ptr<ModelSpec> mlir::hnn::frontend::parseModel(Diag &d, YNode rootNode) {
  auto model = std::make_unique<ModelSpec>();
  model->root = std::move(rootNode);
  const YNode &root = model->root;
  if (!root.isMapping()) {
    d.error(root.loc,
            "a model file is a mapping with 'name', 'inputs' and 'layers', got " + root.describe());
    return nullptr;
  }
  bool ok = checkKeys(d, root,
                      {"name", "description", "seed", "inputs", "layers", "nodes", "outputs",
                       "blocks", "loss", "optimizer"},
                      "the model");
  Attrs attrs(d, root, "the model");

  if (attrs.require("name")) {
    const YNode *name = root.get("name");
    if (!name->isScalar() || !isCIdentifier(name->value)) {
      d.error(name->loc, "the model name must be a C identifier, got " + name->describe());
      ok = false;
    } else {
      model->name = name->value;
    }
  }
  model->seed = static_cast<uint64_t>(attrs.getInt("seed", 0, 0));

  if (attrs.require("inputs")) {
    const YNode *inputs = root.get("inputs");
    if (!inputs->isSequence() || inputs->items.empty()) {
      d.error(inputs->loc, "'inputs' must be a list of one or more inputs, got " +
                               (inputs->isSequence() ? "an empty list" : inputs->describe()));
      ok = false;
    } else {
      llvm::StringSet<> seen;
      for (const YNode &item : inputs->items) {
        InputSpec input;
        if (!parseInput(d, item, input)) {
          if (input.name.empty())
            continue;
          input.broken = true;
        }
        if (!seen.insert(input.name).second) {
          d.error(item.get("name")->loc, "duplicate input name '" + input.name + "'");
          continue;
        }
        model->inputs.push_back(std::move(input));
      }
    }
  }

  if (const YNode *blocks = root.get("blocks")) {
    if (!blocks->isMapping()) {
      d.error(blocks->loc, "'blocks' must map block names to blocks, got " + blocks->describe());
      ok = false;
    } else {
      for (const auto &[key, value] : blocks->entries) {
        BlockSpec block;
        if (!parseBlock(d, key, value, block)) {
          if (!isName(block.name))
            continue;
          block.broken = true;
        }
        model->blockIndex[block.name] = model->blocks.size();
        model->blocks.push_back(std::move(block));
      }
    }
  }

  if (!parseBody(d, root, model->body, "the model"))
    return nullptr;

  for (const char *section : {"loss", "optimizer"}) {
    const YNode *node = root.get(section);
    if (node && !node->isMapping()) {
      d.error(node->loc,
              "'" + llvm::Twine(section) + "' must be a mapping, got " + node->describe());
      ok = false;
    }
  }
  model->loss = root.get("loss");
  model->optimizer = root.get("optimizer");

  if (!ok || !attrs.ok())
    d.markFailed();
  if (model->inputs.empty())
    return nullptr;
  return model;
}
