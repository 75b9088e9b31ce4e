//===- GraphExpander.cpp - blocks, names, references and order -------------===//
//
// Each list of layers is a scope: the model's, and one per block instance.
// Entries are registered first (so references may point forward), then their
// `inputs` are resolved by name within the scope. A block instance becomes
// alias nodes for its inputs plus the nodes of its body, expanded with the
// instance's arguments substituted for `$param` references; its parameters
// are named `<instance>.<layer>.<param>` (`stage1.0.conv1.weight`).
//
//===----------------------------------------------------------------------===//
#include "frontend/Model.h"
#include "frontend/Values.h"

#include "llvm/ADT/StringExtras.h"

#include <queue>

using namespace mlir::hnn::frontend;

namespace {

/// Block arguments by parameter name, for `$param` substitution.
struct Env {
  const BlockSpec *block = nullptr;
  llvm::StringMap<YNode> values;
};

using Ref = std::pair<std::string, llvm::SMLoc>;

class Expander {
public:
  Expander(Diag &d, const ModelSpec &model) : d(d), model(model) {}

  std::optional<FlatGraph> run();

private:
  struct Scope {
    std::string prefix;
    llvm::StringMap<int> names;
    std::vector<std::string> nameList;
    /// Nodes whose inputs are references still to resolve.
    std::vector<std::pair<int, std::vector<Ref>>> pending;
  };

  int addNode(FlatNode node) {
    if (g.nodes.size() >= kMaxNodes) {
      if (!tooBig)
        d.error(node.loc, "the model expands to more than " + llvm::Twine(kMaxNodes) + " layers");
      tooBig = true;
      return -1;
    }
    g.nodes.push_back(std::move(node));
    return static_cast<int>(g.nodes.size()) - 1;
  }

  int poison(const std::string &name, llvm::SMLoc loc) {
    FlatNode node;
    node.kind = FlatNode::Kind::Poison;
    node.name = name;
    node.loc = loc;
    return addNode(std::move(node));
  }

  bool substitute(YNode &node, const Env *env);
  bool readRefs(const YNode &node, std::vector<Ref> &refs);
  void define(Scope &scope, const std::string &name, llvm::SMLoc loc, int id);
  int expandBody(Scope &scope, const Body &body, int firstInput, const Env *env,
                 std::vector<std::pair<int, llvm::SMLoc>> *outputs);
  int expandEntry(Scope &scope, const YNode &raw, size_t index, bool graphForm, int prev,
                  const Env *env);
  int expandInstance(Scope &scope, const YNode &entry, const std::string &name, int prev,
                     bool hasInputs, std::vector<Ref> refs);

  Diag &d;
  const ModelSpec &model;
  FlatGraph g;
  std::vector<std::string> blockStack;
  std::vector<bool> instantiated;
  bool tooBig = false;
};

bool Expander::substitute(YNode &node, const Env *env) {
  if (node.isScalar() && llvm::StringRef(node.value).starts_with("$")) {
    llvm::StringRef name = llvm::StringRef(node.value).drop_front();
    if (!env) {
      d.error(node.loc, "'" + node.value + "' refers to a block parameter outside a block");
      return false;
    }
    auto it = env->values.find(name);
    if (it == env->values.end()) {
      std::vector<std::string> names;
      for (const auto &param : env->block->params)
        names.push_back("$" + param.first);
      std::vector<llvm::StringRef> refs(names.begin(), names.end());
      d.error(node.loc, "unknown parameter '" + node.value + "' in block '" + env->block->name +
                            "'" + didYouMean(node.value, refs));
      return false;
    }
    node = it->second;
    return true;
  }
  bool ok = true;
  for (YNode &item : node.items)
    ok &= substitute(item, env);
  for (auto &entry : node.entries)
    ok &= substitute(entry.second, env);
  return ok;
}

bool Expander::readRefs(const YNode &node, std::vector<Ref> &refs) {
  std::vector<const YNode *> items;
  if (node.isScalar())
    items.push_back(&node);
  else if (node.isSequence())
    for (const YNode &item : node.items)
      items.push_back(&item);
  else {
    d.error(node.loc, "'inputs' must be a name or a list of names, got " + node.describe());
    return false;
  }
  for (const YNode *item : items) {
    if (!item->isScalar() || !isName(item->value)) {
      d.error(item->loc, "expected the name of an input or a layer, got " + item->describe());
      return false;
    }
    refs.emplace_back(item->value, item->loc);
  }
  return true;
}

void Expander::define(Scope &scope, const std::string &name, llvm::SMLoc loc, int id) {
  if (!scope.names.try_emplace(name, id).second) {
    d.error(loc, "duplicate name '" + name + "'");
    return;
  }
  scope.nameList.push_back(name);
}

int Expander::expandEntry(Scope &scope, const YNode &raw, size_t index, bool graphForm, int prev,
                          const Env *env) {
  std::string fallbackName = std::to_string(index);
  if (!raw.isMapping()) {
    d.error(raw.loc, "a layer is a mapping like {type: relu}, got " + raw.describe());
    return poison(scope.prefix + fallbackName, raw.loc);
  }
  YNode entry = raw;
  bool ok = substitute(entry, env);

  // The name first, so that references to a broken entry stay quiet.
  std::string name = fallbackName;
  if (const YNode *nameNode = entry.get("name")) {
    if (!nameNode->isScalar() || !isName(nameNode->value)) {
      d.error(nameNode->loc,
              "a layer name is letters, digits and '_', got " + nameNode->describe());
      ok = false;
    } else {
      name = nameNode->value;
    }
  } else if (graphForm) {
    d.error(entry.loc, "missing required key 'name' for a node");
    ok = false;
  }

  std::vector<Ref> refs;
  const YNode *inputs = entry.get("inputs");
  if (inputs)
    ok &= readRefs(*inputs, refs);
  else if (graphForm) {
    d.error(entry.loc, "missing required key 'inputs' for node '" + name + "'");
    ok = false;
  }

  std::string type;
  if (const YNode *typeNode = entry.get("type")) {
    if (!typeNode->isScalar()) {
      d.error(typeNode->loc, "expected a layer type for 'type', got " + typeNode->describe());
      ok = false;
    } else {
      type = typeNode->value;
    }
  } else {
    d.error(entry.loc, "missing required key 'type' for layer '" + name + "'");
    ok = false;
  }

  int id;
  if (!ok) {
    id = poison(scope.prefix + name, entry.loc);
  } else if (type == "block") {
    id = expandInstance(scope, entry, name, prev, inputs != nullptr, std::move(refs));
  } else {
    FlatNode node;
    node.kind = FlatNode::Kind::Layer;
    node.name = scope.prefix + name;
    node.type = type;
    node.loc = entry.loc;
    node.spec = std::move(entry);
    id = addNode(std::move(node));
    if (id >= 0) {
      if (inputs)
        scope.pending.emplace_back(id, std::move(refs));
      else if (prev >= 0)
        g.nodes[id].inputs.push_back(prev);
    }
  }
  if (id >= 0)
    define(scope, name, raw.get("name") ? raw.get("name")->loc : raw.loc, id);
  return id;
}

int Expander::expandInstance(Scope &scope, const YNode &entry, const std::string &name, int prev,
                             bool hasInputs, std::vector<Ref> refs) {
  std::string owner = "block instance '" + name + "'";
  if (!checkKeys(d, entry, {"name", "type", "block", "repeat", "args", "inputs"}, owner))
    return poison(scope.prefix + name, entry.loc);
  Attrs attrs(d, entry, owner);
  if (!attrs.require("block"))
    return poison(scope.prefix + name, entry.loc);
  const YNode *blockName = entry.get("block");
  auto found =
      blockName->isScalar() ? model.blockIndex.find(blockName->value) : model.blockIndex.end();
  if (found == model.blockIndex.end()) {
    std::vector<llvm::StringRef> names;
    for (const BlockSpec &block : model.blocks)
      names.push_back(block.name);
    d.error(blockName->loc,
            "unknown block " + blockName->describe() +
                (blockName->isScalar() ? didYouMean(blockName->value, names) : std::string()));
    return poison(scope.prefix + name, entry.loc);
  }
  const BlockSpec &block = model.blocks[found->second];
  std::optional<int64_t> repeat = attrs.optInt("repeat", 1);
  if (!attrs.ok() || block.broken)
    return poison(scope.prefix + name, entry.loc);
  if (llvm::is_contained(blockStack, block.name)) {
    std::string chain;
    auto from = llvm::find(blockStack, block.name);
    for (auto it = from; it != blockStack.end(); ++it)
      chain += *it + " -> ";
    d.error(blockName->loc,
            "block '" + block.name + "' instantiates itself: " + chain + block.name);
    return poison(scope.prefix + name, entry.loc);
  }

  // Arguments: given ones replace the defaults; a parameter without a default
  // must be given.
  Env env;
  env.block = &block;
  bool ok = true;
  if (const YNode *args = entry.get("args")) {
    if (!args->isMapping()) {
      d.error(args->loc, "'args' must map block parameters to values, got " + args->describe());
      ok = false;
    } else {
      std::vector<llvm::StringRef> names;
      for (const auto &param : block.params)
        names.push_back(param.first);
      for (const auto &[key, value] : args->entries) {
        if (!llvm::is_contained(names, key.value)) {
          d.error(key.loc, "block '" + block.name + "' has no parameter '" + key.value + "'" +
                               didYouMean(key.value, names));
          ok = false;
          continue;
        }
        env.values[key.value] = value;
      }
    }
  }
  for (const auto &[param, dflt] : block.params) {
    if (env.values.count(param))
      continue;
    if (dflt->isNull()) {
      d.error(entry.loc, "missing argument '" + param + "' for block '" + block.name + "'");
      ok = false;
      continue;
    }
    env.values[param] = *dflt;
  }
  size_t arity = block.inputs.size();
  if (hasInputs && refs.size() != arity) {
    d.error(entry.get("inputs")->loc, "block '" + block.name + "' takes " + llvm::Twine(arity) +
                                          " input" + (arity == 1 ? "" : "s") + ", got " +
                                          llvm::Twine(refs.size()));
    ok = false;
  } else if (!hasInputs && arity != 1) {
    d.error(entry.loc, "block '" + block.name + "' takes " + llvm::Twine(arity) +
                           " inputs; name them with 'inputs: [...]'");
    ok = false;
  }
  if (repeat && *repeat > 1 && arity != 1) {
    d.error(entry.get("repeat")->loc, "'repeat' needs a block with one input; '" + block.name +
                                          "' takes " + llvm::Twine(arity));
    ok = false;
  }
  if (!ok)
    return poison(scope.prefix + name, entry.loc);

  instantiated[found->second] = true;
  blockStack.push_back(block.name);
  int out = -1;
  int64_t count = repeat.value_or(1);
  for (int64_t k = 0; k < count && !tooBig; ++k) {
    Scope inner;
    inner.prefix = scope.prefix + name + (repeat ? "." + std::to_string(k) : "") + ".";
    int first = -1;
    for (size_t i = 0; i < arity; ++i) {
      FlatNode alias;
      alias.kind = FlatNode::Kind::Alias;
      alias.name = inner.prefix + block.inputs[i];
      alias.loc = entry.loc;
      int id = addNode(std::move(alias));
      if (id < 0)
        break;
      if (k > 0)
        g.nodes[id].inputs.push_back(out);
      else if (hasInputs)
        scope.pending.emplace_back(id, std::vector<Ref>{refs[i]});
      else if (prev >= 0)
        g.nodes[id].inputs.push_back(prev);
      inner.names[block.inputs[i]] = id;
      inner.nameList.push_back(block.inputs[i]);
      if (i == 0)
        first = id;
    }
    if (tooBig)
      break;
    std::vector<std::pair<int, llvm::SMLoc>> outputs;
    out = expandBody(inner, block.body, first, &env, &outputs);
    if (outputs.size() != 1) {
      if (!outputs.empty())
        d.error(outputs[1].second, "a block has one output");
      out = -1;
    } else {
      out = outputs[0].first;
    }
    if (out < 0)
      break;
  }
  blockStack.pop_back();
  if (out < 0)
    return tooBig ? -1 : poison(scope.prefix + name, entry.loc);
  // The instance's value under its own name.
  FlatNode result;
  result.kind = FlatNode::Kind::Alias;
  result.type = "block";
  result.name = scope.prefix + name;
  result.loc = entry.loc;
  result.inputs.push_back(out);
  return addNode(std::move(result));
}

int Expander::expandBody(Scope &scope, const Body &body, int firstInput, const Env *env,
                         std::vector<std::pair<int, llvm::SMLoc>> *outputs) {
  int prev = firstInput;
  size_t index = 0;
  for (auto [list, graphForm] : {std::pair(body.layers, false), std::pair(body.nodes, true)}) {
    if (!list)
      continue;
    for (const YNode &raw : list->items) {
      if (tooBig)
        return -1;
      int id = expandEntry(scope, raw, index++, graphForm, prev, env);
      if (id < 0)
        return -1;
      prev = id;
    }
  }

  // References, now that every name of the scope is known.
  for (auto &[id, refs] : scope.pending) {
    for (const auto &[name, loc] : refs) {
      auto it = scope.names.find(name);
      if (it == scope.names.end()) {
        std::vector<llvm::StringRef> names(scope.nameList.begin(), scope.nameList.end());
        d.error(loc, "unknown input '" + name + "'; it is neither an input nor a layer" +
                         (scope.prefix.empty() ? std::string() : " of this block") +
                         didYouMean(name, names));
        g.nodes[id].kind = FlatNode::Kind::Poison;
        continue;
      }
      g.nodes[id].inputs.push_back(it->second);
    }
  }

  if (!body.outputs) {
    outputs->emplace_back(prev, llvm::SMLoc());
    return prev;
  }
  std::vector<Ref> refs;
  if (!readRefs(*body.outputs, refs))
    return -1;
  for (const auto &[name, loc] : refs) {
    auto it = scope.names.find(name);
    if (it == scope.names.end()) {
      std::vector<llvm::StringRef> names(scope.nameList.begin(), scope.nameList.end());
      d.error(loc, "unknown output '" + name + "'" + didYouMean(name, names));
      continue;
    }
    outputs->emplace_back(it->second, loc);
  }
  return outputs->empty() ? -1 : outputs->front().first;
}

std::optional<FlatGraph> Expander::run() {
  instantiated.assign(model.blocks.size(), false);
  Scope top;
  for (size_t i = 0; i < model.inputs.size(); ++i) {
    FlatNode node;
    node.kind = model.inputs[i].broken ? FlatNode::Kind::Poison : FlatNode::Kind::Input;
    node.name = model.inputs[i].name;
    node.loc = model.inputs[i].loc;
    node.argIndex = i;
    int id = addNode(std::move(node));
    define(top, model.inputs[i].name, model.inputs[i].loc, id);
  }
  // Unknown outputs are reported and left out: the layers are still built,
  // to report their problems too.
  expandBody(top, model.body, 0, nullptr, &g.outputs);
  if (tooBig)
    return std::nullopt;

  // Blocks that no instance reached are still checked, once, with their
  // default arguments (when every parameter has one) and inputs that carry
  // nothing: their layers report attribute errors but build nothing.
  for (size_t i = 0; i < model.blocks.size(); ++i) {
    const BlockSpec &block = model.blocks[i];
    if (instantiated[i] || block.broken)
      continue;
    Env env;
    env.block = &block;
    bool complete = true;
    for (const auto &[param, dflt] : block.params) {
      if (dflt->isNull())
        complete = false;
      else
        env.values[param] = *dflt;
    }
    instantiated[i] = true;
    if (!complete)
      continue;
    Scope inner;
    inner.prefix = block.name + ".";
    int first = -1;
    for (const std::string &input : block.inputs) {
      FlatNode alias;
      alias.kind = FlatNode::Kind::Alias;
      alias.name = inner.prefix + input;
      alias.loc = block.loc;
      int id = addNode(std::move(alias));
      if (id < 0)
        return std::nullopt;
      inner.names[input] = id;
      inner.nameList.push_back(input);
      if (first < 0)
        first = id;
    }
    std::vector<std::pair<int, llvm::SMLoc>> outputs;
    blockStack.push_back(block.name);
    expandBody(inner, block.body, first, &env, &outputs);
    blockStack.pop_back();
    if (tooBig)
      return std::nullopt;
  }

  // Kahn's algorithm, smallest id first: declaration order where possible,
  // so parameters are numbered as they are written.
  size_t n = g.nodes.size();
  std::vector<std::vector<int>> users(n);
  std::vector<int> pendingInputs(n, 0);
  for (size_t i = 0; i < n; ++i)
    for (int input : g.nodes[i].inputs) {
      users[input].push_back(static_cast<int>(i));
      ++pendingInputs[i];
    }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (size_t i = 0; i < n; ++i)
    if (pendingInputs[i] == 0)
      ready.push(static_cast<int>(i));
  std::vector<bool> done(n, false);
  auto release = [&](int id) {
    done[id] = true;
    for (int user : users[id])
      if (--pendingInputs[user] == 0)
        ready.push(user);
  };
  while (true) {
    while (!ready.empty()) {
      int id = ready.top();
      ready.pop();
      if (done[id])
        continue;
      g.order.push_back(id);
      release(id);
    }
    // What is left lies on or behind a cycle. Walk back along inputs that
    // are not done until a node repeats: that stretch is a cycle.
    int start = -1;
    for (size_t i = 0; i < n && start < 0; ++i)
      if (!done[i])
        start = static_cast<int>(i);
    if (start < 0)
      break;
    std::vector<int> path;
    std::vector<int> position(n, -1);
    int cur = start;
    while (position[cur] < 0) {
      position[cur] = static_cast<int>(path.size());
      path.push_back(cur);
      for (int input : g.nodes[cur].inputs)
        if (!done[input]) {
          cur = input;
          break;
        }
    }
    std::vector<int> cycle(path.begin() + position[cur], path.end());
    std::reverse(cycle.begin(), cycle.end());
    // Name the layers and block instances (not the block inputs), starting
    // at the one declared first.
    std::vector<int> named;
    for (int id : cycle)
      if (g.nodes[id].kind != FlatNode::Kind::Alias || g.nodes[id].type == "block")
        named.push_back(id);
    if (named.empty())
      named = cycle;
    std::rotate(named.begin(), std::min_element(named.begin(), named.end()), named.end());
    std::string text;
    for (int id : named)
      text += g.nodes[id].name + " -> ";
    text += g.nodes[named.front()].name;
    d.error(g.nodes[named.front()].loc, "cycle between layers: " + text);
    // Cut the cycle and carry on, to report the others.
    for (int id : cycle) {
      g.nodes[id].kind = FlatNode::Kind::Poison;
      if (!done[id])
        release(id);
    }
  }
  return std::move(g);
}

} // namespace

std::optional<FlatGraph> mlir::hnn::frontend::expandModel(Diag &d, const ModelSpec &model) {
  return Expander(d, model).run();
}
